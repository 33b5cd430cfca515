//! TONE007 hostile-tone: a sentence the learned hostility model reads as hostile, where no word
//! list found anything (the lists explain; the model raises recall).

use super::*;
use crate::model::{builtin, Task};

pub static DOC: RuleDoc = RuleDoc {
    code: "TONE007",
    name: "hostile-tone",
    category: Cat::Tone,
    severity: Warn,
    feed: Some(FeedLabel::Hostile),
    by_role: &[],
    what: Bilingual::for_docs(
        "A sentence that reads as hostile to a learned model (insult, threat, contempt) though no listed word is in it.",
        "목록에 있는 단어는 없지만 학습 모델이 적대적(모욕·위협·경멸)으로 읽는 문장.",
    ),
    why: Bilingual::fixed(
        "Hostility without swear words still starts fights the company has to answer for; word lists miss most of it.",
        "욕설 없이도 적대적인 말은 회사가 책임져야 할 싸움을 만듭니다. 단어 목록으로는 대부분 놓칩니다.",
    ),
    source: Bilingual::fixed(
        "Perspective API attributes (toxicity, insult, threat); models trained on the public TweetEval/OLID and korean-hate-speech corpora; Intel and IBM guidelines",
        "Perspective API 속성(유해성·모욕·위협); 공개 말뭉치 TweetEval/OLID와 korean-hate-speech로 학습한 모델; Intel·IBM 가이드라인",
    ),
    example: Bilingual::for_docs("You are a disgrace, get lost.", "니가 뭘 안다고 떠드냐"),
    fix: Bilingual::for_docs("Say what you disagree with, not who the other person is.", "사람이 아니라 의견에 대해 말하세요."),
};

/// Words that already explain hostility: a sentence with one of these is left to TONE001–005.
const EXPLAINED: &[Lex] = &[Lex::ProfanityEn, Lex::ProfanityKo, Lex::ProfanityNumericKo, Lex::InsultEn, Lex::InsultKo, Lex::ThreatEn, Lex::ThreatKo, Lex::IdentityEn, Lex::IdentityKo];

/// Texts up to this size (a long tweet, a comment) are scored whole.
const WHOLE_TEXT_BYTES: usize = 600;

/// At most this many sentences are flagged: the rest say the same.
const MAX_FINDINGS: usize = 3;

pub fn check(draft: &Draft, _cx: &Context, out: &mut Findings) {
    let model = builtin(Task::Hostile, draft.language);
    let all = draft.model_words();
    let mut next = 0;
    let mut flagged = 0;
    // The models learned from whole tweets and comments: a text of that size is read whole,
    // a longer one sentence by sentence.
    let whole = [0..draft.text.len()];
    let units = if draft.text.len() <= WHOLE_TEXT_BYTES { &whole[..] } else { draft.sentences() };
    for sentence in units {
        // Words and sentences both run in text order.
        let from = next;
        while next < all.len() && all[next].range.end <= sentence.end {
            next += 1;
        }
        let words = &all[from..next];
        if flagged == MAX_FINDINGS || !draft.model_may_judge(words) || EXPLAINED.iter().any(|&l| draft.has_in(l, sentence)) {
            continue;
        }
        let score = model.score_words(words);
        if !score.positive {
            continue;
        }
        // A number is never quoted as the reason: it may be someone's card or phone (a feed keeps
        // those only masked), and its weight explains nothing to a reader.
        let words: Vec<_> = model.top_words(words, 3).into_iter().filter(|w| !draft.text[w.clone()].bytes().any(|b| b.is_ascii_digit())).collect();
        let Some(strongest) = words.first().cloned() else { continue };
        let quoted = words.iter().map(|w| format!("“{}”", &draft.text[w.clone()])).collect::<Vec<_>>().join(", ");
        let percent = (score.probability * 100.0).round() as u32;
        out.add(&DOC, strongest, bi(
            format!("This sentence reads as hostile ({percent}% by the model); the words that weigh most: {quoted}."),
            format!("이 문장은 적대적으로 읽힙니다(모델 {percent}%). 가장 크게 작용한 말: {quoted}."),
        ));
        flagged += 1;
    }
}
