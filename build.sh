#!/usr/bin/env bash
# riskhint's one entry point.
#   ./build.sh          install what is missing, build the CLI (target/release/riskhint)
#   ./build.sh test     every test (native: unit, rule case tables, policy, spans, CLI, doc examples)
#   ./build.sh bench    throughput and latency figures (not a test)
# The browser extension (WASM build into dist/, Chromium tests) is added by the extension issue.
set -euo pipefail
cd "$(dirname "$0")"

DATA=${RISKHINT_DATA:-../shared/data}

say() { printf '\n== %s\n' "$*"; }

ensure_toolchain() {
  if ! command -v cargo >/dev/null 2>&1; then
    echo "cargo is missing: install Rust with rustup, then run ./build.sh again" >&2
    exit 2
  fi
}

build() {
  ensure_toolchain
  say "building the riskhint CLI (release)"
  cargo build --release --locked
  echo "CLI: $PWD/target/release/riskhint   (try: echo 'Funding secured.' | target/release/riskhint check --role executive)"
}

run_tests() {
  build
  say "native tests (release profile, sharing the build above)"
  cargo test --release --locked
}

run_bench() {
  build
  say "benchmark on texts from $DATA"
  target/release/riskhint bench --data "$DATA"
}

case "${1:-build}" in
  build) build ;;
  test) run_tests ;;
  bench) run_bench ;;
  *) echo "usage: ./build.sh [build|test|bench]" >&2; exit 2 ;;
esac
