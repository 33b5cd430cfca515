//! CONF002 confidential-term: a confidential term from the policy.
//!
//! Example: "Just saw the Q4 roadmap, wow" / "Q4 roadmap 보고 왔어요".
//! Fix: redact it.

use super::*;

pub static DOC: RuleDoc = RuleDoc {
    code: "CONF002",
    name: "confidential-term",
    category: Cat::Confidential,
    severity: Block,
    what: Bilingual::for_docs(
        "A confidential term listed in the policy (confidential.terms).",
        "정책에 등록된 기밀 용어(confidential.terms).",
    ),
    why: Bilingual::fixed(
        "The organisation marked it confidential; guidelines forbid sharing unpublished plans, financials and products.",
        "회사가 기밀로 지정한 용어입니다. 공개 전 계획·재무·제품 정보는 공유하지 않습니다.",
    ),
    source: Bilingual::fixed(
        "Intel Social Media Guidelines; IBM Social Computing Guidelines; your organisation's policy",
        "Intel 소셜 미디어 가이드라인; IBM 소셜 컴퓨팅 가이드라인; 소속 조직의 정책",
    ),
    example: Bilingual::for_docs("Just saw the Q4 roadmap, wow", "Q4 roadmap 리뷰 끝! 내용은 비밀 🤐"),
    fix: Bilingual::for_docs("Redact the term.", "용어를 가리세요."),
};

pub struct Rule;

impl super::Rule for Rule {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, draft: &Draft, _cx: &Context, out: &mut Findings) {
        super::conf001_codename::redact_hits(draft, Lex::ConfidentialTerms, &DOC, ("term", "용어"), out);
    }
}
