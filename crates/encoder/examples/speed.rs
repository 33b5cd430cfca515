//! Times one layer's worth of e5-small's matrix products (q, k, v, attention out: 384×384; ffn in:
//! 1536×384; ffn out: 384×1536) on 80 tokens, on random weights and activations, with the kernel
//! `matmul` picks or the one named:
//! `cargo run --release -p riskhint-encoder --example speed [-- portable|reference]`
use riskhint_encoder::kernels::{matmul, matmul_portable, matmul_reference, Q4Matrix, Q8Rows};
use std::time::Instant;

const TOKENS: usize = 80;
const RUNS: usize = 21;

/// xorshift64*: a few random bits without a dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn unit(&mut self) -> f32 {
        (self.next() >> 40) as f32 / (1u64 << 24) as f32 * 2.0 - 1.0
    }
}

/// Q4_0 bytes: per block of 32, an f16 scale (0x2000, about 0.0078) then 16 random nibble pairs.
fn random_matrix(rng: &mut Rng, rows: usize, cols: usize) -> Q4Matrix {
    let mut bytes = Vec::new();
    for _ in 0..rows * cols / 32 {
        bytes.extend_from_slice(&0x2000u16.to_le_bytes());
        bytes.extend((0..16).map(|_| rng.next() as u8));
    }
    Q4Matrix::from_q4(&bytes, rows, cols)
}

fn random_rows(rng: &mut Rng, cols: usize) -> Q8Rows {
    let x: Vec<f32> = (0..TOKENS * cols).map(|_| rng.unit()).collect();
    let mut rows = Q8Rows::new();
    rows.quantize(&x);
    rows
}

fn main() {
    let which = std::env::args().nth(1).unwrap_or_else(|| "matmul".into());
    let product = match which.as_str() {
        "matmul" => matmul,
        "portable" => matmul_portable,
        "reference" => matmul_reference,
        _ => panic!("usage: speed [portable|reference]"),
    };
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let (hidden, ff) = (384, 1536);
    let narrow = random_rows(&mut rng, hidden);
    let wide = random_rows(&mut rng, ff);
    let mut layer = Vec::new();
    for _ in 0..4 {
        layer.push((random_matrix(&mut rng, hidden, hidden), &narrow));
    }
    layer.push((random_matrix(&mut rng, ff, hidden), &narrow));
    layer.push((random_matrix(&mut rng, hidden, ff), &wide));
    let bias = vec![0.5f32; ff];
    let mut out = vec![0f32; TOKENS * ff];
    let mut times = Vec::new();
    for _ in 0..RUNS {
        let start = Instant::now();
        for (w, x) in &layer {
            product(w, &bias[..w.rows], x, &mut out[..TOKENS * w.rows]);
        }
        times.push(start.elapsed().as_secs_f64() * 1e3);
    }
    times.sort_by(f64::total_cmp);
    // Something of the output, so that the work cannot be skipped.
    let check: f32 = out.iter().sum();
    println!("{which}: {:.3} ms per layer of matmuls on {TOKENS} tokens (median of {RUNS}; min {:.3}); checksum {check}", times[RUNS / 2], times[0]);
}
