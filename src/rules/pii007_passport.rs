//! PII007 passport-number: a Korean passport number (M12345678, or the 2021 format M123A4567) with
//! "passport" or "여권" nearby: the shape alone is too common (model and part numbers).

use super::*;
use regex::Regex;
use std::sync::LazyLock;

pub static DOC: RuleDoc = RuleDoc {
    code: "PII007",
    name: "passport-number",
    category: Cat::Pii,
    severity: Block,
    feed: Some(FeedLabel::Leak),
    by_role: &[],
    what: Bilingual::for_docs(
        "A Korean passport number (a letter M, S, R, G or D and eight digits, or since 2021 M123A4567) with “passport” or “여권” in the same sentence.",
        "같은 문장에 “여권”이나 “passport”가 있는 여권번호(M·S·R·G·D와 숫자 여덟 자리, 2021년부터는 M123A4567 형식).",
    ),
    why: Bilingual::fixed(
        "A passport number identifies a person to airlines, banks and border control and enables identity fraud; Korea's Personal Information Protection Act treats it as a unique identifier.",
        "여권번호는 항공사·은행·출입국 심사에서 본인을 식별하는 고유식별정보로, 게시되면 명의도용에 악용됩니다(개인정보 보호법).",
    ),
    source: Bilingual::fixed(
        "Korea's Personal Information Protection Act (unique identifiers); Microsoft Presidio (KR passport recognizer); Ministry of Foreign Affairs (2021 passport number format)",
        "개인정보 보호법(고유식별정보); Microsoft Presidio(한국 여권번호 인식); 외교부(2021년 여권번호 체계)",
    ),
    example: Bilingual::for_docs("Booked under my passport M12345678, same name", "여권번호 M123A4567 로 예약했어요"),
    fix: Bilingual::for_docs("Remove the number.", "번호를 지우세요."),
};

static PASSPORT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?-u:\b)[msrgd](?:[0-9]{8}|[0-9]{3}[a-z][0-9]{4})(?-u:\b)").expect("passport pattern"));

pub fn check(draft: &Draft, _cx: &Context, out: &mut Findings) {
    let folded = &draft.views.folded.text;
    if draft.digits() < 7 || !(folded.contains("passport") || folded.contains("여권")) {
        return;
    }
    for m in PASSPORT.find_iter(folded) {
        let sentence = draft.sentence_at(draft.views.folded.to_original(m.range()).start);
        let context = draft.views.folded.text.get(m.start().saturating_sub(60)..m.end().saturating_add(60).min(folded.len()));
        let near = |t: &str| t.contains("passport") || t.contains("여권");
        if !near(&draft.text[sentence].to_lowercase()) && !context.is_some_and(near) {
            continue;
        }
        family::personal::report(draft, &DOC, out, m.range(), Removal {
            message: bi("A passport number.", "여권번호입니다."),
            label: REMOVE_NUMBER,
            placeholder: ("[passport number removed]", "[여권번호 삭제]"),
        });
    }
}
