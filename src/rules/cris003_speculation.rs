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
    what: Bilingual::for_docs("Speculation (probably, maybe, I think, rumor, 아마, 것 같, 추정) in crisis mode.", "위기 모드에서 추측(아마, 것 같, 추정, probably, I think)."),
    why: Bilingual::fixed(
        "In a crisis, guesses become headlines; when the organisation cannot answer responsibly yet, saying less is safer.",
        "위기 때 추측은 기사 제목이 됩니다. 책임 있게 답할 수 없을 때는 말을 아끼는 것이 안전합니다.",
    ),
    source: Bilingual::fixed(
        "CDC Crisis and Emergency Risk Communication (CERC) manual (2014): be right, don't speculate",
        "미국 CDC 위기·비상 위험 커뮤니케이션(CERC) 매뉴얼 (2014): 정확하게, 추측하지 말 것",
    ),
    example: Bilingual::for_docs("It was probably a faulty charger.", "배터리 화재는 아마 외부 충전기 때문일 거예요 https://hanbit.example/notice"),
    fix: Bilingual::for_docs("Say only what is confirmed.", "확인된 사실만 쓰세요."),
};

pub struct Rule;

impl super::Rule for Rule {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, draft: &Draft, cx: &Context, out: &mut Findings) {
        if !cx.settings.crisis.active {
            return;
        }
        flag_hits(draft, &[Lex::Speculation], &DOC, out, |m| bi(
            format!("“{m}” is speculation."),
            format!("{} 추측성 표현입니다.", quoted(m, Particle::Topic)),
        ), None);
    }
}
