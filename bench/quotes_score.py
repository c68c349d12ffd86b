#!/usr/bin/env python3
"""quotes_score.py -- scores the quotes stage against PolNeAR (brat standoff).

usage: quotes_score.py POLNEAR_SPLIT_DIR PRED.jsonl [--errors N]

PRED.jsonl comes from `ng_bench quotes SPLIT/text PRED.jsonl`: one line per
article {"id","text","quotes":[[start,end,kind,spk_s,spk_e,subj_s,subj_e,entity,
cue_s,cue_e],...]}
with BYTE offsets into our clean text. PolNeAR offsets are CHARACTER (code
point) offsets into its .txt files, so byte offsets are mapped to characters
through our text; when our clean text differs from the file, the two are
aligned with difflib.

Scoring follows the Gender Gap Tracker's evaluation (its README): a gold
content span is matched by the predicted span with the largest character
overlap |gold & pred| / |gold| at or above the threshold (0.3 and 0.8),
greedily and one-to-one; P = matched predictions / predictions, R = matched
gold / gold. "direct" = content spans holding double quotation marks, on both
sides. Speaker accuracy, over matched pairs (issue 5's definition): the
predicted speaker span overlaps the gold Source span, or, when the gold Source
is a pronoun, the predicted speaker is the entity the pronoun stands for;
PolNeAR does not annotate antecedents, so that entity is the one our coref
stage gives the pronoun's mention (PRED.jsonl carries every entity mention),
and when coref left the pronoun alone, our speaker counts only if our cue
subject is that pronoun and it was resolved to a name. An unresolved (null)
speaker is never right for a gold pronoun. A gold attribution without Source
counts as right when we give none (the Gender Gap Tracker's floating quotes).
The match threshold is >= (the issue's wording; the Gender Gap Tracker's code
uses >, which differs only on exact ties).
Articles annotated by several annotators: the first .ann in name order is used.
"""
import difflib
import json
import os
import re
import sys

DQ = re.compile('["\u201c\u201d\u00ab\u00bb\u201e]')
PRONOUNS = {"he", "she", "they", "i", "we", "it", "who", "you", "which", "that"}
GOLD_PRONOUNS = PRONOUNS | {"his", "her", "their", "its", "our", "my", "him", "them", "me", "us",
                            "whom", "whose", "your"}


def load_gold(split):
    anns = sorted(os.listdir(os.path.join(split, "attributions")))
    chosen = {}
    for f in anns:
        art = f.rsplit("_", 1)[0]
        chosen.setdefault(art, f)
    gold = {}
    for art, f in chosen.items():
        txt = open(os.path.join(split, "text", art + ".txt"), encoding="utf-8").read()
        T, E = {}, []
        for line in open(os.path.join(split, "attributions", f), encoding="utf-8"):
            p = line.rstrip("\n").split("\t")
            if p[0].startswith("T") and len(p) >= 2:
                typ, rest = p[1].split(" ", 1)
                T[p[0]] = (typ, [tuple(map(int, x.split())) for x in rest.split(";")])
            elif p[0].startswith("E") and len(p) >= 2:
                E.append(dict(x.split(":", 1) for x in p[1].split()))
        recs = []
        for e in E:
            if "Content" not in e or e["Content"] not in T:
                continue
            frags = T[e["Content"]][1]
            chars = set()
            for a, b in frags:
                chars.update(range(a, b))
            text = "".join(txt[a:b] for a, b in frags)
            src = set()
            srctext = ""
            cue = ""
            if "Cue" in e and e["Cue"] in T:
                cue = " ".join(txt[a:b] for a, b in T[e["Cue"]][1])
            if "Source" in e and e["Source"] in T:
                for a, b in T[e["Source"]][1]:
                    src.update(range(a, b))
                    srctext += txt[a:b]
            recs.append({"chars": chars, "direct": bool(DQ.search(text)), "src": src,
                         "srctext": srctext.strip(), "text": text,
                         "cue": " ".join(cue.lower().split())})
        gold[art] = (txt, recs)
    return gold


