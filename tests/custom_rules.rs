//! An organisation's own rules in its policy (`custom_rules`): they flag what they match, in the
//! original text's words, whatever the spelling; a bad rule is refused with its line and field
//! while the rest of the policy loads; and no pattern makes a check hang.

use riskhint::feed::Label;
use riskhint::policy::layer_all;
use riskhint::{CheckContext, Date, Engine, Post, PolicyLayer, Severity, Verdict};
use std::sync::mpsc;
use std::time::Duration;

const POLICY: &str = r#"{
  // Hanbit's own rules, beside a codename.
  "confidential": { "codenames": ["Project Falcon"] },
  "custom_rules": [
    {
      "id": "HANBIT-ROADMAP",
      "pattern": "roadmap (?:for )?20[23][0-9]",
      "level": "block",
      "message": "Roadmap dates are internal until announced.",
      "message_ko": "로드맵 일정은 발표 전까지 사내 정보입니다.",
      "replacement": "our roadmap"
    },
    { "id": "HANBIT-FAB", "pattern": "(?:팹|fab) ?[0-9]+호기", "message": "Fab line numbers are internal." },
    { "id": "HANBIT-SLUR", "pattern": "\\bsnowflakes?\\b", "level": "warn", "category": "tone", "message": "A put-down." },
    { "id": "HANBIT-CHEER", "pattern": "go team", "category": "disclosure", "level": "info", "message": "Say you work here." },
    { "id": "HANBIT-OFF", "pattern": "lunch", "level": "off", "message": "Not used." }
  ]
}"#;

fn today() -> CheckContext {
    CheckContext::new(Date::parse("2026-06-01").unwrap())
}

fn engine(policy: &str) -> Engine {
    let layer = PolicyLayer::parse(policy).unwrap_or_else(|e| panic!("{e}"));
    assert!(layer.warnings.is_empty(), "{:?}", layer.warnings);
    Engine::new(layer.policy)
}

/// (code, the words flagged) for each finding of a custom rule.
fn custom_findings(engine: &Engine, text: &str) -> Vec<(&'static str, String)> {
    let report = engine.check_draft(text, &today());
    report.findings.iter().filter(|f| riskhint::rules::doc(f.code).is_none()).map(|f| (f.code, text[f.range.clone()].to_string())).collect()
}

#[test]
fn a_custom_rule_flags_the_words_it_matches_with_its_id_level_and_message() {
    let engine = engine(POLICY);
    let text = "Sharing the roadmap for 2027 with the team!";
    let report = engine.check_draft(text, &today());
    let finding = report.findings.iter().find(|f| f.code == "HANBIT-ROADMAP").expect("the roadmap rule fires");
    assert_eq!(&text[finding.range.clone()], "roadmap for 2027");
    assert_eq!(finding.severity, Severity::Block);
    assert_eq!(report.verdict, Verdict::Block);
    assert_eq!(finding.message.en, "Roadmap dates are internal until announced.");
    assert_eq!(finding.message.ko, "로드맵 일정은 발표 전까지 사내 정보입니다.");
    assert_eq!(finding.suggestions[0].apply(text), "Sharing the our roadmap with the team!");

    assert_eq!(custom_findings(&engine, "팹 3호기 가동 중단 소식"), [("HANBIT-FAB", "팹 3호기".to_string())]);
    let fab = engine.check_draft("팹 3호기 가동", &today()).findings.into_iter().find(|f| f.code == "HANBIT-FAB").unwrap();
    assert_eq!(fab.message.ko, "Fab line numbers are internal.", "without message_ko, the message is used in Korean too");
    assert_eq!(fab.severity, Severity::Warn, "warn is the default level");
    assert!(fab.suggestions.is_empty(), "no replacement, no fix");
}

#[test]
fn near_misses_and_rules_turned_off_say_nothing() {
    let engine = engine(POLICY);
    for text in ["The roadmap looks great", "roadmap for 1999", "로드맵 공개", "팹리스 3사", "lunch at noon", "snowflakes are falling"] {
        let found: Vec<_> = custom_findings(&engine, text).into_iter().filter(|(code, _)| *code != "HANBIT-SLUR").collect();
        assert!(found.is_empty(), "{text}: {found:?}");
    }
}

#[test]
fn custom_rules_see_through_case_width_invisible_characters_and_look_alikes() {
    let engine = engine(POLICY);
    for text in [
        "ROADMAP FOR 2027",
        "ｒｏａｄｍａｐ ｆｏｒ ２０２７",
        "road\u{200B}map for 20\u{200D}27",
        "r\u{043E}\u{0430}dm\u{0430}p for 2027", // Cyrillic о and а
    ] {
        let found = custom_findings(&engine, &format!("ok: {text}!"));
        assert_eq!(found, [("HANBIT-ROADMAP", text.to_string())], "the span is the words as the user wrote them");
    }
}

