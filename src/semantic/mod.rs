//! The semantic tier: multilingual-e5-small (run by `riskhint-encoder`) turns each sentence into
//! a vector, and one logistic head per category says how likely the sentence is to be one. The
//! fast tier (rules and n-gram models) answers first; this tier adds what the rules' wordings
//! missed (see [`crate::engine::Engine::refine_draft`]). The heads are trained by
//! `riskhint semantic train` (models/semantic/heads.json, with its card beside it).

#[cfg(not(target_arch = "wasm32"))]
pub mod train;

use riskhint_encoder::tokenizer::Token;
use riskhint_encoder::Encoder;
use serde::{Deserialize, Serialize};
use std::ops::Range;

/// One category's logistic head over a sentence embedding.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Head {
    pub name: String,
    pub weights: Vec<f32>,
    pub bias: f32,
    /// Chosen on validation rows for precision first.
    pub threshold: f32,
}

impl Head {
    pub fn probability(&self, embedding: &[f32]) -> f32 {
        let margin = self.bias + self.weights.iter().zip(embedding).map(|(w, x)| w * x).sum::<f32>();
        1.0 / (1.0 + (-margin).exp())
    }
}

/// The heads file: the heads and the encoder they were trained on (a head read with another
/// encoder would score noise, so a mismatch is refused).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Heads {
    /// [`riskhint_encoder::format::fingerprint`] of the asset the heads were trained on.
    pub encoder_fingerprint: String,
    pub heads: Vec<Head>,
}

/// The encoder with its heads.
pub struct Semantic {
    encoder: Encoder,
    heads: Heads,
}

/// A sentence's score under each head, in the heads' order.
#[derive(Debug, Clone)]
pub struct SentenceScores {
    pub range: Range<usize>,
    pub probabilities: Vec<f32>,
}

impl Semantic {
    /// The encoder asset and the heads trained on it.
    pub fn from_bytes(asset: &[u8], heads_json: &str) -> Result<Semantic, String> {
        let encoder = Encoder::from_bytes(asset).map_err(|e| format!("the encoder asset is unusable: {e}"))?;
        let heads: Heads = serde_json::from_str(heads_json).map_err(|e| format!("the semantic heads are unreadable: {e}"))?;
        let c = encoder.config();
        let fingerprint = riskhint_encoder::format::fingerprint(asset);
        if heads.encoder_fingerprint != fingerprint {
            return Err(format!(
                "the heads were trained on encoder {}, not this one ({fingerprint}): rebuild the asset with ./build.sh or retrain with `riskhint semantic train`",
                heads.encoder_fingerprint
            ));
        }
        if let Some(head) = heads.heads.iter().find(|h| h.weights.len() != c.hidden) {
            return Err(format!("the head {} has {} weights for {} dimensions", head.name, head.weights.len(), c.hidden));
        }
        Ok(Semantic { encoder, heads })
    }

    pub fn encoder(&self) -> &Encoder {
        &self.encoder
    }

    pub fn heads(&self) -> &[Head] {
        &self.heads.heads
    }

    pub fn head(&self, name: &str) -> Option<&Head> {
        self.heads.heads.iter().find(|h| h.name == name)
    }

    /// The embedding of a whole text: the mean of its own tokens' states (not `<s>`, the prefix
    /// or `</s>`), as the heads were trained.
    pub fn embed(&self, text: &str) -> Vec<f32> {
        let range = 0..text.len();
        self.embed_ranges(text, std::slice::from_ref(&range)).0.pop().flatten().unwrap_or_else(|| vec![0.0; self.encoder.config().hidden])
    }

