//! PII005 personal-email: someone's personal email address; role mailboxes (support@, press@) are fine.

use super::*;
use regex::Regex;
use std::sync::LazyLock;

pub static DOC: RuleDoc = RuleDoc {
    code: "PII005",
    name: "personal-email",
    category: Cat::Pii,
    severity: Warn,
    feed: None,
    by_role: &[],
    what: Bilingual::for_docs(
        "A person's email address. Role mailboxes such as support@, press@, info@ and the policy's own addresses (organization.contacts) are not flagged.",
        "개인 이메일 주소. support@, press@, info@ 같은 공용 주소와 정책의 회사 연락처(organization.contacts)는 제외.",
    ),
    why: Bilingual::fixed(
        "Guidelines forbid sharing customers', partners' or colleagues' personal data.",
        "고객·협력사·동료의 개인정보는 공유하지 않습니다.",
    ),
    source: Bilingual::fixed(
        "IBM and Intel guidelines (customer, partner and employee data); Korea's Personal Information Protection Act",
        "IBM·Intel 가이드라인(고객·협력사·직원 정보); 개인정보 보호법",
    ),
    example: Bilingual::for_docs("Email the engineer directly: jisoo.park@gmail.com", "박서준 기자님 메일 sj.park@naver.com 으로 보내드렸어요"),
    fix: Bilingual::for_docs("Remove the address.", "주소를 지우세요."),
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

/// What `EMAIL.find_iter(text)` finds, found by searching only around each "@": an address's local
/// part is at most 64 ASCII characters and its domain is one run of `[a-z0-9.-]`. Searching a
/// whole long draft (its @handles make every post a candidate) took tens of milliseconds in WASM.
fn addresses(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut found = Vec::new();
    // A match for this "@" starts after the previous "@" and after the previous match.
    let mut from = 0;
    for (at, _) in text.match_indices('@') {
        let mut start = at.saturating_sub(64).max(from);
        while !text.is_char_boundary(start) {
            start += 1;
        }
        let after = &text[at + 1..];
        let domain = &after[..after.find(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '-')).unwrap_or(after.len())];
        let local_before = text[..at].bytes().next_back().is_some_and(|b| b.is_ascii_alphanumeric() || b"._%+-".contains(&b));
        // An @handle has no local part or no dot after it: not searched at all.
        if !(local_before && domain.contains('.')) {
            from = from.max(at + 1);
            continue;
        }
        let end = at + 1 + domain.len();
        if let Some(m) = EMAIL.find(&text[start..end]) {
            found.push(start + m.start()..start + m.end());
            from = start + m.end();
        }
        from = from.max(at + 1);
    }
    found
}

pub fn check(draft: &Draft, cx: &Context, out: &mut Findings) {
    let folded = &draft.views.folded;
    for range in addresses(&folded.text) {
        let address = &folded.text[range.clone()];
        let (local, domain) = address.split_once('@').expect("an email has @");
        if ROLE_MAILBOXES.contains(&local) || family::confidential::is_internal(cx, domain) || cx.settings.contacts.has_email(address) {
            continue;
        }
        family::personal::report(draft, &DOC, out, range, Removal {
            message: bi("A personal email address.", "개인 이메일 주소입니다."),
            label: ("Remove the address", "주소 삭제"),
            placeholder: ("[email removed]", "[이메일 삭제]"),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn searching_around_each_at_finds_what_searching_everything_finds(text in "([a-z0-9]{1,4}|[.@_+ -]|가|@[a-z]{1,3}\\.[a-z]{2,3}){0,40}") {
            let whole: Vec<_> = EMAIL.find_iter(&text).map(|m| m.range()).collect();
            prop_assert_eq!(addresses(&text), whole);
        }
    }

    #[test]
    fn addresses_next_to_each_other_and_a_long_local_part() {
        let text = "a@b.co,c@d.io x@y ".to_string() + &"l".repeat(70) + "@long.com";
        let whole: Vec<_> = EMAIL.find_iter(&text).map(|m| m.range()).collect();
        assert_eq!(addresses(&text), whole);
        assert_eq!(whole.len(), 3);
    }
}
