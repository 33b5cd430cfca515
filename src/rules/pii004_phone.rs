//! PII004 phone-number: a personal phone number (Korean mobile, US number); company hotlines are fine.

use super::*;
use regex::Regex;
use std::sync::LazyLock;

pub static DOC: RuleDoc = RuleDoc {
    code: "PII004",
    name: "phone-number",
    category: Cat::Pii,
    severity: Warn,
    feed: None,
    by_role: &[],
    what: Bilingual::for_docs(
        "A personal phone number: a Korean mobile number (010-…) or a US number. Hotlines (1588-…, 080-…, 1-800-…) are not flagged.",
        "개인 전화번호: 휴대전화(010-…)나 미국 번호. 대표번호(1588-…, 080-…, 1-800-…)는 제외.",
    ),
    why: Bilingual::fixed(
        "Guidelines forbid sharing customers', partners' or colleagues' personal data; a posted number invites harassment.",
        "고객·협력사·동료의 개인정보는 공유하지 않습니다. 게시된 번호는 괴롭힘으로 이어집니다.",
    ),
    source: Bilingual::fixed(
        "IBM and Intel guidelines (customer, partner and employee data); Korea's Personal Information Protection Act; Microsoft Purview",
        "IBM·Intel 가이드라인(고객·협력사·직원 정보); 개인정보 보호법; Microsoft Purview",
    ),
    example: Bilingual::for_docs("Call our installer Mr. Park at 010-1234-5678", "담당 기사님 번호 010-3456-7890 이에요"),
    fix: Bilingual::for_docs("Remove the number; ask them to send a direct message instead.", "번호를 지우고 DM으로 안내하세요."),
};

static PHONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?:\+82[ .-]?|(?-u:\b)0)1[016789][ .-]?[0-9]{3,4}[ .-]?[0-9]{4}",
        r"|(?:\+1[ .-]?)?\(?(?-u:\b)([2-9][0-9]{2})\)?[ .-][0-9]{3}[ .-][0-9]{4}",
    ))
    .expect("phone pattern")
});

/// US toll-free area codes: company hotlines, not personal numbers.
const TOLL_FREE: &[&str] = &["800", "888", "877", "866", "855", "844", "833"];

pub fn check(draft: &Draft, _cx: &Context, out: &mut Findings) {
    // 010-123-4567 and (212) 555-0100 are the shortest numbers.
    for c in family::personal::standalone_numbers(draft, &PHONE, 10) {
        if c.get(1).is_some_and(|area| TOLL_FREE.contains(&area.as_str())) {
            continue;
        }
        family::personal::report(draft, &DOC, out, c.get(0).expect("whole match").range(), Removal {
            message: bi("A personal phone number.", "개인 전화번호입니다."),
            label: REMOVE_NUMBER,
            placeholder: ("[phone removed]", "[전화번호 삭제]"),
        });
    }
}
