//! TONE003 shouting: three or more ALL-CAPS words in a row, or "!!!".
//!
//! Example: "THIS IS NOT ACCEPTABLE!!!".
//! Fix: write in sentence case with one "!".

use super::*;
use regex::Regex;
use std::sync::LazyLock;

pub static DOC: RuleDoc = RuleDoc {
    code: "TONE003",
    name: "shouting",
    category: Cat::Tone,
    severity: Info,
    what: Bilingual::fixed("Three or more ALL-CAPS words in a row, or a run of “!!!”.", "대문자 단어 세 개 이상 연속, 또는 “!!!”."),
    why: Bilingual::fixed(
        "Capitals and exclamation runs read as shouting; a PR team would flag it in a reply.",
        "대문자와 느낌표 연속은 고함으로 읽힙니다. 홍보팀이라면 답글에서 지적할 말투입니다.",
    ),
    source: "rules.md (tone: shouting); PR practice",
    example: "THIS IS NOT ACCEPTABLE!!!",
    fix: Bilingual::fixed("Use sentence case and one “!”.", "소문자와 느낌표 하나로 쓰세요."),
};

static CAPS_RUN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?-u:\b)[A-Z]{2,}(?:[\s,]+[A-Z]{2,}){2,}(?-u:\b)").expect("caps pattern"));
static BANGS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[!！]{3,}|(?:[!?]{2,}[?!]){2,}").expect("bang pattern"));

/// Everyday words: in capitals they are shouting, unlike acronyms.
const SHOUTED_WORDS: &[&str] = &[
    "THE", "THIS", "THAT", "IS", "ARE", "NOT", "NO", "NOW", "YOU", "YOUR", "WE", "OUR", "FIX", "STOP", "WHY", "WHAT",
    "NEVER", "EVER", "WORST", "HATE", "AND", "TO", "OF", "FOR", "IT", "DO", "DONT", "CANT", "WONT", "ME", "MY", "GET",
];

pub struct Rule;

impl super::Rule for Rule {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, draft: &Draft, _cx: &Context, out: &mut Findings) {
        // The patterns need three capitalised words, or three marks: most texts are skipped.
        let capitals = draft.text.bytes().filter(u8::is_ascii_uppercase).count();
        let marks = draft.text.chars().filter(|c| matches!(c, '!' | '！' | '?')).count();
        if capitals >= 6 {
            for m in CAPS_RUN.find_iter(draft.text) {
                let words = m.as_str().split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty()).count();
                let letters = m.as_str().chars().filter(char::is_ascii_alphabetic).count();
                let plain_words = m.as_str().split(|c: char| !c.is_ascii_alphabetic()).any(|w| SHOUTED_WORDS.contains(&w));
                if !plain_words && (words < 4 || letters < 12) {
                    continue; // "OLED HDR LCD": a run of acronyms is not shouting
                }
                let calm = m.as_str().to_lowercase();
                out.add(&DOC, m.range(), bi("All caps reads as shouting.", "대문자만 쓰면 고함처럼 읽힙니다."))
                    .suggest(bi("Use lower case", "소문자로"), m.range(), calm);
            }
        }
        if marks >= 3 {
            for m in BANGS.find_iter(draft.text) {
                out.add(&DOC, m.range(), bi("A run of “!” reads as shouting.", "느낌표 연속은 고함처럼 읽힙니다."))
                    .suggest(bi("Use one “!”", "느낌표 하나로"), m.range(), "!");
            }
        }
    }
}
