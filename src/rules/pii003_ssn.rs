//! PII003 us-ssn: a US Social Security number next to a keyword (SSN, social security).

use super::*;
use regex::Regex;
use std::sync::LazyLock;

pub static DOC: RuleDoc = RuleDoc {
    code: "PII003",
    name: "us-ssn",
    category: Cat::Pii,
    severity: Block,
    feed: Some(FeedLabel::Leak),
    by_role: &[],
    what: Bilingual::for_docs(
        "A US Social Security number (NNN-NN-NNNN) with “SSN” or “social security” nearby; never-issued numbers (area 000, 666, 900–999, group 00, serial 0000) and the two advertised ones (078-05-1120, 219-09-9999) are not flagged.",
        "“SSN”·“social security” 근처의 미국 사회보장번호(NNN-NN-NNNN). 발급되지 않는 번호(지역 000·666·900–999, 그룹 00, 일련번호 0000)와 광고에 쓰인 두 번호(078-05-1120, 219-09-9999)는 제외.",
    ),
    why: Bilingual::fixed(
        "An SSN with a name is enough for identity theft.",
        "사회보장번호는 이름과 함께라면 명의도용에 충분합니다.",
    ),
    source: Bilingual::fixed(
        "Microsoft Purview sensitive information types (U.S. social security number)",
        "Microsoft Purview 민감 정보 유형(미국 사회보장번호)",
    ),
    example: Bilingual::for_docs("my SSN is 123-45-6789", "미국 사회보장번호(SSN) 536-22-8841 요청하던데 이거 맞나요?"),
    fix: Bilingual::for_docs("Remove the number.", "번호를 지우세요."),
};

static SSN: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"([0-9]{3})([-. ])([0-9]{2})([-. ])([0-9]{4})").expect("ssn pattern"));
static KEYWORD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?-u:\b)ssn(?-u:\b)|social security|ssn#|사회보장번호").expect("ssn keyword"));

pub fn check(draft: &Draft, _cx: &Context, out: &mut Findings) {
    if draft.digits() < 9 || !KEYWORD.is_match(&draft.views.folded.text) {
        return;
    }
    for c in family::personal::standalone_numbers(draft, &SSN, 9) {
        // One separator throughout: "536-22-8841", "536 22 8841", "536.22.8841".
        if c[2] != c[4] {
            continue;
        }
        let (area, group, serial) = (&c[1], &c[3], &c[5]);
        // Never issued: area 000, 666 and 900–999, group 00, serial 0000; and the two numbers
        // printed in advertisements and widely misused (Woolworth's wallet card, a 1962 ad).
        let advertised = matches!((area, group, serial), ("078", "05", "1120") | ("219", "09", "9999"));
        if area == "000" || area == "666" || area.starts_with('9') || group == "00" || serial == "0000" || advertised {
            continue;
        }
        family::personal::report(draft, &DOC, out, c.get(0).expect("whole match").range(), Removal {
            message: bi("A US Social Security number.", "미국 사회보장번호입니다."),
            label: REMOVE_NUMBER,
            placeholder: ("[SSN removed]", "[SSN removed]"),
        });
    }
}
