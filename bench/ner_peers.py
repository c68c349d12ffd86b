#!/usr/bin/python3
"""ner_peers.py -- format conversions for bench/ner.sh (peers on CoNLL-2003).

  opennlp-train CONLL OUT     CoNLL -> OpenNLP name-finder training format
                              (<START:type> ... <END>, blank line between documents)
  sentences CONLL OUT         one sentence per line, tokens joined by single spaces
  opennlp-pred CONLL TAGGED   OpenNLP's tagged sentences -> "token gold pred" lines
  compromise-pred CONLL JSON  compromise's spans (char offsets per sentence) -> lines
"""
import json, sys

def read_conll(path):
    docs, doc, sent = [], [], []
    for line in open(path, encoding='utf-8'):
        c = line.split()
        if not c or c[0] == '-DOCSTART-':
            if sent:
                doc.append(sent); sent = []
            if c and doc:
                docs.append(doc); doc = []
            continue
        sent.append((c[0], c[-1]))
    if sent:
        doc.append(sent)
    if doc:
        docs.append(doc)
    return docs

def bio(tags):
    """IOB1 -> BIO"""
    out, prev = [], 'O'
    for t in tags:
        if t.startswith('I-') and (prev == 'O' or prev[2:] != t[2:]):
            t = 'B-' + t[2:]
        out.append(t); prev = t
    return out

def spans(tags):
    res, i = [], 0
    while i < len(tags):
        if tags[i].startswith('B-'):
            j = i + 1
            while j < len(tags) and tags[j] == 'I-' + tags[i][2:]:
                j += 1
            res.append((i, j, tags[i][2:])); i = j
        else:
            i += 1
    return res

def sents(path):
    return [s for d in read_conll(path) for s in d]

def main():
    cmd, a, b = sys.argv[1], sys.argv[2], sys.argv[3]
    if cmd == 'opennlp-train':
        with open(b, 'w', encoding='utf-8') as f:
            for d in read_conll(a):
                for s in d:
                    toks, tags = [t for t, _ in s], bio([g for _, g in s])
                    out, i = [], 0
                    for (x, y, ty) in spans(tags):
                        out += toks[i:x] + ['<START:%s>' % ty.lower()] + toks[x:y] + ['<END>']
                        i = y
                    out += toks[i:]
                    f.write(' '.join(out) + '\n')
                f.write('\n')
    elif cmd == 'sentences':
        with open(b, 'w', encoding='utf-8') as f:
            for s in sents(a):
                f.write(' '.join(t for t, _ in s) + '\n')
    elif cmd == 'opennlp-pred':
        lines = [l.rstrip('\n') for l in open(b, encoding='utf-8')]
        lines = [l for l in lines if l.strip()]
        ss = sents(a)
        if len(lines) != len(ss):
            sys.exit('opennlp-pred: %d tagged lines for %d sentences' % (len(lines), len(ss)))
        for s, l in zip(ss, lines):
            pred, cur, inside = [], None, False
            for w in l.split(' '):
                if w.startswith('<START:') and w.endswith('>'):
                    cur, first = w[7:-1].upper(), True
                    continue
                if w == '<END>':
                    cur = None
                    continue
                if not w:
                    continue
                if cur:
                    pred.append(('B-' if first else 'I-') + cur); first = False
                else:
                    pred.append('O')
            if len(pred) != len(s):
                pred = (pred + ['O'] * len(s))[:len(s)]
            for (t, g), p in zip(s, pred):
                print(t, g, p)
            print()
    elif cmd == 'compromise-pred':
        res = json.load(open(b, encoding='utf-8'))
        for s, ents in zip(sents(a), res):
            starts, pos = [], 0
            for t, _ in s:
                starts.append(pos); pos += len(t) + 1
            pred = ['O'] * len(s)
            for (cs, ce, ty) in ents:
                toks = [i for i, st in enumerate(starts) if st < ce and st + len(s[i][0]) > cs]
                if not toks or any(pred[i] != 'O' for i in toks):
                    continue
                for k, i in enumerate(toks):
                    pred[i] = ('B-' if k == 0 else 'I-') + ty
            for (t, g), p in zip(s, pred):
                print(t, g, p)
            print()

main()
