#!/usr/bin/python3
"""manpages.py -- one man page per command, made from its --help.

    tools/manpages.py NEWSGRAPH OUTDIR

writes OUTDIR/newsgraph-COMMAND.1 for every command that `NEWSGRAPH --help`
lists. The command's --help is the reference (it is what the program does);
this turns it into roff so that `man newsgraph-annotate` says the same thing
and the two cannot drift: the ctest `man-pages` runs this into a temporary
directory and compares with docs/man/, which is committed so that an install
needs no Python. The overview page docs/man/newsgraph.1 is written by hand.

How the help text is read (tools/manpages.py is its only reader, so the
layout below is a contract with cli/*.c):
  - "usage: ..." and its indented continuation lines: the synopsis;
  - paragraphs of unindented lines: the description;
  - a line "options...:" starts the options; an option line starts with
    "-" after at most 6 spaces, its description follows after two spaces
    and continues on lines indented deeper;
  - other indented blocks (tables of subcommands, formats) are kept as they
    are, in a no-fill block;
  - "exit status: ..." becomes the EXIT STATUS section.
The data directory the program found here is replaced by DATA, so that the
pages do not depend on the machine that made them.
"""
import os
import re
import subprocess
import sys


def run(prog, *args):
    env = dict(os.environ)
    env.pop("NEWSGRAPH_DATA", None)
    p = subprocess.run([prog, *args], capture_output=True, text=True, env=env)
    return p.stdout + p.stderr


def commands(prog):
    """(name, summary) for every command of the program's --help."""
    out, take = [], False
    for line in run(prog, "--help").splitlines():
        if line.strip() == "commands:":
            take = True
            continue
        if take:
            m = re.match(r"^  (\S+)\s+(.*)$", line)
            if not m:
                break
            out.append((m.group(1), m.group(2)))
    return out


def data_dir(prog):
    m = re.search(r"^data directory: *(\S+)", run(prog, "--version"), re.M)
    if m:
        return m.group(1)
    m = re.search(r"Here: (\S+)$", run(prog, "--help"), re.M)
    return m.group(1) if m else None


def esc(s):
    s = s.replace("\\", "\\e").replace("-", "\\-")
    return "\\&" + s if s[:1] in (".", "'") else s


def blocks(lines):
    """Groups lines into ('para'|'pre'|'opts'|'exit', [lines])."""
    out, i = [], 0
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            i += 1
            continue
        if re.match(r"^options\b.*:$", line):
            j = i + 1
            while j < len(lines) and (lines[j].startswith(" ") or not lines[j].strip()):
                if not lines[j].strip() and j + 1 < len(lines) and not lines[j + 1].startswith(" "):
                    break
                j += 1
            out.append(("opts", lines[i + 1:j]))
            i = j
        elif line.startswith("exit status:"):
            j = i + 1
            while j < len(lines) and lines[j].strip():
                j += 1
            out.append(("exit", lines[i:j]))
            i = j
        elif line.startswith(" "):
            j = i
            while j < len(lines) and lines[j].startswith(" "):
                j += 1
            out.append(("pre", lines[i:j]))
            i = j
        else:
            j = i
            while j < len(lines) and lines[j].strip() and not lines[j].startswith(" ") \
                    and not re.match(r"^options\b.*:$", lines[j]) \
                    and not lines[j].startswith("exit status:"):
                j += 1
            out.append(("para", lines[i:j]))
            i = j
    return out


def options(lines):
    """(spec, description) pairs from an options block."""
    out = []
    for line in lines:
        m = re.match(r"^ {1,6}(-\S.*?)(?: {2,}(.*))?$", line)
        if m:
            out.append([m.group(1), m.group(2) or ""])
        elif out and line.strip():
            out[-1][1] += (" " if out[-1][1] else "") + line.strip()
    return out


def page(prog, name, summary, version, ddir):
    text = run(prog, name, "--help")
    if ddir:
        text = text.replace(ddir, "DATA")
    lines = text.splitlines()
    usage = []
    while lines and (not usage or lines[0].startswith(" ")):
        usage.append(lines.pop(0).replace("usage: ", "", 1).strip())
    title = "NEWSGRAPH-" + name.upper()
    r = [
        '.\\" Made by tools/manpages.py from \'newsgraph %s --help\'; do not edit.' % name,
        '.TH %s 1 "2026" "newsgraph %s" "User Commands"' % (title, version),
        ".SH NAME",
        "newsgraph\\-%s \\- %s" % (esc(name), esc(summary)),
        ".SH SYNOPSIS",
        ".nf",
    ]
    r += [esc(u) for u in usage]
    r += [".fi", ".SH DESCRIPTION"]
    first, notes = True, False
    for kind, bl in blocks(lines):
        if kind in ("para", "pre") and notes:
            r.append(".SH NOTES")  # text after the options
            first, notes = True, False
        if kind == "para":
            if not first:
                r.append(".PP")
            r.append(esc(" ".join(x.strip() for x in bl)))
        elif kind == "pre":
            r += [".PP", ".nf"] + [esc(x) for x in bl] + [".fi"]
        elif kind == "opts":
            r.append(".SH OPTIONS")
            for spec, desc in options(bl):
                r += [".TP", "\\fB%s\\fR" % esc(spec), esc(desc)]
            notes = True
            continue
        elif kind == "exit":
            r += [".SH EXIT STATUS", esc(" ".join(x.strip() for x in bl)
                                         .replace("exit status: ", "", 1))]
        first = False
    r += [".SH SEE ALSO", "\\fBnewsgraph\\fR(1)", ""]
    return "\n".join(r)


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: tools/manpages.py NEWSGRAPH OUTDIR")
    prog, outdir = sys.argv[1], sys.argv[2]
    m = re.search(r"(\d+\.\d+\.\d+)", run(prog, "--version"))
    version = m.group(1) if m else "?"
    ddir = data_dir(prog)
    cmds = commands(prog)
    if not cmds:
        sys.exit("manpages: %s --help lists no commands" % prog)
    os.makedirs(outdir, exist_ok=True)
    for name, summary in cmds:
        with open(os.path.join(outdir, "newsgraph-%s.1" % name), "w") as f:
            f.write(page(prog, name, summary, version, ddir))
    print("manpages: %d pages in %s" % (len(cmds), outdir))


if __name__ == "__main__":
    main()
