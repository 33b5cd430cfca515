//! CONF004 confidentiality-marker: "internal only", "under NDA", 대외비 — the text says it is not public.
//!
//! Example: "Internal only, but here's the new pricing deck" / "대외비인데 살짝 공유".
//! Fix: don't post it.

use super::*;

pub static DOC: RuleDoc = RuleDoc {
    code: "CONF004",
    name: "confidentiality-marker",
    category: Cat::Confidential,
    severity: Warn,
    what: Bilingual::for_docs(
        "A marker that the content is not public: internal only, company confidential, under NDA, 대외비, 사내한.",
        "공개용이 아니라는 표시: internal only, under NDA, 대외비, 사내한, 내부 자료.",
    ),
    why: Bilingual::fixed(
        "If the text says it is internal, posting it is a leak; guidelines forbid sharing anything before official publication.",
        "내부용이라고 적힌 내용을 올리면 유출입니다. 공식 발표 전 정보는 공유하지 않습니다.",
    ),
    source: Bilingual::fixed(
        "Intel Social Media Guidelines; IBM Social Computing Guidelines",
        "Intel 소셜 미디어 가이드라인; IBM 소셜 컴퓨팅 가이드라인",
    ),
    example: Bilingual::for_docs("Internal only, but here's the new pricing deck", "대외비 자료인데 살짝만 공개 ㅎㅎ"),
    fix: Bilingual::for_docs("Don't post internal material.", "내부 자료는 게시하지 마세요."),
};

pub struct Rule;

impl super::Rule for Rule {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, draft: &Draft, _cx: &Context, out: &mut Findings) {
        flag_hits(draft, &[Lex::ConfidentialityMarkers], &DOC, out, |m| bi(
            format!("“{m}”: this reads as internal material."),
            format!("“{m}” 표시가 있어 내부 자료로 보입니다."),
        ), None);
    }
}
