#!/usr/bin/env bash
# Drives the fuzz targets (docs/testing.md, "Fuzzing"). For each target: first every input of its
# corpus once, whole (the committed seeds in fuzz/corpus/<target>/, 1 MB ones included, and what
# earlier runs kept in fuzz/<GROWN>/<target>/), then new inputs of up to MAX_LEN bytes for SECONDS,
# keeping what it finds in fuzz/<GROWN>/<target>/. Mutating 1 MB inputs would spend the time on a
# handful of slow runs: the property tests cover growth with size. A crash, a panic or an input
# that takes over a minute stops it, prints the end of the log and leaves the input in
# fuzz/artifacts/<target>/.
#   fuzz/run.sh TARGET|all SECONDS [MAX_LEN] [GROWN]
#     TARGET: check_draft, scan_posts or policy; MAX_LEN 65536 and GROWN new-corpus by default
# `./build.sh fuzz` runs it for the long run, `./build.sh test` for a short one.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/common.sh

TARGETS=(check_draft scan_posts policy)
target=${1:?usage: fuzz/run.sh TARGET|all SECONDS [MAX_LEN] [GROWN]}
seconds=${2:?usage: fuzz/run.sh TARGET|all SECONDS [MAX_LEN] [GROWN]}
max_len=${3:-65536}
grown=${4:-new-corpus}

if [ "$target" = all ]; then
  set -- "${TARGETS[@]}"
elif [[ " ${TARGETS[*]} " == *" $target "* ]]; then
  set -- "$target"
else
  echo "unknown fuzz target $target: one of ${TARGETS[*]}, or all" >&2
  exit 2
fi

scripts/setup.sh fuzz

# --sanitizer none: AddressSanitizer needs nightly Rust (-Zsanitizer), and the engine has no
# unsafe code; the targets are built with debug assertions and overflow checks, and every
# panic, including a failed check of a report, is a crash.
say "building the fuzz targets (instrumented for coverage)"
(cd fuzz && cargo fuzz build --sanitizer none)
for target in "$@"; do
  dict=text; [ "$target" = policy ] && dict=policy
  log=fuzz/target/$target.log
  mkdir -p "fuzz/$grown/$target"
  say "fuzzing $target: its corpus whole, then ${seconds}s of new inputs (log: $log)"
  # -timeout: a linear check of 1 MB takes seconds in this build, so an input still running
  # after a minute is a super-linear path.
  run=(cargo fuzz run --sanitizer none "$target" "$grown/$target" "corpus/$target" -- -timeout=60 -report_slow_units=60 -dict="dicts/$dict.dict" -print_final_stats=1)
  if (cd fuzz && "${run[@]}" -runs=0 -max_len=1100000 && "${run[@]}" -max_total_time="$seconds" -max_len="$max_len") >"$log" 2>&1; then
    grep -E '^Done [0-9]+ runs' "$log" | tr '\n' ' '
    echo
  else
    # The panic (or libFuzzer's reason) and how to reproduce it; the whole log if neither is there.
    if grep -qE 'panicked at|==[0-9]+== ERROR|^Reproduce with' "$log"; then
      grep -m1 -A1 -E 'panicked at|ALARM:|==[0-9]+== ERROR' "$log" || true
      grep -A4 '^Reproduce with' "$log" || true
    else
      tail -n 40 "$log"
    fi
    echo "fuzzing $target failed: the input is in fuzz/artifacts/$target/ (see docs/testing.md, Fuzzing)" >&2
    exit 1
  fi
done
