//! The engine marks each finding of a rule the administrator locked: the extension's cards read
//! `locked` from the report instead of repeating the policy's lock rule in JavaScript.

use riskhint::json::{self, Offsets};
use serde_json::Value;

const ADMIN: &str = r#"{"confidential": {"codenames": ["Project Falcon"]}, "locked": ["rules.CONF001"]}"#;
const DRAFT: &str = "Project Falcon ships next week. Call me at 010-1234-5678.";
/// The codename without an administrator: the same findings, from the user's own policy.
const USER: &str = r#"{"confidential": {"codenames": ["Project Falcon"]}}"#;
const REQUEST: &str = r#"{"today": "2026-06-01", "lang": "en"}"#;

/// The draft's findings as the extension gets them: (code, locked).
fn findings(admin: Option<&str>, request: &str) -> Vec<(String, bool)> {
    let (engine, outcome) = json::configure(admin, Some(USER), None, &[]);
    let engine = engine.unwrap_or_else(|| panic!("{outcome}"));
    let report: Value = serde_json::from_str(&json::check_draft(&engine, None, DRAFT, request, Offsets::Utf16)).unwrap();
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["code"].as_str().unwrap().to_owned(), f["locked"].as_bool().expect("every finding says whether it is locked")))
        .collect()
}

#[test]
fn a_locked_rules_findings_are_marked_and_only_they() {
    let found = findings(Some(ADMIN), REQUEST);
    assert!(found.iter().any(|(code, locked)| code == "CONF001" && *locked), "{found:?}");
    assert!(found.iter().any(|(code, locked)| code != "CONF001" && !*locked), "other rules stay unlocked: {found:?}");
}

#[test]
fn every_rule_is_locked_under_a_wildcard_or_the_whole_rules_table() {
    for lock in [r#"["*"]"#, r#"["rules"]"#] {
        let admin = ADMIN.replace(r#"["rules.CONF001"]"#, lock);
        let found = findings(Some(&admin), REQUEST);
        assert!(!found.is_empty() && found.iter().all(|(_, locked)| *locked), "{lock}: {found:?}");
    }
}

#[test]
fn nothing_is_locked_without_an_administrator() {
    let found = findings(None, REQUEST);
    assert!(found.iter().any(|(code, _)| code == "CONF001"), "{found:?}");
    assert!(found.iter().all(|(_, locked)| !*locked), "{found:?}");
}

#[test]
fn an_ignored_finding_of_a_locked_rule_still_shows() {
    let ignoring = r#"{"today": "2026-06-01", "lang": "en", "ignored": [{"code": "CONF001", "text": "Project Falcon"}]}"#;
    assert!(findings(Some(ADMIN), ignoring).iter().any(|(code, _)| code == "CONF001"));
    let unlocked = ADMIN.replace(r#""rules.CONF001""#, r#""crisis.active""#);
    assert!(!findings(Some(&unlocked), ignoring).iter().any(|(code, _)| code == "CONF001"), "an unlocked rule's ignored finding goes");
}
