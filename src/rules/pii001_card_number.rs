//! PII001 card-number: a payment card number (14–19 digits, Luhn-valid, known brand prefix).

use super::*;
use regex::Regex;
use std::sync::LazyLock;

pub static DOC: RuleDoc = RuleDoc {
    code: "PII001",
    name: "card-number",
    category: Cat::Pii,
    severity: Block,
    feed: Some(FeedLabel::Leak),
    by_role: &[],
    what: Bilingual::for_docs(
        "A payment card number: 14–19 digits that pass the Luhn check and start like a card brand.",
        "결제 카드 번호: 카드사 접두 번호로 시작하고 Luhn 검사를 통과하는 14–19자리 숫자.",
    ),
    why: Bilingual::fixed(
        "A posted card number is fraud waiting to happen and a data-protection breach.",
        "카드 번호가 게시되면 곧바로 부정 사용과 개인정보 유출로 이어집니다.",
    ),
    source: Bilingual::fixed(
        "Microsoft Purview sensitive information types (credit card number); PCI DSS",
        "Microsoft Purview 민감 정보 유형(신용카드 번호); PCI DSS",
    ),
    example: Bilingual::for_docs("my card 4111 1111 1111 1111 got charged twice", "결제 카드 4539 1488 0343 6467입니다"),
    fix: Bilingual::for_docs("Remove the number.", "번호를 지우세요."),
};

static CARD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[0-9](?:[ .-]?[0-9]){13,18}").expect("card pattern"));

fn luhn(digits: &[u8]) -> bool {
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| {
            let d = u32::from(d);
            if i % 2 == 1 {
                let x = d * 2;
                if x > 9 { x - 9 } else { x }
            } else {
                d
            }
        })
        .sum();
    sum % 10 == 0
}

/// Whether the number starts like a card brand and has that brand's length (an IMEI starting
/// "35" has 15 digits; a JCB card has 16 to 19).
fn known_brand(digits: &[u8]) -> bool {
    let prefix = |n: usize| digits.iter().take(n).fold(0u32, |acc, &d| acc * 10 + u32::from(d));
    let (p1, p2, p3, p4) = (prefix(1), prefix(2), prefix(3), prefix(4));
    let len = digits.len();
    let visa = p1 == 4 && matches!(len, 13 | 16 | 19);
    let mastercard = ((51..=55).contains(&p2) || (2221..=2720).contains(&p4)) && len == 16;
    let amex = (p2 == 34 || p2 == 37) && len == 15;
    let discover = (p4 == 6011 || p2 == 65 || (644..=649).contains(&p3)) && (16..=19).contains(&len);
    let jcb = (3528..=3589).contains(&p4) && (16..=19).contains(&len);
    let diners = (p2 == 36 || p2 == 38 || (300..=305).contains(&p3)) && (14..=19).contains(&len);
    let unionpay = p2 == 62 && (16..=19).contains(&len);
    visa || mastercard || amex || discover || jcb || diners || unionpay
}

pub fn check(draft: &Draft, _cx: &Context, out: &mut Findings) {
    for c in family::personal::standalone_numbers(draft, &CARD, 14) {
        let m = c.get(0).expect("whole match");
        let digits: Vec<u8> = m.as_str().bytes().filter(u8::is_ascii_digit).map(|b| b - b'0').collect();
        if !(14..=19).contains(&digits.len()) || !luhn(&digits) || !known_brand(&digits) {
            continue;
        }
        family::personal::report(draft, &DOC, out, m.range(), Removal {
            message: bi("A payment card number.", "결제 카드 번호입니다."),
            label: REMOVE_NUMBER,
            placeholder: ("[card number removed]", "[카드번호 삭제]"),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn luhn_accepts_test_numbers_and_rejects_typos() {
        let digits = |s: &str| s.bytes().map(|b| b - b'0').collect::<Vec<u8>>();
        assert!(luhn(&digits("4111111111111111")));
        assert!(luhn(&digits("378282246310005")));
        assert!(!luhn(&digits("4111111111111112")));
    }
}
