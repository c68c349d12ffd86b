#!/usr/bin/python3
"""The PLOVER manual's example sentences, coded with our dictionaries.

usage: events_plover.py extract PLOVER_MANUAL.tex CAMEO_PLOVER.txt OUT.jsonl
       events_plover.py score OUT.jsonl CODED.jsonl [v]

extract: every quoted sentence (``...'' in the LaTeX source, outside comments)
of at least 5 words that begins with a capital letter, with the PLOVER type
the manual gives it, found in this order: "coded as \\plcat{X}" after it in
the same sentence; the CAMEO codes of a verbatim block right after it
(mapped with our cameo-plover.txt); the first event type named with \\plcat
later in its paragraph; the event-type section it stands in. Quotes with no
type (the auxiliary modes' examples) are left out. Written as newsgraph
JSON Lines input, one document per sentence, with the type in "plover".
score: per type, how many examples got an event of that type (recall), and
how many got any event. The manual has few full sentences, so this is a
coverage check of the ontology's wording, not an accuracy estimate.
"""
import json
import re
import sys

TYPES = ('AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST ACCUSE REJECT THREATEN '
         'PROTEST SANCTION MOBILIZE COERCE ASSAULT INVESTIGATE DEMAND DISAPPROVE').split()


def load_map(path):
    m = {}
    for line in open(path, encoding='utf-8'):
        f = line.split('#')[0].split()
        if len(f) >= 2:
            m[f[0]] = None if f[1] == '-' else f[1]
    return m


def cameo_type(m, code):
    for n in range(len(code), 1, -1):
        if code[:n] in m:
            return m[code[:n]]
    return None


def clean(s):
    s = re.sub(r'\\(emph|textit|ti|txt|plcat|plcon|textbf)\{([^}]*)\}', r'\2', s)
    s = s.replace('\\ldots', '...').replace('\\dots', '...').replace('\\$', '$').replace('\\%', '%')
    s = re.sub(r'\s+', ' ', s).strip()
    return s


def extract(tex, mapping, out):
    m = load_map(mapping)
    lines = [re.sub(r'(?<!\\)%.*', '', l) for l in open(tex, encoding='utf-8')]
    t = ''.join(lines)
    # section of each position
    secs = [(mm.start(), mm.group(1)) for mm in re.finditer(r'\\section\{([^}]*)\}', t)]
    seen, rows = set(), []
    for q in re.finditer(r"``(.+?)(''|\")", t, re.S):
        s = clean(q.group(1))
        if len(re.findall(r"[A-Za-z]+", s)) < 5 or not s[:1].isupper() or s in seen:
            continue
        after = t[q.end():]
        typ = None
        sent = re.split(r'(?<=[a-z)])\.\s', after, maxsplit=1)[0]
        mm = re.search(r'coded as \\plcat\{([A-Z]+)\}', sent)
        if mm:
            typ = mm.group(1)
        if not typ:
            vb = re.match(r'[^\\]{0,120}\\begin\{verbatim\}(.*?)\\end\{verbatim\}', after, re.S)
            if vb:
                codes = re.findall(r'\b(\d{3,4})\b', vb.group(1))
                if codes:
                    typ = cameo_type(m, codes[0])
        if not typ:
            para = re.split(r'\n\s*\n|\\item', after, maxsplit=1)[0]
            mm = re.search(r'\\plcat\{([A-Z]+)\}', para)
            if mm and mm.group(1) in TYPES:
                typ = mm.group(1)
        if not typ:
            sec = [n for p, n in secs if p < q.start()]
            if sec and sec[-1] in TYPES:
                typ = sec[-1]
        if not typ:
            continue
        seen.add(s)
        rows.append({'id': f'plover-{len(rows) + 1}', 'text': s, 'plover': typ,
                     'line': t.count('\n', 0, q.start()) + 1})
    with open(out, 'w', encoding='utf-8') as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + '\n')
    print(f'{len(rows)} typed example sentences from {tex}')


def score(gold, coded, verbose):
    want = {}
    for line in open(gold, encoding='utf-8'):
        r = json.loads(line)
        want[r['id']] = r
    got = {}
    for line in open(coded, encoding='utf-8'):
        d = json.loads(line)
        got[d['id']] = [(e.get('plover'), e['cameo'], (e.get('source') or {}).get('code'),
                         (e.get('target') or {}).get('code')) for e in d.get('events') or []]
    per = {}
    for i, r in want.items():
        typ = r['plover']
        ev = got.get(i, [])
        ok = any(p == typ for p, *_r in ev)
        c = per.setdefault(typ, [0, 0, 0])
        c[0] += 1
        c[1] += ok
        c[2] += bool([e for e in ev if e[0]])
        if verbose:
            print(f'  {"ok " if ok else "-- "}{typ:10s} {r["text"][:90]!r} -> {ev}')
    n = sum(c[0] for c in per.values())
    ok = sum(c[1] for c in per.values())
    for typ, c in sorted(per.items()):
        print(f'{typ:12s} {c[1]}/{c[0]} right type, {c[2]} with a PLOVER event')
    print(f'PLOVER manual examples: {ok}/{n} coded with the type the manual gives')


if __name__ == '__main__':
    if sys.argv[1] == 'extract':
        extract(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        score(sys.argv[2], sys.argv[3], len(sys.argv) > 4)
