#!/usr/bin/env bash
# riskhint's one entry point.
#   ./build.sh          install what is missing, build the extension into dist/ and the CLI
#   ./build.sh test     every test: native, WASM in headless Chromium, end-to-end in Chromium
#   ./build.sh demo     Chromium with the extension on a local demo timeline and composer
#                       (headless without a display: screenshots go to demo/)
#   ./build.sh bench    figures, not a test: native, the WASM engine in Node beside four npm tools,
#                       the extension in Chromium, the WASM size by dependency → bench/results.json
#   ./build.sh compare  riskhint beside alt-profanity-check and obscenity: F1 and rows/s (not a test)
#   ./build.sh fuzz [TARGET] [SECONDS]
#                       fuzz one target (check_draft, scan_posts, policy) or all, 600 s each by default
# Everything comes from the package registries (crates.io, Debian, npm); no browser is downloaded.
set -euo pipefail
cd "$(dirname "$0")"

DATA=${RISKHINT_DATA:-../shared/data}
WASM_TARGET=wasm32-unknown-unknown
WASM_OUT=target/$WASM_TARGET/wasm/riskhint.wasm
export CHROMEDRIVER=${CHROMEDRIVER:-/usr/bin/chromedriver}
CARGO_FUZZ_VERSION=0.13.2
FUZZ_TARGETS=(check_draft scan_posts policy)

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
  # cargo-fuzz, at a version known to build the fuzz targets on stable Rust.
  if ! cargo fuzz --version >/dev/null 2>&1; then
    say "installing cargo-fuzz $CARGO_FUZZ_VERSION (about a minute, once)"
    cargo install cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked
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
  optimise_wasm "$WASM_OUT" target/wasm-opt/riskhint.wasm
  wasm-bindgen --target web --out-dir dist/engine target/wasm-opt/riskhint.wasm
  cp manifest.json dist/
  cp -r extension/. dist/
  cp examples/hanbit-policy.jsonc dist/default-policy.jsonc
  # Every rule's documentation for the options page, from the CLI: the WASM engine leaves it out.
  { echo '['; target/release/riskhint rules --json | paste -sd, -; echo ']'; } > dist/engine/rules.json
  # Size budgets (scripts/wasm-size.mjs): the engine is also measured with its models zeroed out,
  # optimised and bound the same way, for its own 400 KB budget.
  node scripts/wasm-size.mjs strip "$WASM_OUT" target/wasm-opt/without-models.wasm models/*.rhm
  optimise_wasm target/wasm-opt/without-models.wasm target/wasm-opt/without-models.opt.wasm
  wasm-bindgen --target web --out-dir target/wasm-opt/without-models target/wasm-opt/without-models.opt.wasm
  node scripts/wasm-size.mjs check dist/engine/riskhint_bg.wasm target/wasm-opt/without-models/without-models.wasm models/*.rhm
}

optimise_wasm() {
  wasm-opt -Oz --strip-debug --strip-producers --enable-reference-types --enable-bulk-memory \
    --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals "$1" -o "$2"
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
  cargo test --release --locked --workspace
  say "a short fuzz run of each target, from the committed seeds"
  rm -rf fuzz/target/short-run
  fuzz_targets 15 4096 target/short-run "${FUZZ_TARGETS[@]}"
  say "WASM binding tests in headless Chromium"
  cargo test --locked --target "$WASM_TARGET" --no-default-features --test wasm
  say "type-checking the extension's JavaScript"
  npx --no-install tsc -p extension/jsconfig.json
  say "web-ext lint: dist/ as Firefox's add-on checks see it (Chromium loads the same dist/ in the end-to-end tests)"
  NO_UPDATE_NOTIFIER=1 npx --no-install web-ext lint --source-dir dist --no-input --output text
  say "unit tests of the extension's JavaScript (settings upgrade and sync, the UI's words)"
  node --test tests/unit/
  say "end-to-end tests: the extension in Chromium on X-, Facebook- and LinkedIn-shaped pages"
  node --test --test-concurrency=1 tests/e2e/
}

# Fuzzes each of TARGETS: first every input of its corpus once, whole (the committed seeds in
# fuzz/corpus/<target>/, 1 MB ones included, and what earlier runs kept in fuzz/<GROWN>/<target>/),
# then new inputs of up to MAX_LEN bytes for SECONDS, keeping what it finds in fuzz/<GROWN>/<target>/.
# Mutating 1 MB inputs would spend the time on a handful of slow runs: the property tests cover
# growth with size. A crash, a panic or an input that takes over a minute stops it, prints the end
# of the log and leaves the input in fuzz/artifacts/<target>/.
#   fuzz_targets SECONDS MAX_LEN GROWN TARGET...
fuzz_targets() {
  local seconds=$1 max_len=$2 grown=$3; shift 3
  # --sanitizer none: AddressSanitizer needs nightly Rust (-Zsanitizer), and the engine has no
  # unsafe code; the targets are built with debug assertions and overflow checks, and every
  # panic, including a failed check of a report, is a crash.
  say "building the fuzz targets (instrumented for coverage)"
  (cd fuzz && cargo fuzz build --sanitizer none)
  local target
  for target in "$@"; do
    local dict=text; [ "$target" = policy ] && dict=policy
    local log=fuzz/target/$target.log
    mkdir -p "fuzz/$grown/$target"
    say "fuzzing $target: its corpus whole, then ${seconds}s of new inputs (log: $log)"
    # -timeout: a linear check of 1 MB takes seconds in this build, so an input still running
    # after a minute is a super-linear path.
    local run=(cargo fuzz run --sanitizer none "$target" "$grown/$target" "corpus/$target" -- -timeout=60 -report_slow_units=60 -dict="dicts/$dict.dict" -print_final_stats=1)
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
      echo "fuzzing $target failed: the input is in fuzz/artifacts/$target/ (see README.md, Fuzzing)" >&2
      return 1
    fi
  done
}

run_fuzz() {
  local target=${1:-all} seconds=${2:-600} max_len=${FUZZ_MAX_LEN:-65536}
  ensure_cargo
  cargo fuzz --version >/dev/null 2>&1 || cargo install cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked
  if [ "$target" = all ]; then
    fuzz_targets "$seconds" "$max_len" new-corpus "${FUZZ_TARGETS[@]}"
  elif [[ " ${FUZZ_TARGETS[*]} " == *" $target "* ]]; then
    fuzz_targets "$seconds" "$max_len" new-corpus "$target"
  else
    echo "unknown fuzz target $target: one of ${FUZZ_TARGETS[*]}, or all" >&2
    exit 2
  fi
}

run_demo() {
  build
  say "demo"
  node tests/e2e/demo.mjs
}

run_bench() {
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
  wasm-opt -Oz -g --enable-reference-types --enable-bulk-memory --enable-nontrapping-float-to-int \
    --enable-sign-ext --enable-mutable-globals target/wasm-opt/without-models.wasm -o target/wasm-opt/without-models.named.wasm
  node scripts/bench/size-shares.mjs dist/engine/riskhint_bg.wasm target/wasm-opt/without-models/without-models.wasm target/wasm-opt/without-models.named.wasm
  echo "all figures: bench/results.json"
}

run_compare() {
  ensure_cargo
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
