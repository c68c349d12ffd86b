#!/usr/bin/python3
"""Precision and recall of newsgraph's events against the hand judgements (PROTOCOL.md).

usage: score.py JUDGEMENTS.tsv OUT.jsonl [dev|test|all] [v]

Only the articles in the judgements count (every sentence of each was read). A coded event counts
when it has a PLOVER type and is neither negated nor hypothetical (the coder's default output; the
same rule as the counts and the GDELT export). It is right ("type") when a judged event of the
sentence has its type, and right with actors ("type+actors") when also its source code begins with
the judged source's country (first three letters; "-" in the judgement: any) and likewise the
target. A judged event is found when some coded event matches it. Negated judged events are not to
be found: a coded event matching only one is wrong.
"""
import hashlib
import json
import sys


def load(path, split):
    gold, arts = [], {}
    for line in open(path, encoding='utf-8'):
        if line.startswith('#') or not line.strip():
            continue
        f = line.rstrip('\n').split('\t')
        if split != 'all' and f[1] != split:
            continue
        arts[f[0]] = True
        if f[5] == 'NONE':
            continue
        gold.append({'art': f[0], 'a': int(f[2]), 'b': int(f[3]), 'sha': f[4], 'type': f[5],
                     'src': f[6], 'tgt': f[8], 'neg': f[10] == '1' or f[11] not in ('asserted', '-', 'reported')})
    return gold, arts


def actor_ok(want, got):
    return want == '-' or (got or '').startswith(want[:3])


def main():
    split = sys.argv[3] if len(sys.argv) > 3 else 'dev'
    verbose = len(sys.argv) > 4
    gold, arts = load(sys.argv[1], split)
    docs = {}
    for line in open(sys.argv[2], encoding='utf-8'):
        d = json.loads(line)
        if d['id'] in arts:
            docs[d['id']] = d
    missing = [a for a in arts if a not in docs]
    if missing:
        sys.exit(f'score.py: {len(missing)} judged articles not in {sys.argv[2]}: {missing[:5]}')
    bad = 0
    for g in gold:
        t = docs[g['art']]['text'].encode()
        if hashlib.sha1(t[g['a']:g['b']]).hexdigest()[:12] != g['sha']:
            bad += 1
    if bad:
        print(f'warning: {bad} judged sentences no longer match the text (offsets moved)')
    n_sys = ok_t = ok_f = 0
    found_t, found_f = set(), set()
    for aid, d in docs.items():
        for e in d.get('events') or []:
            if not e.get('plover') or e.get('negated') or (e.get('modality') or 'asserted') != 'asserted':
                continue
            n_sys += 1
            s = (e.get('source') or {}).get('code')
            tg = (e.get('target') or {}).get('code')
            cands = [i for i, g in enumerate(gold) if g['art'] == aid and g['a'] <= e['start'] < g['b']
                     and g['type'] == e['plover'] and not g['neg']]
            full = [i for i in cands if actor_ok(gold[i]['src'], s) and actor_ok(gold[i]['tgt'], tg)]
            ok_t += bool(cands)
            ok_f += bool(full)
            found_t.update(cands)
            found_f.update(full)
            if verbose:
                mark = 'ok ' if full else ('typ' if cands else '-- ')
                txt = d['text'].encode()[e['start']:e['end']].decode()[:100]
                print(f"{mark} {aid} {e['plover']:11s} {s} -> {tg} [{e.get('verb_text')}] {txt!r}")
    n_gold = sum(1 for g in gold if not g['neg'])
    if verbose:
        for i, g in enumerate(gold):
            if not g['neg'] and i not in found_f:
                print(f"missed {g['art']} [{g['a']},{g['b']}] {g['type']} {g['src']} -> {g['tgt']}")
    pr = lambda a, b: f'{a / b:.2f}' if b else 'n/a'
    print(json.dumps({'split': split, 'articles': len(docs), 'judged_events': n_gold, 'coded_events': n_sys,
                      'precision_type': pr(ok_t, n_sys), 'precision_type+actors': pr(ok_f, n_sys),
                      'recall_type': pr(len(found_t), n_gold), 'recall_type+actors': pr(len(found_f), n_gold)}))


if __name__ == '__main__':
    main()
