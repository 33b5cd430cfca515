//! APOL002 misunderstanding-in-apology: calling the harm a "misunderstanding" (오해) in an apology.
//!
//! Example: "We apologize for the misunderstanding." / "오해를 드려 죄송합니다".
//! Fix: name what you did wrong instead.

use super::*;

pub static DOC: RuleDoc = RuleDoc {
    code: "APOL002",
    name: "misunderstanding-in-apology",
    category: Cat::Apology,
    severity: Warn,
    what: Bilingual::for_docs("“Misunderstanding”, 오해, 착오 in an apology.", "사과문 속 “오해”, “착오”, “와전”."),
    why: Bilingual::fixed(
        "Calling it a misunderstanding says the public got it wrong; the first rule of a Korean corporate apology is never to say 오해 (misunderstanding).",
        "“오해”라고 하면 잘못 이해한 쪽이 대중이라는 뜻이 됩니다. 사과문에서 “오해”는 금기입니다.",
    ),
    source: Bilingual::fixed(
        "Aaron Lazare, “On Apology” (2004): apologies that blame the offended",
        "아론 라자르 『On Apology』(2004): 피해자에게 책임을 돌리는 사과",
    ),
    example: Bilingual::for_docs("We apologize for the misunderstanding.", "전달 과정에서 오해를 사게 되어 죄송합니다."),
    fix: Bilingual::for_docs("Name what went wrong instead of calling it a misunderstanding.", "“오해” 대신 무엇이 잘못됐는지 밝히세요."),
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
        flag_hits(draft, &[Lex::Misunderstanding], &DOC, out, |m| bi(
            format!("“{m}” in an apology blames the audience."),
            format!("사과문에서 {} 책임을 상대에게 돌리는 말입니다.", quoted(m, Particle::Topic)),
        ), None);
    }
}
