//! APOL003 blame-shift: blaming a few employees, an intern or a vendor in an apology.
//!
//! Example: "Sorry, a few employees made a mistake." / "협력업체의 실수로 죄송합니다".
//! Fix: take responsibility as the company: "we".

use super::*;

pub static DOC: RuleDoc = RuleDoc {
    code: "APOL003",
    name: "blame-shift",
    category: Cat::Apology,
    severity: Warn,
    what: Bilingual::for_docs(
        "An apology that blames staff, interns, vendors or agencies: “a few employees”, “the outsourcing vendor”, 일부 직원, 협력업체.",
        "직원·인턴·협력업체·대행사 탓을 하는 사과: 일부 직원의 실수, 협력업체, 아웃소싱 업체.",
    ),
    why: Bilingual::fixed(
        "The public holds the company responsible; blaming the vendor (SK Telecom's comment-astroturfing case) made it worse.",
        "대중은 회사에 책임을 묻습니다. 아웃소싱 업체 탓을 한 SK텔레콤 댓글 알바 사례는 사태를 키웠습니다.",
    ),
    source: Bilingual::fixed(
        "SK Telecom's statement blaming an outsourcing vendor in its comment-astroturfing case (2009)",
        "SK텔레콤 댓글 알바 해명 (2009)",
    ),
    example: Bilingual::for_docs("We apologize. A few employees posted those comments without approval.", "죄송합니다. 아웃소싱 업체가 모집 공고 내용을 잘못 이해해 벌어진 일입니다."),
    fix: Bilingual::for_docs("Take responsibility as the company: “we”.", "“저희”를 주어로, 회사가 책임지는 문장으로 쓰세요."),
};

pub struct Rule;

impl super::Rule for Rule {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, draft: &Draft, _cx: &Context, out: &mut Findings) {
        if !super::apol005_no_corrective_action::is_apology(draft) {
            return;
        }
        for hit in draft.hits(Lex::BlameShift) {
            let m = &draft.text[hit.range.clone()];
            out.add(&DOC, hit.range.clone(), bi(format!("“{m}” shifts the blame."), format!("{} 책임을 떠넘기는 표현입니다.", quoted(m, Particle::Topic))))
                .suggest(bi("Say “we”", "“저희”로 바꾸기"), hit.range.clone(), draft.in_language("we", "저희"));
        }
    }
}
