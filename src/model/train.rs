//! Training (native only): logistic regression by AdaGrad over the shared featuriser, then
//! quantisation, then a threshold chosen on held-out rows for precision first. Deterministic: the
//! same rows and settings give the same model file.

use super::features::{features, words, Feature};
use super::{sigmoid, Model};

/// How to train.
#[derive(Debug, Clone)]
pub struct Settings {
    /// 2^bits weights.
    pub bits: u32,
    pub epochs: usize,
    pub learning_rate: f32,
    /// L2 penalty per update.
    pub l2: f32,
    /// The threshold is the one with the best F1 among those reaching this precision on the
    /// held-out rows (or the most precise one, if none does).
    pub min_precision: f64,
    pub seed: u64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings { bits: 18, epochs: 10, learning_rate: 0.2, l2: 1e-6, min_precision: 0.75, seed: 20261122 }
    }
}

/// Precision, recall and F1 of the positive class at a threshold.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Metrics {
    pub threshold: f32,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Metrics {
    pub fn of(tp: usize, fp: usize, fn_: usize, threshold: f32) -> Metrics {
        let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        let (precision, recall) = (ratio(tp, tp + fp), ratio(tp, tp + fn_));
        let f1 = if precision + recall == 0.0 { 0.0 } else { 2.0 * precision * recall / (precision + recall) };
        Metrics { threshold, precision, recall, f1, tp, fp, fn_ }
    }
}

/// A row's place in a split, by a hash of its text: the same row always lands on the same side,
/// whatever the file's order.
pub fn held_out(text: &str, one_in: u64) -> bool {
    let h = text.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ b as u64).wrapping_mul(0x0100_0000_01b3));
    h % one_in == 0
}

/// A small, seeded random source (xorshift64*), for shuffling.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
}

fn featurise(rows: &[(String, bool)], bits: u32) -> Vec<(Vec<Feature>, bool)> {
    rows.iter()
        .map(|(text, label)| {
            let mut feats = Vec::new();
            features(&words(text), bits, &mut feats);
            (feats, *label)
        })
        .collect()
}

/// Trains on `train`, picks the threshold on `dev`, and returns the quantised model with its
/// metrics on `dev`. With `dev_prior` (what the rules already flag, row by row), the threshold is
/// the one that serves the engine best: rules or model together, precision first.
pub fn train(train: &[(String, bool)], dev: &[(String, bool)], dev_prior: Option<&[bool]>, settings: &Settings) -> (Model, Metrics) {
    let size = 1usize << settings.bits;
    let data = featurise(train, settings.bits);
    let mut weights = vec![0f32; size];
    let mut squares = vec![1e-8f32; size];
    let (mut bias, mut bias_square) = (0f32, 1e-8f32);
    // Positives are rarer in most sets: weigh them up to balance the classes.
    let positives = data.iter().filter(|(_, y)| *y).count().max(1);
    let positive_weight = ((data.len() - positives) as f32 / positives as f32).clamp(1.0, 10.0);
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut rng = Rng(settings.seed | 1);
    for _ in 0..settings.epochs {
        for i in (1..order.len()).rev() {
            order.swap(i, (rng.next() % (i as u64 + 1)) as usize);
        }
        for &i in &order {
            let (feats, label) = &data[i];
            let norm = 1.0 / (feats.len().max(1) as f32).sqrt();
            let margin = bias + feats.iter().map(|f| weights[f.index as usize] * f.sign).sum::<f32>() * norm;
            let y = if *label { 1.0 } else { 0.0 };
            let gradient = (sigmoid(margin) - y) * if *label { positive_weight } else { 1.0 };
            for f in feats {
                let at = f.index as usize;
                let g = gradient * f.sign * norm + settings.l2 * weights[at];
                squares[at] += g * g;
                weights[at] -= settings.learning_rate * g / squares[at].sqrt();
            }
            bias_square += gradient * gradient;
            bias -= settings.learning_rate * gradient / bias_square.sqrt();
        }
    }
    let largest = weights.iter().fold(0f32, |m, w| m.max(w.abs())).max(1e-6);
    let scale = largest / 127.0;
    let mut model = Model {
        bits: settings.bits,
        scale,
        bias,
        threshold: 0.5,
        weights: weights.iter().map(|w| (w / scale).round().clamp(-127.0, 127.0) as i8 as u8).collect(),
    };
    let metrics = choose_threshold(&model, dev, dev_prior, settings.min_precision);
    model.threshold = metrics.threshold;
    (model, metrics)
}

