//! SEC002 assigned-secret: a password, token or API key word followed by a random-looking value.

use super::*;
use riskhint_text::trie::Trie;
use riskhint_text::text::View;
use regex::Regex;
use std::sync::LazyLock;

pub static DOC: RuleDoc = RuleDoc {
    code: "SEC002",
    name: "assigned-secret",
    category: Cat::Secret,
    severity: Block,
    feed: Some(FeedLabel::Leak),
    by_role: &[],
    what: Bilingual::for_docs(
        "A password, secret, token or API key word followed by a random-looking value.",
        "비밀번호·토큰·API 키라는 말 뒤에 나오는 무작위 값.",
    ),
    why: Bilingual::fixed(
        "A posted password or token is compromised the moment it is public.",
        "공개된 비밀번호나 토큰은 그 순간 유출된 것입니다.",
    ),
    source: Bilingual::fixed(
        "Yelp detect-secrets (keyword detector, entropy limits); gitleaks generic API key rule",
        "Yelp detect-secrets(키워드 탐지, 엔트로피 기준); gitleaks 범용 API 키 규칙",
    ),
    example: Bilingual::for_docs("wifi password: \"Xk9#mQ2$vL7p\"", "비밀번호: Xk9#mQ2$vL7p 공유합니다 (데모룸 와이파이)"),
    fix: Bilingual::for_docs("Remove the value and change the password.", "값을 지우고 비밀번호를 바꾸세요."),
};

/// Every match begins with one of these, in the tone view (lower case): the pattern is tried only
/// where one starts, so a long draft is not run through the pattern engine from end to end.
const NAME_MARKERS: &[&str] = &["pass", "pwd", "secret", "token", "api", "access", "비밀번호", "패스워드", "비번", "토큰"];

static MARKERS: LazyLock<Trie> = LazyLock::new(|| Trie::new(NAME_MARKERS));

/// The secret words, as the tone view writes them: no case, spaces, punctuation, invisible
/// characters or leetspeak, so "p a s s w o r d", "pass\u{200B}word", "p@ssw0rd", "ｐａｓｓｗｏｒｄ"
/// and "ㅂㅣㅁㅣㄹㅂㅓㄴㅎㅗ" all read as the word (`aws_secret_access_key`: "awssecretaccesskey").
/// A name found is the first of the list it starts with: longer names come before the names they start with
/// ("secretaccesskey" before "secret", "password" before "pass").
const NAMES: &[&str] = &[
    "password", "passwd", "passcode", "pwd", "secretaccesskey", "secretkey", "secret", "token", "apikey", "accesskey", "pass",
    "비밀번호", "패스워드", "비번", "토큰",
];

