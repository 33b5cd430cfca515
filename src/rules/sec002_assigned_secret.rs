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

/// Every match begins with one of these (ASCII case ignored): the pattern is tried only where one
/// starts, so a long draft is not run through the pattern engine from end to end.
const NAME_MARKERS: &[&str] = &["pass", "pwd", "secret", "token", "api", "access", "비밀번호", "패스워드", "비번", "토큰"];

static MARKERS: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder().ascii_case_insensitive(true).build(NAME_MARKERS).expect("secret markers")
});

/// Anchored at a marker's start (`^`): the search ends as soon as the text stops matching.
static ASSIGNED: LazyLock<Regex> = LazyLock::new(|| {
    // Case is ignored for ASCII letters only (`(?i-u:…)`): the engine leaves out regex's Unicode
    // case tables to stay small, and look-alike letters are the folded view's business.
    Regex::new(&format!("^(?:{ASSIGNMENT})")).expect("assignment pattern")
});

/// A secret word, how it is assigned, and the value (group 1).
const ASSIGNMENT: &str = r#"(?:(?i-u:password|passwd|pwd|passcode|secret|token|api[_ -]?key|access[_ -]?key)|비밀번호|패스워드|비번|토큰)(?:\s*(?:(?i-u:is)|=|:|는|은|:=|=>)\s*|\s+)["'`]?([^\s"'`]{8,64})"#;

/// The values assigned to a secret word, in order, as the unanchored pattern would find them with
/// `captures_iter`: leftmost first, not overlapping.
fn assigned_values(text: &str) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    let mut from = 0;
    std::iter::from_fn(move || loop {
        // No marker contains another, so the first to end is the leftmost. The next search starts
        // one byte on, not after the marker: "passecret" holds "secret" too. (A loop of plain
        // searches, not an overlapping search: that is 1.5 KB more of the WASM engine.)
        let marker = MARKERS.find(aho_corasick::Input::new(text).range(from..))?;
        let start = marker.start();
        from = start + 1;
        if let Some(found) = ASSIGNED.captures(&text[start..]) {
            from = start + found.get(0).expect("whole match").end();
            let value = found.get(1).expect("value group").range();
            return Some(start + value.start..start + value.end);
        }
    })
}

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
        for value in assigned_values(draft.text) {
            let secret = &draft.text[value.clone()];
            if !secret.is_ascii() || !looks_random(secret) {
                continue;
            }
            out.add(&DOC, value.clone(), bi("This looks like a real password or token.", "실제 비밀번호나 토큰으로 보입니다."))
                .suggest(bi("Remove the value", "값 삭제"), value, "");
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

    fn unanchored_values(text: &str) -> Vec<std::ops::Range<usize>> {
        let pattern = Regex::new(ASSIGNMENT).unwrap();
        pattern.captures_iter(text).map(|c| c.get(1).unwrap().range()).collect()
    }

    #[test]
    fn values_are_found_where_markers_start() {
        for text in [
            "wifi password: \"Xk9#mQ2$vL7p\" and API_KEY=Zt7Qw9Lx2Vb8Nm4Kp6Rc3Hs5Jd1Fg0Ya",
            "passecret: Xk9#mQ2$vL7p",
            "PASSWORD is Xk9#mQ2$vL7p, Token q8Zr3VxT1pLm9NcW4bYs7KdF2hJe6GuA",
            "비밀번호는 Hb!2026#secure 입니다, 토큰 abcdefgh",
            "password: password: password: Xk9#mQ2$vL7p",
            "no secrets here, just an apiary and a passing token of thanks",
        ] {
            assert_eq!(assigned_values(text).collect::<Vec<_>>(), unanchored_values(text), "{text}");
        }
        assert_eq!(assigned_values("passecret: Xk9#mQ2$vL7p").count(), 1, "a marker inside another is still tried");
    }

    proptest::proptest! {
        #[test]
        fn values_equal_the_unanchored_search(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "pass", "PassWord", "passwd", "pwd", "secret", "token", "api", "API_key", "access key", "비밀번호",
                "비번", "토큰", "패스워드", "는", " is ", ":", "=", " ", "\n", "\"", "Xk9#mQ2$", "abc", "é", "😀",
            ]), 0..24)
        ) {
            let text = parts.concat();
            proptest::prop_assert_eq!(assigned_values(&text).collect::<Vec<_>>(), unanchored_values(&text));
        }
    }
}
