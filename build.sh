#!/usr/bin/env bash
# riskhint's one entry point.
#   ./build.sh          install what is missing, build the extension into dist/ and the CLI
#   ./build.sh test     every test: native, WASM in headless Chromium, end-to-end in Chromium
#   ./build.sh demo     Chromium with the extension on a local demo timeline and composer
#                       (headless without a display: screenshots go to demo/)
#   ./build.sh bench    throughput and latency figures (not a test)
# Everything comes from the package registries (crates.io, Debian, npm); no browser is downloaded.
set -euo pipefail
cd "$(dirname "$0")"

DATA=${RISKHINT_DATA:-../shared/data}
WASM_TARGET=wasm32-unknown-unknown
WASM_OUT=target/$WASM_TARGET/wasm/riskhint.wasm
export CHROMEDRIVER=${CHROMEDRIVER:-/usr/bin/chromedriver}

say() { printf '\n== %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

APT_UPDATED=
apt_install() {
  say "installing Debian packages: $*"
  if [ -z "$APT_UPDATED" ]; then as_root apt-get update -qq; APT_UPDATED=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# The wasm-bindgen version Cargo.lock pins; the CLI must be exactly this one.
locked_wasm_bindgen() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

ensure_cargo() {
  if ! command -v cargo >/dev/null 2>&1; then
    echo "cargo is missing: install Rust with rustup, then run ./build.sh again" >&2
    exit 2
  fi
}

ensure_tools() {
  ensure_cargo
  rustup target list --installed 2>/dev/null | grep -qx "$WASM_TARGET" || rustup target add "$WASM_TARGET"
  local want; want=$(locked_wasm_bindgen)
  if ! wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $want"; then
    say "installing wasm-bindgen-cli $want (matches Cargo.lock; takes a few minutes once)"
    cargo install wasm-bindgen-cli --version "$want" --locked
  fi
  local missing=()
  command -v wasm-opt >/dev/null 2>&1 || missing+=(binaryen)
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  [ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
  command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
  command -v openssl >/dev/null 2>&1 || missing+=(openssl)
  # A Korean font, so that screenshots of Korean posts are readable.
  [ -d /usr/share/fonts/truetype/nanum ] || missing+=(fonts-nanum)
  if [ ${#missing[@]} -gt 0 ]; then apt_install "${missing[@]}"; fi
  # Test and fixture packages (playwright-core drives Debian's chromium; it downloads nothing).
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    say "installing npm packages for the tests"
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
  fi
}

build_cli() {
  say "building the riskhint CLI (release)"
  cargo build --release --locked
}

build_extension() {
  say "building the WASM engine"
  cargo build --locked --target "$WASM_TARGET" --no-default-features --lib --profile wasm
  rm -rf dist && mkdir -p dist/engine target/wasm-opt
  # Optimise before wasm-bindgen adds its externref table: binaryen 108 run afterwards leaves that
  # table unable to grow, and the engine fails to start.
  wasm-opt -Oz --strip-debug --strip-producers --enable-reference-types --enable-bulk-memory \
    --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
    "$WASM_OUT" -o target/wasm-opt/riskhint.wasm
  wasm-bindgen --target web --out-dir dist/engine target/wasm-opt/riskhint.wasm
  cp manifest.json dist/
  cp -r extension/. dist/
  cp examples/hanbit-policy.jsonc dist/default-policy.jsonc
  # Budgets: the whole WASM 1 MB gzipped; each model 300 KB gzipped; the engine without its models
  # 400 KB gzipped (the whole less the models' own gzipped sizes: close, as weights compress alike).
  local raw gz models=0 model_gz
  raw=$(wc -c < dist/engine/riskhint_bg.wasm)
  gz=$(gzip -9 -c dist/engine/riskhint_bg.wasm | wc -c)
  for model in models/*.rhm; do
    model_gz=$(gzip -9 -c "$model" | wc -c)
    echo "  model $(basename "$model" .rhm): $((model_gz / 1024)) KB gzipped (budget 300 KB)"
    if [ "$model_gz" -gt $((300 * 1024)) ]; then echo "model $model is over its 300 KB gzipped budget" >&2; exit 1; fi
    models=$((models + model_gz))
  done
  echo "WASM engine: $((raw / 1024)) KB, $((gz / 1024)) KB gzipped (budget 1 MB); without models about $(((gz - models) / 1024)) KB (budget 400 KB)"
  if [ "$gz" -gt $((1024 * 1024)) ]; then echo "the WASM engine is over its 1 MB gzipped budget" >&2; exit 1; fi
  if [ $((gz - models)) -gt $((400 * 1024)) ]; then echo "the WASM engine without models is over its 400 KB gzipped budget" >&2; exit 1; fi
}

build() {
  ensure_tools
  build_cli
  build_extension
  say "done"
  echo "CLI:       $PWD/target/release/riskhint   (try: echo 'Funding secured.' | target/release/riskhint check --role executive)"
  echo "Extension: $PWD/dist"
  echo "  load it in Chromium or Chrome: chrome://extensions → turn on Developer mode → Load unpacked → choose dist/"
}

run_tests() {
  build
  say "native tests (release profile, sharing the build above)"
  cargo test --release --locked
  say "WASM binding tests in headless Chromium"
  cargo test --locked --target "$WASM_TARGET" --no-default-features --test wasm
  say "type-checking the extension's JavaScript"
  npx --no-install tsc -p extension/jsconfig.json
  say "unit tests of the extension's JavaScript (settings upgrade and sync, the UI's words)"
  node --test tests/unit/
  say "end-to-end tests: the extension in Chromium on X-, Facebook- and LinkedIn-shaped pages"
  node --test --test-concurrency=1 tests/e2e/
}

run_demo() {
  build
  say "demo"
  node tests/e2e/demo.mjs
}

run_bench() {
  ensure_cargo
  build_cli
  say "benchmark on texts from $DATA"
  target/release/riskhint bench --data "$DATA"
}

case "${1:-build}" in
  build) build ;;
  test) run_tests ;;
  demo) run_demo ;;
  bench) run_bench ;;
  *) echo "usage: ./build.sh [build|test|demo|bench]" >&2; exit 2 ;;
esac
