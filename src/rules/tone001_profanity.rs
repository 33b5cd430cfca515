//! TONE001 profanity: swear words, also masked or spelled around filters (f***, sh1t, ㅅㅂ, 시1발).
//!
//! Example: "this update is fucking broken" / "아 ㅅㅂ 또 먹통".
//! Fix: remove the word.

use super::*;

pub static DOC: RuleDoc = RuleDoc {
    code: "TONE001",
    name: "profanity",
    category: Cat::Tone,
    severity: Warn,
    what: Bilingual::for_docs(
        "Swear words, including masked and obfuscated spellings (f***, sh1t, ㅅㅂ, 시1발, 씨@발).",
        "욕설(가리거나 변형한 표기 포함: f***, sh1t, ㅅㅂ, 시1발, 씨@발).",
    ),
    why: Bilingual::fixed(
        "Company guidelines forbid profanity: under your name it reads as the company's tone.",
        "회사 가이드라인은 욕설을 금지합니다. 실명 계정의 말투는 회사의 말투로 읽힙니다.",
    ),
    source: Bilingual::fixed(
        "Perspective API attributes (profanity); IBM, Intel, Dell and BBC social media guidelines",
        "Perspective API 속성(욕설); IBM·Intel·Dell·BBC 소셜 미디어 가이드라인",
    ),
    example: Bilingual::for_docs("this update is fucking broken", "이거 존나 좋다 ㅋㅋ"),
    fix: Bilingual::for_docs("Remove the word.", "단어를 지우세요."),
};

pub struct Rule;

impl super::Rule for Rule {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, draft: &Draft, _cx: &Context, out: &mut Findings) {
        flag_hits(draft, &[Lex::ProfanityEn, Lex::ProfanityKo], &DOC, out, |m| bi(
            format!("Profanity: “{m}”."),
            format!("욕설: “{m}”."),
        ), Some(bi("Remove the word", "단어 삭제")));
    }
}
