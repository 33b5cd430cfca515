//! APOL001 non-apology: "sorry if anyone was offended", "오해가 있었다면", "본의 아니게".
//!
//! Example: "We're sorry if anyone was offended by the ad." / "본의 아니게 심려를 끼쳐".
//! Fix: apologise without conditions: "We are sorry."

use super::*;

pub static DOC: RuleDoc = RuleDoc {
    code: "APOL001",
    name: "non-apology",
    category: Cat::Apology,
    severity: Warn,
    what: Bilingual::for_docs(
        "Conditional or regretful non-apologies: “sorry if anyone was offended”, “sorry you feel that way”, “we regret any inconvenience”, 오해가 있었다면, 본의 아니게, 논란이 된 점 유감.",
        "조건부·유감 표명식 사과: 오해가 있었다면, 본의 아니게, 그럴 뜻은 없었지만, 논란이 된 점 유감, 사실 여부를 떠나.",
    ),
    why: Bilingual::fixed(
        "A non-apology puts the problem on the people who were hurt and restarts the controversy.",
        "조건부 사과는 문제를 피해자 탓으로 돌려 논란을 다시 키웁니다.",
    ),
    source: Bilingual::fixed(
        "Aaron Lazare, “On Apology” (2004): conditional apologies",
        "아론 라자르 『On Apology』(2004): 조건부 사과",
    ),
    example: Bilingual::for_docs("We're sorry if anyone was offended by the ad.", "본의 아니게 불편을 드려 죄송합니다."),
    fix: Bilingual::for_docs("Apologise without conditions and name the wrong.", "조건 없이 사과하고 잘못을 구체적으로 밝히세요."),
};

pub struct Rule;

impl super::Rule for Rule {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, draft: &Draft, _cx: &Context, out: &mut Findings) {
        // "본의 아니게 늦잠을 잤다" is a diary line, not a public apology.
        if !super::apol005_no_corrective_action::is_apology(draft) {
            return;
        }
        for hit in draft.hits(Lex::NonApology) {
            let m = &draft.text[hit.range.clone()];
            out.add(&DOC, hit.range.clone(), bi(format!("“{m}” is a non-apology."), format!("{} 사과가 아니라 변명으로 읽힙니다.", quoted(m, Particle::Topic))))
                .suggest(bi("Apologise plainly", "조건 없는 사과로 바꾸기"), hit.range.clone(), draft.in_language("We are sorry", "진심으로 사과드립니다"));
        }
    }
}
