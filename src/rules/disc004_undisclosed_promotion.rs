//! DISC004 undisclosed-promotion: a pitch with a discount code or purchase link and no disclosure.
//!
//! Example: "Get the Nova X1 with my code NOVA20 for 20% off!" / "할인코드 NOVA20 쓰시면 20% 할인!".
//! Fix: put "#ad" or "[광고]" at the start.

use super::*;
use regex::Regex;
use std::sync::LazyLock;

pub static DOC: RuleDoc = RuleDoc {
    code: "DISC004",
    name: "undisclosed-promotion",
    category: Cat::Disclosure,
    severity: Block,
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

/// What makes a promotion cue a real pitch: a link, a code, a discount.
static PITCH_EVIDENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"https?://|www\.|(?-u:\b)[0-9]{1,3}\s?%|할인|off(?-u:\b)|쿠폰|특가|최저가").expect("pitch pattern")
});

/// A promo code: four or more capitals and digits with at least one digit ("NOVA20", not "X1").
static CODE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?-u:\b)[A-Z][A-Z0-9]{3,}(?-u:\b)").expect("code pattern"));

/// Whether the text pitches something: a promotion cue backed by a link, code, discount or praise.
pub(crate) fn is_pitch(draft: &Draft) -> bool {
    let code = || CODE.find_iter(draft.text).any(|m| m.as_str().bytes().any(|b| b.is_ascii_digit()));
    let asking = draft.text.trim_end().ends_with('?');
    // The lexicon tests first: the patterns are searched only in texts that could be a pitch.
    draft.has(Lex::PromotionCues) && !asking && (draft.has(Lex::Praise) || PITCH_EVIDENCE.is_match(draft.text) || code())
}

pub struct Rule;

impl super::Rule for Rule {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, draft: &Draft, _cx: &Context, out: &mut Findings) {
        if draft.discloses() || draft.has(Lex::WeakLabels) || !is_pitch(draft) || !super::disc002_weak_label::vague_labels(draft).is_empty() {
            return;
        }
        let cue = &draft.hits(Lex::PromotionCues)[0];
        out.add(&DOC, cue.range.clone(), bi(
            format!("Promotion without disclosure: “{}”.", &draft.text[cue.range.clone()]),
            format!("표시 없는 홍보: “{}”.", &draft.text[cue.range.clone()]),
        ))
        .suggest(bi("Add a label at the start", "맨 앞에 광고 표시"), 0..0, draft.in_language("#ad ", "[광고] "));
    }
}
