#!/usr/bin/python3
"""Wikinews CSV (url,date,title,text) -> newsgraph JSON Lines, optionally repeated with changed ids
until the output reaches a size.  usage: wikinews2jsonl.py OUT.jsonl CSV... [--min-mb N]"""
import csv, json, sys
args = [a for a in sys.argv[1:] if not a.startswith('--')]
min_mb = 0
if '--min-mb' in sys.argv:
    min_mb = float(sys.argv[sys.argv.index('--min-mb') + 1]); args.remove(sys.argv[sys.argv.index('--min-mb') + 1])
out, csvs = args[0], args[1:]
csv.field_size_limit(1 << 30)
rows = []
for fn in csvs:
    with open(fn, newline='', encoding='utf-8') as f:
        for r in csv.DictReader(f):
            rows.append(r)
size, rep = 0, 0
with open(out, 'w', encoding='utf-8') as f:
    while True:
        for i, r in enumerate(rows):
            line = json.dumps({'id': f'wn-{rep}-{i}', 'url': r['url'], 'date': r['date'], 'title': r['title'],
                               'text': r['text']}, ensure_ascii=False) + '\n'
            f.write(line); size += len(line.encode())
        rep += 1
        if size >= min_mb * 1e6: break
print(f'{out}: {len(rows) * rep} articles, {size / 1e6:.1f} MB')
