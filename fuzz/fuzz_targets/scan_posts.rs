//! A feed scan as the extension makes it: `riskhint::json::classify_posts` (what the WASM binding
//! runs), then every report checked as the popup and the badges read it.
//!
//! Input: one option byte, then either the posts' JSON exactly as the worker sends it (when it
//! starts with `[`), or up to eight post texts separated by NUL bytes.
//! - bits 0–1 the policy (none, the example, the example in crisis, odd terms); bit 2 Korean
//!   hints; bit 3 offsets in chars (the CLI) instead of UTF-16; bits 4–7 the reach, as a power of
//!   ten of likes and views (a post with an odd number is promoted).
#![no_main]

use libfuzzer_sys::fuzz_target;
use riskhint::json::{classify_posts, Offsets};
use riskhint::Post;
use riskhint_fuzz::{assert_error, assert_post_reports, engines, text_of};
use serde_json::{json, Value};

fuzz_target!(|data: &[u8]| {
    let [a, rest @ ..] = data else { return };
    let engine = &engines()[usize::from(a & 3)];
    let lang = if a & 4 != 0 { "ko" } else { "en" };
    let unit = if a & 8 != 0 { Offsets::Chars } else { Offsets::Utf16 };
    let text = text_of(rest);

    if text.starts_with('[') {
        let out = classify_posts(engine, None, &text, lang, unit);
        match serde_json::from_str::<Vec<Post>>(&text) {
            Ok(posts) => {
                let posts: Vec<(String, String)> = posts.into_iter().map(|p| (p.id, p.text)).collect();
                assert_post_reports(&posts, &out, unit);
            }
            Err(_) => assert_error(&serde_json::from_str::<Value>(&out).expect("the answer is JSON")),
        }
        return;
    }

    let reach = 10u64.saturating_pow(u32::from(a >> 4));
    let posts: Vec<(String, String)> = text.split('\0').take(8).enumerate().map(|(i, t)| (format!("p{i}"), t.to_string())).collect();
    let batch: Vec<Value> = posts
        .iter()
        .enumerate()
        .map(|(i, (id, text))| json!({"id": id, "text": text, "likes": reach * i as u64, "views": reach * 100, "promoted": i % 2 == 1}))
        .collect();
    let out = classify_posts(engine, None, &Value::Array(batch).to_string(), lang, unit);
    assert_post_reports(&posts, &out, unit);
});
