#!/usr/bin/python3
"""train_quotes_model.py -- retrains data/quotes/leftover.model, the logistic
regression of the quotes stage's leftover-cue pass (docs/internals/quotes.md),
exactly as committed: PolNeAR train only (never dev or held-out text).

    tools/train_quotes_model.py [BUILD_DIR] [--folds K] [-o MODEL]

1. `ng_bench quotes` runs every stage over the PolNeAR train articles and
   writes the rules' records and every leftover candidate with its features
   (the pass keeps none of them then).
2. A candidate is labelled right when the scorer's matching (bench/
   quotes_score.py: each gold content, in order, takes the unused record that
   covers most of it, at overlap >= 0.3) gives it a gold content, with the
   rules' records and all candidates competing.
3. Logistic regression, AdaGrad, L2, a fixed seed: the same file every run.

--folds K also prints, for K-fold cross-validation over the articles, how
many candidates each threshold keeps and how many of them are right.
Needs ../shared/data/quotes/polnear (NG_SHARED_DIR overrides ../shared).
About 2 min of one core, most of it aligning texts in the scorer.
"""
import json
import math
import os
import random
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "bench"))
import quotes_score as qs  # noqa: E402

EPOCHS, RATE, L2, SEED = 15, 0.02, 1e-4, 1
THRESHOLD = 0.40  # keep when p >= F1/2 of the all-attributions score (~0.39)


def candidates(build, split):
    """(base predictions by article, candidates [(article, start, end, feats)])."""
    tmp = tempfile.mkdtemp()
    out, cand = os.path.join(tmp, "base.jsonl"), os.path.join(tmp, "cand.tsv")
    # the data directory as it is, but for a model that keeps nothing (the
    # committed one may be stale: its features need not be the code's now)
    data = os.path.join(tmp, "data")
    os.makedirs(os.path.join(data, "quotes"))
    for name in os.listdir(os.path.join(ROOT, "data")):
        if name != "quotes":
            os.symlink(os.path.join(ROOT, "data", name), os.path.join(data, name))
    for name in os.listdir(os.path.join(ROOT, "data", "quotes")):
        if name != "leftover.model":
            os.symlink(os.path.join(ROOT, "data", "quotes", name), os.path.join(data, "quotes", name))
    with open(os.path.join(data, "quotes", "leftover.model"), "w") as m:
        m.write("threshold\t2\nbias\t0\n")
    subprocess.run([os.path.join(build, "ng_bench"), "quotes", os.path.join(split, "text"), out,
                    cand], check=True, stdout=subprocess.DEVNULL,
                   env=dict(os.environ, NEWSGRAPH_DATA=data))
    docs = {}
    for line in open(out, encoding="utf-8"):
        d = json.loads(line)
        docs[os.path.splitext(os.path.basename(d["id"]))[0]] = d
    cands = []
    for line in open(cand, encoding="utf-8"):
        path, s, e, feats = line.rstrip("\n").split("\t")
        cands.append((os.path.splitext(os.path.basename(path))[0], int(s), int(e), feats))
    shutil.rmtree(tmp)
    return docs, cands


def label(gold, docs, cands):
    """[(article, y, features)] in the candidates' order."""
    by_art = {}
    for i, (art, s, e, _) in enumerate(cands):
        by_art.setdefault(art, []).append((s, e, i))
    y = [0] * len(cands)
    for art, d in docs.items():
        if art not in gold:
            continue
        txt, recs = gold[art]
        f = qs.byte_to_char_map(d["text"], txt)
        preds = [(q[0], q[1], -1) for q in d["quotes"]] + by_art.get(art, [])
        preds.sort(key=lambda p: (p[0], p[1]))
        chars = [set(range(f(s), f(e))) for s, e, _ in preds]
        for bj in qs.match(recs, chars, 0.3).values():
            if preds[bj][2] >= 0:
                y[preds[bj][2]] = 1
    return [(art, y[i], ["bias"] + feats.split()) for i, (art, _, _, feats) in enumerate(cands)
            if art in gold]


def train(rows):
    w, g = {}, {}
    rows = list(rows)
    rnd = random.Random(SEED)
    for _ in range(EPOCHS):
        rnd.shuffle(rows)
        for y, fs in rows:
            z = max(-30.0, min(30.0, sum(w.get(f, 0.0) for f in fs)))
            grad = 1 / (1 + math.exp(-z)) - y
            for f in fs:
                wf = w.get(f, 0.0)
                gi = grad + L2 * wf
                g[f] = g.get(f, 1e-8) + gi * gi
                w[f] = wf - RATE * gi / math.sqrt(g[f])
    return w


def prob(w, fs):
    z = max(-30.0, min(30.0, sum(w.get(f, 0.0) for f in fs)))
    return 1 / (1 + math.exp(-z))


def main():
    args = sys.argv[1:]
    folds, out = 0, os.path.join(ROOT, "data", "quotes", "leftover.model")
    build = os.path.join(ROOT, "build")
    while args:
        a = args.pop(0)
        if a == "--folds":
            folds = int(args.pop(0))
        elif a == "-o":
            out = args.pop(0)
        else:
            build = a
    shared = os.environ.get("NG_SHARED_DIR", os.path.join(ROOT, "..", "shared"))
    split = os.path.join(shared, "data", "quotes", "polnear", "train")
    if not os.path.isdir(split):
        sys.exit(f"train_quotes_model: no PolNeAR train split at {split}")
    docs, cands = candidates(build, split)
    rows = label(qs.load_gold(split), docs, cands)
    print(f"{len(rows)} candidates, {sum(y for _, y, _ in rows)} right", file=sys.stderr)
    if folds:
        arts = sorted({a for a, _, _ in rows})
        random.Random(7).shuffle(arts)
        fold = {a: i % folds for i, a in enumerate(arts)}
        scored = []
        for k in range(folds):
            w = train([(y, fs) for a, y, fs in rows if fold[a] != k])
            scored += [(prob(w, fs), y) for a, y, fs in rows if fold[a] == k]
        for t in (0.3, 0.35, 0.4, 0.45, 0.5):
            kept = [y for p, y in scored if p >= t]
            print(f"threshold {t:.2f}: {len(kept)} kept, {sum(kept)} right", file=sys.stderr)
    w = train([(y, fs) for _, y, fs in rows])
    with open(out, "w", encoding="utf-8") as o:
        o.write("# newsgraph leftover-cue model (docs/internals/quotes.md): logistic regression\n"
                "# over the features of a cue word no rule claimed. Trained on PolNeAR train\n"
                f"# by tools/train_quotes_model.py ({len(rows)} candidates); weights, not data.\n")
        o.write(f"threshold\t{THRESHOLD}\nbias\t{w.pop('bias', 0.0):.4f}\n")
        for f in sorted(w):
            if abs(w[f]) >= 0.005:
                o.write(f"{f}\t{w[f]:.4f}\n")


if __name__ == "__main__":
    main()
