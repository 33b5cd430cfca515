//! DISC004 undisclosed-promotion: a pitch with a discount code or purchase link and no disclosure.

use super::*;

pub static DOC: RuleDoc = RuleDoc {
    code: "DISC004",
    name: "undisclosed-promotion",
    category: Cat::Disclosure,
    severity: Block,
    feed: None,
    by_role: &[],
    what: Bilingual::for_docs(
        "A promotion (discount code, affiliate or purchase link) with no disclosure at all.",
        "아무 표시 없는 홍보(할인 코드, 제휴·구매 링크).",
    ),
    why: Bilingual::fixed(
        "A paid or affiliate pitch without disclosure is deceptive advertising (FTC, 공정위), and undisclosed paid praise is a scandal when found out.",
        "표시 없는 유료·제휴 홍보는 기만 광고입니다(FTC, 공정위). 숨긴 대가성 칭찬은 드러나는 순간 스캔들이 됩니다.",
    ),
    source: Bilingual::fixed(
        "FTC Endorsement Guides (16 CFR Part 255, 2023); Korea Fair Trade Commission guidelines on endorsement advertising; WOMMA Code of Ethics",
        "미국 FTC 추천·보증 지침(16 CFR Part 255, 2023); 공정거래위원회 「추천·보증 등에 관한 표시·광고 심사지침」; WOMMA 윤리 강령",
    ),
    example: Bilingual::for_docs("Get the Nova X1 with my code NOVA20 for 20% off!", "노바 X1 할인코드 HANBIT15 쓰면 15% 할인돼요! 구매링크는 프로필에"),
    fix: Bilingual::for_docs("Put “#ad” or “[광고]” at the start.", "맨 앞에 “[광고]” 또는 “#ad”를 붙이세요."),
};


pub fn check(draft: &Draft, _cx: &Context, out: &mut Findings) {
    if draft.discloses() || draft.has(Lex::WeakLabels) || !family::disclosure::is_pitch(draft) || !family::disclosure::vague_labels(draft).is_empty() {
        return;
    }
    let cue = &draft.hits(Lex::PromotionCues)[0];
    out.add(&DOC, cue.range.clone(), bi(
        format!("Promotion without disclosure: “{}”.", &draft.text[cue.range.clone()]),
        format!("표시 없는 홍보: “{}”.", &draft.text[cue.range.clone()]),
    ))
    .suggest(bi("Add a label at the start", "맨 앞에 광고 표시"), 0..0, draft.in_language("#ad ", "[광고] "));
}