def byte_to_char_map(text, gold_txt):
    """Returns f(byte_offset) -> char offset in the gold text."""
    b2c = {}
    pos = 0
    for i, ch in enumerate(text):
        b2c[pos] = i
        pos += len(ch.encode("utf-8"))
    b2c[pos] = len(text)
    if text == gold_txt:
        return lambda b: b2c.get(b, 0)
    sm = difflib.SequenceMatcher(None, text, gold_txt, autojunk=False)
    ours2gold = {}
    for a, b, n in sm.get_matching_blocks():
        for k in range(n + 1):
            ours2gold[a + k] = b + k
    keys = sorted(ours2gold)

    def f(bo):
        c = b2c.get(bo, 0)
        if c in ours2gold:
            return ours2gold[c]
        import bisect
        j = bisect.bisect_left(keys, c)
        j = min(j, len(keys) - 1)
        return ours2gold[keys[j]]
    return f


def entity_at(ments, chars):
    """The entity of the mention overlapping the character set, or -1."""
    for a, b, e in ments:
        if any(c in chars for c in range(a, b)):
            return e
    return -1


def speaker_ok(r, q, ments):
    """Speaker accuracy as issue 5 defines it: our speaker span overlaps the
    gold Source span, or, when the gold Source is a pronoun, our speaker is
    the entity that pronoun stands for. PolNeAR does not annotate
    antecedents, so the pronoun's entity is the one our coref stage gives
    its mention; an unresolved speaker (null) is never right for a pronoun.
    Returns (ok, category)."""
    if not r["src"]:
        ok = not q["spk"] and not q["subj"]
        return ok, "nosource-" + ("null" if ok else "given")
    if r["src"] & q["spk"]:
        return True, "overlap"
    if r["srctext"].lower() not in GOLD_PRONOUNS:
        return False, "name-miss"
    if not q["spk"]:
        return False, "pron-null"
    want = entity_at(ments, r["src"])
    have = q["ent"] if q["ent"] >= 0 else entity_at(ments, q["spk"])
    if want >= 0:
        return (have == want), ("pron-entity" if have == want else "pron-other-entity")
    # the gold pronoun has no entity in our coref: the speaker counts only
    # when our cue subject is that very pronoun (resolved to a name)
    if r["src"] & q["subj"]:
        return True, "pron-noentity-same-subject"
    return False, "pron-noentity-miss"


def match(golds, pred_chars, thr):
    """The Gender Gap Tracker's matching: each gold content, in order, takes
    the unused prediction (a set of characters) that covers the largest share
    of it, when that share is at least thr. Returns {gold index: pred index}."""
    pairs, used = {}, set()
    for ri, r in enumerate(golds):
        best, bj = 0.0, -1
        for j, c in enumerate(pred_chars):
            if j in used:
                continue
            ov = len(r["chars"] & c) / max(1, len(r["chars"]))
            if ov > best:
                best, bj = ov, j
        if bj >= 0 and best >= thr:
            used.add(bj)
            pairs[ri] = bj
    return pairs


def score(gold, preds, thr, subset, errors=None, ents=None, spk_why=None):
    ents = ents or {}
    spk_why = {} if spk_why is None else spk_why
    ng = npred = tp = 0
    spk_ok = spk_n = 0
    for art, (txt, recs) in gold.items():
        g = [r for r in recs if subset is None or r["direct"] == subset or (subset and r["direct"])]
        if subset:
            g = [r for r in recs if r["direct"]]
        p = preds.get(art, [])
        if subset:
            p = [q for q in p if q["direct"]]
        ng += len(g)
        npred += len(p)
        pairs = match(g, [q["chars"] for q in p], thr)
        used = set(pairs.values())
        for ri, r in enumerate(g):
            if ri in pairs:
                tp += 1
                q = p[pairs[ri]]
                spk_n += 1
                ok, why = speaker_ok(r, q, ents.get(art, []))
                spk_why[why] = spk_why.get(why, 0) + 1
                spk_ok += ok
                if errors is not None and not ok:
                    errors.append(("SPK:" + why, art, r["srctext"], q["spk_text"], r["text"][:100]))
            elif errors is not None:
                errors.append(("FN", art, r["srctext"], "", r["text"][:140], "cue=" + r["cue"]))
        if errors is not None:
            for j, q in enumerate(p):
                if j not in used:
                    errors.append(("FP", art, "", q["spk_text"], q["text"][:140]))
    P = tp / npred if npred else 0.0
    R = tp / ng if ng else 0.0
    F = 2 * P * R / (P + R) if P + R else 0.0
    return P, R, F, spk_ok / spk_n if spk_n else 0.0, ng, npred, spk_n


