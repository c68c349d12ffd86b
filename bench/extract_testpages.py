#!/usr/bin/python3
"""Metadata agreement on Mozilla Readability's test pages (bench/extract.sh).

usage: extract_testpages.py TEST_PAGES_DIR NEWSGRAPH.jsonl READABILITY.json
For each page whose expected-metadata.json has a value: title agrees when equal after whitespace
normalisation and case folding; byline when one contains the other (case-folded); date when the
first 10 characters (YYYY-MM-DD) agree. Prints hits / pages-with-a-value per system."""
import json, re, sys
from pathlib import Path

def norm(s):
    return re.sub(r'\s+', ' ', str(s or '')).strip().casefold()

def agree(field, pred, gold):
    p, g = norm(pred), norm(gold)
    if not p:
        return False
    if field == 'title':
        return p == g
    if field == 'byline':
        return g in p or p in g
    return p[:10] == g[:10]

root = Path(sys.argv[1])
ng = {}
for line in open(sys.argv[2], encoding='utf8'):
    d = json.loads(line)
    name = Path(d['id']).parent.name
    ng[name] = {'title': d.get('title'), 'byline': d.get('author'), 'date': d.get('date')}
rd = json.load(open(sys.argv[3], encoding='utf8'))
gold = {}
for p in sorted(root.iterdir()):
    f = p / 'expected-metadata.json'
    if f.exists():
        m = json.loads(f.read_text(encoding='utf8'))
        gold[p.name] = {'title': m.get('title'), 'byline': m.get('byline'), 'date': m.get('publishedTime')}
print(f'readability test pages: {len(gold)} pages')
print(f'{"system":<14} {"title":>11} {"byline":>11} {"date":>11}')
for sysname, pred in (('newsgraph', ng), ('readability', rd)):
    cells = []
    for field in ('title', 'byline', 'date'):
        n = sum(1 for g in gold.values() if g[field])
        hit = sum(1 for k, g in gold.items() if g[field] and agree(field, (pred.get(k) or {}).get(field), g[field]))
        cells.append(f'{hit:>4}/{n:<4} ')
    print(f'{sysname:<14} ' + ' '.join(cells))
