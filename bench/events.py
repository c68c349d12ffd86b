#!/usr/bin/env python3
"""Event coder benchmark helpers (bench/events.sh).

  events.py records XML OUT.jsonl        PETRARCH validation records -> JSON Lines input
  events.py groups XML DIR               the same split by configuration: DIR/gNN.jsonl
                                         with DIR/gNN.ini (PETR_config.ini options), one
                                         group per run of records coded with the same options
  events.py score XML ANNOTATED.jsonl    share of records coded exactly right
  events.py repeat IN.jsonl N OUT.jsonl  the input N times (for speed runs)

A record is right when the set of (source, target, CAMEO code) of its events
equals the expected set; negated events count as not coded (PETRARCH does not
output them either); "noevents" and error records expect no event; a missing
actor or actor code is "---" as in PETRARCH's output.

The validation file's <Config option=... value=...> elements change PETRARCH's
options for the records that follow them, in file order; the options start at
PETRARCH's defaults (its PETR_config.ini): require_dyad true, new_actor_length
0, comma_min 2, comma_max 8, comma_bmin 0, comma_bmax 0, comma_emin 2,
comma_emax 8. stop_on_error (a debugging switch) is not a coding option.
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


PETR_DEFAULTS = [('require_dyad', 'true'), ('new_actor_length', '0'), ('comma_min', '2'),
                 ('comma_max', '8'), ('comma_bmin', '0'), ('comma_bmax', '0'),
                 ('comma_emin', '2'), ('comma_emax', '8')]


def config_groups(xml):
    """[(options, [(n, record)...])]: runs of records under the same options."""
    root = ET.parse(xml).getroot()
    opts = dict(PETR_DEFAULTS)
    groups = []
    recs = list(records(xml))
    n = 0
    for el in root.find('Sentences'):
        if el.tag == 'Config' and el.get('option') in opts:
            v = el.get('value')
            if el.get('option') == 'require_dyad':  # PETRARCH: "false" anywhere in it
                v = 'false' if 'false' in v.lower() else 'true'
            opts[el.get('option')] = v
        elif el.tag == 'Sentence':
            key = tuple(sorted(opts.items()))
            if not groups or groups[-1][0] != key:
                groups.append((key, []))
            groups[-1][1].append((n, recs[n]))
            n += 1
    return groups


def record_json(n, rec):
    rid, date, cat, text, exp = rec
    d = date or ''
    if len(d) == 8:
        d = d[:4] + '-' + d[4:6] + '-' + d[6:]
    return json.dumps({'id': '%03d-%s' % (n, rid), 'date': d, 'text': text}) + '\n'


def main():
    cmd = sys.argv[1]
    if cmd == 'records':
        with open(sys.argv[3], 'w') as out:
            for n, rec in enumerate(records(sys.argv[2])):
                out.write(record_json(n, rec))
    elif cmd == 'groups':
        for g, (key, recs) in enumerate(config_groups(sys.argv[2])):
            base = '%s/g%02d' % (sys.argv[3], g)
            with open(base + '.ini', 'w') as out:
                # PETRARCH codes every verb as an act ("will contribute" = 07):
                # newsgraph's coding of intentions, refusals and modality is off
                out.write('[Options]\ncode_mood = false\n' + ''.join('%s = %s\n' % kv for kv in key))
            with open(base + '.jsonl', 'w') as out:
                for n, rec in recs:
                    out.write(record_json(n, rec))
            print(base)
    elif cmd == 'score':
        recs = list(records(sys.argv[2]))
        got = {}
        with open(sys.argv[3]) as f:
            for line in f:
                d = json.loads(line)
                got[d['id']] = set((e['source'].get('code') or '---', e['target'].get('code') or '---',
                                    e['cameo'])
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
