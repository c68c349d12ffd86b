#!/usr/bin/python3
"""results.py -- rewrites docs/results.md from the benchmarks' outputs (bench/run.sh).

For every benchmark that ran (NAME given on the command line, its output in OUT/NAME.log and its
command, exit status and date in OUT/NAME.meta) the rows of docs/results.md are replaced by the
figures read from the output; the rows of the benchmarks that did not run are kept as they were,
with their own date.  A figure the output does not hold (a benchmark changed its printout) is
written as "not found in the output" rather than silently dropped.

The README's "Measured" table (between its results markers) is rewritten from the same rows, a
selection of them (README_ROWS), so the two always agree.

usage: results.py OUT_DIR RESULTS_MD [NAME...]   (RESULTS_MD's ../README.md is the README)
"""
import os, re, sys

def first(pat, text, fmt=None, flags=0):
    m = re.search(pat, text, flags)
    if not m:
        return None
    return fmt.format(*m.groups()) if fmt else m.group(1)

def grab(text, *specs):
    """[(measure, figure)] for (measure, pattern, format) specs."""
    rows = []
    for measure, pat, fmt in specs:
        v = first(pat, text, fmt, re.M)
        rows.append((measure, v if v is not None else 'not found in the output'))
    return rows

EXTRACT = {
    'sentences': lambda t: grab(t,
        ('sentence boundary F1, CoNLL-2003 valid / GUM',
         r'CoNLL-2003 valid .* F1 ([0-9.]+).*\n(?:.*\n)*?GUM .* F1 ([0-9.]+)', '{} / {}')),
    'text': lambda t: grab(t,
        ('segmenter + tokenizer alone, one core', r'^segment: .*: ([0-9.]+ MB/s), ([0-9]+ articles/s)',
         '{}, {}'),
        ('annotate, read + clean + segment + write, -j1, 200 MB',
         r'^wikinews x N .*-j1, extract\+segment .* ([0-9.]+ MB/s/core)', '{}')),
    'extract': lambda t: grab(t,
        ('WCXB dev word F1, all page types / articles',
         r'^newsgraph +([0-9.]+) (?:.*\n)+? +article +n=\d+ +F1 ([0-9.]+)', '{} / {}'),
        ('extract stage, pages/s on one core incl. parsing', r'^ng_wcxb: .* ([0-9.]+ pages/s)', '{}')),
    'syntax': lambda t: grab(t,
        ('EWT dev, gold tokenization: UPOS / XPOS / lemma, tagger alone',
         r'^tagger alone: +.*?UPOS ([0-9.]+)(?:.*\n)*?.*XPOS ([0-9.]+) +lemma ([0-9.]+)', '{} / {} / {}'),
        ('tagging alone, one core (CPU time), EWT train', r'^tagging alone: +([0-9]+ words/s)', '{}')),
    'ner': lambda t: grab(t,
        ('CoNLL-2003 dev entity F1 (with MISC)', r'== typed_with_MISC\n(?:.*\n)*?  ALL .*F1= ([0-9.]+)', '{}'),
        ('tagging speed, one core', r'^speed: ([0-9]+ tokens/s)', '{}')),
    'coref': lambda t: grab(t,
        ('GUM news, antecedent links P / R / F1, end to end',
         r'^end-to-end +all +P +([0-9.]+) +R +([0-9.]+) +F1 +([0-9.]+)', '{} / {} / {}'),
        ('GUM news, links F1 with oracle entity tags', r'^oracle-tags +all .*F1 +([0-9.]+)', '{}'),
        ('coref stage alone, one core', r'^coref: .*: ([0-9]+ documents/s)', '{}')),
    'quotes': lambda t: grab(t,
        ('PolNeAR dev, direct quotes F1 / speaker accuracy, overlap 0.3',
         r'^direct +0\.3 .* ([0-9.]+) +([0-9.]+%)$', '{} / {}'),
        ('PolNeAR dev, all attributions F1, overlap 0.3', r'^all +0\.3 .* ([0-9.]+) +[0-9.]+%$', '{}'),
        ('quotes stage alone, one core (CPU time)', r'^quotes stage: .*: ([0-9]+ articles/s)', '{}'),
        ('whole path, annotate -j 1 from the files', r'^whole path .*, ([0-9]+ articles/s)', '{}')),
    'events': lambda t: grab(t,
        ('PETRARCH2 validation records coded exactly', r'^records coded exactly right: (\d+ / \d+ = [0-9.]+%)', '{}'),
        ('events stage alone, one core, Wikinews, data/events (CPU time)',
         r'^wikinews, data/events: events stage alone.*CPU time: ([0-9]+ sentences/s)', '{}'),
        ('the same with all PETRARCH2 dictionaries',
         r'^wikinews, all petrarch2 dictionaries: events stage alone.*CPU time: ([0-9]+ sentences/s)', '{}')),
    'events_plover': lambda t: grab(t,
        ('PLOVER GSR dev: type / type+actors accuracy',
         r'^records \d+ +type ([0-9.]+) +type\+actors ([0-9.]+)', '{} / {}'),
        ('Wikinews hand judgements, dev: precision / recall (type)',
         r'"precision_type": "([0-9.]+)".*"recall_type": "([0-9.]+)"', '{} / {}')),
    'warc': lambda t: grab(t,
        ('WARC reader alone, gzip per record, one core', r'^big\.warc\.gz .*: ([0-9.]+ MB/s) input', '{} of input'),
        ('the same, plain WARC', r'^big\.warc .*: ([0-9.]+ MB/s) input', '{} of input'),
        ('gzip -dc on the same file (the floor)', r'^gzip -dc .*: ([0-9.]+ MB/s) input', '{} of input')),
    'store': lambda t: grab(t,
        ('build (SQLite) over annotate, extra CPU, Wikinews x20', r'^store extra cost +: .*?([+-][0-9]+% CPU)', '{}'),
        ('annotate to JSON Lines, Wikinews x20, -j 2', r'^annotate -> JSONL .* ([0-9]+ articles/s)', '{}'),
        ('query latency, 100k articles, slowest example query',
         r'^slowest: (.*?) +target', '{}')),
}