    /// The embedding of each range of `text` (sentences, in order, not overlapping), from as few
    /// passes as fit: ranges are packed into windows of the encoder's length, a range longer than
    /// one is read on its first window's worth of tokens (`None` for a range with no tokens).
    /// When one pass held them all, also the embedding of all of them together.
    pub fn embed_ranges(&self, text: &str, ranges: &[Range<usize>]) -> (Vec<Option<Vec<f32>>>, Option<Vec<f32>>) {
        let tokens = self.encoder.tokenize(text);
        let max = self.encoder.max_tokens().max(1);
        let mut out = vec![None; ranges.len()];
        let (mut window, mut members, mut passes) = (Vec::<Token>::new(), Vec::<usize>::new(), 0);
        let mut together = None;
        let mut flush = |window: &mut Vec<Token>, members: &mut Vec<usize>, out: &mut Vec<Option<Vec<f32>>>| {
            if window.is_empty() {
                return;
            }
            let encoded = self.encoder.encode_tokens(std::mem::take(window));
            for &i in members.iter() {
                out[i] = encoded.pooled(|_, t| Encoder::covers(t, &ranges[i]));
            }
            passes += 1;
            together = encoded.pooled(|_, t| members.iter().any(|&i| Encoder::covers(t, &ranges[i])));
            members.clear();
        };
        for (i, range) in ranges.iter().enumerate() {
            let mut own: Vec<Token> = tokens.iter().filter(|t| Encoder::covers(t, range)).cloned().collect();
            own.truncate(max);
            if window.len() + own.len() > max {
                flush(&mut window, &mut members, &mut out);
            }
            window.extend(own);
            members.push(i);
        }
        flush(&mut window, &mut members, &mut out);
        (out, if passes == 1 { together } else { None })
    }

    /// Every head's probability for each sentence of `text`, and for the text as a whole (when
    /// it fits one pass: a category can span two sentences).
    pub fn score(&self, text: &str, sentences: &[Range<usize>]) -> TextScores {
        let (each, whole) = self.embed_ranges(text, sentences);
        let probabilities = |embedding: &[f32]| self.heads.heads.iter().map(|h| h.probability(embedding)).collect::<Vec<f32>>();
        TextScores {
            sentences: each
                .into_iter()
                .zip(sentences)
                .filter_map(|(embedding, range)| Some(SentenceScores { range: range.clone(), probabilities: probabilities(&embedding?) }))
                .collect(),
            whole: whole.map(|e| probabilities(&e)),
        }
    }
}

/// What [`Semantic::score`] found.
#[derive(Debug, Clone)]
pub struct TextScores {
    pub sentences: Vec<SentenceScores>,
    /// Each head on the whole text (absent when it took more than one pass).
    pub whole: Option<Vec<f32>>,
}

impl TextScores {
    /// Head `index`'s verdict: the sentence to point at and the probability, when the head's
    /// threshold is met by a sentence or by the whole text (then its likeliest sentence).
    pub fn flagged(&self, index: usize, threshold: f32) -> Option<(Range<usize>, f32)> {
        let best = self.sentences.iter().max_by(|a, b| a.probabilities[index].total_cmp(&b.probabilities[index]))?;
        let sentence = best.probabilities[index];
        let whole = self.whole.as_ref().map_or(0.0, |w| w[index]);
        (sentence.max(whole) >= threshold).then(|| (best.range.clone(), sentence.max(whole)))
    }

    /// Head `index`'s verdict on the text as a whole, as the heads were trained (on whole posts),
    /// with its likeliest sentence to point at; sentence by sentence only when the text took more
    /// than one pass. A short sentence out of its post reads harsher than the post ("Worst
    /// support ever." in a complaint), so posts are judged whole.
    pub fn flagged_whole(&self, index: usize, threshold: f32) -> Option<(Range<usize>, f32)> {
        let Some(whole) = self.whole.as_ref().map(|w| w[index]) else { return self.flagged(index, threshold) };
        let best = self.sentences.iter().max_by(|a, b| a.probabilities[index].total_cmp(&b.probabilities[index]))?;
        (whole >= threshold).then(|| (best.range.clone(), whole))
    }

    /// Head `index`'s highest probability anywhere.
    pub fn highest(&self, index: usize) -> f32 {
        let sentences = self.sentences.iter().map(|s| s.probabilities[index]).fold(0.0, f32::max);
        sentences.max(self.whole.as_ref().map_or(0.0, |w| w[index]))
    }
}