#[test]
fn a_bad_pattern_is_refused_with_its_line_and_field_and_the_rest_loads() {
    let policy = r#"{
  "confidential": { "codenames": ["Project Falcon"] },
  "custom_rules": [
    { "id": "GOOD", "pattern": "roadmap 20[0-9]{2}", "message": "m" },
    { "id": "BROKEN", "pattern": "(roadmap", "message": "m" },
    { "id": "TONE001", "pattern": "x+", "message": "m" },
    { "id": "ALSO-GOOD", "pattern": "fab [0-9]", "message": "m" }
  ]
}"#;
    let layer = PolicyLayer::parse(policy).expect("the policy itself loads");
    let warnings: Vec<_> = layer.warnings.iter().map(|w| (w.path.as_str(), w.line)).collect();
    assert_eq!(warnings, [("custom_rules[1].pattern", 5), ("custom_rules[2].id", 6)]);
    let broken = &layer.warnings[0];
    assert_eq!(broken.column, policy.lines().nth(4).unwrap().find("\"(roadmap").unwrap() + 1, "the column is the pattern's");
    assert!(broken.message.contains("unclosed group") && broken.message.contains("not used"), "{}", broken.message);
    assert!(broken.to_string().starts_with("line 5, column "), "{broken}");
    assert!(layer.warnings[1].message.contains("built-in"), "{}", layer.warnings[1].message);

    let engine = Engine::new(layer.policy.clone());
    assert!(engine.refused_custom_rules().is_empty(), "refused rules are left out of the layer");
    let codes: Vec<_> = engine.check_draft("Project Falcon: roadmap 2027, fab 3", &today()).findings.iter().map(|f| f.code).collect();
    for code in ["CONF001", "GOOD", "ALSO-GOOD"] {
        assert!(codes.contains(&code), "{code} in {codes:?}");
    }
    assert!(!codes.contains(&"BROKEN"));
    assert_eq!(layer.written()["custom_rules"].as_array().unwrap().len(), 2, "what layers on is what was accepted");
    assert_eq!(layer.as_written()["custom_rules"].as_array().unwrap().len(), 4, "what was written is kept to be fixed");
}

