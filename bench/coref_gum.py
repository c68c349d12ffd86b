#!/usr/bin/python3
"""coref_gum.py -- coreference measurement on the GUM news documents.

  coref_gum.py prepare GUMDIR OUTDIR
      rebuilds each GUM_news_* text from dep/*.conllu (tokens, SpaceAfter=No,
      paragraphs) and writes OUTDIR/gold.json (mentions and chains from
      coref-conll/*.conll), OUTDIR/oracle.bench (the texts with "oracle" entity
      tags for ng_coref_bench: the proper-noun part of every gold mention
      headed by a proper noun, typed person->PER, organization->ORG,
      place->LOC, other->MISC) and OUTDIR/docs.jsonl ({"id","text"} for
      `newsgraph annotate`).
  coref_gum.py baseline OUTDIR OUT.jsonl
      a baseline for scale: the oracle tags, mentions with the same text form
      one entity, no pronouns.
  coref_gum.py score OUTDIR/gold.json SYSTEM.jsonl LABEL
      scores system entities (JSON lines with "id", "text", "entities") and
      prints one line per mention class.

Metric (docs/internals/coref.md): the evaluated gold mentions are the person
and organization mentions that are names (syntactic head is a PROPN) or
third-person pronouns. A system mention is aligned with a gold mention when
it contains the gold head token and lies inside the gold mention. A link is
a system mention whose entity has an earlier aligned mention; it is correct
when its antecedent belongs to the same gold chain. The antecedent of a name
is the nearest earlier aligned name of the same entity (or, when there is
none, its nearest earlier aligned mention); of a pronoun, the nearest earlier
aligned mention of any kind. Precision = correct links / links; recall = correct links /
gold mentions that have an earlier evaluated mention in their chain.
"""
import glob, json, os, re, sys

PRONOUNS = {"he", "him", "his", "himself", "she", "her", "hers", "herself", "they", "them",
            "their", "theirs", "themselves", "it", "its", "itself"}
TYPES = {"person": "PER", "organization": "ORG", "place": "LOC"}
CONNECT = {"of", "the", "and", "&", "de", "for"}


def read_conllu(path):
    """-> list of sentences; each a dict(par=bool, toks=[(form, upos, head, space_after)])"""
    sents, cur, newpar = [], None, False
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("# newpar"):
            newpar = True
        elif line.startswith("# sent_id"):
            cur = {"par": newpar, "toks": []}
            newpar = False
            sents.append(cur)
        elif line and not line.startswith("#"):
            f = line.split("\t")
            if "-" in f[0] or "." in f[0]:
                continue
            cur["toks"].append((f[1], f[3], int(f[6]), "SpaceAfter=No" not in f[9]))
    return sents


