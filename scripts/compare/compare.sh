#!/usr/bin/env bash
# riskhint side by side with the free offline tools people use today, in one run, on the same
# validation texts: F1 of the positive class and rows/s. Not a test: it prints figures.
#   ./build.sh compare      (or scripts/compare/compare.sh after ./build.sh)
# alt-profanity-check comes from PyPI into target/compare-venv; obscenity from npm (package.json).
# Both are English word/SVM filters: their Korean rows show what users have today for Korean.
set -euo pipefail
cd "$(dirname "$0")/../.."
DATA=${DATA:-../shared/data}
VENV=target/compare-venv

if ! "$VENV/bin/python" -c 'import profanity_check' 2>/dev/null; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check alt-profanity-check==1.9.1
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

node scripts/compare/table.mjs "$results"
