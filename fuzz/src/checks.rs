//! What the fuzz targets and `tests/robustness.rs` share: the policies they check with, and the checks of what a caller sees
//! in a report. Every check reads the JSON the extension (UTF-16 offsets) or the CLI (char offsets)
//! gets, so a span that would select the wrong text, or split an emoji in JavaScript, is a crash.

use riskhint::json::Offsets;
use riskhint::{Engine, Policy};
use serde_json::Value;
use std::sync::OnceLock;

/// The example policy shipped with the extension.
pub const HANBIT_POLICY: &str = include_str!("../../examples/hanbit-policy.jsonc");
/// A valid policy made of edge cases (one-letter names, emoji, terms that fold to nothing).
pub const ODD_POLICY: &str = include_str!("../policies/odd-terms.jsonc");

/// The engines a draft or post is checked with, chosen by an input's option byte: no policy, the
/// example, the example in crisis mode, and the odd policy.
pub fn engines() -> &'static [Engine; 4] {
    static ENGINES: OnceLock<[Engine; 4]> = OnceLock::new();
    ENGINES.get_or_init(|| {
        let hanbit = Policy::parse(HANBIT_POLICY).expect("the example policy is valid");
        let mut crisis = hanbit.clone();
        crisis.crisis = serde_json::from_str(
            r#"{"active": true, "topics": ["battery fire", "배터리 화재"], "official_links": ["https://hanbit.example/notice"]}"#,
        )
        .expect("a crisis section");
        let odd = Policy::parse(ODD_POLICY).expect("the odd policy is valid");
        [Engine::default(), Engine::new(hanbit), Engine::new(crisis), Engine::new(odd)]
    })
}

