//! CONF001 codename: an internal project codename from the policy.
//!
//! Example: "Can't wait for Project Falcon to ship!" / "팰컨은 다음 달 출시".
//! Fix: redact it.

use super::*;

pub static DOC: RuleDoc = RuleDoc {
    code: "CONF001",
    name: "codename",
    category: Cat::Confidential,
    severity: Block,
    what: Bilingual::for_docs(
        "An internal project codename listed in the policy (confidential.codenames).",
        "정책에 등록된 내부 프로젝트 코드명(confidential.codenames).",
    ),
    why: Bilingual::fixed(
        "Codenames stand for unreleased products; guidelines forbid anything about them before official publication (Intel, IBM).",
        "코드명은 미공개 제품을 가리킵니다. 공식 발표 전에는 언급하지 않는 것이 원칙입니다(Intel, IBM 가이드라인).",
    ),
    source: Bilingual::fixed(
        "Intel Social Media Guidelines (unreleased products); IBM Social Computing Guidelines; your organisation's policy",
        "Intel 소셜 미디어 가이드라인(미출시 제품); IBM 소셜 컴퓨팅 가이드라인; 소속 조직의 정책",
    ),
    example: Bilingual::for_docs("Can't wait for Project Falcon to ship!", "팰컨의 배터리 스펙 보셨어요?"),
    fix: Bilingual::for_docs("Redact the codename.", "코드명을 가리세요."),
};

/// Reports every hit of a confidential policy list with a redaction suggestion.
pub(crate) fn redact_hits(draft: &Draft, lexicon: Lex, doc: &'static RuleDoc, what: (&str, &str), out: &mut Findings) {
    for hit in draft.hits(lexicon) {
        let term = &draft.text[hit.range.clone()];
        out.add(doc, hit.range.clone(), bi(format!("Confidential {}: “{term}”.", what.0), format!("기밀 {}: “{term}”.", what.1)))
            .suggest(bi("Redact", "가리기"), hit.range.clone(), draft.in_language("[redacted]", "[비공개]"));
    }
}

pub struct Rule;

impl super::Rule for Rule {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, draft: &Draft, _cx: &Context, out: &mut Findings) {
        redact_hits(draft, Lex::Codenames, &DOC, ("codename", "코드명"), out);
    }
}
