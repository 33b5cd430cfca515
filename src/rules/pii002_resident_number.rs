//! PII002 resident-registration-number: a Korean 주민등록번호 (YYMMDD-GNNNNNN with a real date).

use super::*;
use crate::date::Date;
use regex::Regex;
use std::sync::LazyLock;

pub static DOC: RuleDoc = RuleDoc {
    code: "PII002",
    name: "resident-registration-number",
    category: Cat::Pii,
    severity: Block,
    feed: Some(FeedLabel::Leak),
    by_role: &[],
    what: Bilingual::for_docs(
        "A Korean resident registration number: a real birth date YYMMDD, a dash, a gender digit 1–8 and six digits.",
        "주민등록번호: 실제 생년월일 YYMMDD, 하이픈, 성별 숫자 1–8, 여섯 자리.",
    ),
    why: Bilingual::fixed(
        "Resident numbers identify a person for life and enable identity theft; posting one breaks Korea's Personal Information Protection Act.",
        "주민등록번호는 평생 바뀌지 않는 식별번호로, 게시하면 명의도용 위험이 있고 개인정보보호법 위반입니다.",
    ),
    source: Bilingual::fixed(
        "Microsoft Purview sensitive information types (South Korea resident registration number); Korea's Personal Information Protection Act",
        "Microsoft Purview 민감 정보 유형(주민등록번호); 개인정보 보호법",
    ),
    example: Bilingual::for_docs("I signed up with my resident registration number 900101-1234567", "주민번호 900101-1234567 로 가입했는데 인증이 안 돼요"),
    fix: Bilingual::for_docs("Remove the number.", "번호를 지우세요."),
};

static RRN: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"([0-9] ?[0-9]) ?([0-9] ?[0-9]) ?([0-9] ?[0-9])(?: ?[-.] ?| )([1-8])(?: ?[0-9]){6}").expect("rrn pattern"));

pub fn check(draft: &Draft, _cx: &Context, out: &mut Findings) {
    for c in family::personal::standalone_numbers(draft, &RRN, 13) {
        // Digits only: a number may be written digit by digit with spaces ("9 0 0 1 0 1").
        let n = |i: usize| c[i].bytes().filter(u8::is_ascii_digit).fold(0u16, |n, d| n * 10 + u16::from(d - b'0'));
        let century = if matches!(n(4), 1 | 2 | 5 | 6) { 1900 } else { 2000 };
        if Date::new(century + n(1), n(2) as u8, n(3) as u8).is_none() {
            continue;
        }
        family::personal::report(draft, &DOC, out, c.get(0).expect("whole match").range(), Removal {
            message: bi("A Korean resident registration number.", "주민등록번호입니다."),
            label: REMOVE_NUMBER,
            placeholder: ("[ID number removed]", "[주민번호 삭제]"),
        });
    }
}
