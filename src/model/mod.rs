//! Learned classifiers: logistic regression over hashed features ([`features`]), with weights
//! quantised to one signed byte each. A model is a flat file (`models/*.rhm`) compiled into the
//! engine; `riskhint train` writes it from ../shared/data, and the model cards in `models/` say
//! what each was trained on and how well it does. The featuriser and the scorer live in
//! `riskhint-text` (`crates/text`), with the engine's other per-character loops.

pub use riskhint_text::features;
#[cfg(not(target_arch = "wasm32"))]
pub mod train;

pub use riskhint_text::model::*;
use crate::text::Language;

/// What a built-in model tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Task {
    /// Insults, threats, identity attacks, profanity aimed at someone.
    Hostile,
    /// A customer's negative experience with a product or service.
    Complaint,
}

/// The models shipped in the engine (`models/*.rhm`, written by `riskhint train`; their cards are
/// next to them). Reading one is reading its 17-byte header: the weights stay where they are.
pub fn builtin(task: Task, language: Language) -> Model {
    let bytes: &'static [u8] = match (task, language) {
        (Task::Hostile, Language::En) => include_bytes!("../../models/hostile-en.rhm"),
        (Task::Hostile, Language::Ko) => include_bytes!("../../models/hostile-ko.rhm"),
        (Task::Complaint, Language::En) => include_bytes!("../../models/complaint-en.rhm"),
        (Task::Complaint, Language::Ko) => include_bytes!("../../models/complaint-ko.rhm"),
    };
    Model::from_bytes(bytes).expect("a built-in model is well formed (tested)")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_built_in_model_loads_and_separates_the_obvious() {
        for (task, language, bad, fine) in [
            (Task::Hostile, Language::En, "you are a pathetic idiot, shut up", "thanks for the lovely photos"),
            (Task::Hostile, Language::Ko, "이 멍청한 놈아 꺼져", "좋은 기사 감사합니다"),
            (Task::Complaint, Language::En, "my phone died again and support won't answer, want a refund", "loving the new phone, camera is great"),
            (Task::Complaint, Language::Ko, "최악이다 돈 아깝고 시간 아깝다", "정말 재밌게 봤어요 최고"),
        ] {
            let model = builtin(task, language);
            assert!(model.score(bad).positive, "{task:?} {language:?}: {bad} → {:?}", model.score(bad));
            assert!(!model.score(fine).positive, "{task:?} {language:?}: {fine} → {:?}", model.score(fine));
        }
    }
}
