//! CRIS003 crisis-speculation: guesses while crisis mode is on (probably, I think, 아마, 것 같다).
//!
//! Example (crisis mode): "It was probably a faulty charger." / "아마 충전기 문제인 것 같습니다".
//! Fix: say only what is confirmed, and link to the official update.

use super::*;

pub static DOC: RuleDoc = RuleDoc {
    code: "CRIS003",
    name: "crisis-speculation",
    category: Cat::Crisis,
    severity: Warn,
    what: Bilingual::fixed("Speculation (probably, maybe, I think, rumor, 아마, 것 같, 추정) in crisis mode.", "위기 모드에서 추측(아마, 것 같, 추정, probably, I think)."),
    why: Bilingual::fixed(
        "In a crisis, guesses become headlines; when the organisation cannot answer responsibly yet, saying less is safer.",
        "위기 때 추측은 기사 제목이 됩니다. 책임 있게 답할 수 없을 때는 말을 아끼는 것이 안전합니다.",
    ),
    source: "rules.md (crisis); seeds (위기관리: facts and official links, not ad-libs)",
    example: "It was probably a faulty charger.",
    fix: Bilingual::fixed("Say only what is confirmed.", "확인된 사실만 쓰세요."),
};

pub struct Rule;

impl super::Rule for Rule {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, draft: &Draft, cx: &Context, out: &mut Findings) {
        if !cx.policy.crisis.active {
            return;
        }
        flag_hits(draft, &[Lex::Speculation], &DOC, out, |m| bi(
            format!("“{m}” is speculation."),
            format!("“{m}”: 추측성 표현입니다."),
        ), None);
    }
}
