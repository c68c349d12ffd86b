#!/usr/bin/python3
"""Sentence-boundary accuracy of `newsgraph annotate` on gold-segmented documents.

Documents are rebuilt from the gold sentences, then cleaned and segmented by newsgraph's text stage
(`ng_bench sentences`: text cleaning + segmenter, without the extract stage's crawled-text furniture
trimming, so the text stays exactly what was built); a boundary is the byte
offset where one sentence ends and the next begins (paragraph and document ends excluded, since
they are given away by the text). Prints boundary precision/recall/F1 and the share of gold
sentences reproduced exactly.

  CoNLL-2003 (eng.valid.txt): documents from -DOCSTART-; tokens detokenized with simple rules (no
    space before , . ; : ) ' n't 's, none after ( $ and inside quotes); an opening quotation mark
    that CoNLL's splitter left at the end of the previous sentence is moved back to the sentence it
    opens; sentences joined by a space,
    except that a sentence without final punctuation (headline, dateline, table row) ends its line,
    as it does in the Reuters originals.
  GUM (dep/*.conllu, news and interview): each sentence's `# text =`; sentences within a paragraph
    (`# newpar`) joined by a space, paragraphs by a blank line.

usage: sentences.py NG_BENCH SHARED_DIR [--show]   (--show prints each error in context)
"""
import json, os, re, subprocess, sys, tempfile

def detok(tokens):
    out = ''
    dq_open = False
    prev = None
    for t in tokens:
        space = True
        if prev is None or prev in ('(', '[', '$', '``') or (prev == '"' and dq_open):
            space = False
        if t in (',', '.', ';', ':', ')', ']', '?', '!', "'s", "n't", "'re", "'ve", "'ll", "'d", "'m", '%', "''"):
            space = False
        if t == '"':
            if dq_open:
                space = False
            dq_open = not dq_open
        out += (' ' if space and out else '') + t
        prev = t
    return out

def conll_docs(path):
    docs, doc, sent = [], [], []
    for line in open(path, encoding='utf-8'):
        c = line.split()
        if not c:
            if sent: doc.append(detok(sent)); sent = []
            continue
        if c[0] == '-DOCSTART-':
            if sent: doc.append(detok(sent)); sent = []
            if doc: docs.append([doc]); doc = []
            continue
        sent.append(c[0])
    if sent: doc.append(detok(sent))
    if doc: docs.append([doc])
    return [[move_quotes(d[0])] for d in docs]

def move_quotes(sents):
    """CoNLL's sentence splitter attached some opening quotation marks to the end of the previous
    sentence ('... said Rios . "' / 'But I think ...'): give them back to the sentence they open."""
    out = list(sents)
    for i in range(len(out) - 1):
        s = out[i]
        if s.endswith(' "') and s.count('"') % 2 == 1 and re.search(r'[.!?] "$', s):
            out[i] = s[:-2]
            out[i + 1] = '"' + out[i + 1]
    return out  # doc = [paragraph], paragraph = [sentences]

def gum_docs(d):
    docs = []
    for fn in sorted(os.listdir(d)):
        if not fn.endswith('.conllu'): continue
        paras, cur = [], []
        for line in open(os.path.join(d, fn), encoding='utf-8'):
            if line.startswith('# newpar'):
                if cur: paras.append(cur); cur = []
            elif line.startswith('# text = '):
                cur.append(line[len('# text = '):].rstrip('\n'))
        if cur: paras.append(cur)
        docs.append(paras)
    return docs

FINAL = re.compile(r'[.!?]["\'”’)\]]*$|[.!?] ?(\'\'|")$')

def build(doc, conll):
    """text, gold boundary offsets (bytes), gold sentence spans (bytes)"""
    text = b''
    bounds, spans = set(), []
    for pi, para in enumerate(doc):
        if pi: text += b'\n\n'
        for si, s in enumerate(para):
            b = s.encode()
            if si:
                prev = para[si - 1]
                sep = b'\n' if (conll and not FINAL.search(prev)) else b' '
                bounds.add(len(text))
                text += sep
            spans.append((len(text), len(text) + len(b)))
            text += b
    return text, bounds, spans

def run(ng, docs, conll):
    with tempfile.NamedTemporaryFile('w', suffix='.jsonl', delete=False) as f:
        built = []
        for i, d in enumerate(docs):
            t, b, s = build(d, conll)
            built.append((t, b, s))
            f.write(json.dumps({'id': str(i), 'text': t.decode()}) + '\n')
        name = f.name
    out = subprocess.run([ng, 'sentences', name], capture_output=True, check=True).stdout
    os.unlink(name)
    tp = fp = fn = 0; exact = total = 0
    for (t, gb, gs), line in zip(built, out.decode().splitlines()):
        d = json.loads(line)
        assert d['text'].encode() == t, 'text changed by cleaning'
        ps = d['sentences']
        pb = set()
        for a, b in zip(ps, ps[1:]):
            # a predicted boundary between a[1] and b[0]; count it at the first separator byte
            if b'\n\n' in t[a[1]:b[0]]: continue
            pb.add(a[1])
        gbset = {x for x in gb if b'\n\n' not in t[x:x + 2]}
        tp += len(pb & gbset); fp += len(pb - gbset); fn += len(gbset - pb)
        if SHOW:
            for x in sorted(pb - gbset): print('FP', repr(t[max(0, x - 50):x].decode(errors='replace')), '|', repr(t[x:x + 40].decode(errors='replace')))
            for x in sorted(gbset - pb): print('FN', repr(t[max(0, x - 50):x].decode(errors='replace')), '|', repr(t[x:x + 40].decode(errors='replace')))
        pset = {tuple(x) for x in ps}
        exact += sum(1 for s in gs if s in pset); total += len(gs)
    P = tp / (tp + fp) if tp + fp else 0; R = tp / (tp + fn) if tp + fn else 0
    F = 2 * P * R / (P + R) if P + R else 0
    return dict(docs=len(docs), sentences=total, boundaries=tp + fn, P=P, R=R, F1=F, exact=exact / total)

SHOW = '--show' in sys.argv

def main():
    ng, shared = sys.argv[1], sys.argv[2]
    conll = os.path.join(shared, 'data/ner/conll2003/eng.valid.txt')
    gum = os.path.join(shared, 'data/ner/gum/dep')
    if not os.path.exists(conll) or not os.path.isdir(gum):
        print('sentences.py: ../shared data absent; skipped'); sys.exit(77)
    for name, docs, isc in (('CoNLL-2003 valid', conll_docs(conll), True), ('GUM news+interview', gum_docs(gum), False)):
        r = run(ng, docs, isc)
        print(f"{name:20s} docs {r['docs']:4d} sentences {r['sentences']:5d} boundaries {r['boundaries']:5d}  "
              f"P {r['P']:.4f} R {r['R']:.4f} F1 {r['F1']:.4f}  exact sentences {r['exact']:.4f}")

if __name__ == '__main__':
    main()
