//! SEC002 assigned-secret: a password, token or API key word followed by a random-looking value.
//!
//! Example: `wifi password: "Xk9#mQ2$vL7p"` / "비밀번호는 Hb!2026#secure 입니다".
//! Fix: remove the value and change the password.

use super::*;
use aho_corasick::AhoCorasick;
use regex::Regex;
use std::sync::LazyLock;

pub static DOC: RuleDoc = RuleDoc {
    code: "SEC002",
    name: "assigned-secret",
    category: Cat::Secret,
    severity: Block,
    what: Bilingual::fixed(
        "A password, secret, token or API key word followed by a random-looking value.",
        "비밀번호·토큰·API 키라는 말 뒤에 나오는 무작위 값.",
    ),
    why: Bilingual::fixed(
        "A posted password or token is compromised the moment it is public.",
        "공개된 비밀번호나 토큰은 그 순간 유출된 것입니다.",
    ),
    source: "Yelp detect-secrets (keyword detector, entropy limits); gitleaks generic-api-key",
    example: "wifi password: \"Xk9#mQ2$vL7p\"",
    fix: Bilingual::fixed("Remove the value and change the password.", "값을 지우고 비밀번호를 바꾸세요."),
};

/// Every match names the secret with a word containing one of these (in the folded, lower-case
/// text): a text without any is not searched.
const NAME_MARKERS: &[&str] = &["pass", "pwd", "secret", "token", "api", "access", "비밀번호", "패스워드", "비번", "토큰"];

static MARKERS: LazyLock<AhoCorasick> = LazyLock::new(|| AhoCorasick::new(NAME_MARKERS).expect("secret markers"));

static ASSIGNED: LazyLock<Regex> = LazyLock::new(|| {
    // Case is ignored for ASCII letters only (`(?i-u:…)`): the engine leaves out regex's Unicode
    // case tables to stay small, and look-alike letters are the folded view's business.
    Regex::new(r#"(?:(?i-u:password|passwd|pwd|passcode|secret|token|api[_ -]?key|access[_ -]?key)|비밀번호|패스워드|비번|토큰)(?:\s*(?:(?i-u:is)|=|:|는|은|:=|=>)\s*|\s+)["'`]?([^\s"'`]{8,64})"#)
        .expect("assignment pattern")
});

/// Shannon entropy in bits per character.
fn entropy(value: &str) -> f64 {
    let mut counts = std::collections::HashMap::new();
    for c in value.chars() {
        *counts.entry(c).or_insert(0usize) += 1;
    }
    let n = value.chars().count() as f64;
    counts.values().map(|&k| { let p = k as f64 / n; -p * p.log2() }).sum()
}

/// Random-looking: mixes at least three character classes and has high entropy for its length.
fn looks_random(value: &str) -> bool {
    let classes = [
        value.chars().any(|c| c.is_ascii_lowercase()),
        value.chars().any(|c| c.is_ascii_uppercase()),
        value.chars().any(|c| c.is_ascii_digit()),
        value.chars().any(|c| c.is_ascii_punctuation()),
    ];
    let mixed = classes.iter().filter(|&&c| c).count() >= 3;
    let long_hex_or_b64 = value.len() >= 20 && entropy(value) >= 3.5;
    (mixed && entropy(value) >= 3.0) || long_hex_or_b64
}

pub struct Rule;

impl super::Rule for Rule {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, draft: &Draft, _cx: &Context, out: &mut Findings) {
        if !MARKERS.is_match(&draft.views.folded.text) {
            return;
        }
        for c in ASSIGNED.captures_iter(draft.text) {
            let value = c.get(1).expect("value group");
            if !value.as_str().is_ascii() || !looks_random(value.as_str()) {
                continue;
            }
            out.add(&DOC, value.range(), bi("This looks like a real password or token.", "실제 비밀번호나 토큰으로 보입니다."))
                .suggest(bi("Remove the value", "값 삭제"), value.range(), "");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn random_values_pass_and_words_do_not() {
        assert!(looks_random("Xk9#mQ2$vL7p"));
        assert!(!looks_random("password123"));
        assert!(!looks_random("resetting"));
    }
}
