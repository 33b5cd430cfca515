#!/usr/bin/env bash
# Instruction counts of the CLI (valgrind's callgrind), for comparing two builds: unlike wall-clock
# time they repeat exactly, whatever else the machine does. Figures, not a test.
#   scripts/bench/instructions.sh BINARY [BINARY…]     (reads ../shared/data, or RISKHINT_DATA)
# Build each binary with a plain `cargo build --release --locked`: `./build.sh test` relinks
# target/release/riskhint with the test dependencies' features, a larger binary that starts slower.
# Three workloads, with the example policy: `scan` of 1,000 posts (the first 500 of TweetEval
# offensive val and of K-MHAS valid), `check` of a 25,000-character draft made of those posts, and
# `rules --json`.
set -euo pipefail
cd "$(dirname "$0")/../.."
[ $# -ge 1 ] || { sed -n 3,4p "$0" >&2; exit 2; }
command -v valgrind >/dev/null || { echo "valgrind is missing: apt-get install valgrind" >&2; exit 2; }
DATA=${RISKHINT_DATA:-../shared/data}
work=target/instructions
mkdir -p "$work"
python3 - "$DATA" "$work" <<'PY'
import csv, json, sys
data, work = sys.argv[1], sys.argv[2]
def first(path, column, n=500):
    with open(path, newline='') as f:
        rows = csv.DictReader(f, delimiter='\t', quoting=csv.QUOTE_NONE)
        return [row[column] for _, row in zip(range(n), rows)]
texts = first(f'{data}/en/tweeteval-offensive/val.tsv', 'text') + first(f'{data}/ko/k-mhas/valid.tsv', 'document')
with open(f'{work}/posts.jsonl', 'w') as out:
    for i, text in enumerate(texts):
        out.write(json.dumps({"id": f"p{i}", "text": text, "likes": i * 7, "reposts": i}, ensure_ascii=False) + "\n")
draft = ""
for text in texts:
    if len(draft) >= 25000:
        break
    draft += text + " "
open(f'{work}/draft.txt', 'w').write(draft[:25000])
PY
count() {
  local input=$1; shift
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" <"$input" 2>&1 >/dev/null | sed -n 's/.*Collected : //p'
}
printf '%-40s %15s %15s %15s\n' binary scan check rules
for binary in "$@"; do
  printf '%-40s %15s %15s %15s\n' "$binary" \
    "$(count "$work/posts.jsonl" "$binary" scan --policy examples/hanbit-policy.jsonc)" \
    "$(count /dev/null "$binary" check --policy examples/hanbit-policy.jsonc "$work/draft.txt")" \
    "$(count /dev/null "$binary" rules --json)"
done
