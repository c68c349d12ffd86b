#!/usr/bin/python3
"""score.py -- the real-news quotation check (bench/quotes_news/PROTOCOL.md).

Annotates the Wikinews articles of ../shared/data/corpora/wikinews with a build,
matches the records of the judged articles to the hand judgements of
judged.tsv, and prints precision (records that are speech), speaker accuracy
and span accuracy on the true quotations, for the `quotes` array and for both
arrays together (`quotes` + `attributions`), and the records no judgement
matches (judge them, PROTOCOL.md, before quoting a figure).

  usage: bench/quotes_news/score.py [BUILD_DIR] [--held-out] [--unjudged] [--records OUT]
  (BUILD_DIR default build; NG_SHARED_DIR overrides ../shared)
Exit 77 when the corpus is absent.
"""
import glob, hashlib, json, os, re, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def load_judged(part):
    rows = []
    for line in open(os.path.join(HERE, 'judged.tsv'), encoding='utf-8'):
        if line.startswith('#') or not line.strip():
            continue
        f = line.rstrip('\n').split('\t')
        if f[0] != part and not (part == 'seen' and f[0] == 'added'):
            continue
        num = lambda v: int(v) if v not in ('', None) else None
        rows.append({'part': f[0], 'url': f[1], 's': int(f[2]), 'e': int(f[3]), 'cue': int(f[4]),
                     'check': f[5], 'label': f[6], 'ss': num(f[7]), 'se': num(f[8]),
                     'ps': num(f[9]), 'pe': num(f[10]), 'note': f[11] if len(f) > 11 else ''})
    return rows


def load_excluded():
    rows = []
    path = os.path.join(HERE, 'excluded.tsv')
    for line in open(path, encoding='utf-8'):
        if line.startswith('#') or not line.strip():
            continue
        f = line.rstrip('\n').split('\t')
        rows.append({'url': f[1], 's': int(f[2]), 'e': int(f[3]), 'cue': int(f[4]), 'ps': None, 'pe': None})
    return rows


def annotate(build, shared):
    csvs = sorted(glob.glob(os.path.join(shared, 'data', 'corpora', 'wikinews', 'data', '*.csv')))
    if not csvs:
        print('score.py: no Wikinews CSVs under %s' % shared, file=sys.stderr)
        sys.exit(77)
    tmp = tempfile.mkdtemp()
    src, out = os.path.join(tmp, 'wn.jsonl'), os.path.join(tmp, 'out.jsonl')
    subprocess.run([sys.executable, os.path.join(ROOT, 'bench', 'wikinews2jsonl.py'), src] + csvs,
                   check=True, stdout=subprocess.DEVNULL)
    subprocess.run([os.path.join(build, 'newsgraph'), 'annotate', '-q', '-j', '1', src, '-o', out],
                   check=True)
    docs = {}
    for line in open(out, encoding='utf-8'):
        d = json.loads(line)
        docs[d['source']['url']] = d
    return docs


def overlap(a, b, c, d):
    return max(0, min(b, d) - max(a, c))


def match(rec, judged):
    """The judgement of a predicted record: same cue and overlapping content, else
    content overlapping half the shorter of the two (the judged record or its right span)."""
    s, e, cue = rec['start'], rec['end'], rec['cue_start']
    best, bo = None, 0
    for j in judged:
        spans = [(j['s'], j['e'])] + ([(j['ps'], j['pe'])] if j['ps'] is not None else [])
        for a, b in spans:
            o = overlap(s, e, a, b)
            if cue is not None and cue == j['cue'] and o > 0:
                return j
            if o * 2 >= min(e - s, b - a) and o > bo:
                best, bo = j, o
    return best


STRIP = ' \t\n.,;:!?"\'“”‘’«»()-—–'


def norm(x):
    t = x.decode('utf-8', 'replace').strip(STRIP)
    if t.lower().startswith('that '):
        t = t[5:].strip(STRIP)
    return t


def last_word(x):
    w = re.findall(r"[\w-]+", x.decode('utf-8', 'replace').replace("’s", '').replace("'s", ''))
    return w[-1].lower() if w else ''


def speaker_right(text, rec, j):
    ps, pe = rec.get('speaker_start'), rec.get('speaker_end')
    gs, ge = j['ss'], j['se']
    if gs is None or gs < 0:
        return ps is None
    if ps is None:
        return False
    if gs <= ps and pe <= ge:
        return True
    return last_word(text[ps:pe]) == last_word(text[gs:ge])


