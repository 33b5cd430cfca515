//! PII006 iban: an International Bank Account Number with a valid ISO 13616 checksum and its
//! country's exact length (data/pii/iban.tsv), printed in groups of four or compact.

use super::*;
use regex::Regex;
use std::sync::LazyLock;

pub static DOC: RuleDoc = RuleDoc {
    code: "PII006",
    name: "iban",
    category: Cat::Pii,
    severity: Block,
    feed: Some(FeedLabel::Leak),
    by_role: &[],
    what: Bilingual::for_docs(
        "An IBAN (international bank account number): a country code, two check digits and the account, in groups of four or compact, with a valid mod-97 checksum and its country's exact length.",
        "IBAN(국제 은행 계좌번호): 국가 코드, 검증 숫자 두 자리, 계좌 번호로 이루어지고 mod-97 검증과 국가별 자릿수가 맞는 번호. 네 자리씩 띄어 쓰거나 붙여 씀.",
    ),
    why: Bilingual::fixed(
        "A posted account number with a name invites fraudulent debits and phishing, and is the account holder's personal data.",
        "이름과 함께 게시된 계좌번호는 부정 출금과 피싱으로 이어지며, 계좌 주인의 개인정보입니다.",
    ),
    source: Bilingual::fixed(
        "ISO 13616 and the SWIFT IBAN Registry; Microsoft Presidio (IBAN recognizer); Microsoft Purview sensitive information types (IBAN)",
        "ISO 13616과 SWIFT IBAN 등록부; Microsoft Presidio(IBAN 인식); Microsoft Purview 민감 정보 유형(IBAN)",
    ),
    example: Bilingual::for_docs("Refund went to DE89 3704 0044 0532 0130 00 instead of mine", "환불 계좌 GB29 NWBK 6016 1331 9268 19 로 보냈어요"),
    fix: Bilingual::for_docs("Remove the account number.", "계좌번호를 지우세요."),
};

/// A country code, check digits, then groups of four letters or digits with optional spaces.
static IBAN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?-u:\b)[a-z]{2}[0-9]{2}(?: ?[0-9a-z]{4}){2,7}(?: ?[0-9a-z]{1,4})?(?-u:\b)").expect("iban pattern"));

/// The length of each country's IBAN.
fn length(country: &str) -> Option<usize> {
    include_str!(concat!(env!("OUT_DIR"), "/data/pii/iban.tsv"))
        .lines()
        .filter(|l| !l.starts_with('#'))
        .find_map(|l| l.split_once('\t').filter(|(c, _)| c.eq_ignore_ascii_case(country)).and_then(|(_, n)| n.trim().parse().ok()))
}

/// ISO 13616: the first four characters moved to the end, letters as 10–35, the number mod 97 is 1.
fn checksum_ok(compact: &[u8]) -> bool {
    let mut rest = 0u32;
    for &c in compact[4..].iter().chain(&compact[..4]) {
        let value = if c.is_ascii_digit() { u32::from(c - b'0') } else { u32::from(c.to_ascii_lowercase() - b'a') + 10 };
        rest = if value >= 10 { (rest * 100 + value) % 97 } else { (rest * 10 + value) % 97 };
    }
    rest == 1
}

/// The IBAN at the start of `written` (a match of [`IBAN`]): the range of its characters when its
/// country's length ends at a group's end and it validates.
fn valid(written: &str) -> Option<usize> {
    let expected = length(&written[..2])?;
    let mut count = 0;
    for (at, c) in written.char_indices() {
        if c == ' ' {
            continue;
        }
        count += 1;
        if count == expected {
            let end = at + 1;
            let whole_group = end == written.len() || written.as_bytes()[end] == b' ';
            let compact: Vec<u8> = written[..end].bytes().filter(|b| *b != b' ').collect();
            // An account number is mostly digits; a run of words that happens to fit is not one.
            let digits = compact[4..].iter().filter(|b| b.is_ascii_digit()).count();
            return (whole_group && digits >= 10 && checksum_ok(&compact)).then_some(end);
        }
    }
    None
}

pub fn check(draft: &Draft, _cx: &Context, out: &mut Findings) {
    if draft.digits() < 12 {
        return;
    }
    let folded = &draft.views.folded.text;
    for m in IBAN.find_iter(folded) {
        let Some(end) = valid(m.as_str()) else { continue };
        let range = m.start()..m.start() + end;
        family::personal::report(draft, &DOC, out, range, Removal {
            message: bi("An international bank account number (IBAN).", "국제 은행 계좌번호(IBAN)입니다."),
            label: ("Remove the account number", "계좌번호 삭제"),
            placeholder: ("[IBAN removed]", "[계좌번호 삭제]"),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_checksum_and_the_length_decide() {
        assert_eq!(valid("de89 3704 0044 0532 0130 00"), Some(27));
        assert_eq!(valid("de89370400440532013000"), Some(22));
        assert_eq!(valid("gb29 nwbk 6016 1331 9268 19"), Some(27));
        assert_eq!(valid("de88 3704 0044 0532 0130 00"), None, "a wrong check digit");
        assert_eq!(valid("de89 3704 0044 0532 0130 0"), None, "one digit short");
        assert_eq!(valid("xx89 3704 0044 0532 0130 00"), None, "no such country");
    }

    #[test]
    fn the_table_lists_every_country_once_with_a_plausible_length() {
        let rows: Vec<(&str, usize)> = include_str!("../../data/pii/iban.tsv")
            .lines()
            .filter(|l| !l.starts_with('#'))
            .map(|l| l.split_once('\t').map(|(c, n)| (c, n.parse().unwrap())).unwrap())
            .collect();
        assert!(rows.len() >= 80);
        assert!(rows.windows(2).all(|w| w[0].0 < w[1].0), "sorted, no duplicates");
        assert!(rows.iter().all(|&(c, n)| c.len() == 2 && c.bytes().all(|b| b.is_ascii_uppercase()) && (15..=34).contains(&n)));
    }
}
