//! A policy as the options page, the CLI and an administrator give it: `Policy::parse` and
//! `riskhint::json::configure` (what the WASM binding runs), then the engine it compiles to.
//!
//! Input: policy text (bytes that are not UTF-8 become U+FFFD). Text after a NUL is a second
//! policy, layered as the user's over the first as the administrator's.
//!
//! Checked: a policy is either compiled or refused with a line, a column and a message inside the
//! text; the two parsers agree; a parsed policy written out and read back is the same policy; an
//! administrator who locks everything keeps their policy whatever the user's says; and the engine
//! checks a draft made of the policy's own terms with valid spans.
#![no_main]

use libfuzzer_sys::fuzz_target;
use riskhint::json::{check_draft, configure, Offsets};
use riskhint::{Policy, PolicyLayer};
use riskhint_fuzz::{assert_report, text_of, HANBIT_POLICY};
use serde_json::Value;
use std::sync::OnceLock;

/// The example policy with every path locked, as an administrator's layer.
fn locked_admin() -> &'static str {
    static TEXT: OnceLock<String> = OnceLock::new();
    TEXT.get_or_init(|| {
        let mut policy = Policy::parse(HANBIT_POLICY).expect("the example policy is valid");
        policy.locked = vec!["*".into()];
        serde_json::to_string(&policy).expect("a policy serialises")
    })
}

fn assert_refusal(text: &str, e: &riskhint::PolicyError) {
    assert!(!e.message.trim().is_empty(), "a refusal without a message: {e:?}");
    let lines = text.split('\n').count();
    assert!(e.line >= 1 && e.line <= lines + 1, "line {} outside a text of {lines} lines: {e:?}", e.line);
    assert!(e.column >= 1, "column {}: {e:?}", e.column);
}

fn outcome(out: &str) -> Value {
    serde_json::from_str(out).unwrap_or_else(|e| panic!("the answer is not JSON ({e}): {out}"))
}

fuzz_target!(|data: &[u8]| {
    let text = text_of(data);
    let (admin, user) = match text.split_once('\0') {
        Some((admin, user)) => (admin, Some(user)),
        None => (text.as_str(), None),
    };

    let parsed = Policy::parse(admin);
    let layer = PolicyLayer::parse(admin);
    match (&parsed, &layer) {
        (Ok(policy), Ok(layer)) => {
            assert_eq!(policy, &layer.policy, "the two parsers disagree");
            let written = serde_json::to_string(policy).expect("a policy serialises");
            assert_eq!(Policy::parse(&written).as_ref(), Ok(policy), "a policy written out reads back differently: {written}");
        }
        (Err(a), Err(b)) => {
            assert_eq!(a, b, "the two parsers refuse differently");
            assert_refusal(admin, a);
        }
        _ => panic!("one parser accepts what the other refuses: {parsed:?} / {layer:?}"),
    }

    // As the extension layers it: the administrator's (this text) and the user's.
    let (engine, out) = configure(Some(admin), user, None, &[]);
    let out = outcome(&out);
    if out["ok"] == true {
        let engine = engine.expect("an engine when ok");
        // A draft made of the policy's own terms: they must be found in place, with valid spans.
        let p = engine.policy();
        let draft: Vec<&str> = [&p.organization.names, &p.confidential.codenames, &p.confidential.terms, &p.crisis.topics]
            .into_iter()
            .flatten()
            .take(16)
            .map(String::as_str)
            .collect();
        let draft = draft.join(" ");
        let request = r#"{"today": "2026-12-21", "role": "executive"}"#;
        assert_report(&draft, &check_draft(&engine, None, &draft, request, Offsets::Utf16), Offsets::Utf16);
    } else {
        assert!(engine.is_none(), "an engine from a refused policy");
        assert!(matches!(out["layer"].as_str(), Some("admin" | "user")), "which layer failed: {out}");
        assert!(out["message"].as_str().is_some_and(|m| !m.trim().is_empty()), "a refusal without a message: {out}");
        assert!(out["line"].as_u64().is_some_and(|l| l >= 1) && out["column"].as_u64().is_some_and(|c| c >= 1), "{out}");
    }

    // Under an administrator who locked everything, the user's policy changes nothing.
    if parsed.is_ok() {
        let (locked, _) = configure(Some(locked_admin()), Some(admin), None, &[]);
        let (alone, _) = configure(Some(locked_admin()), None, None, &[]);
        assert_eq!(locked.expect("valid layers").policy(), alone.expect("a valid admin").policy(), "a locked policy was changed by the user's");
    }
});
