#!/usr/bin/env bash
# JSON strings against serde-wasm-bindgen at the boundary between the worker and the engine
# (docs/architecture.md says which is used and why). Builds the engine twice, as shipped
# (wasm-opt -Oz): with riskhint's own JSON-string bindings only, and with a second binding
# (scripts/bench/serde-wasm-bindgen/lib.rs) whose requests and reports are JavaScript values;
# then times the worker's real calls both ways under Node, JSON.stringify and JSON.parse included,
# and prints ns per call and each module's gzipped size. Figures, not a test.
#   scripts/bench/serde-wasm-bindgen.sh [--instructions]    (reads ../shared/data, or RISKHINT_DATA)
# --instructions also counts instructions under valgrind (callgrind; V8 with --single-threaded
# --no-liftoff compiles the same way every run): a pass over each workload, from the difference
# between six passes and one, so start-up and first compilation drop out.
set -euo pipefail
cd "$(dirname "$0")/../.."
. scripts/common.sh

DATA=${RISKHINT_DATA:-../shared/data}
out=target/bench-values
scripts/setup.sh build
for variant in json values; do
  features=()
  [ "$variant" = values ] && features=(--features values)
  say "building the engine with $variant bindings"
  (cd scripts/bench/serde-wasm-bindgen &&
    CARGO_TARGET_DIR=../../../$out cargo build --locked --target "$WASM_TARGET" --profile wasm "${features[@]}")
  optimise_wasm "$out/$WASM_TARGET/wasm/riskhint_bench_values.wasm" "$out/$variant.wasm"
  wasm-bindgen --target nodejs --out-dir "$out/$variant" "$out/$variant.wasm"
  echo '{"type": "commonjs"}' > "$out/$variant/package.json"  # the Node bindings are CommonJS
done
say "timing the worker's calls both ways"
node scripts/bench/serde-wasm-bindgen/bench.mjs "$out" "$DATA"

[ "${1:-}" = --instructions ] || exit 0
say "instructions per pass (callgrind), json and values"
count() {  # count WAY WORKLOAD PASSES → instructions of the whole process
  valgrind --tool=callgrind --callgrind-out-file=/dev/null node --single-threaded --no-liftoff \
    scripts/bench/serde-wasm-bindgen/bench.mjs "$out" "$DATA" --calls "$@" 2>&1 |
    awk '/Collected :/ { print $NF }'
}
for workload in drafts-english drafts-flagged posts-english; do
  json=$(( $(count json "$workload" 6) - $(count json "$workload" 1) ))
  values=$(( $(count values "$workload" 6) - $(count values "$workload" 1) ))
  awk -v w="$workload" -v j="$json" -v v="$values" \
    'BEGIN { printf "%-16s json %12d  values %12d  values vs json %+.1f%%\n", w, j / 5, v / 5, (v / j - 1) * 100 }'
done
