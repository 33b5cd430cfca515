//! TONE004 threat: threats of violence or harm (I'll kill you, watch your back, 죽여버린다).
//!
//! Example: "keep talking and you'll regret it" / "가만 안 둔다".
//! Fix: don't post it.

use super::*;

pub static DOC: RuleDoc = RuleDoc {
    code: "TONE004",
    name: "threat",
    category: Cat::Tone,
    severity: Block,
    what: Bilingual::for_docs("Threats of violence or harm.", "폭력이나 해를 가하겠다는 위협."),
    why: Bilingual::fixed(
        "A threat can be a crime and gets accounts suspended; nothing justifies it under your name.",
        "위협은 범죄가 될 수 있고 계정 정지 사유입니다. 실명으로 올릴 이유가 없습니다.",
    ),
    source: Bilingual::fixed(
        "Perspective API attributes (threat); X, Facebook and LinkedIn rules on violent speech",
        "Perspective API 속성(위협); X·Facebook·LinkedIn의 폭력적 발언 정책",
    ),
    example: Bilingual::for_docs("You'll regret this, Hanbit support", "너 가만 안 둬"),
    fix: Bilingual::for_docs("Don't post threats.", "위협하는 글은 올리지 마세요."),
};

pub struct Rule;

impl super::Rule for Rule {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, draft: &Draft, _cx: &Context, out: &mut Findings) {
        flag_hits(draft, &[Lex::ThreatEn, Lex::ThreatKo], &DOC, out, |m| bi(
            format!("Threat: “{m}”."),
            format!("위협 표현: “{m}”."),
        ), Some(bi("Remove the threat", "위협 삭제")));
    }
}
