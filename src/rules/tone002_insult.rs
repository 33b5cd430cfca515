//! TONE002 insult: name-calling (idiot, moron, 병신, 멍청이).
//!
//! Example: "only an idiot would buy that" / "이런 멍청이들".
//! Fix: remove the insult; criticise the idea, not the person.

use super::*;

pub static DOC: RuleDoc = RuleDoc {
    code: "TONE002",
    name: "insult",
    category: Cat::Tone,
    severity: Warn,
    what: Bilingual::for_docs("Name-calling and insults (idiot, moron, 병신, 멍청이, 또라이).", "인신공격·모욕(병신, 멍청이, 또라이, idiot, moron)."),
    why: Bilingual::fixed(
        "Insults start fights the company then has to answer for; guidelines say “don't pick fights”.",
        "모욕은 회사가 책임져야 할 싸움을 만듭니다. 가이드라인은 “싸움을 걸지 말라”고 합니다.",
    ),
    source: Bilingual::fixed(
        "Perspective API attributes (insult); Intel and IBM social media guidelines",
        "Perspective API 속성(모욕); Intel·IBM 소셜 미디어 가이드라인",
    ),
    example: Bilingual::for_docs("only an idiot would buy that", "또라이 같은 소리 하네"),
    fix: Bilingual::for_docs("Remove the insult.", "모욕 표현을 지우세요."),
};

pub struct Rule;

impl super::Rule for Rule {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, draft: &Draft, _cx: &Context, out: &mut Findings) {
        flag_hits(draft, &[Lex::InsultEn, Lex::InsultKo], &DOC, out, |m| bi(
            format!("Insult: “{m}”."),
            format!("모욕 표현: “{m}”."),
        ), Some(bi("Remove the insult", "표현 삭제")));
    }
}