/// How the value is assigned after the word, and the value (group 1), anchored where the word ends
/// in the text. Case is ignored for ASCII letters only (`(?i-u:…)`): the engine leaves out regex's
/// Unicode case tables to stay small.
static VALUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"^(?:\s*(?:(?i-u:is)|=|:|는|은|:=|=>)\s*|\s+)["'`]?([^\s"'`]{8,64})"#).expect("value pattern")
});

/// How many bytes after the word are read for its value: 64 characters, spaces and quotes, even
/// when all are full-width (3 bytes each).
const VALUE_WINDOW: usize = 256;

/// The values assigned to a secret word, in order, not overlapping: each as read (full-width forms
/// and look-alikes made ASCII, invisible characters dropped) and as its range in `text`.
fn assigned_values<'t>(text: &'t str, tone: &'t View) -> impl Iterator<Item = (String, Range<usize>)> + 't {
    // Every marker, overlapping ones too ("passecret" holds "secret"), by start.
    let mut markers = Vec::new();
    MARKERS.find_all(&tone.text, &mut markers);
    let (mut next, mut searched_to) = (0, 0);
    std::iter::from_fn(move || loop {
        let &(start, end, _) = markers.get(next)?;
        let (start, end) = (start as usize, end as usize);
        next += 1;
        // A marker inside the last assignment (its value, say) starts no other.
        if tone.to_original(start..end).start < searched_to {
            continue;
        }
        let Some(word) = NAMES.iter().find(|name| tone.text[start..].starts_with(*name)) else { continue };
        let word_end = tone.to_original(start..start + word.len()).end;
        let mut window_end = (word_end + VALUE_WINDOW).min(text.len());
        while !text.is_char_boundary(window_end) {
            window_end -= 1;
        }
        // Read what follows unmasked only where it hides something (`：`, `Ｘｋ９…`, `\u{200B}`).
        let after = &text[word_end..window_end];
        let unmasked = riskhint_text::text::unmasked(after);
        let read = unmasked.as_ref().map_or(after, |v| v.text.as_str());
        let Some(found) = VALUE.captures(read) else { continue };
        let value = found.get(1).expect("value group");
        let range = unmasked.as_ref().map_or(value.range(), |v| v.to_original(value.range()));
        searched_to = word_end + range.end;
        return Some((value.as_str().to_string(), word_end + range.start..word_end + range.end));
    })
}

/// Whether letters read as a word or a name in camel case (`env`, `SMTP`, `processEnv`), not as
/// random letters (`hRbgvFbvlH`): at most two capitals that follow a small letter.
fn word_like(letters: &str) -> bool {
    letters.as_bytes().windows(2).filter(|pair| pair[0].is_ascii_lowercase() && pair[1].is_ascii_uppercase()).count() <= 2
}

/// Random-looking: mixes at least three character classes and has high entropy for its length,
/// and is none of what gitleaks' generic rule allows: an identifier path of words joined by `_`,
/// `.` and `-` (`process.env.SLACK_TOKEN`), a URL, a variable or template reference (`$PASSWORD`,
/// `{{ x }}`).
fn looks_random(value: &str) -> bool {
    let identifier = value.bytes().all(|b| b.is_ascii_alphabetic() || b"_.-".contains(&b)) && value.split(['_', '.', '-']).all(word_like);
    if identifier || value.contains("://") || family::credentials::placeholder(value) {
        return false;
    }
    let entropy = family::credentials::entropy;
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

pub fn check(draft: &Draft, _cx: &Context, out: &mut Findings) {
    for (secret, value) in assigned_values(draft.text, &draft.views.tone) {
        if !secret.is_ascii() || !looks_random(&secret) {
            continue;
        }
        // The whole token goes, however long: a token cut short is still most of a token.
        let token_end = value.end + draft.text[value.end..].find(char::is_whitespace).unwrap_or(draft.text.len() - value.end);
        out.add(&DOC, value.clone(), bi("This looks like a real password or token.", "실제 비밀번호나 토큰으로 보입니다."))
            .suggest(bi("Remove the value", "값 삭제"), value.start..token_end, "");
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

    /// The search before evasions were read through: the whole pattern over the original text.
    const ASSIGNMENT: &str = r#"(?:(?i-u:password|passwd|passcode|pwd|secret[_ -]?access[_ -]?key|secret[_ -]?key|secret|token|api[_ -]?key|access[_ -]?key|pass)|비밀번호|패스워드|비번|토큰)(?:\s*(?:(?i-u:is)|=|:|는|은|:=|=>)\s*|\s+)["'`]?([^\s"'`]{8,64})"#;

    fn values(text: &str) -> Vec<Range<usize>> {
        let views = riskhint_text::text::Views::new(text);
        assigned_values(text, &views.tone).map(|(_, range)| range).collect()
    }

    fn unanchored_values(text: &str) -> Vec<Range<usize>> {
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
            assert_eq!(values(text), unanchored_values(text), "{text}");
        }
        assert_eq!(values("passecret: Xk9#mQ2$vL7p").len(), 1, "a marker inside another is still tried");
    }

    proptest::proptest! {
        #[test]
        fn values_equal_the_unanchored_search(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "pass", "PassWord", "passwd", "pwd", "secret", "token", "api", "API_key", "access key", "secret_access_key", "SecretKey", "SMTP_PASS", "비밀번호",
                "비번", "토큰", "패스워드", "는", " is ", ":", "=", " ", "\n", "\"", "Xk9#mQ2$", "abc", "é", "😀",
            ]), 0..24)
        ) {
            let text = parts.concat();
            proptest::prop_assert_eq!(values(&text), unanchored_values(&text));
        }
    }
}
