#!/usr/bin/python3
"""world.py -- the worldwide entity check (bench/ner_world/PROTOCOL.md).

The annotations (annotations.tsv) hold article ids, sentence byte ranges and
entity byte ranges into the Wikinews article texts of ../shared; no text.
This script rebuilds CoNLL-format files from them at run time.

  world.py build SHARED OUTDIR     writes OUTDIR/dev.conll and OUTDIR/heldout.conll
                                   ("token _ _ TAG" lines, IOB2, -DOCSTART- per article)
  world.py sentences SHARED URL... prints the sentences of articles with their ids
                                   (the annotator's view; offsets are UTF-8 bytes)
  world.py compile SHARED HAND     turns a hand annotation file (one line per sentence:
                                   "ID<TAB>TYPE name | TYPE name ...", names in order of
                                   appearance) into annotations.tsv on standard output

Article id: the first 12 hex digits of SHA-1 of the article URL. Split (fixed before
any annotation was looked at): an article whose id starts with 0, 1, 2 or 3 is held
out (about a quarter), the rest is dev.
"""
import csv, hashlib, os, re, sys

csv.field_size_limit(1 << 27)
FILES = ('wikinews_2019.csv', 'wikinews_2020.csv')


def art_id(url):
    return hashlib.sha1(url.encode('utf-8')).hexdigest()[:12]


def heldout(aid):
    return aid[0] in '0123'


def articles(shared):
    d = os.path.join(shared, 'data', 'corpora', 'wikinews', 'data')
    out = {}
    for fn in FILES:
        with open(os.path.join(d, fn), encoding='utf-8', newline='') as f:
            for r in csv.DictReader(f):
                out[art_id(r['url'])] = (r['url'], r['text'].encode('utf-8'))
    return out


# tokens (on the decoded text): initialisms ("U.S."), numbers, words with inner hyphens,
# apostrophes or periods ("al-Quds", "O'Brien", "al-Qa’ida"), any other single character;
# a possessive "'s" is a token of its own, as in CoNLL; "Mr." keeps its period
TOK = re.compile(r"(?:[A-Za-z]\.){2,}|\d+(?:[.,:]\d+)*|[^\W\d_](?:\w|[-'.’](?=\w))*|\S")
ABBR = {'Mr', 'Mrs', 'Ms', 'Dr', 'St', 'Jr', 'Sr', 'Gen', 'Lt', 'Col', 'Maj', 'Capt', 'Sgt', 'Prof',
        'Rev', 'Gov', 'Sen', 'Rep', 'No', 'Mt', 'vs', 'Inc', 'Co', 'Ltd', 'Corp', 'Jan', 'Feb', 'Mar',
        'Apr', 'Jun', 'Jul', 'Aug', 'Sep', 'Sept', 'Oct', 'Nov', 'Dec', 'Ft', 'Adm', 'Brig'}


def tokens(text, s, e):
    """(start, end) byte ranges of the tokens of text[s:e]."""
    u = text[s:e].decode('utf-8')
    off = [0]
    for ch in u:
        off.append(off[-1] + len(ch.encode('utf-8')))
    out = []
    for m in TOK.finditer(u):
        a, b = m.span()
        if out and s + off[a] < out[-1][1]:
            continue
        if b < len(u) and u[b] == '.' and u[a:b] in ABBR:
            b += 1
        m2 = re.search(r"['’]s$", u[a:b])
        if m2 and m2.start() > 0:
            out.append((s + off[a], s + off[a + m2.start()]))
            a += m2.start()
        out.append((s + off[a], s + off[b]))
    return out


def sentences(text):
    """(start, end) byte ranges of sentences: paragraphs split after . ! ? (and a
    closing quote) followed by space and a capital or opening quote, not after a
    known abbreviation or an initial."""
    out = []
    for p in re.finditer(rb'[^\n]+', text):
        s, e = p.span()
        seg = s
        for m in re.finditer(rb'[.!?](?:["\'\xe2\x80\x9d\xe2\x80\x99]|\xe2\x80\x9d)?\s+(?=["A-Z\xe2])', text[s:e]):
            end = s + m.start() + 1
            w = re.search(rb'(\S+)\.$', text[seg:end])
            if w and (w.group(1).decode('utf-8', 'replace') in ABBR or re.fullmatch(rb'(?:[A-Z]\.)*[A-Z]', w.group(1))):
                continue
            stop = s + m.end()
            while stop > end and text[stop - 1:stop].isspace():
                stop -= 1
            out.append((seg, stop))
            seg = s + m.end()
        while e > seg and text[e - 1:e].isspace():
            e -= 1
        if e > seg:
            out.append((seg, e))
    date = re.compile(rb'[A-Z][a-z]+day, [A-Z][a-z]+ \d+, \d{4}\W*$')
    return [(a, b) for a, b in out if re.search(rb'[A-Za-z]', text[a:b]) and not date.match(text[a:b])]


