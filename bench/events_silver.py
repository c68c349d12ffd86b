#!/usr/bin/python3
"""Agreement of our dictionaries' events with the events the PETRARCH/Phoenix
dictionaries give on the same text (a silver reference, not a gold one).

usage: events_silver.py OURS.jsonl PHOENIX.jsonl [SAMPLE_OUT.tsv [N]]

Both files are `newsgraph annotate` output of the same documents. An event is
the key (document, sentence, PLOVER type, source code, target code); events
without a PLOVER type (CAMEO 01/02) are left out. Per PLOVER type it prints
how many Phoenix events we also code (exact codes, and with codes cut to the
country/IGO prefix, the first 3 characters), how many of ours Phoenix does
not have, and the sentences-with-that-type overlap. With SAMPLE_OUT it writes
N (default 60) of our events that Phoenix lacks, drawn with a fixed seed,
with their sentence, for inspection by hand.
"""
import collections
import json
import random
import sys


def load(path):
    ev, sent_text = set(), {}
    for line in open(path, encoding='utf-8'):
        d = json.loads(line)
        t = d['text'].encode()
        for e in d.get('events') or []:
            if not e.get('plover'):
                continue
            s = e['sentence']
            sent_text[(d['id'], s)] = t[e['start']:e['end']].decode('utf-8', 'replace')
            src = (e.get('source') or {}).get('code') or '-'
            tgt = (e.get('target') or {}).get('code') or '-'
            ev.add((d['id'], s, e['plover'], src, tgt, e['cameo'],
                    (e.get('source') or {}).get('text') or '', (e.get('target') or {}).get('text') or '',
                    e.get('verb_text') or ''))
    return ev, sent_text


def keys(ev, cut=None):
    out = collections.defaultdict(set)
    for (doc, s, typ, src, tgt, *_rest) in ev:
        if cut:
            src, tgt = src[:cut], tgt[:cut]
        out[typ].add((doc, s, src, tgt))
    return out


def main():
    ours, sent_ours = load(sys.argv[1])
    phx, sent_phx = load(sys.argv[2])
    k_o, k_p = keys(ours), keys(phx)
    c_o, c_p = keys(ours, 3), keys(phx, 3)
    types = sorted(set(k_o) | set(k_p), key=lambda t: -len(k_p.get(t, ())))
    print(f'{"PLOVER type":12s} {"phoenix":>7s} {"ours":>5s} {"both":>5s} {"recall":>6s} '
          f'{"both@cc":>7s} {"ours-only":>9s}')
    tot = collections.Counter()
    for t in types:
        p, o = k_p.get(t, set()), k_o.get(t, set())
        pc, oc = c_p.get(t, set()), c_o.get(t, set())
        both, bothc = len(p & o), len(pc & oc)
        only = len(o - p)
        tot.update(phx=len(p), ours=len(o), both=both, bothc=bothc, only=only)
        print(f'{t:12s} {len(p):7d} {len(o):5d} {both:5d} {both / len(p) if p else 0:6.1%} '
              f'{bothc:7d} {only:9d}')
    print(f'{"all":12s} {tot["phx"]:7d} {tot["ours"]:5d} {tot["both"]:5d} '
          f'{tot["both"] / max(tot["phx"], 1):6.1%} {tot["bothc"]:7d} {tot["only"]:9d}')
    # sentences coded with the same type, actors aside
    so = {(d, s, t) for (d, s, t, *_r) in ours}
    sp = {(d, s, t) for (d, s, t, *_r) in phx}
    print(f'sentence+type: phoenix {len(sp)}, ours {len(so)}, both {len(so & sp)} '
          f'({len(so & sp) / max(len(sp), 1):.1%} of phoenix)')
    if len(sys.argv) > 3:
        n = int(sys.argv[4]) if len(sys.argv) > 4 else 60
        pk = {(d, s, t, a, b) for (d, s, t, a, b, *_r) in phx}
        only = sorted(e for e in ours if e[:5] not in pk)
        random.Random(6).shuffle(only)
        with open(sys.argv[3], 'w', encoding='utf-8') as f:
            f.write('doc\tsent\tplover\tcameo\tsource\ttarget\tsource_text\ttarget_text\tverb\tsentence\n')
            for e in sorted(only[:n], key=lambda e: (e[2], e[0], e[1])):
                doc, s, typ, src, tgt, cameo, st, tt, vt = e
                f.write('\t'.join([doc, str(s), typ, cameo, src, tgt, st, tt, vt,
                                   sent_ours[(doc, s)].replace('\n', ' ').replace('\t', ' ')]) + '\n')
        print(f'{min(n, len(only))} of {len(only)} ours-only events written to {sys.argv[3]}')


main()
