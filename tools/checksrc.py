#!/usr/bin/python3
"""checksrc.py -- the project's C style, checked (in the spirit of curl's checksrc.pl).

Rules, each with a name (a line may waive one with a comment `checksrc: allow NAME`):
  LONGLINE      a line longer than 120 columns (tabs count to the next multiple of 8); 160 in
                tests/, whose tables hold long literals
  TRAILINGSPACE whitespace at the end of a line
  BANNER        a file that does not open with its purpose comment: "/*" then "** NAME -- what"
                (NAME the file's own name)
  BANNEDFUNC    malloc, calloc, realloc, free, strdup, strndup called in src/ outside
                src/core/alloc.c: heap memory goes through ng_malloc() and friends, so tests can
                count allocations and make them fail
  STAGEINIT     a stage table (const ng_stage ng_stage_X = {...}) whose fields are not all
                designated initializers (.name = ...), so a field added to ng_stage cannot shift
                the others
Checked: *.c and *.h under src/, cli/, include/, tests/unit/, tests/fuzz/ and bench/.
usage: tools/checksrc.py [ROOT]   (default: the checkout holding this script); exit 1 on a finding
       tools/checksrc.py --self-test  (each rule fires on files made to break it)
"""
import os, re, sys

ROOT = sys.argv[1] if len(sys.argv) > 1 and not sys.argv[1].startswith('--') else os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
DIRS = ['src', 'cli', 'include', 'tests/unit', 'tests/fuzz', 'bench']
MAX_COLS = 120
MAX_COLS_TESTS = 160
BANNED = re.compile(r'(?<![\w.>])(malloc|calloc|realloc|free|strdup|strndup)\s*\(')
STAGE = re.compile(r'^const ng_stage ng_stage_\w+ = \{')

def columns(line):
    col = 0
    for ch in line:
        col = (col // 8 + 1) * 8 if ch == '\t' else col + 1
    return col

def strip_strings_comments(line, in_comment):
    """The line's code outside string literals and comments (roughly: enough for BANNEDFUNC)."""
    out, i = [], 0
    while i < len(line):
        if in_comment:
            j = line.find('*/', i)
            if j < 0:
                return ''.join(out), True
            i, in_comment = j + 2, False
        elif line.startswith('/*', i):
            in_comment, i = True, i + 2
        elif line.startswith('//', i):
            break
        elif line[i] in '"\'':
            q, i = line[i], i + 1
            while i < len(line) and line[i] != q:
                i += 2 if line[i] == '\\' else 1
            i += 1
        else:
            out.append(line[i])
            i += 1
    return ''.join(out), in_comment

def check(path, rel, findings):
    try:
        lines = open(path, encoding='utf-8').read().split('\n')
    except UnicodeDecodeError:
        findings.append((rel, 1, 'ENCODING', 'not UTF-8'))
        return
    def report(n, rule, msg):
        if f'checksrc: allow {rule}' not in lines[n - 1]:
            findings.append((rel, n, rule, msg))
    name = os.path.basename(path)
    if len(lines) < 2 or lines[0] != '/*' or not lines[1].startswith(f'** {name} -- '):
        report(1, 'BANNER', f'the file should open with "/*" and "** {name} -- what it does"')
    banned = rel.startswith('src/') and rel != 'src/core/alloc.c'
    max_cols = MAX_COLS_TESTS if rel.startswith('tests/') else MAX_COLS
    in_comment = False
    stage_at = 0
    for n, line in enumerate(lines, 1):
        if columns(line) > max_cols:
            report(n, 'LONGLINE', f'{columns(line)} columns (at most {max_cols})')
        if line != line.rstrip():
            report(n, 'TRAILINGSPACE', 'whitespace at the end of the line')
        code, in_comment = strip_strings_comments(line, in_comment)
        if banned:
            m = BANNED.search(code)
            if m:
                report(n, 'BANNEDFUNC', f'{m.group(1)}(): use ng_{m.group(1)}() (src/core/core.h)')
        if STAGE.match(line):
            stage_at = n
        elif stage_at:
            s = code.strip()
            if s.startswith('}'):
                stage_at = 0
            elif s and not s.startswith('.'):
                report(n, 'STAGEINIT', 'stage tables use designated initializers (.name = ...)')

def self_test():
    """Each rule fires on a file made to break it, and only there; an allowed line passes."""
    import tempfile
    with tempfile.TemporaryDirectory() as root:
        os.makedirs(os.path.join(root, 'src', 'stage', 'x'))
        bad = os.path.join(root, 'src', 'stage', 'x', 'x.c')
        with open(bad, 'w') as f:
            f.write('/*\n** y.c -- the wrong name\n*/\n'
                    'static char *p(void) { return malloc(3); } \n'
                    'static void q(char *s) { free(s); /* checksrc: allow BANNEDFUNC */ }\n'
                    'static const char *s = "free(x) in a string";\n'
                    'int f(void) { return ' + '1 + ' * 30 + '1; }\n'
                    'const ng_stage ng_stage_x = {\n\t"x",\n\t.process = NULL,\n};\n')
        good = os.path.join(root, 'src', 'stage', 'x', 'good.c')
        with open(good, 'w') as f:
            f.write('/*\n** good.c -- a file that keeps the rules\n*/\n'
                    'const ng_stage ng_stage_good = {\n\t.name = "good",\n};\n')
        findings = []
        check(bad, os.path.relpath(bad, root), findings)
        check(good, os.path.relpath(good, root), findings)
    got = sorted((rel, n, rule) for rel, n, rule, _ in findings)
    want = sorted([('src/stage/x/x.c', 1, 'BANNER'), ('src/stage/x/x.c', 4, 'BANNEDFUNC'),
                   ('src/stage/x/x.c', 4, 'TRAILINGSPACE'), ('src/stage/x/x.c', 7, 'LONGLINE'),
                   ('src/stage/x/x.c', 9, 'STAGEINIT')])
    if got != want:
        print(f'checksrc self-test: got {got}, want {want}')
        return 1
    print('checksrc self-test: every rule fires where it should')
    return 0

def main():
    if '--self-test' in sys.argv:
        return self_test()
    findings = []
    files = 0
    for d in DIRS:
        for dirpath, dirnames, filenames in os.walk(os.path.join(ROOT, d)):
            dirnames[:] = sorted(x for x in dirnames if x not in ('out', 'corpus'))
            for fn in sorted(filenames):
                if fn.endswith(('.c', '.h')):
                    p = os.path.join(dirpath, fn)
                    check(p, os.path.relpath(p, ROOT), findings)
                    files += 1
    for rel, n, rule, msg in findings:
        print(f'{rel}:{n}: {rule}: {msg}')
    print(f'checksrc: {files} files, {len(findings)} findings')
    return 1 if findings else 0

sys.exit(main())
