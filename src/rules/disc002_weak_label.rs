//! DISC002 weak-disclosure-label: a label regulators call too vague (#sp, #spon, collab, 체험단).
//!
//! Example: "Loving my new Nova X1 #sp" / "체험단으로 받은 노바 X1 후기".
//! Fix: replace it with "#ad" or "[광고]".

use super::*;
use regex::Regex;
use std::sync::LazyLock;

pub static DOC: RuleDoc = RuleDoc {
    code: "DISC002",
    name: "weak-disclosure-label",
    category: Cat::Disclosure,
    severity: Warn,
    what: Bilingual::fixed(
        "A vague disclosure: #sp, #spon, #collab, “thanks to”, a bare “thanks @brand” under product praise, 체험단, “홍보성 글”, “소정의 수수료”.",
        "모호한 표시: #sp, #spon, #collab, “thanks to”, 제품 칭찬 뒤의 “thanks @브랜드”만, 체험단, “홍보성 글”, “소정의 수수료”.",
    ),
    why: Bilingual::fixed(
        "The FTC and Korea's FTC treat vague labels as no disclosure at all; the label must say it is an ad.",
        "FTC와 공정위는 모호한 표시를 표시가 없는 것으로 봅니다. 광고임을 분명히 밝혀야 합니다.",
    ),
    source: Bilingual::fixed(
        "FTC “Disclosures 101 for Social Media Influencers” (2023); Korea Fair Trade Commission guidelines on endorsement advertising (revised 2 December 2025)",
        "미국 FTC 「Disclosures 101 for Social Media Influencers」(2023); 공정거래위원회 「추천·보증 등에 관한 표시·광고 심사지침」(2025. 12. 2. 개정)",
    ),
    example: Bilingual::fixed("Loving my new Nova X1 #sp", "Thanks to 한빛전자, 노바 X1 한 달 써봤어요. 배터리 최고"),
    fix: Bilingual::fixed("Replace the label with “#ad” or “[광고]”.", "표시를 “[광고]” 또는 “#ad”로 바꾸세요."),
};

static THANKS_HANDLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i-u:thanks|thank you|thx|ty)\s+(?:(?i-u:to)\s+)?@[A-Za-z0-9_]+").expect("thanks pattern"));

pub struct Rule;

/// Labels vague on their own; "thanks to" and "collaboration" are only labels in a pitch.
fn needs_pitch(entry: &str) -> bool {
    matches!(entry, "thanks to" | "thank you to" | "collaboration" | "collab" | "sp" | "spon")
}

impl super::Rule for Rule {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, draft: &Draft, _cx: &Context, out: &mut Findings) {
        if draft.has(Lex::DisclosureLabels) {
            return;
        }
        let pitch = draft.has(Lex::PromotionCues) || draft.names_org();
        for hit in draft.hits(Lex::WeakLabels) {
            let span = with_label_marks(draft.text, &hit.range);
            let hashtag = draft.text[span.clone()].starts_with('#');
            if needs_pitch(&hit.entry) && !hashtag && !pitch {
                continue;
            }
            let label = &draft.text[span.clone()];
            out.add(&DOC, span.clone(), bi(
                format!("“{label}” is too vague to count as a disclosure."),
                format!("{} 광고 표시로 인정받기에는 너무 모호합니다.", quoted(label, Particle::Topic)),
            ))
            .suggest(bi("Use a clear label", "명확한 표시로 바꾸기"), span.clone(), draft.in_language("#ad", "[광고]"));
        }
        // A bare "thanks @brand" under praise of its product is not a disclosure (FTC).
        if !(draft.has(Lex::Praise) && draft.has(Lex::Products) && !draft.has(Lex::WeakLabels)) {
            return;
        }
        if let Some(m) = THANKS_HANDLE.find(draft.text) {
            out.add(&DOC, m.range(), bi(
                format!("“{}” alone does not disclose a gift or payment.", m.as_str()),
                format!("“{}”만으로는 협찬·대가를 밝힌 것이 아닙니다.", m.as_str()),
            ))
            .suggest(bi("Add a clear label", "명확한 표시 추가"), 0..0, draft.in_language("#ad ", "[광고] "));
        }
    }
}
