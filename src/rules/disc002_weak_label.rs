//! DISC002 weak-disclosure-label: a label regulators call too vague (#sp, #spon, collab, 체험단), or
//! one that names a relationship but not what was given (#partner, #thanks, #파트너십, #협업,
//! "이 글은 … 파트너십으로 작성").

use super::*;
use regex::Regex;
use std::sync::LazyLock;

pub static DOC: RuleDoc = RuleDoc {
    code: "DISC002",
    name: "weak-disclosure-label",
    category: Cat::Disclosure,
    severity: Warn,
    feed: None,
    by_role: &[],
    what: Bilingual::for_docs(
        "A vague disclosure: #sp, #spon, #collab, #partner, #thanks, “thanks to”, a bare “thanks @brand” under product praise, 체험단, “홍보성 글”, “소정의 수수료”, 파트너십, 협업, 콜라보, 서포터즈.",
        "모호한 표시: #sp, #spon, #collab, #partner, #thanks, “thanks to”, 제품 칭찬 뒤의 “thanks @브랜드”만, 체험단, “홍보성 글”, “소정의 수수료”, 파트너십, 협업, 콜라보, 서포터즈.",
    ),
    why: Bilingual::fixed(
        "The FTC and Korea's FTC treat vague labels as no disclosure at all; the label must say it is an ad.",
        "FTC와 공정위는 모호한 표시를 표시가 없는 것으로 봅니다. 광고임을 분명히 밝혀야 합니다.",
    ),
    source: Bilingual::fixed(
        "Korea Fair Trade Commission guidelines on endorsement advertising (revised 2 December 2025); FTC Endorsement Guides (16 CFR Part 255, 2023); FTC “Disclosures 101 for Social Media Influencers” (2023)",
        "공정거래위원회 「추천·보증 등에 관한 표시·광고 심사지침」(2025. 12. 2. 개정); 미국 FTC 추천·보증 지침(16 CFR Part 255, 2023); 미국 FTC 「Disclosures 101 for Social Media Influencers」(2023)",
    ),
    example: Bilingual::for_docs("Loving my new Nova X1 #sp", "노바 X1 한 달 써 봤는데 배터리가 정말 오래가요. 다들 한번 써보세요 #파트너십"),
    fix: Bilingual::for_docs("Replace the label with “#ad” or “[광고]”.", "표시를 “[광고]” 또는 “#ad”로 바꾸세요."),
};

static THANKS_HANDLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i-u:thanks|thank you|thx|ty)\s+(?:(?i-u:to)\s+)?@[A-Za-z0-9_]+").expect("thanks pattern"));

/// Labels vague on their own; "thanks to" and "collaboration" are only labels in a pitch.
fn needs_pitch(entry: &str) -> bool {
    matches!(entry, "thanks to" | "thank you to" | "collaboration" | "collab" | "sp" | "spon")
}

/// A "thanks to" that names what was given is a disclosure: the FTC gives "Thanks to Acme brand
/// for the free product" as one.
static NAMES_THE_GIFT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i-u:\bfree\b|\bgifted\b|for sending)|무상|무료로|제공받|보내 ?주").expect("gift pattern"));




pub fn check(draft: &Draft, _cx: &Context, out: &mut Findings) {
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
        if hit.entry.starts_with("thank") && NAMES_THE_GIFT.is_match(&draft.text[draft.sentence_at(hit.range.start)]) {
            continue;
        }
        let label = &draft.text[span.clone()];
        out.add(&DOC, span.clone(), bi(
            format!("“{label}” is too vague to count as a disclosure."),
            format!("{} 광고 표시로 인정받기에는 너무 모호합니다.", quoted(label, Particle::Topic)),
        ))
        .suggest(bi("Use a clear label", "명확한 표시로 바꾸기"), span.clone(), draft.in_language("#ad", "[광고]"));
    }
    // "#파트너십", "#partner", "이 글은 … 협업으로": a relationship without what was given.
    let vague = family::disclosure::vague_labels(draft);
    for (span, hashtag) in &vague {
        let label = &draft.text[span.clone()];
        let finding = out.add(&DOC, span.clone(), bi(
            format!("“{label}” does not say what you were given, so it does not count as a disclosure."),
            format!("“{label}”만으로는 무엇을 받았는지 알 수 없어 광고 표시로 인정되지 않습니다."),
        ));
        match hashtag {
            true => finding.suggest(bi("Use a clear label", "명확한 표시로 바꾸기"), span.clone(), draft.in_language("#ad", "[광고]")),
            false => finding.suggest(bi("Add a clear label", "명확한 표시 추가"), 0..0, draft.in_language("#ad ", "[광고] ")),
        };
    }
    // A bare "thanks @brand" under praise of its product is not a disclosure (FTC).
    if !(draft.has(Lex::Praise) && draft.has(Lex::Products) && !draft.has(Lex::WeakLabels) && vague.is_empty()) {
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
