//! APOL005 no-corrective-action: an apology that does not say what will change.

use super::*;
use crate::fix::{Field, Piece, Prompt};

pub static DOC: RuleDoc = RuleDoc {
    code: "APOL005",
    name: "no-corrective-action",
    category: Cat::Apology,
    severity: Info,
    feed: None,
    by_role: &[],
    what: Bilingual::for_docs(
        "An apology from the company with no concrete corrective action (refund, fix, change, 조치, 개선, 보상, 재발 방지).",
        "구체적 조치(환불, 수리, 개선, 보상, 재발 방지) 없는 회사의 사과.",
    ),
    why: Bilingual::fixed(
        "A good apology says what will change: the E-Mart CEO named which stores would change how beef is handled.",
        "좋은 사과는 무엇을 바꿀지 말합니다. 이마트 대표는 어느 매장의 소고기 처리 방식을 바꿀지 밝혔습니다.",
    ),
    source: Bilingual::fixed(
        "E-Mart vice chairman Chung Yong-jin's apology on Twitter (2010), which named the corrective action",
        "이마트 정용진 부회장 트위터 사과 (2010)",
    ),
    example: Bilingual::for_docs("We apologize to our customers.", "한우 혼입 건으로 고객님들께 깊이 사과드립니다."),
    fix: Bilingual::for_docs("Add what you will do and by when.", "무엇을 언제까지 할지 덧붙이세요."),
};


pub fn check(draft: &Draft, _cx: &Context, out: &mut Findings) {
    if !family::apology::is_apology(draft) || draft.has(Lex::CorrectiveAction) {
        return;
    }
    let Some(apology) = draft.hits(Lex::ApologyWords).first().or(draft.hits(Lex::NonApology).first()) else { return };
    let end = draft.content_end();
    out.add(&DOC, apology.range.clone(), bi(
        "The apology doesn't say what will change.",
        "무엇을 어떻게 바로잡을지가 빠진 사과입니다.",
    ))
    .ask(bi("Say what you will change", "바로잡을 조치 덧붙이기"), end, &CORRECTIVE_ACTION);
}

/// The corrective action in the user's words: what, and by when if they say. "We will" and
/// "재발 방지" are corrective-action words, so the filled-in sentence answers this rule.
pub static CORRECTIVE_ACTION: Prompt = Prompt {
    id: "corrective-action",
    fields: &[
        Field {
            name: "what",
            label: Bilingual::fixed("What you will change", "바로잡을 내용"),
            example: Bilingual::fixed("refund every affected order", "전 매장 원산지 표기 점검"),
            required: true,
        },
        Field { name: "when", label: Bilingual::fixed("By when", "언제까지"), example: Bilingual::fixed("June 12", "6월 12일"), required: false },
    ],
    english: &[
        Piece::Text(" We will "),
        Piece::Slot { field: "what", before: "", particle: None, after: "" },
        Piece::Slot { field: "when", before: " by ", particle: None, after: "" },
        Piece::Text("."),
    ],
    korean: &[
        Piece::Text(" 재발 방지를 위해 "),
        Piece::Slot { field: "when", before: "", particle: None, after: "까지 " },
        Piece::Slot { field: "what", before: "", particle: Some(Particle::Object), after: " 진행하겠습니다." },
    ],
};
