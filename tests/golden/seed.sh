#!/bin/bash
# The seed article (../shared/data/samples/seed-article.txt): one JSON object whose sentences keep
# every quotation whole, with the body split exactly as a careful reader would.
# Skips (exit 77) when ../shared is absent.  usage: seed.sh NEWSGRAPH SHARED_DIR
set -u -o pipefail
NG=$1
SEED=$2/data/samples/seed-article.txt
if [ ! -f "$SEED" ]; then
	echo "seed article not found at $SEED; skipped"
	exit 77
fi
"$NG" annotate -q "$SEED" | python3 -c '
import json, sys
lines = sys.stdin.read().splitlines()
assert len(lines) == 1, "one article, one JSON object"
d = json.loads(lines[0])
t = d["text"].encode()
sents = [t[a:b].decode() for a, b in d["sentences"]]
body = [s for s in sents if s not in ("IranMiddle East", "Back to top button",
        "Iranian Speaker Emphasizes Need for Resistance to Liberate Palestinian Lands")]
expected_starts = ["Iranian Parliament Speaker Mohammad Baqer Qalibaf underlined",
    "Qalibaf made the remarks", "He underlined that resistance", "Praising the resistance",
    "Al-Nakhalah, for his part", "\u201cToday, the Palestinian nation", "Qalibaf had also on Wednesday",
    "\u201cZionists only understand", "He praised the resistance", "The Islamic Republic of Iran has always supported",
    "Haniyeh, for his part", "He also commemorated", "People of Palestine and Hamas", "Haniyeh lashed out"]
errors = []
if len(body) != len(expected_starts):
    errors.append(f"{len(body)} body sentences, want {len(expected_starts)}: {body}")
for s, want in zip(body, expected_starts):
    if not s.startswith(want):
        errors.append(f"sentence {s[:60]!r} should start with {want!r}")
# every quotation lies inside one sentence
text = d["text"]
i = 0
quotes = 0
while True:
    a = text.find("\u201c", i)
    if a < 0: break
    b = text.find("\u201d", a)
    qa, qb = len(text[:a].encode()), len(text[:b + 1].encode())
    if not any(s <= qa and qb <= e for s, e in d["sentences"]):
        errors.append(f"quotation at {qa} is split across sentences")
    quotes += 1; i = b + 1
if quotes != 6: errors.append(f"{quotes} quotations, want 6")
if not any(s.endswith("Lt. Gen. Soleimani who played a very decisive and pivotal role in resistance against Zionist regime.") for s in body):
    errors.append("the Lt. Gen. sentence is not whole")
for e in errors: print("FAIL", e)
sys.exit(1 if errors else 0)
' && echo "seed: sentences and quotations as expected"