#[test]
fn a_custom_rule_with_a_wrong_field_rejects_the_policy_like_any_field() {
    // Only what a rule says (its pattern, its id) is refused rule by rule; a rule that is not
    // shaped like one is a broken policy file, reported with its line and field.
    let error = PolicyLayer::parse("{\"custom_rules\": [\n  {\"id\": \"A\", \"pattern\": 7, \"message\": \"m\"}]}").unwrap_err();
    assert_eq!((error.path.as_str(), error.line), ("custom_rules[0].pattern", 2), "{error}");
    let error = PolicyLayer::parse(r#"{"custom_rules": [{"id": "A", "pattern": "x", "message": "m", "colour": "red"}]}"#).unwrap_err();
    assert!(error.message.contains("unknown field `colour`"), "{error}");
    let error = PolicyLayer::parse(r#"{"custom_rules": [{"id": "A", "pattern": "x"}]}"#).unwrap_err();
    assert!(error.message.contains("missing field `message`"), "{error}");
    let error = PolicyLayer::parse(r#"{"custom_rules": [{"id": "A", "pattern": "x", "message": "m", "level": "loud"}]}"#).unwrap_err();
    assert_eq!(error.path, "custom_rules[0].level", "{error}");
}

#[test]
fn a_custom_rules_field_that_is_not_a_list_rejects_the_policy() {
    let error = PolicyLayer::parse("{\n  \"custom_rules\": {\"id\": \"A\"}\n}").unwrap_err();
    assert_eq!((error.path.as_str(), error.line), ("custom_rules", 2), "{error}");
}

#[test]
fn the_classic_catastrophic_pattern_runs_in_linear_time() {
    // `(a+)+$` takes exponential time in a backtracking engine on "aaaa…b". Here it must finish;
    // a thread turns a hang into a failure instead of a stuck test run.
    let policy = r#"{"custom_rules": [{"id": "EVIL", "pattern": "(a+)+$", "message": "m"}, {"id": "EVIL-2", "pattern": "(x|x)*y", "message": "m"}]}"#;
    let engine = engine(policy);
    let (done, finished) = mpsc::channel();
    std::thread::spawn(move || {
        for text in ["a".repeat(200_000) + "b", "x".repeat(200_000), format!("aaargh {}", "a".repeat(30))] {
            let report = engine.check_draft(&text, &today());
            done.send(report.findings.iter().filter(|f| f.code.starts_with("EVIL")).count()).unwrap();
        }
    });
    let counts: Vec<usize> = (0..3).map(|_| finished.recv_timeout(Duration::from_secs(60)).expect("a check with (a+)+$ finished")).collect();
    assert_eq!(counts, [0, 0, 1], "only the text ending in a run of a's matches (a+)+$");
}

#[test]
fn a_pattern_that_matches_everywhere_reports_a_bounded_number_of_findings() {
    let engine = engine(r#"{"custom_rules": [{"id": "WORD", "pattern": "[a-z]+", "message": "m"}]}"#);
    let text = "word ".repeat(1000);
    assert_eq!(custom_findings(&engine, &text).len(), riskhint::custom::MAX_FINDINGS_PER_RULE);
}

#[test]
fn custom_rules_of_leak_and_tone_categories_label_posts_in_the_feed() {
    let engine = engine(POLICY);
    let posts: Vec<Post> = serde_json::from_str(
        r#"[{"id": "1", "text": "Heard the roadmap for 2028 is wild"}, {"id": "2", "text": "typical snowflake take"}, {"id": "3", "text": "go team!"}]"#,
    )
    .unwrap();
    let reports = engine.classify_posts(&posts);
    assert!(reports[0].labels.contains(&Label::PossibleLeak), "{:?}", reports[0].labels);
    assert!(reports[1].labels.contains(&Label::Hostile), "{:?}", reports[1].labels);
    assert!(reports[2].findings.iter().all(|f| f.code != "HANBIT-CHEER"), "a disclosure rule is about one's own drafts");
}

#[test]
fn administrator_and_user_rules_both_apply_and_a_locked_list_keeps_the_users_out() {
    let admin = PolicyLayer::parse(r#"{"custom_rules": [{"id": "ADMIN", "pattern": "roadmap", "message": "m"}]}"#).unwrap();
    let user = PolicyLayer::parse(r#"{"custom_rules": [{"id": "MINE", "pattern": "fab [0-9]", "message": "m"}]}"#).unwrap();
    let both = Engine::new(layer_all(Some(&admin), &[&user]).policy);
    assert_eq!(custom_findings(&both, "roadmap and fab 3").into_iter().map(|(c, _)| c).collect::<Vec<_>>(), ["ADMIN", "MINE"]);

    let locked = PolicyLayer::parse(r#"{"custom_rules": [{"id": "ADMIN", "pattern": "roadmap", "message": "m"}], "locked": ["custom_rules"]}"#).unwrap();
    let layered = layer_all(Some(&locked), &[&user]);
    assert_eq!(layered.overridden, ["custom_rules"]);
    assert_eq!(custom_findings(&Engine::new(layered.policy), "roadmap and fab 3").into_iter().map(|(c, _)| c).collect::<Vec<_>>(), ["ADMIN"]);
}

#[test]
fn ascii_capitals_in_a_pattern_match_either_case() {
    let engine = engine(r#"{"custom_rules": [{"id": "NOVA-NEXT", "pattern": "Nova X[2-9]", "message": "Unannounced model."}]}"#);
    assert_eq!(custom_findings(&engine, "is the NOVA X2 real?"), [("NOVA-NEXT", "NOVA X2".to_string())]);
    assert_eq!(custom_findings(&engine, "nova x3 soon"), [("NOVA-NEXT", "nova x3".to_string())]);
}

#[test]
fn a_pattern_that_can_match_empty_text_flags_only_real_words() {
    let engine = engine(r#"{"custom_rules": [{"id": "EMPTY", "pattern": "\\b", "message": "m"}, {"id": "MAYBE-X", "pattern": "x*", "message": "m"}]}"#);
    assert_eq!(custom_findings(&engine, "a quiet draft"), []);
    assert_eq!(custom_findings(&engine, "fix xx now"), [("MAYBE-X", "x".to_string()), ("MAYBE-X", "xx".to_string())]);
}

#[test]
fn a_users_rule_with_an_administrators_id_is_refused_with_a_warning() {
    let admin = r#"{"custom_rules": [{"id": "ROADMAP", "pattern": "roadmap", "message": "admin's"}]}"#;
    let user = r#"{"custom_rules": [{"id": "ROADMAP", "pattern": "roadmap 20[0-9]{2}", "message": "mine"}]}"#;
    let (engine, outcome) = riskhint::json::configure(Some(admin), Some(user), None, &[]);
    let outcome: serde_json::Value = serde_json::from_str(&outcome).unwrap();
    let warnings = outcome["warnings"].as_array().unwrap();
    assert_eq!(warnings.len(), 1, "{outcome}");
    assert!(warnings[0]["message"].as_str().unwrap().contains("\"ROADMAP\" is already used"), "{outcome}");
    let report = engine.unwrap().check_draft("the roadmap 2027", &today());
    let roadmap: Vec<_> = report.findings.iter().filter(|f| f.code == "ROADMAP").map(|f| f.message.en.as_ref()).collect();
    assert_eq!(roadmap, ["admin's"], "the administrator's rule of that id is the one in force");
}