def load_ann(path):
    """{article id: [(sent_start, sent_end, [(start, end, type)])]}"""
    ann = {}
    for ln, line in enumerate(open(path, encoding='utf-8'), 1):
        if not line.strip() or line.startswith('#'):
            continue
        c = line.rstrip('\n').split('\t')
        if c[0] == 'S':
            ann.setdefault(c[1], []).append((int(c[2]), int(c[3]), []))
        elif c[0] == 'E':
            ann[c[1]][-1][2].append((int(c[2]), int(c[3]), c[4]))
        else:
            sys.exit('%s:%d: unknown record %r' % (path, ln, c[0]))
    return ann


def conll(text, s, e, ents, where):
    toks = tokens(text, s, e)
    tags = ['O'] * len(toks)
    for a, b, t in ents:
        idx = [i for i, (x, y) in enumerate(toks) if x >= a and y <= b]
        if not idx or toks[idx[0]][0] != a or toks[idx[-1]][1] != b:
            sys.exit('%s: entity %d-%d (%s) is not on token boundaries' % (where, a, b, t))
        for k, i in enumerate(idx):
            tags[i] = ('B-' if k == 0 else 'I-') + t
    return ['%s _ _ %s' % (text[x:y].decode('utf-8', 'replace').replace(' ', '_'), g)
            for (x, y), g in zip(toks, tags)]


def build(shared, outdir):
    here = os.path.dirname(os.path.abspath(__file__))
    ann = load_ann(os.path.join(here, 'annotations.tsv'))
    arts = articles(shared)
    os.makedirs(outdir, exist_ok=True)
    files = {k: open(os.path.join(outdir, k + '.conll'), 'w', encoding='utf-8') for k in ('dev', 'heldout')}
    count = {'dev': [0, 0], 'heldout': [0, 0]}
    for aid in sorted(ann):
        if aid not in arts:
            sys.exit('world.py: article %s not in %s' % (aid, shared))
        text = arts[aid][1]
        k = 'heldout' if heldout(aid) else 'dev'
        f = files[k]
        f.write('-DOCSTART- -X- -X- O\n\n')
        for s, e, ents in ann[aid]:
            f.write('\n'.join(conll(text, s, e, ents, '%s %d-%d' % (aid, s, e))) + '\n\n')
            count[k][0] += 1
            count[k][1] += len(ents)
    for k, f in files.items():
        f.close()
        print('%s: %d sentences, %d entities' % (k, count[k][0], count[k][1]))


def show(shared, urls):
    arts = articles(shared)
    for u in urls:
        aid = art_id(u)
        text = arts[aid][1]
        print('# %s %s' % (aid, u))
        for i, (s, e) in enumerate(sentences(text)):
            print('%s.%d\t%s' % (aid, i, text[s:e].decode('utf-8')))


def compile_hand(shared, hand):
    arts = articles(shared)
    print('# worldwide entity check: annotations (bench/ner_world/PROTOCOL.md)')
    print('# S <article id> <sentence start> <end> | E <article id> <entity start> <end> <type>')
    print('# byte offsets into the UTF-8 text of the Wikinews article (CSV "text" field)')
    cur = None
    for ln, line in enumerate(open(hand, encoding='utf-8'), 1):
        line = line.rstrip('\n')
        if not line.strip() or line.startswith('#'):
            continue
        sid, _, rest = line.partition('\t')
        aid, n = sid.split('.')
        text = arts[aid][1]
        s, e = sentences(text)[int(n)]
        if aid != cur:
            print('# article %s %s' % (aid, arts[aid][0]))
            cur = aid
        print('S\t%s\t%d\t%d' % (aid, s, e))
        pos = s
        for item in [x.strip() for x in rest.split('|') if x.strip()]:
            t, _, name = item.partition(' ')
            if t not in ('PER', 'ORG', 'LOC', 'MISC'):
                sys.exit('%s:%d: bad type %r' % (hand, ln, t))
            nb = name.strip().encode('utf-8')
            # whole tokens only
            toks = tokens(text, s, e)
            starts = {a for a, b in toks}
            ends = {b for a, b in toks}
            i = text.find(nb, pos, e)
            while i >= 0 and not (i in starts and i + len(nb) in ends):
                i = text.find(nb, i + 1, e)
            if i < 0:
                sys.exit('%s:%d: %r not found in sentence %s after byte %d' % (hand, ln, name, sid, pos))
            print('E\t%s\t%d\t%d\t%s' % (aid, i, i + len(nb), t))
            pos = i + len(nb)


if __name__ == '__main__':
    if len(sys.argv) >= 4 and sys.argv[1] == 'build':
        build(sys.argv[2], sys.argv[3])
    elif len(sys.argv) >= 3 and sys.argv[1] == 'sentences':
        show(sys.argv[2], sys.argv[3:])
    elif len(sys.argv) == 4 and sys.argv[1] == 'compile':
        compile_hand(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)
