//! Learned classifiers: logistic regression over hashed features ([`features`]), with weights
//! quantised to one signed byte each. A model is a flat file (`models/*.rhm`) compiled into the
//! engine; `riskhint train` writes it from ../shared/data, and the model cards in `models/` say
//! what each was trained on and how well it does. The featuriser and the scorer live in
//! `riskhint-text` (`crates/text`), with the engine's other per-character loops.

pub use riskhint_text::features;
#[cfg(not(target_arch = "wasm32"))]
pub mod train;

pub use riskhint_text::model::*;
use riskhint_text::text::Language;

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

/// Words a model must not judge on: agreement, thanks and laughter typed in Latin letters (in
/// Hangul these are jamo, ㅇㅇ ㅋㅋ ㅎㅎ ㅠㅠ ㄱㄱ ㄴㄴ, which never count), as the featuriser
/// writes them (lower case, letters repeated more than twice folded to two).
const CASUAL: &[&str] = &["ok", "okay", "kk", "yes", "yeah", "yep", "yup", "ya", "no", "nope", "lol", "lmao", "haha", "hahaha", "hehe", "thx", "ty", "응", "웅", "넵", "넹", "네", "예", "ㅇㅋ"];

/// How many words carrying meaning a text needs before a model may judge it: the models
/// learned from whole tweets and comments, and one word ("응", "ok") or the first key of a word
/// being typed (ㅇ, the start of 안녕) is not enough to call anything hostile or a complaint.
pub const MIN_WORDS_TO_JUDGE: usize = 2;

/// Whether a model may judge `words` of `text`: at least [`MIN_WORDS_TO_JUDGE`] words with a
/// Hangul syllable or two letters, not counting jamo alone, laughter and casual agreement.
/// Rules still apply to every text (ㅅㅂ is profanity, whatever its length).
pub fn enough_to_judge(text: &str, words: &[features::Word]) -> bool {
    let meaningful = |w: &&features::Word| {
        let letters = text[w.range.clone()].chars().filter(|c| c.is_alphabetic() && !is_jamo(*c)).count();
        let syllable = text[w.range.clone()].chars().any(|c| ('가'..='힣').contains(&c));
        (syllable || letters >= 2) && !CASUAL.contains(&w.norm.as_str())
    };
    words.iter().filter(meaningful).nth(MIN_WORDS_TO_JUDGE - 1).is_some()
}

/// A Hangul letter written on its own (ㅇ, ㅋ, ㅠ): compatibility or conjoining jamo.
fn is_jamo(c: char) -> bool {
    matches!(c, '\u{1100}'..='\u{11FF}' | '\u{3131}'..='\u{318E}' | '\u{A960}'..='\u{A97F}' | '\u{D7B0}'..='\u{D7FF}' | '\u{FFA0}'..='\u{FFDC}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jamo_laughter_agreement_and_single_words_are_too_short_to_judge() {
        let judged = |text: &str| enough_to_judge(text, &features::words(text));
        for quiet in ["ㅇ", "ㅇㅇ", "ㅋㅋㅋㅋ", "ㅎㅎ ㅠㅠ", "ㄱㄱ", "ㄴㄴ ㅇㅋ", "ㅅㅂ", "응", "네 ㅋㅋ", "ok lol", "yes!!", "안", "꺼져", "😡😡", "?!", "hahahaha yeah", "안녕 ㅇ", ""] {
            assert!(!judged(quiet), "{quiet:?} is too short to judge");
        }
        for judgeable in ["니가 뭘 안다고", "you idiot", "get lost", "최악이다 진짜", "ㅋㅋ 니가 뭘"] {
            assert!(judged(judgeable), "{judgeable:?} has enough to judge");
        }
    }

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
