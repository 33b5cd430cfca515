//! PII005 personal-email: someone's personal email address; role mailboxes (support@, press@) are fine.
//!
//! Example: "Email the engineer directly: jisoo.park@gmail.com".
//! Fix: remove the address.

use super::*;
use regex::Regex;
use std::sync::LazyLock;

pub static DOC: RuleDoc = RuleDoc {
    code: "PII005",
    name: "personal-email",
    category: Cat::Pii,
    severity: Warn,
    what: Bilingual::fixed(
        "A person's email address. Role mailboxes such as support@, press@, info@ are not flagged.",
        "개인 이메일 주소. support@, press@, info@ 같은 공용 주소는 제외.",
    ),
    why: Bilingual::fixed(
        "Guidelines forbid sharing customers', partners' or colleagues' personal data.",
        "고객·협력사·동료의 개인정보는 공유하지 않습니다.",
    ),
    source: "IBM and Intel guidelines; 개인정보보호법",
    example: "Email the engineer directly: jisoo.park@gmail.com",
    fix: Bilingual::fixed("Remove the address.", "주소를 지우세요."),
};

static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[a-z0-9][a-z0-9._%+-]{0,63}@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,24}").expect("email pattern")
});

/// Shared mailboxes of organisations: publishing them is their purpose.
const ROLE_MAILBOXES: &[&str] = &[
    "support", "help", "info", "press", "pr", "media", "contact", "cs", "service", "noreply", "no-reply", "hello",
    "sales", "careers", "jobs", "webmaster", "admin", "privacy", "legal", "abuse", "security", "feedback", "ir",
    "investors", "customer", "customerservice", "team", "office",
];

pub struct Rule;

impl super::Rule for Rule {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, draft: &Draft, cx: &Context, out: &mut Findings) {
        let folded = &draft.views.folded;
        for m in EMAIL.find_iter(&folded.text) {
            let (local, domain) = m.as_str().split_once('@').expect("an email has @");
            let internal = cx.policy.confidential.internal_domains.iter().any(|d| {
                let d = d.trim().trim_start_matches('.').to_ascii_lowercase();
                !d.is_empty() && (domain == d || domain.ends_with(&format!(".{d}")))
            });
            if ROLE_MAILBOXES.contains(&local) || internal {
                continue;
            }
            let span = folded.to_original(m.start()..m.end());
            out.add(&DOC, span.clone(), bi("A personal email address.", "개인 이메일 주소입니다."))
                .suggest(bi("Remove the address", "주소 삭제"), span, draft.in_language("[email removed]", "[이메일 삭제]"));
        }
    }
}