def read_conll(path):
    """-> list of (form, coref column) for every token"""
    out = []
    for line in open(path, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        f = line.rstrip("\n").split("\t")
        out.append((f[1], f[2] if len(f) > 2 else "_"))
    return out


def parse_mentions(col):
    """mentions from the coref column: [(i, j, type, chain)] with j inclusive"""
    opened, res = [], []
    for i, (_, c) in enumerate(col):
        if c == "_":
            continue
        p = 0
        while p < len(c):
            if c[p] == "(":
                m = re.match(r"\(([a-z]+)-(\d+)[^()]*", c[p:])
                typ, cid = m.group(1), int(m.group(2))
                p += m.end()
                if p < len(c) and c[p] == ")":
                    res.append((i, i, typ, cid))
                    p += 1
                else:
                    opened.append((i, typ, cid))
            else:
                m = re.match(r"([a-z]+)-(\d+)[^()]*\)", c[p:])
                if not m:
                    p += 1
                    continue
                typ, cid = m.group(1), int(m.group(2))
                p += m.end()
                for k in range(len(opened) - 1, -1, -1):
                    if opened[k][1] == typ and opened[k][2] == cid:
                        res.append((opened[k][0], i, typ, cid))
                        del opened[k]
                        break
    return res


def prepare(gum, outdir):
    os.makedirs(outdir, exist_ok=True)
    gold, bench, jsonl = {}, [], []
    for conllu in sorted(glob.glob(os.path.join(gum, "dep", "GUM_news_*.conllu"))):
        doc = os.path.basename(conllu)[:-len(".conllu")]
        sents = read_conllu(conllu)
        col = read_conll(os.path.join(gum, "coref-conll", doc + ".conll"))
        toks, text = [], bytearray()  # toks: (start, end, upos, head_global, form)
        for s in sents:
            if toks:
                if s["par"]:
                    text += b"\n\n"
                elif toks[-1][5]:
                    text += b" "
            base = len(toks)
            for k, (form, upos, head, space) in enumerate(s["toks"]):
                if k and s["toks"][k - 1][3]:
                    text += b" "
                b = form.encode()
                toks.append((len(text), len(text) + len(b), upos, base + head - 1 if head else -1,
                             form, space))
                text += b
        assert len(toks) == len(col), (doc, len(toks), len(col))
        assert all(t[4] == c[0] for t, c in zip(toks, col)), doc
        mentions, tags = [], set()
        for i, j, typ, cid in parse_mentions(col):
            inside = range(i, j + 1)
            head = next((k for k in inside if not (i <= toks[k][3] <= j)), j)
            cls = "other"
            if i == j and toks[i][2] == "PRON" and toks[i][4].lower() in PRONOUNS:
                cls = "pronoun"
            elif toks[head][2] == "PROPN":
                cls = "name"
            if typ in ("person", "organization") and cls != "other":
                mentions.append({"start": toks[i][0], "end": toks[j][1], "hs": toks[head][0],
                                 "he": toks[head][1], "chain": cid, "cls": cls, "type": typ})
            if toks[head][2] == "PROPN":
                props = [k for k in inside if toks[k][2] == "PROPN"]
                a, b = props[0], props[-1]
                if any(toks[k][2] != "PROPN" and toks[k][4].lower() not in CONNECT
                       for k in range(a, b + 1)):
                    a = b = head
                    while a > i and toks[a - 1][2] == "PROPN":
                        a -= 1
                    while b < j and toks[b + 1][2] == "PROPN":
                        b += 1
                tags.add((toks[a][0], toks[b][1], TYPES.get(typ, "MISC")))
        # drop tags overlapping a longer one
        kept = []
        for t in sorted(tags, key=lambda t: (t[0], -(t[1] - t[0]))):
            if kept and t[0] < kept[-1][1]:
                continue
            kept.append(t)
        gold[doc] = {"text": text.decode(), "mentions": mentions}
        bench.append(b"#doc %s %d %d\n" % (doc.encode(), len(text), len(kept)) + bytes(text) + b"\n" +
                     b"".join(b"%d %d %s\n" % (s, e, t.encode()) for s, e, t in kept))
        jsonl.append(json.dumps({"id": doc, "text": text.decode()}, ensure_ascii=False))
    json.dump(gold, open(os.path.join(outdir, "gold.json"), "w"))
    open(os.path.join(outdir, "oracle.bench"), "wb").write(b"".join(bench))
    open(os.path.join(outdir, "docs.jsonl"), "w").write("\n".join(jsonl) + "\n")
    n = sum(len(g["mentions"]) for g in gold.values())
    print(f"prepared {len(gold)} GUM news documents, {n} person/organization name and pronoun mentions")


def aligner(sys_text, gold_text):
    """maps byte spans of sys_text to byte spans of gold_text through the
    matching blocks of a character diff; spans with an unmatched end -> None"""
    import difflib
    sm = difflib.SequenceMatcher(None, sys_text, gold_text, autojunk=False)
    s2g = {}
    for a, b, n in sm.get_matching_blocks():
        for k in range(n + 1):
            s2g.setdefault(a + k, b + k)
    def byte_to_char(t):
        m, c = {}, 0
        for i, ch in enumerate(t):
            m[c] = i
            c += len(ch.encode())
        m[c] = len(t)
        return m
    sb = byte_to_char(sys_text)
    gc = {v: k for k, v in byte_to_char(gold_text).items()}
    def remap(a, b):
        ca, cb = sb.get(a), sb.get(b)
        if ca is None or cb is None or ca not in s2g or cb not in s2g:
            return None, None
        return gc.get(s2g[ca]), gc.get(s2g[cb])
    return remap


def score(gold_path, sys_path, label):
    gold = json.load(open(gold_path))
    links = {"name": [0, 0], "pronoun": [0, 0]}  # class -> [links, correct]
    anaph = {"name": 0, "pronoun": 0}
    found = {"name": [0, 0], "pronoun": [0, 0]}  # class -> [aligned, total]
    seen = 0
    for line in open(sys_path, encoding="utf-8"):
        d = json.loads(line)
        doc = os.path.basename(d["id"]).replace(".txt", "")
        if doc not in gold:
            continue
        g = gold[doc]
        remap = None
        if d["text"] != g["text"]:
            remap = aligner(d["text"], g["text"])  # the extract stage changed the text
        seen += 1
        gm = sorted(g["mentions"], key=lambda m: m["start"])
        # gold anaphoric mentions
        first = set()
        for m in gm:
            if m["chain"] in first:
                anaph[m["cls"]] += 1
            first.add(m["chain"])
        # system mentions -> aligned gold mention (the smallest containing its head)
        sysm = []
        for e in d.get("entities", []):
            for m in e["mentions"]:
                a, b = m["start"], m["end"]
                if remap:
                    a, b = remap(a, b)
                    if a is None or b is None:
                        continue
                sysm.append((a, b, e["id"]))
        sysm.sort()
        used = set()
        aligned = []  # (start, entity, gold index)
        for s, e, ent in sysm:
            best = None
            for k, m in enumerate(gm):
                if k in used or not (s <= m["hs"] and m["he"] <= e and m["start"] <= s and e <= m["end"]):
                    continue
                if best is None or m["end"] - m["start"] < gm[best]["end"] - gm[best]["start"]:
                    best = k
            if best is not None:
                used.add(best)
                aligned.append((s, ent, best))
        for k, m in enumerate(gm):
            found[m["cls"]][1] += 1
            found[m["cls"]][0] += k in used
        # the antecedent of a name is the entity's nearest earlier name; of a
        # pronoun, its nearest earlier mention of any kind
        last, last_name = {}, {}
        for s, ent, k in aligned:
            cls = gm[k]["cls"]
            ante = last_name.get(ent) if cls == "name" else last.get(ent)
            if ante is None and cls == "name":
                ante = last.get(ent)
            if ante is not None:
                links[cls][0] += 1
                links[cls][1] += gm[ante]["chain"] == gm[k]["chain"]
            last[ent] = k
            if cls == "name":
                last_name[ent] = k
    def row(name, l, c, a, f):
        p = 100.0 * c / l if l else 0.0
        r = 100.0 * c / a if a else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        print(f"{label:<22} {name:<8} P {p:5.1f}  R {r:5.1f}  F1 {f1:5.1f}   "
              f"(links {l}, correct {c}, gold anaphoric {a}; mentions found {f[0]}/{f[1]})")
    tl = sum(v[0] for v in links.values())
    tc = sum(v[1] for v in links.values())
    ta = sum(anaph.values())
    tf = [sum(v[0] for v in found.values()), sum(v[1] for v in found.values())]
    for cls in ("name", "pronoun"):
        row(cls, links[cls][0], links[cls][1], anaph[cls], found[cls])
    row("all", tl, tc, ta, tf)
    if seen != len(gold):
        print(f"  scored {seen} of {len(gold)} documents", file=sys.stderr)


def baseline(outdir, out):
    data = open(os.path.join(outdir, "oracle.bench"), "rb").read()
    p, lines = 0, []
    while p < len(data):
        nl = data.index(b"\n", p)
        _, doc, nb, nt = data[p:nl].split()
        text = data[nl + 1:nl + 1 + int(nb)]
        p = nl + 2 + int(nb)
        ents = {}
        for _ in range(int(nt)):
            nl = data.index(b"\n", p)
            a, b, _t = data[p:nl].split()
            p = nl + 1
            key = text[int(a):int(b)].lower()
            ents.setdefault(key, []).append({"start": int(a), "end": int(b)})
        lines.append(json.dumps({"id": doc.decode(), "text": text.decode(), "entities": [
            {"id": i, "mentions": m} for i, m in enumerate(ents.values())]}))
    open(out, "w").write("\n".join(lines) + "\n")


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "prepare":
        prepare(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 4 and sys.argv[1] == "baseline":
        baseline(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 5 and sys.argv[1] == "score":
        score(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        sys.exit(__doc__)
