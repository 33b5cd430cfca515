//! A draft check as the extension and the CLI make it: `riskhint::json::check_draft` (what the
//! WASM binding runs) with a policy and a request, then the report checked as a caller reads it.
//!
//! Input: two option bytes, then the draft (bytes that are not UTF-8 become U+FFFD).
//! - byte 0: bits 0–1 the policy (none, the example, the example in crisis, odd terms); bits 2–3
//!   the role (employee, executive, pr, or left out); bits 4–5 the day (2026-06-01, 2026-12-20 and
//!   2027-01-25 in the example's quiet period, or 2026-02-30, which must be refused); bits 6–7 the
//!   language of messages (the draft's, en, ko, or the draft's).
//! - byte 1: bits 0–1 the platform; bit 2 offsets in chars (the CLI) instead of UTF-16 (the
//!   extension); bit 3 the text after the first NUL is the post being replied to; bit 4 check
//!   again with the first finding ignored, which must then be gone; bit 5 Instagram, whatever
//!   bits 0–1 say.
#![no_main]

use libfuzzer_sys::fuzz_target;
use riskhint::json::{check_draft, Offsets};
use riskhint_fuzz::{assert_report, engines, text_of};
use serde_json::json;

fuzz_target!(|data: &[u8]| {
    let [a, b, rest @ ..] = data else { return };
    let engine = &engines()[usize::from(a & 3)];
    let role = ["employee", "executive", "pr", ""][usize::from(a >> 2 & 3)];
    let today = ["2026-06-01", "2026-12-20", "2027-01-25", "2026-02-30"][usize::from(a >> 4 & 3)];
    let lang = ["", "en", "ko", ""][usize::from(a >> 6 & 3)];
    let platform = if b & 32 != 0 { "instagram" } else { ["other", "x", "facebook", "linkedin"][usize::from(b & 3)] };
    let unit = if b & 4 != 0 { Offsets::Chars } else { Offsets::Utf16 };
    let text = text_of(rest);
    let (draft, reply) = match text.split_once('\0') {
        Some((draft, reply)) if b & 8 != 0 => (draft, Some(reply)),
        _ => (text.as_str(), None),
    };

    let mut request = json!({"today": today, "platform": platform});
    if !role.is_empty() {
        request["role"] = json!(role);
    }
    if !lang.is_empty() {
        request["lang"] = json!(lang);
    }
    if let Some(reply) = reply {
        request["reply_to"] = json!(reply);
    }
    let out = assert_report(draft, &check_draft(engine, None, draft, &request.to_string(), unit), unit);
    assert_eq!(out.get("error").is_some(), today == "2026-02-30", "only the impossible date is refused: {out}");

    // Ignoring a finding (its card's "Ignore") removes exactly the findings of that rule on those
    // words, and nothing else.
    if b & 16 != 0 {
        if let Some(first) = out["findings"].as_array().and_then(|f| f.first()) {
            let ignored = (first["code"].clone(), first["text"].clone());
            request["ignored"] = json!([{"code": ignored.0, "text": ignored.1}]);
            let again = assert_report(draft, &check_draft(engine, None, draft, &request.to_string(), unit), unit);
            let kept: Vec<&serde_json::Value> =
                out["findings"].as_array().unwrap().iter().filter(|f| (f["code"].clone(), f["text"].clone()) != ignored).collect();
            let after: Vec<&serde_json::Value> = again["findings"].as_array().unwrap().iter().collect();
            assert_eq!(kept, after, "ignoring {ignored:?} changed other findings");
        }
    }
});