HEADER = """# Results

The current figure of every benchmark: written by `make bench` (bench/run.sh runs each benchmark,
bench/results.py reads its output), not by hand. A row keeps its date until its benchmark runs
again; a benchmark whose data is absent keeps its last figures. What each benchmark measures and
how: bench/README.md. Machine: the shared 2-core development machine, so speeds vary by tens of
percent with its load (the date gives the load average when the benchmark started); compare speeds
only in alternating runs (docs/internals/*.md say how).
Dev and train data only: held-out figures are measured elsewhere.

| benchmark | measure | figure | command | date |
|---|---|---|---|---|
"""

def read_rows(path):
    rows = []
    if not os.path.exists(path):
        return rows
    for line in open(path, encoding='utf-8'):
        if not line.startswith('| ') or line.startswith('| benchmark ') :
            continue
        cells = [c.strip() for c in line.strip().strip('|').split(' | ')]
        if len(cells) == 5:
            rows.append(cells)
    return rows

# The rows the README's "Measured" table shows (the rest only in docs/results.md).
README_ROWS = {
    'sentence boundary F1, CoNLL-2003 valid / GUM',
    'segmenter + tokenizer alone, one core',
    'WCXB dev word F1, all page types / articles',
    'extract stage, pages/s on one core incl. parsing',
    'EWT dev, gold tokenization: UPOS / XPOS / lemma, tagger alone',
    'tagging alone, one core (CPU time), EWT train',
    'CoNLL-2003 dev entity F1 (with MISC)',
    'tagging speed, one core',
    'GUM news, antecedent links P / R / F1, end to end',
    'PolNeAR dev, direct quotes F1 / speaker accuracy, overlap 0.3',
    'PolNeAR dev, all attributions F1, overlap 0.3',
    'quotes stage alone, one core (CPU time)',
    'PETRARCH2 validation records coded exactly',
    'events stage alone, one core, Wikinews, data/events (CPU time)',
    'PLOVER GSR dev: type / type+actors accuracy',
    'WARC reader alone, gzip per record, one core',
    'annotate to JSON Lines, Wikinews x20, -j 2',
    'build (SQLite) over annotate, extra CPU, Wikinews x20',
    'query latency, 100k articles, slowest example query',
}
BEGIN, END = '<!-- results: begin (bench/results.py writes this table) -->', '<!-- results: end -->'

def write_readme(path, rows):
    """Replaces the table between the markers in the README with the README_ROWS of `rows`."""
    text = open(path, encoding='utf-8').read()
    if BEGIN not in text or END not in text:
        print(f'{path}: no results markers; not changed')
        return
    table = ['| benchmark | measure | result | date |', '|---|---|---|---|']
    for r in rows:
        if r[1] in README_ROWS:
            table.append('| ' + ' | '.join([r[0], r[1], r[2], r[4]]) + ' |')
    a, b = text.index(BEGIN) + len(BEGIN), text.index(END)
    with open(path, 'w', encoding='utf-8') as f:
        f.write(text[:a] + '\n' + '\n'.join(table) + '\n' + text[b:])

def main():
    out, md, ran = sys.argv[1], sys.argv[2], sys.argv[3:]
    old = read_rows(md)
    new = []
    for name in EXTRACT:
        if name not in ran:
            new += [r for r in old if r[0] == name]
            continue
        text = open(os.path.join(out, name + '.log'), encoding='utf-8', errors='replace').read()
        meta = dict(l.split(': ', 1) for l in
                    open(os.path.join(out, name + '.meta'), encoding='utf-8').read().splitlines())
        for measure, figure in EXTRACT[name](text):
            when = meta['date'] + (f" (load {meta['load']})" if meta.get('load') else '')
            new.append([name, measure, figure, '`' + meta['command'] + '`', when])
    with open(md, 'w', encoding='utf-8') as f:
        f.write(HEADER)
        for r in new:
            f.write('| ' + ' | '.join(c.replace('|', '\\|') for c in r) + ' |\n')
    print(f'{md}: {len(new)} rows, {len(ran)} benchmarks measured now')
    write_readme(os.path.join(os.path.dirname(os.path.abspath(md)), '..', 'README.md'), new)

main()