def main():
    split, pred_path = sys.argv[1], sys.argv[2]
    nerr = int(sys.argv[4]) if len(sys.argv) > 4 and sys.argv[3] == "--errors" else 0
    gold = load_gold(split)
    preds = {}
    ents = {}
    aligned = 0
    n_pron = n_pron_res = 0
    for line in open(pred_path, encoding="utf-8"):
        d = json.loads(line)
        art = os.path.splitext(os.path.basename(d["id"]))[0]
        if art not in gold:
            continue
        text = d["text"]
        gtxt = gold[art][0]
        if text != gtxt:
            aligned += 1
        f = byte_to_char_map(text, gtxt)
        raw = text.encode("utf-8")
        out = []
        for qa in d["quotes"]:
            s, e, kind, ss, se, us, ue, ent = qa[:8]
            cs, ce = f(s), f(e)
            qt = raw[s:e].decode("utf-8", "replace")
            spk = set(range(f(ss), f(se))) if ss >= 0 else set()
            subj = set(range(f(us), f(ue))) if us >= 0 else set()
            subj_text = raw[us:ue].decode("utf-8", "replace").lower() if us >= 0 else ""
            if subj_text in PRONOUNS:
                n_pron += 1
                n_pron_res += ss >= 0
            out.append({"chars": set(range(cs, ce)), "direct": bool(DQ.search(qt)), "spk": spk,
                        "ent": ent,
                        "subj": subj, "text": qt,
                        "spk_text": raw[ss:se].decode("utf-8", "replace") if ss >= 0 else None})
        preds[art] = out
        ments = []
        for ms, me, ent in d.get("mentions", []):
            ments.append((f(ms), f(me), ent))
        ents[art] = ments
    print(f"PolNeAR {split}: {len(gold)} articles, {sum(len(r) for _, r in gold.values())} gold "
          f"attributions ({sum(x['direct'] for _, r in gold.values() for x in r)} with quotation "
          f"marks); {aligned} articles needed text alignment")
    print(f"{'set':<8}{'overlap':>8}{'gold':>7}{'pred':>7}{'P':>8}{'R':>8}{'F1':>8}{'speaker':>9}")
    errs = [] if nerr else None
    only = os.environ.get("NG_QUOTES_ERRSET", "direct")
    whys = []
    for name, subset in (("direct", True), ("all", None)):
        for thr in (0.3, 0.8):
            why = {}
            P, R, F, acc, ng, npd, ns = score(gold, preds, thr, subset,
                                              errs if (thr == 0.3 and nerr and name == only) else None,
                                              ents, why)
            print(f"{name:<8}{thr:>8}{ng:>7}{npd:>7}{100*P:>8.1f}{100*R:>8.1f}{100*F:>8.1f}"
                  f"{100*acc:>8.1f}%")
            if thr == 0.3:
                whys.append((name, why))
    print(f"cue subjects that are pronouns/who: {n_pron}, resolved to a named speaker: {n_pron_res}")
    for name, why in whys:
        print(f"speaker at 0.3, {name}: " + ", ".join(f"{k} {v}" for k, v in sorted(why.items())))
    if errs:
        # missed gold grouped by its cue text (lower-cased), the biggest groups first
        cues = {}
        for e in errs:
            if e[0] == "FN":
                c = e[5][4:]
                cues[c] = cues.get(c, 0) + 1
        nfn = sum(cues.values())
        print(f"missed gold ({only}, 0.3) by cue: {nfn} in {len(cues)} cue texts")
        for c, n in sorted(cues.items(), key=lambda x: (-x[1], x[0]))[:nerr]:
            print(f"  {n:5d}  {c}")
        import random
        random.seed(1)
        random.shuffle(errs)
        for e in errs[:nerr]:
            print("\t".join(str(x) for x in e))


if __name__ == "__main__":
    main()
