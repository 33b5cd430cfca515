//! The SIMD and portable products give the reference loop's bits on random matrices.
use riskhint_encoder::kernels::{matmul, matmul_portable, matmul_reference, Q4Matrix, Q8Rows};

/// xorshift64*: a few random bits without a dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// Uniform in [−1, 1).
    fn unit(&mut self) -> f32 {
        (self.next() >> 40) as f32 / (1u64 << 24) as f32 * 2.0 - 1.0
    }
}

/// Q4_0 bytes with random nibbles and scales that vary by block (normal f16s of either sign).
fn random_q4(rng: &mut Rng, rows: usize, cols: usize) -> Vec<u8> {
    let mut bytes = Vec::new();
    for _ in 0..rows * cols / 32 {
        let scale = (0x1c00 + (rng.next() % 0x0800) as u16) | (rng.next() as u16 & 0x8000);
        bytes.extend_from_slice(&scale.to_le_bytes());
        bytes.extend((0..16).map(|_| rng.next() as u8));
    }
    bytes
}

fn check(rng: &mut Rng, rows: usize, cols: usize, tokens: usize) {
    let matrix = Q4Matrix::from_q4(&random_q4(rng, rows, cols), rows, cols);
    // Some blocks tiny, some all zero, so that scales and sums of every size turn up.
    let x: Vec<f32> = (0..tokens * cols)
        .map(|i| match (i / 32) % 5 {
            0 => 0.0,
            1 => rng.unit() * 1e-3,
            _ => rng.unit() * 4.0,
        })
        .collect();
    let bias: Vec<f32> = (0..rows).map(|_| rng.unit()).collect();
    let mut quantised = Q8Rows::new();
    quantised.quantize(&x);
    let mut expected = vec![0f32; tokens * rows];
    matmul_reference(&matrix, &bias, &quantised, &mut expected);
    for (name, product) in [("matmul", matmul as fn(&Q4Matrix, &[f32], &Q8Rows, &mut [f32])), ("portable", matmul_portable)] {
        let mut got = vec![f32::NAN; tokens * rows];
        product(&matrix, &bias, &quantised, &mut got);
        for (i, (g, e)) in got.iter().zip(&expected).enumerate() {
            assert_eq!(g.to_bits(), e.to_bits(), "{name} {rows}×{cols}, {tokens} tokens: output {i}: {g} vs {e}");
        }
    }
}

#[test]
fn kernels_match_the_reference_to_the_bit() {
    let mut rng = Rng(0x0123_4567_89ab_cdef);
    for (rows, cols) in [(384, 384), (1536, 384), (384, 1536), (1536, 1536)] {
        for tokens in 1..=9 {
            check(&mut rng, rows, cols, tokens);
        }
    }
}

#[test]
fn rows_that_do_not_fill_a_panel() {
    let mut rng = Rng(42);
    for rows in [1, 3, 7, 9, 13, 20] {
        for tokens in [1, 4, 5] {
            check(&mut rng, rows, 64, tokens);
        }
    }
}