/// The threshold with the best F1 at or above `min_precision` on `rows` (or the most precise).
/// Rows the `prior` already flags count as flagged whatever the model says.
pub fn choose_threshold(model: &Model, rows: &[(String, bool)], prior: Option<&[bool]>, min_precision: f64) -> Metrics {
    let flagged_before = |i: usize| prior.is_some_and(|p| p[i]);
    let positives = rows.iter().filter(|(_, y)| *y).count();
    let (mut tp, mut fp) = (0, 0);
    for (i, (_, y)) in rows.iter().enumerate() {
        if flagged_before(i) {
            if *y { tp += 1 } else { fp += 1 }
        }
    }
    let scored: Vec<(f32, bool)> =
        rows.iter().enumerate().filter(|(i, _)| !flagged_before(*i)).map(|(_, (text, label))| (model.score(text).probability, *label)).collect();
    best_threshold(scored, positives, (tp, fp), min_precision)
}

/// The threshold on `scored` (probability, is positive) with the best F1 at or above
/// `min_precision` (or the most precise), counting `flagged` (true and false positives) as
/// already flagged and `positives` in all.
pub fn best_threshold(mut scored: Vec<(f32, bool)>, positives: usize, flagged: (usize, usize), min_precision: f64) -> Metrics {
    let (mut tp, mut fp) = flagged;
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    let (mut best, mut most_precise) = (None::<Metrics>, Metrics::default());
    for (i, &(p, y)) in scored.iter().enumerate() {
        if y { tp += 1 } else { fp += 1 }
        // Only between distinct scores can a threshold separate rows.
        if scored.get(i + 1).is_some_and(|next| next.0 == p) {
            continue;
        }
        let m = Metrics::of(tp, fp, positives - tp, p);
        if m.precision >= min_precision && best.is_none_or(|b| m.f1 > b.f1) {
            best = Some(m);
        }
        if m.precision > most_precise.precision || (m.precision == most_precise.precision && m.recall > most_precise.recall) {
            most_precise = m;
        }
    }
    best.unwrap_or(most_precise)
}

/// The model's metrics on `rows` at its own threshold (with `prior`: rules or model).
pub fn evaluate(model: &Model, rows: &[(String, bool)], prior: Option<&[bool]>) -> Metrics {
    let (mut tp, mut fp, mut fn_) = (0, 0, 0);
    for (i, (text, label)) in rows.iter().enumerate() {
        match (prior.is_some_and(|p| p[i]) || model.score(text).positive, *label) {
            (true, true) => tp += 1,
            (true, false) => fp += 1,
            (false, true) => fn_ += 1,
            _ => {}
        }
    }
    Metrics::of(tp, fp, fn_, model.threshold)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(list: &[(&str, bool)]) -> Vec<(String, bool)> {
        list.iter().map(|(t, y)| (t.to_string(), *y)).collect()
    }

    #[test]
    fn a_tiny_model_learns_the_words_that_separate_the_classes_in_both_languages() {
        let mut data = Vec::new();
        for i in 0..40 {
            data.push((format!("you are an idiot number {i}"), true));
            data.push((format!("너 진짜 멍청이다 {i}번"), true));
            data.push((format!("you are a friend number {i}"), false));
            data.push((format!("너 진짜 친구다 {i}번"), false));
        }
        let settings = Settings { bits: 12, epochs: 5, min_precision: 0.9, ..Settings::default() };
        let (model, metrics) = train(&data, &data, None, &settings);
        assert!(metrics.f1 > 0.95, "{metrics:?}");
        assert!(model.score("what an idiot").probability > model.score("what a friend").probability);
        assert!(model.score("멍청이 같으니").probability > model.score("좋은 친구 같으니").probability);
        let top = model.top_words(&words("hello idiot friend"), 1);
        assert_eq!(&"hello idiot friend"[top[0].clone()], "idiot");
        // Deterministic: the same data and settings give the same file.
        assert_eq!(train(&data, &data, None, &settings).0.to_bytes(), model.to_bytes());
        let check = evaluate(&model, &rows(&[("idiot", true), ("friend", false)]), None);
        assert_eq!((check.tp, check.fp), (1, 0), "{check:?}");
        // What the rules flag counts as flagged: a wrong prior shows up as a false positive.
        let check = evaluate(&model, &rows(&[("idiot", true), ("friend", false)]), Some(&[false, true]));
        assert_eq!((check.tp, check.fp), (1, 1), "{check:?}");
    }

    #[test]
    fn the_split_is_stable_and_about_the_asked_size() {
        let texts: Vec<String> = (0..10_000).map(|i| format!("row {i}")).collect();
        let held = texts.iter().filter(|t| held_out(t, 10)).count();
        assert!((800..1200).contains(&held), "{held}");
        assert_eq!(held_out("row 1", 10), held_out("row 1", 10));
    }
}
