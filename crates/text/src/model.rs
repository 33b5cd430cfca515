//! Scoring with a learned classifier: logistic regression over hashed features ([`crate::features`]),
//! with weights quantised to one signed byte each. The engine's `model` module holds the shipped
//! models and the trainer.
//!
//! File format (little-endian): `RHM1`, bits (u8), scale (f32), bias (f32), threshold (f32),
//! then 2^bits weights (i8); a weight is `i8 × scale`.

use crate::features::{each_feature, word_features, words, Feature, Word};
use std::borrow::Cow;
use std::cell::RefCell;
use std::ops::Range;

const MAGIC: &[u8; 4] = b"RHM1";
const HEADER: usize = 4 + 1 + 4 * 3;

/// A trained linear model.
#[derive(Debug, Clone)]
pub struct Model {
    pub bits: u32,
    pub scale: f32,
    pub bias: f32,
    /// The probability from which a text counts as positive (chosen on held-out data).
    pub threshold: f32,
    /// Each byte is a signed weight (`as i8`); a built-in model borrows them from the binary.
    pub weights: Cow<'static, [u8]>,
}

/// What a model says of a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Score {
    /// The probability that the text is positive.
    pub probability: f32,
    pub positive: bool,
}

pub fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + (-x).exp())
}

impl Model {
    /// Reads a model file (its weights are borrowed, not copied).
    pub fn from_bytes(bytes: &'static [u8]) -> Result<Model, String> {
        Model::read(bytes).map(|(header, weights)| Model { weights: Cow::Borrowed(weights), ..header })
    }

    /// Reads a model file into a model of its own.
    pub fn from_vec(bytes: &[u8]) -> Result<Model, String> {
        Model::read(bytes).map(|(header, weights)| Model { weights: Cow::Owned(weights.to_vec()), ..header })
    }

    /// The header (with no weights) and the weights of a model file.
    fn read(bytes: &[u8]) -> Result<(Model, &[u8]), String> {
        if bytes.len() < HEADER || &bytes[..4] != MAGIC {
            return Err("not a riskhint model (no RHM1 header)".into());
        }
        let bits = bytes[4] as u32;
        if !(8..=24).contains(&bits) {
            return Err(format!("a model of 2^{bits} weights is out of range"));
        }
        let f = |at: usize| f32::from_le_bytes(bytes[at..at + 4].try_into().expect("four bytes"));
        let weights = &bytes[HEADER..];
        if weights.len() != 1 << bits {
            return Err(format!("the model has {} weights, its header says {}", weights.len(), 1u32 << bits));
        }
        Ok((Model { bits, scale: f(5), bias: f(9), threshold: f(13), weights: Cow::Borrowed(&[]) }, weights))
    }

    /// The model file.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(HEADER + self.weights.len());
        out.extend_from_slice(MAGIC);
        out.push(self.bits as u8);
        for value in [self.scale, self.bias, self.threshold] {
            out.extend_from_slice(&value.to_le_bytes());
        }
        out.extend_from_slice(&self.weights);
        out
    }

    fn weight(&self, f: &Feature) -> f32 {
        self.weights[f.index as usize] as i8 as f32 * self.scale * f.sign
    }

    /// Scores a text.
    pub fn score(&self, text: &str) -> Score {
        self.score_words(&words(text))
    }

    /// Scores a text's words (some may have been left out: names are not tone).
    ///
    /// The raw score (log-odds) is the bias plus the weights of the text's distinct features,
    /// scaled by 1/sqrt(their count); where two features share an index the first one's sign
    /// counts. Weights are summed as integers (exact, so in any order) and scaled once.
    pub fn score_words(&self, words: &[Word]) -> Score {
        let (sum, distinct) = FIRST_SEEN.with(|seen| seen.borrow_mut().sum(self, words));
        let norm = 1.0 / (distinct.max(1) as f32).sqrt();
        let probability = sigmoid(self.bias + sum as f32 * self.scale * norm);
        Score { probability, positive: probability >= self.threshold }
    }

    /// The words that pushed the score up most, strongest first (at most `n`): what a finding
    /// from the model points at.
    pub fn top_words(&self, words: &[Word], n: usize) -> Vec<Range<usize>> {
        let mut feats = Vec::new();
        let mut weighed: Vec<(f32, Range<usize>)> = words
            .iter()
            .filter(|word| !is_filler(&word.norm))
            .map(|word| {
                feats.clear();
                word_features(word, self.bits, &mut feats);
                (feats.iter().map(|f| self.weight(f)).sum::<f32>(), word.range.clone())
            })
            .filter(|(w, _)| *w > 0.0)
            .collect();
        weighed.sort_by(|a, b| b.0.total_cmp(&a.0));
        // Words that barely count ("a", "the") are not worth pointing at.
        let floor = weighed.first().map_or(0.0, |w| w.0 * 0.3);
        weighed.into_iter().take_while(|w| w.0 >= floor).take(n).map(|(_, range)| range).collect()
    }
}

/// One- and two-letter Latin words ("a", "is"): too common to be what a finding points at.
fn is_filler(norm: &str) -> bool {
    norm.len() <= 2 && norm.chars().all(|c| c.is_ascii_alphabetic())
}

