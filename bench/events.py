#!/usr/bin/env python3
"""Event coder benchmark helpers (bench/events.sh).

  events.py records XML OUT.jsonl        PETRARCH validation records -> JSON Lines input
  events.py score XML ANNOTATED.jsonl    share of records coded exactly right
  events.py repeat IN.jsonl N OUT.jsonl  the input N times (for speed runs)

A record is right when the set of (source, target, CAMEO code) of its events
equals the expected set; negated events count as not coded (PETRARCH does not
output them either); "noevents" and error records expect no event.
"""
import json
import sys
import xml.etree.ElementTree as ET


def records(xml):
    root = ET.parse(xml).getroot()
    for s in root.find('Sentences').findall('Sentence'):
        exp = set()
        for e in s.findall('EventCoding'):
            if e.get('sourcecode') is not None:
                exp.add((e.get('sourcecode'), e.get('targetcode'), e.get('eventcode')))
        text = ' '.join(s.find('Text').text.split())
        yield s.get('id'), s.get('date'), s.get('category'), text, exp


def main():
    cmd = sys.argv[1]
    if cmd == 'records':
        with open(sys.argv[3], 'w') as out:
            for n, (rid, date, cat, text, exp) in enumerate(records(sys.argv[2])):
                d = date or ''
                if len(d) == 8:
                    d = d[:4] + '-' + d[4:6] + '-' + d[6:]
                out.write(json.dumps({'id': '%03d-%s' % (n, rid), 'date': d, 'text': text}) + '\n')
    elif cmd == 'score':
        recs = list(records(sys.argv[2]))
        got = {}
        with open(sys.argv[3]) as f:
            for line in f:
                d = json.loads(line)
                got[d['id']] = set((e['source'].get('code'), e['target'].get('code'), e['cameo'])
                                   for e in d['events'] if not e['negated'])
        right = 0
        bycat = {}
        verbose = len(sys.argv) > 4
        for n, (rid, date, cat, text, exp) in enumerate(recs):
            key = '%03d-%s' % (n, rid)
            g = got.get(key, set())
            ok = g == exp
            right += ok
            c = bycat.setdefault(cat, [0, 0])
            c[0] += ok
            c[1] += 1
            if verbose and not ok:
                print('MISS %s | %s\n   want %s\n   got  %s' % (rid, text, sorted(exp), sorted(g)))
        for cat in sorted(bycat):
            print('  %-10s %3d / %3d' % (cat, bycat[cat][0], bycat[cat][1]))
        print('records coded exactly right: %d / %d = %.1f%%' % (right, len(recs), 100.0 * right / len(recs)))
    elif cmd == 'repeat':
        lines = open(sys.argv[2]).read().splitlines()
        n = int(sys.argv[3])
        with open(sys.argv[4], 'w') as out:
            for k in range(n):
                for line in lines:
                    d = json.loads(line)
                    d['id'] = '%s-%d' % (d['id'], k)
                    out.write(json.dumps(d) + '\n')


if __name__ == '__main__':
    main()
