//! PII001 card-number: a payment card number (Luhn-valid, an issuer's prefix and that network's
//! length); no context word needed. The well-known test numbers stay at info.

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
        "A payment card number: digits that pass the Luhn check, start with a network's issuer prefix (Visa, Mastercard, Amex, Discover, JCB, Diners, UnionPay; Korean cards are on these networks) and have that network's length. A well-known test number (4111 1111 1111 1111) is only noted, at info.",
        "결제 카드 번호: Luhn 검사를 통과하고 카드 네트워크(Visa, Mastercard, Amex, Discover, JCB, Diners, UnionPay; 국내 카드도 이 네트워크)의 발급사 접두 번호와 자릿수에 맞는 숫자. 널리 알려진 테스트 번호(4111 1111 1111 1111)는 참고(info)로만 알립니다.",
    ),
    why: Bilingual::fixed(
        "A posted card number is fraud waiting to happen and a data-protection breach.",
        "카드 번호가 게시되면 곧바로 부정 사용과 개인정보 유출로 이어집니다.",
    ),
    source: Bilingual::fixed(
        "Microsoft Purview sensitive information types (credit card number); PCI DSS",
        "Microsoft Purview 민감 정보 유형(신용카드 번호); PCI DSS",
    ),
    example: Bilingual::for_docs("my card 4539 1488 0343 6467 got charged twice", "결제 카드 4539 1488 0343 6467입니다"),
    fix: Bilingual::for_docs("Remove the number.", "번호를 지우세요."),
};

static CARD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[0-9](?:[ .-]?[0-9]){13,18}").expect("card pattern"));

/// Numbers the networks and payment processors publish for testing (Stripe, Adyen, PayPal,
/// Braintree docs): posting one leaks nothing.
const TEST_NUMBERS: &[&str] = &[
    "4111111111111111", "4242424242424242", "4012888888881881", "4000056655665556", "4000000000000002",
    "4005519200000004", "5555555555554444", "5105105105105100", "5200828282828210", "2223003122003222", "378282246310005",
    "371449635398431", "378734493671000", "6011111111111117", "6011000990139424", "3056930009020004", "30569309025904",
    "38520000023237", "3530111333300000", "3566002020360505", "6200000000000005", "36227206271667",
];

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
        let plain: String = digits.iter().map(|d| char::from(b'0' + d)).collect();
        let test = TEST_NUMBERS.contains(&plain.as_str());
        let message = if test {
            bi("A well-known test card number: it pays for nothing, but check it is not a real one.", "널리 알려진 테스트 카드 번호입니다. 결제에는 쓰이지 않지만 실제 번호가 아닌지 확인하세요.")
        } else {
            bi("A payment card number.", "결제 카드 번호입니다.")
        };
        let at = out.list.len();
        family::personal::report(draft, &DOC, out, m.range(), Removal { message, label: REMOVE_NUMBER, placeholder: ("[card number removed]", "[카드번호 삭제]") });
        if test {
            let finding = &mut out.list[at];
            finding.severity = Info;
            finding.reason = Bilingual::fixed(
                "A test number published by card networks and payment processors: it cannot be charged, so it leaks nothing.",
                "카드사와 결제대행사가 공개한 테스트 번호라 결제할 수 없고, 유출되는 정보도 없습니다.",
            );
        }
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