def span_right(text, rec, j):
    return norm(text[rec['start']:rec['end']]) == norm(text[j['ps']:j['pe']])


def score(docs, judged, excluded, arrays):
    """Counts over the records of the judged articles in `arrays`: those that
    match a judgement, those that match a record left out by the cap (not
    counted), and the others (unjudged, returned)."""
    by_url, ex_url = {}, {}
    for j in judged:
        by_url.setdefault(j['url'], []).append(j)
    for x in excluded:
        ex_url.setdefault(x['url'], []).append(x)
    m = speech = spk = spn = 0
    labels, missing = {}, []
    for url, js in by_url.items():
        d = docs.get(url)
        if d is None:
            continue
        text = d['text'].encode('utf-8')
        for arr in arrays:
            for rec in d.get(arr, []):
                j = match(rec, js)
                if j is None:
                    if match(rec, ex_url.get(url, [])) is None:
                        missing.append((url, arr, rec))
                    continue
                m += 1
                labels[j['label']] = labels.get(j['label'], 0) + 1
                if j['label'] != 'speech':
                    continue
                speech += 1
                spk += speaker_right(text, rec, j)
                spn += span_right(text, rec, j)
    return m, speech, spk, spn, labels, missing


def found_speech(docs, judged):
    """Judged quotations (speech) that the `quotes` array holds."""
    tot = hit = 0
    for j in judged:
        if j['label'] != 'speech' or j['url'] not in docs:
            continue
        tot += 1
        d = docs[j['url']]
        hit += any(match(r, [j]) is j for r in d.get('quotes', []))
    return hit, tot


def main():
    args = [a for a in sys.argv[1:] if not a.startswith('--')]
    build = args[0] if args else os.path.join(ROOT, 'build')
    part = 'held-out' if '--held-out' in sys.argv else 'seen'
    shared = os.environ.get('NG_SHARED_DIR', os.path.join(ROOT, '..', 'shared'))
    judged = load_judged(part)
    excluded = load_excluded() if part == 'seen' else []
    docs = annotate(build, shared)
    if '--records' in sys.argv:
        out = sys.argv[sys.argv.index('--records') + 1]
        with open(out, 'w', encoding='utf-8') as f:
            for url in sorted({j['url'] for j in judged}):
                f.write(json.dumps(docs[url], ensure_ascii=False) + '\n')
    drift = sum(1 for j in judged if j['url'] in docs and hashlib.sha1(
        docs[j['url']]['text'].encode('utf-8')[j['s']:j['e']]).hexdigest()[:8] != j['check'])
    arts = len({j['url'] for j in judged})
    print('real-news quotation check (%s part): %d articles, %d judged records%s' % (
        part, arts, len(judged), ', %d whose text changed (extraction?)' % drift if drift else ''))
    print('%-22s %7s %9s %9s %9s %9s' % ('records', 'judged', 'precision', 'speaker', 'span',
                                          'unjudged'))
    unj = []
    for name, arrays in (('quotes (speech)', ['quotes']),
                         ('quotes + attributions', ['quotes', 'attributions'])):
        m, sp, spk, spn, labels, missing = score(docs, judged, excluded, arrays)
        print('%-22s %7d %9.3f %9.3f %9.3f %9d' % (name, m, sp / m if m else 0, spk / sp if sp else 0,
                                                  spn / sp if sp else 0, len(missing)))
        print('  judged as: ' + ', '.join('%s %d' % kv for kv in sorted(labels.items())))
        unj = missing
    hit, tot = found_speech(docs, judged)
    print('judged quotations (speech) in the quotes array: %d of %d' % (hit, tot))
    if '--unjudged' in sys.argv:
        for url, arr, r in unj:
            text = docs[url]['text'].encode('utf-8')
            a = max(0, r['start'] - 300)
            print('\nUNJUDGED %s %s [%d,%d) cue=%s(%s) %s\n  CONTENT: %s\n  SPEAKER: %s\n  CTX: %s' % (
                url, arr, r['start'], r['end'], r['cue'], r['cue_start'], r['kind'], r['text'],
                r.get('speaker_text'), text[a:r['end'] + 200].decode('utf-8', 'replace').replace('\n', ' / ')))


if __name__ == '__main__':
    main()
