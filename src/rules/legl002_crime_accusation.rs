//! LEGL002 crime-accusation: accusing a named person or account of a crime.

use super::*;
use regex::Regex;
use std::sync::LazyLock;

pub static DOC: RuleDoc = RuleDoc {
    code: "LEGL002",
    name: "crime-accusation",
    category: Cat::Legal,
    severity: Warn,
    feed: None,
    by_role: &[],
    what: Bilingual::for_docs(
        "Calling a named person, account or company a fraud, thief or criminal (사기꾼, 도둑, 횡령).",
        "특정 인물·계정·회사를 사기꾼·도둑·범죄자로 지목(횡령, 배임 포함).",
    ),
    why: Bilingual::fixed(
        "Accusing someone by name of a crime is a defamation risk for you and the company.",
        "실명으로 범죄를 단정하면 본인과 회사 모두 명예훼손 위험을 집니다.",
    ),
    source: Bilingual::fixed(
        "Defamation law: Korea's Criminal Act art. 307 and Network Act art. 70; US defamation law",
        "형법 제307조(명예훼손); 정보통신망법 제70조(사이버 명예훼손); 미국 명예훼손법",
    ),
    example: Bilingual::for_docs("@daesung_ceo is a fraud", "김철수 씨가 회사 돈을 횡령했다는 거 다 알아요"),
    fix: Bilingual::for_docs("State facts you can prove, or leave it out.", "입증할 수 있는 사실만 쓰거나 빼세요."),
};

/// Someone named: an @handle, a capitalised name, "you", or a Korean name with a title.
static NAMED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"@[A-Za-z0-9_]{2,}|(?-u:\b)[A-Z][a-z]+(?:\s+[A-Z][a-z]+)+|(?-u:\b)(?:you|your|you're|he|she|they)(?-u:\b)",
        r"|[가-힣]{1,4}\s?(?:씨|님|대표|사장|회장|의원|교수|기자|팀장|부장|회사)|너|당신|저 사람|그 사람",
    ))
    .expect("named pattern")
});

pub fn check(draft: &Draft, _cx: &Context, out: &mut Findings) {
    for (hit, sentence) in draft.hits_with_sentence(Lex::CrimeAccusations) {
        // A name other than the accusing word itself ("The Thief and the Cobbler" is a title).
        // The lexicons are already searched; the name pattern runs only if they say nothing.
        let named = [Lex::Competitors, Lex::Executives, Lex::OrgNames].iter().any(|&l| draft.has_in(l, &sentence))
            || NAMED
                .find_iter(&draft.text[sentence.clone()])
                .any(|m| m.end() + sentence.start <= hit.range.start || m.start() + sentence.start >= hit.range.end);
        if !named {
            continue;
        }
        let m = &draft.text[hit.range.clone()];
        out.add(&DOC, hit.range.clone(), bi(
            format!("Accusing someone of a crime (“{m}”) is a defamation risk."),
            format!("“{m}”처럼 범죄를 단정하는 말은 명예훼손이 될 수 있습니다."),
        ));
    }
}