/// Text as the engine gets it: fuzz input is bytes, a JavaScript or Rust string is not, so bytes
/// that are not UTF-8 become U+FFFD as a browser's decoder would make them.
pub fn text_of(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A text cut into the units a report counts in, to check offsets the way a caller uses them.
pub struct Units {
    unit: Offsets,
    utf16: Vec<u16>,
    chars: Vec<char>,
}

impl Units {
    pub fn new(text: &str, unit: Offsets) -> Units {
        match unit {
            Offsets::Utf16 => Units { unit, utf16: text.encode_utf16().collect(), chars: Vec::new() },
            Offsets::Chars => Units { unit, utf16: Vec::new(), chars: text.chars().collect() },
        }
    }

    pub fn len(&self) -> usize {
        match self.unit {
            Offsets::Utf16 => self.utf16.len(),
            Offsets::Chars => self.chars.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The text between two offsets, or None if they are out of order, out of range, or split a
    /// surrogate pair (what `String.prototype.slice` would turn into a lone surrogate).
    pub fn slice(&self, start: usize, end: usize) -> Option<String> {
        if start > end || end > self.len() {
            return None;
        }
        match self.unit {
            Offsets::Utf16 => String::from_utf16(&self.utf16[start..end]).ok(),
            Offsets::Chars => Some(self.chars[start..end].iter().collect()),
        }
    }

    /// Whether `at` is a place a caller can cut the text: inside it, and not between the two
    /// halves of a surrogate pair.
    pub fn is_boundary(&self, at: usize) -> bool {
        match self.unit {
            Offsets::Utf16 => at == self.utf16.len() || (at < self.utf16.len() && !(0xDC00..0xE000).contains(&self.utf16[at])),
            Offsets::Chars => at <= self.chars.len(),
        }
    }
}

fn offset(v: &Value, key: &str, what: &str) -> usize {
    v[key].as_u64().unwrap_or_else(|| panic!("{what} has no {key}: {v}")) as usize
}

fn non_empty_str<'a>(v: &'a Value, key: &str, what: &str) -> &'a str {
    let s = v[key].as_str().unwrap_or_else(|| panic!("{what} has no {key} string: {v}"));
    assert!(!s.trim().is_empty(), "{what} has an empty {key}: {v}");
    s
}

/// An `{"error": "…"}` answer: the error says what is wrong, in words.
pub fn assert_error(out: &Value) {
    let message = out["error"].as_str().unwrap_or_else(|| panic!("an error without a message: {out}"));
    assert!(!message.trim().is_empty(), "an empty error message: {out}");
}

const SEVERITIES: [&str; 3] = ["info", "warn", "block"];

/// One finding as JSON: its span selects its `text` in the caller's units (in a feed post's report,
/// `masked`: personal data and secrets shown masked), its messages are there in both languages,
/// and each suggestion's span is valid and applies to a valid string.
pub fn assert_finding(units: &Units, f: &Value, masked: bool) {
    let (start, end) = (offset(f, "start", "a finding"), offset(f, "end", "a finding"));
    let flagged = units.slice(start, end).unwrap_or_else(|| panic!("finding span {start}..{end} is not valid in a text of {} units: {f}", units.len()));
    let leak = matches!(f["category"].as_str(), Some("pii" | "secret"));
    let shown = if masked && leak { riskhint::feed::mask(&flagged) } else { flagged };
    assert_eq!(Some(shown.as_str()), f["text"].as_str(), "the span does not select the finding's text: {f}");
    non_empty_str(f, "code", "a finding");
    non_empty_str(f, "message", "a finding");
    non_empty_str(&f["messages"], "en", "a finding's messages");
    non_empty_str(&f["messages"], "ko", "a finding's messages");
    assert!(SEVERITIES.contains(&f["severity"].as_str().unwrap_or("")), "unknown severity: {f}");
    for s in f["suggestions"].as_array().unwrap_or_else(|| panic!("no suggestions list: {f}")) {
        let (start, end) = (offset(s, "start", "a suggestion"), offset(s, "end", "a suggestion"));
        let prompt = s["kind"] == "prompt";
        // A prompt has no replacement until the user fills it in; its fields say what it asks.
        let replacement = if prompt {
            assert!(s["replacement"].is_null() && !s["prompt"]["fields"].as_array().is_none_or(Vec::is_empty), "a prompt with a replacement or no fields: {s}");
            ""
        } else {
            s["replacement"].as_str().unwrap_or_else(|| panic!("a suggestion without a replacement: {s}"))
        };
        // Applying it cuts the text at both ends (checked without building the result: a draft
        // can have thousands of suggestions).
        assert!(
            start <= end && units.is_boundary(start) && units.is_boundary(end),
            "suggestion span {start}..{end} is not valid in a text of {} units: {s}",
            units.len()
        );
        non_empty_str(s, "label", "a suggestion");
        let kind = s["kind"].as_str().unwrap_or("");
        let expected = if prompt { "prompt" } else if start == end { "insert" } else if replacement.is_empty() { "remove" } else { "replace" };
        assert_eq!(kind, expected, "a suggestion's kind does not match its edit: {s}");
    }
}

/// A draft report as JSON (or an error): spans select their text, findings are in text order, and
/// the verdict is what the severities say.
pub fn assert_report(text: &str, out: &str, unit: Offsets) -> Value {
    let out: Value = serde_json::from_str(out).unwrap_or_else(|e| panic!("the answer is not JSON ({e}): {out}"));
    if out.get("error").is_some() {
        assert_error(&out);
        return out;
    }
    let units = Units::new(text, unit);
    let findings = out["findings"].as_array().unwrap_or_else(|| panic!("a report without findings: {out}"));
    let mut last_start = 0;
    let mut worst = 0;
    for f in findings {
        assert_finding(&units, f, false);
        let start = offset(f, "start", "a finding");
        assert!(start >= last_start, "findings are not in text order: {out}");
        last_start = start;
        worst = worst.max(SEVERITIES.iter().position(|&s| f["severity"] == s).unwrap_or(0));
    }
    let verdict = ["ok", "review", "block"][worst];
    assert_eq!(out["verdict"].as_str(), Some(verdict), "the verdict does not follow the findings: {out}");
    assert!(matches!(out["language"].as_str(), Some("en" | "ko")), "unknown language: {out}");
    assert_eq!(out["truncated"].as_bool(), Some(text.len() > riskhint::MAX_TEXT_BYTES), "truncated is wrong: {out}");
    out
}

const LABELS: [&str; 7] =
    ["crisis-signal", "possible-leak", "hostile", "media-inquiry", "complaint", "undisclosed-promotion", "brand-mention"];

/// Post reports as JSON: one per post in order, risk within 0–100, a hint exactly when labelled,
/// and every finding and piece of evidence selecting its text.
pub fn assert_post_reports(posts: &[(String, String)], out: &str, unit: Offsets) {
    let out: Value = serde_json::from_str(out).unwrap_or_else(|e| panic!("the answer is not JSON ({e}): {out}"));
    let reports = out.as_array().unwrap_or_else(|| panic!("not a list of reports: {out}"));
    assert_eq!(reports.len(), posts.len(), "one report per post: {out}");
    for ((id, text), r) in posts.iter().zip(reports) {
        assert_eq!(r["id"].as_str(), Some(id.as_str()), "reports out of order: {out}");
        let risk = r["risk"].as_u64().unwrap_or_else(|| panic!("no risk: {r}"));
        assert!(risk <= 100, "risk over 100: {r}");
        let labels: Vec<&str> = r["labels"].as_array().unwrap_or_else(|| panic!("no labels: {r}")).iter().filter_map(Value::as_str).collect();
        assert!(labels.iter().all(|l| LABELS.contains(l)), "unknown label: {r}");
        assert_eq!(labels.is_empty(), r["hint"].is_null(), "a hint exactly when labelled: {r}");
        assert_eq!(labels.is_empty(), risk == 0, "risk exactly when labelled: {r}");
        if !labels.is_empty() {
            non_empty_str(&r["hints"], "en", "a post's hints");
            non_empty_str(&r["hints"], "ko", "a post's hints");
        }
        let units = Units::new(text, unit);
        for f in r["findings"].as_array().unwrap_or_else(|| panic!("no findings: {r}")) {
            assert_finding(&units, f, true);
        }
        // The spans of leaks, once: a post of a megabyte has tens of thousands of findings.
        let leak_spans: std::collections::HashSet<(usize, usize)> = r["findings"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|f| matches!(f["category"].as_str(), Some("pii" | "secret")))
            .map(|f| (offset(f, "start", "a finding"), offset(f, "end", "a finding")))
            .collect();
        for e in r["evidence"].as_array().unwrap_or_else(|| panic!("no evidence: {r}")) {
            let (start, end) = (offset(e, "start", "evidence"), offset(e, "end", "evidence"));
            let words = units.slice(start, end).unwrap_or_else(|| panic!("evidence span {start}..{end} is not valid: {e}"));
            // Evidence of a leak is shown masked, as its finding is.
            let leaked = leak_spans.contains(&(start, end));
            let shown = if leaked { riskhint::feed::mask(&words) } else { words };
            assert_eq!(Some(shown.as_str()), e["text"].as_str(), "evidence span does not select its text: {e}");
            assert!(labels.contains(&e["label"].as_str().unwrap_or("")), "evidence for a label the post lacks: {r}");
        }
    }
}