thread_local! {
    /// Scratch for [`Model::score_words`], kept between texts: a bitmap is cleared by the bits it
    /// set, not by zeroing it whole.
    static FIRST_SEEN: RefCell<FirstSeen> = RefCell::default();
}

/// Which weight indexes a text has used so far: a bitmap of 2^bits and the indexes set in it.
#[derive(Default)]
struct FirstSeen {
    bitmap: Vec<u64>,
    set: Vec<u32>,
}

impl FirstSeen {
    /// The integer sum of the weights of the distinct features of `words`, each with the sign of
    /// its index's first feature, and how many distinct features there were.
    fn sum(&mut self, model: &Model, words: &[Word]) -> (i32, usize) {
        let words_needed = (1usize << model.bits) / 64 + 1;
        if self.bitmap.len() < words_needed {
            self.bitmap.resize(words_needed, 0);
        }
        let weights: &[u8] = &model.weights;
        let mut sum = 0i32;
        each_feature(words, model.bits, |f| {
            let (word, bit) = ((f.index / 64) as usize, 1u64 << (f.index % 64));
            if self.bitmap[word] & bit == 0 {
                self.bitmap[word] |= bit;
                self.set.push(f.index);
                let weight = weights[f.index as usize] as i8 as i32;
                sum += if f.sign > 0.0 { weight } else { -weight };
            }
        });
        let distinct = self.set.len();
        for index in self.set.drain(..) {
            self.bitmap[(index / 64) as usize] = 0;
        }
        (sum, distinct)
    }
}

/// The words of `text` outside `skip` (byte ranges, in any order), as a model reads them.
pub fn words_outside(text: &str, skip: &[Range<usize>]) -> Vec<Word> {
    // Overlapping ranges merged, then one sweep along the words (which come in text order):
    // testing each word against every range was quadratic in a post naming the company
    // thousands of times (a 1 MB post took a minute).
    let mut merged: Vec<Range<usize>> = skip.to_vec();
    merged.sort_by_key(|r| r.start);
    merged.dedup_by(|next, kept| {
        let overlaps = next.start < kept.end;
        if overlaps {
            kept.end = kept.end.max(next.end);
        }
        overlaps
    });
    let mut next = 0;
    words(text)
        .into_iter()
        .filter(|w| {
            while next < merged.len() && merged[next].end <= w.range.start {
                next += 1;
            }
            !(next < merged.len() && merged[next].start < w.range.end)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features;

    proptest::proptest! {
        #[test]
        fn words_outside_keeps_exactly_the_words_no_range_touches(
            text in "[a-c 가나 .]{0,40}",
            skip in proptest::collection::vec((0usize..48, 0usize..6), 0..8),
        ) {
            let skip: Vec<Range<usize>> = skip.into_iter().map(|(start, len)| start..start + len).collect();
            let expected: Vec<Range<usize>> = words(&text)
                .into_iter()
                .filter(|w| !skip.iter().any(|s| s.start < w.range.end && w.range.start < s.end))
                .map(|w| w.range)
                .collect();
            let kept: Vec<Range<usize>> = words_outside(&text, &skip).into_iter().map(|w| w.range).collect();
            proptest::prop_assert_eq!(kept, expected);
        }
    }

    #[test]
    fn scoring_sums_each_distinct_feature_once_as_the_sorted_list_does() {
        // Six bits: features collide often, with either sign, so which one counts matters.
        let model = Model { bits: 6, scale: 0.05, bias: -0.25, threshold: 0.5, weights: Cow::Owned((0..64u8).map(|i| i.wrapping_mul(37)).collect()) };
        for text in ["", "you are a pathetic idiot, shut up", "Hanbit support is a joke, 환불 안 해주는 쓰레기 서비스 stuuupid 2024", "ㅋㅋㅋ 진짜 멍청"] {
            let words = words(text);
            let mut listed = Vec::new();
            features::features(&words, model.bits, &mut listed);
            let expected: i32 = listed.iter().map(|f| model.weights[f.index as usize] as i8 as i32 * f.sign as i32).sum();
            assert_eq!(FIRST_SEEN.with(|seen| seen.borrow_mut().sum(&model, &words)), (expected, listed.len()), "{text:?}");
        }
        // The bitmap is left clear: the same text scores the same again.
        assert_eq!(model.score("you idiot"), model.score("you idiot"));
    }

    #[test]
    fn a_model_file_round_trips_and_bad_files_are_refused() {
        let model = Model { bits: 8, scale: 0.01, bias: -0.5, threshold: 0.6, weights: Cow::Owned((0..=255).collect()) };
        let again = Model::from_vec(&model.to_bytes()).unwrap();
        assert_eq!((again.bits, again.scale, again.bias, again.threshold), (8, 0.01, -0.5, 0.6));
        assert_eq!(again.weights, model.weights);
        assert!(Model::from_bytes(b"nope").is_err());
        let mut short = model.to_bytes();
        short.pop();
        assert!(Model::from_vec(&short).unwrap_err().contains("255 weights"));
    }
}
