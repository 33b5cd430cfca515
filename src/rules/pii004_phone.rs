//! PII004 phone-number: a personal phone number, in international (+CC) or national format, digits or
//! Korean digit words; hotlines and the organisation's own numbers are fine.

use super::family::personal::Spelled;
use crate::phones;
use super::*;

pub static DOC: RuleDoc = RuleDoc {
    code: "PII004",
    name: "phone-number",
    category: Cat::Pii,
    severity: Warn,
    feed: Some(FeedLabel::Leak),
    by_role: &[],
    what: Bilingual::for_docs(
        "A personal phone number: any number written with a calling code (+44 7700 900123), or a national number of Korea, the US, the UK, Japan, Germany, France, Australia, India, Brazil or China (010-1234-5678, 02-123-4567, (11) 91234-5678), also spelled in Korean digit words (공일공-일이삼사-오육칠팔). Hotlines (1588-…, 080-…, 1-800-…) and the policy's own numbers (organization.contacts) are not flagged.",
        "개인 전화번호: 국가번호를 붙인 번호(+44 7700 900123)나 한국·미국·영국·일본·독일·프랑스·호주·인도·브라질·중국의 국내 번호(010-1234-5678, 02-123-4567, (11) 91234-5678). 한글 숫자로 쓴 번호(공일공-일이삼사-오육칠팔)도 포함. 대표번호(1588-…, 080-…, 1-800-…)와 정책의 회사 연락처(organization.contacts)는 제외.",
    ),
    why: Bilingual::fixed(
        "Guidelines forbid sharing customers', partners' or colleagues' personal data; a posted number invites harassment.",
        "고객·협력사·동료의 개인정보는 공유하지 않습니다. 게시된 번호는 괴롭힘으로 이어집니다.",
    ),
    source: Bilingual::fixed(
        "IBM and Intel guidelines (customer, partner and employee data); Korea's Personal Information Protection Act; Microsoft Presidio (phone recognizer); ITU-T E.164 and national numbering plans",
        "IBM·Intel 가이드라인(고객·협력사·직원 정보); 개인정보 보호법; Microsoft Presidio(전화번호 인식); ITU-T E.164와 각국 번호 계획",
    ),
    example: Bilingual::for_docs("Call our installer Mr. Park at 010-1234-5678", "담당 기사님 번호 010-3456-7890 이에요"),
    fix: Bilingual::for_docs("Remove the number; ask them to send a direct message instead.", "번호를 지우고 DM으로 안내하세요."),
};

/// Hangul digit words: 공 영 일 이 삼 사 오 육 칠 팔 구 (any of them may spell a number).
fn has_digit_words(text: &str) -> bool {
    text.chars().any(|c| matches!(c, '공' | '영' | '일' | '이' | '삼' | '사' | '오' | '육' | '칠' | '팔' | '구'))
}

fn report(draft: &Draft, out: &mut Findings, folded: Range<usize>) {
    family::personal::report(draft, &DOC, out, folded, Removal {
        message: bi("A personal phone number.", "개인 전화번호입니다."),
        label: REMOVE_NUMBER,
        placeholder: ("[phone removed]", "[전화번호 삭제]"),
    });
}

pub fn check(draft: &Draft, cx: &Context, out: &mut Findings) {
    let folded = &draft.views.folded.text;
    // 02-123-4567 is the shortest number.
    if draft.digits() >= 9 {
        for phone in phones::find(folded) {
            if !cx.settings.contacts.has_phone(&phone.national) {
                report(draft, out, phone.range);
            }
        }
    }
    if has_digit_words(folded) {
        let Some(spelled) = Spelled::new(folded) else { return };
        for phone in phones::find(&spelled.text) {
            if spelled.spells_in(phone.range.clone()) && !cx.settings.contacts.has_phone(&phone.national) {
                report(draft, out, spelled.to_original(phone.range));
            }
        }
    }
}
