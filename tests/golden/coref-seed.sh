#!/bin/bash
# The seed article end to end (extract, segment, entities = our tagger, coref): every person
# (Qalibaf, al-Nakhalah, Haniyeh, Soleimani) is one entity with its titles and affiliation, every
# surname, pronoun and "the speaker" mention is linked to the right person, and Hamas, Palestinian
# Islamic Jihad, the Islamic Republic of Iran, Israel and Palestine are typed right.
# Skips (exit 77) when ../shared is absent.
# usage: coref-seed.sh NEWSGRAPH SHARED_DIR
set -u -o pipefail
NG=$1
SEED=$2/data/samples/seed-article.txt
if [ ! -f "$SEED" ]; then
	echo "seed article not found at $SEED; skipped"
	exit 77
fi
OUT=$("$NG" annotate -q --stages extract,segment,entities,coref "$SEED" 2>&1) || {
	echo "FAIL newsgraph: $OUT"
	exit 1
}
printf '%s\n' "$OUT" | python3 -c '
import json, re, sys
d = json.loads(sys.stdin.read())
text = d["text"].encode()
ents = d["entities"]
errors = []
def entity(name, typ):
    es = [e for e in ents if e["name"] == name and e["type"] == typ]
    if len(es) != 1:
        errors.append(f"want one {typ} entity named {name!r}, got {len(es)}")
        return None
    return es[0]
def owner(start):
    for e in ents:
        for m in e["mentions"]:
            if m["start"] <= start < m["end"]:
                return e["name"]
    return None
Q, N, H = "Mohammad Baqer Qalibaf", "Ziyad al-Nakhalah", "Ismail Haniyeh"
for name, title, aff in [(Q, "Iranian Parliament Speaker", "Iranian Parliament"),
                         (N, "Leader of Palestinian Islamic Jihad", "Palestinian Islamic Jihad"),
                         (H, "Head of the Palestinian Islamic Resistance Movement (Hamas)\u2019s Political Bureau",
                          "Palestinian Islamic Resistance Movement"),
                         ("Soleimani", "Lt. Gen.", None)]:
    e = entity(name, "PER")
    if e and e["titles"] != [title]:
        errors.append("%s: titles %r, want [%r]" % (name, e["titles"], title))
    if e and e.get("affiliation") != aff:
        errors.append("%s: affiliation %r, want %r" % (name, e.get("affiliation"), aff))
# every occurrence of these words, in order
want = {"Qalibaf": [Q] * 8, "Al-Nakhalah": [N], "Haniyeh": [H] * 3, "He": [Q, Q, H], "he": [N, H],
        "his": [N, Q, H, Q], "speaker": [Q]}
for word, owners in want.items():
    got = [owner(m.start()) for m in re.finditer(rb"\b" + re.escape(word.encode()) + rb"\b", text)]
    if got != owners:
        errors.append(f"{word}: linked to {got}, want {owners}")
for phrase, typ in [("Hamas", "ORG"), ("Palestinian Islamic Jihad", "ORG"), ("Islamic Republic of Iran", "LOC"),
                    ("Israel", "LOC"), ("Palestine", "LOC")]:
    for m in re.finditer(rb"\b" + re.escape(phrase.encode()) + rb"\b", text):
        es = [e for e in ents for x in e["mentions"] if x["start"] <= m.start() < x["end"]]
        if not es or es[0]["type"] != typ:
            errors.append("%s at %d: %r, want %s" % (phrase, m.start(), [(e["name"], e["type"]) for e in es], typ))
# the parliament is an organization of Iran, al-Quds (Jerusalem) a place
e = entity(Q, "PER")
if e and e.get("country") != "IRN":
    errors.append("%s: country %r, want IRN" % (Q, e.get("country")))
# identity keys: one for Iran under its names and adjective, a skeleton for a person
for name, typ, key in [(Q, "PER", "per:mhmd bqr qlbf"), ("Islamic Republic of Iran", "LOC", "country:IRN"),
                       ("Israel", "LOC", "country:ISR")]:
    e = entity(name, typ)
    if e and e.get("key") != key:
        errors.append("%s: key %r, want %r" % (name, e.get("key"), key))
for phrase, typ in [("Iranian Parliament", "ORG"), ("al -Quds", "LOC"), ("holy Quds", "LOC")]:
    m = re.search(re.escape(phrase.encode()), text)
    at = m.end() - 1 if m else -1
    es = [e for e in ents for x in e["mentions"] if x["start"] <= at < x["end"]]
    if not es or es[0]["type"] != typ:
        errors.append("first %r: %r, want %s" % (phrase, [(e["name"], e["type"]) for e in es], typ))
for e in errors:
    print("FAIL", e)
sys.exit(1 if errors else 0)
' && echo "coref-seed: persons, titles, mentions and types as expected"
