//! APOL004 denial: "we did nothing wrong", "not our fault", 잘못이 없다.
//!
//! Example: "We did nothing wrong; the ad followed the rules." / "내부 규정상 과대광고가 아니다".
//! Fix: acknowledge the concern and say what you will check.

use super::*;

pub static DOC: RuleDoc = RuleDoc {
    code: "APOL004",
    name: "denial",
    category: Cat::Apology,
    severity: Warn,
    what: Bilingual::for_docs(
        "Flat denials in a public response: “we did nothing wrong”, “not our fault”, 잘못이 없다, 과대광고가 아니다.",
        "공개 대응 속 단호한 부인: 잘못이 없다, 과대광고가 아니다, 문제가 없다.",
    ),
    why: Bilingual::fixed(
        "“We did nothing wrong” (Canon's 7D refund case) turned complaints into a boycott; acknowledge first.",
        "“우린 잘못이 없다”(캐논 7D 환불 사례)는 불만을 불매로 키웠습니다. 먼저 인정하세요.",
    ),
    source: Bilingual::fixed(
        "Canon Korea's response to the EOS 7D viewfinder-coverage advertising complaints (2009)",
        "캐논 7D 시야율 광고 대응 (2009)",
    ),
    example: Bilingual::for_docs("We did nothing wrong; the ad followed the rules.", "저희는 잘못이 없습니다. 고객님이 잘못 사용하신 겁니다."),
    fix: Bilingual::for_docs("Acknowledge the concern and say what you will check.", "우려를 인정하고 무엇을 확인할지 밝히세요."),
};

pub struct Rule;

impl super::Rule for Rule {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, draft: &Draft, _cx: &Context, out: &mut Findings) {
        for hit in draft.hits(Lex::Denial) {
            let m = &draft.text[hit.range.clone()];
            out.add(&DOC, hit.range.clone(), bi(format!("“{m}” reads as a denial."), format!("{} 잘못을 부인하는 말로 읽힙니다.", quoted(m, Particle::Topic))))
                .suggest(
                    bi("Acknowledge instead", "인정하는 표현으로 바꾸기"),
                    hit.range.clone(),
                    draft.in_language("we take this seriously and are looking into it", "문제를 무겁게 받아들이고 확인하고 있습니다"),
                );
        }
    }
}
