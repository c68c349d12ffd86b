#!/bin/bash
# The seed article's events end to end (issue 22): the six gold events (two consultations by phone,
# two congratulations as SUPPORT, the praise, the condemnation) with both actors resolved to the
# people by their canonical names, never "He" or the organisation a person leads; the quotation's
# speaker as the reporter of the event inside it. Skips (exit 77) when ../shared is absent.
# usage: events_seed.sh NEWSGRAPH SHARED_DIR
set -u -o pipefail
NG=$1
SEED=$2/data/samples/seed-article.txt
if [ ! -f "$SEED" ]; then
	echo "seed article not found at $SEED; skipped"
	exit 77
fi
"$NG" annotate -q "$SEED" | /usr/bin/python3 -c '
import json, sys
d = json.loads(sys.stdin.read())
gold = [("041", "CONSULT", "Mohammad Baqer Qalibaf", "Ziyad al-Nakhalah"),
        ("041", "CONSULT", "Mohammad Baqer Qalibaf", "Ismail Haniyeh"),
        ("051", "SUPPORT", "Ziyad al-Nakhalah", "Mohammad Baqer Qalibaf"),
        ("051", "SUPPORT", "Ismail Haniyeh", "Mohammad Baqer Qalibaf"),
        ("051", "SUPPORT", "Mohammad Baqer Qalibaf", None),   # "He praised the resistance of Palestinian"
        ("111", "DISAPPROVE", "Ismail Haniyeh", None)]        # the condemnation of some countries
errors = []
for cameo, plover, src, tgt in gold:
    hits = [e for e in d["events"] if e["cameo"] == cameo and e["plover"] == plover
            and e["source"].get("name") == src and (tgt is None or e["target"].get("name") == tgt)]
    if not hits:
        errors.append(f"no {cameo} {plover} {src} -> {tgt}")
    for e in hits:
        if e.get("negated") or e.get("modality"):
            errors.append(f"{cameo} {src} -> {tgt} should be asserted")
for e in d["events"]:
    for side in ("source", "target"):
        n = e[side].get("name")
        if n and n.lower() in ("he", "she", "they", "it", "we", "hamas"):
            errors.append(f"{side} named {n!r}")
rep = [e for e in d["events"] if e["cameo"] == "111" and e.get("reported_by") == "Ismail Haniyeh"]
if not rep:
    errors.append("the condemnation inside the quotation should be reported by Ismail Haniyeh")
for x in errors: print("FAIL", x)
sys.exit(1 if errors else 0)
' && echo "events_seed: six gold events with people as actors"
