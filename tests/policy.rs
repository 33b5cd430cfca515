//! The organisation policy as a user writes it: JSON with comments, every field optional, unknown
//! fields and bad values rejected with path, line and column; layering of an administrator's and a
//! user's policy; and the engine keeping the last good policy.

use riskhint::policy::MAX_POLICY_BYTES;
use riskhint::{layer, CheckContext, Date, Dismissal, Engine, Policy, PolicyError, PolicyLayer, Severity, Verdict};
use std::path::Path;

const MINIMUM: &str = r##"{"organization":{"names":["Hanbit Electronics","Hanbit","@HanbitElec","한빛전자"],"products":["Nova X1","노바 X1"],"executives":["Kim Minjun","김민준"],"tickers":["123450","HBE"],"competitors":["Daesung Mobile","대성모바일"],"contacts":["02-1234-5678","1588-1234","newsroom@hanbit.example"]},"confidential":{"codenames":["Project Falcon","Falcon","팰컨"],"terms":["Q4 roadmap"],"internal_domains":["corp.hanbit.example"]},"disclosure":{"employee_tags":["#HanbitEmployee","#한빛전자직원"]},"quiet_periods":[{"start":"2026-12-20","end":"2027-01-25","reason":"Q4 earnings"}],"crisis":{"active":false,"topics":[],"official_links":[]},"rules":{"TONE003":"off","MNPI001":"block"}}"##;

fn strings(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

fn err(text: &str) -> PolicyError {
    match Policy::parse(text) {
        Ok(p) => panic!("expected an error for {text:?}, got {p:?}"),
        Err(e) => e,
    }
}

/// 1-based line and 1-based byte column of byte `at` of `text`.
fn line_col(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, at - line_start + 1)
}

/// Where an unknown key is reported: serde_json stops on the key's closing quote.
fn key_end(text: &str, key: &str) -> (usize, usize) {
    let quoted = format!("\"{key}\"");
    assert_eq!(text.matches(&quoted).count(), 1, "{key} must occur once in the test input");
    let at = text.find(&quoted).unwrap() + quoted.len() - 1;
    line_col(text, at)
}

fn today() -> CheckContext {
    CheckContext::new(Date::parse("2026-06-01").unwrap())
}

fn codes(engine: &Engine, text: &str) -> Vec<&'static str> {
    engine.check_draft(text, &today()).findings.iter().map(|f| f.code).collect()
}

fn layer_of(text: &str) -> PolicyLayer {
    PolicyLayer::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"))
}

// ---------------------------------------------------------------------------------------------
// Valid policies

#[test]
fn the_issue_minimum_policy_parses_with_its_values() {
    let p = Policy::parse(MINIMUM).unwrap();
    assert_eq!(p.organization.names, strings(&["Hanbit Electronics", "Hanbit", "@HanbitElec", "한빛전자"]));
    assert_eq!(p.organization.products, strings(&["Nova X1", "노바 X1"]));
    assert_eq!(p.organization.executives, strings(&["Kim Minjun", "김민준"]));
    assert_eq!(p.organization.tickers, strings(&["123450", "HBE"]));
    assert_eq!(p.organization.competitors, strings(&["Daesung Mobile", "대성모바일"]));
    assert_eq!(p.confidential.codenames, strings(&["Project Falcon", "Falcon", "팰컨"]));
    assert_eq!(p.confidential.terms, strings(&["Q4 roadmap"]));
    assert_eq!(p.confidential.internal_domains, strings(&["corp.hanbit.example"]));
    assert_eq!(p.disclosure.employee_tags, strings(&["#HanbitEmployee", "#한빛전자직원"]));
    assert_eq!(p.quiet_periods.len(), 1);
    let q = &p.quiet_periods[0];
    assert_eq!(q.start, Date::parse("2026-12-20").unwrap());
    assert_eq!(q.end, Date::parse("2027-01-25").unwrap());
    assert_eq!(q.reason, "Q4 earnings");
    // The window is inclusive at both ends.
    assert!(p.quiet_period(Date::parse("2026-12-20").unwrap()).is_some());
    assert!(p.quiet_period(Date::parse("2027-01-25").unwrap()).is_some());
    assert!(p.quiet_period(Date::parse("2026-12-19").unwrap()).is_none());
    assert!(p.quiet_period(Date::parse("2027-01-26").unwrap()).is_none());
    assert!(!p.crisis.active);
    assert!(p.crisis.topics.is_empty());
    assert!(p.crisis.official_links.is_empty());
    assert_eq!(p.level("TONE003"), Some(riskhint::policy::Level::Off));
    assert_eq!(p.level("MNPI001"), Some(riskhint::policy::Level::Block));
    assert_eq!(p.level("TONE001"), None);
    assert_eq!(p.rules.len(), 2);
    assert!(p.locked.is_empty());
}

#[test]
fn the_shipped_example_policy_parses() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/hanbit-policy.jsonc");
    let text = std::fs::read_to_string(path).unwrap();
    let p = Policy::parse(&text).unwrap_or_else(|e| panic!("example policy: {e}"));
    assert_eq!(p.confidential.codenames, strings(&["Project Falcon", "Falcon", "팰컨"]));
    // The example and the minimum policy say the same things, comments aside.
    assert_eq!(p, Policy::parse(MINIMUM).unwrap());
    assert!(Engine::from_json(&text).is_ok());
}

#[test]
fn every_field_is_optional() {
    assert_eq!(Policy::parse("{}").unwrap(), Policy::default());
    assert_eq!(Policy::parse("  \n {  } \n").unwrap(), Policy::default());
    let sections = [
        (r#"{"organization": {}}"#, "organization"),
        (r#"{"organization": {"names": ["A"]}}"#, "names"),
        (r#"{"organization": {"products": ["P"]}}"#, "products"),
        (r#"{"organization": {"executives": ["E"]}}"#, "executives"),
        (r#"{"organization": {"tickers": ["T"]}}"#, "tickers"),
        (r#"{"organization": {"competitors": ["C"]}}"#, "competitors"),
        (r#"{"organization": {"contacts": ["02-1234-5678", "help@x.example"]}}"#, "contacts"),
        (r#"{"confidential": {}}"#, "confidential"),
        (r#"{"confidential": {"codenames": ["X"]}}"#, "codenames"),
        (r#"{"confidential": {"terms": ["X"]}}"#, "terms"),
        (r#"{"confidential": {"internal_domains": ["x.example"]}}"#, "internal_domains"),
        (r#"{"disclosure": {}}"#, "disclosure"),
        (r##"{"disclosure": {"employee_tags": ["#x"]}}"##, "employee_tags"),
        (r#"{"quiet_periods": []}"#, "quiet_periods"),
        (r#"{"quiet_periods": [{"start": "2026-01-01", "end": "2026-01-01"}]}"#, "quiet period without reason"),
        (r#"{"crisis": {}}"#, "crisis"),
        (r#"{"crisis": {"active": true}}"#, "active"),
        (r#"{"crisis": {"topics": ["fire"]}}"#, "topics"),
        (r#"{"crisis": {"official_links": ["https://x.example/a"]}}"#, "official_links"),
        (r#"{"rules": {}}"#, "rules"),
        (r#"{"rules": {"TONE001": "info"}}"#, "a rule"),
        (r#"{"locked": ["crisis.active"]}"#, "locked"),
    ];
    for (text, what) in sections {
        assert!(Policy::parse(text).is_ok(), "{what}: {:?}", Policy::parse(text));
    }
    let only_crisis = Policy::parse(r#"{"crisis": {"active": true}}"#).unwrap();
    assert!(only_crisis.crisis.active);
    assert!(only_crisis.organization.names.is_empty());
    let only_link = Policy::parse(r#"{"crisis": {"official_links": ["https://x.example/a"]}}"#).unwrap();
    assert_eq!(only_link.crisis.official_links[0].0, "https://x.example/a");
    assert!(Policy::parse(r#"{"crisis": {"official_links": ["http://x.example"]}}"#).is_ok());
}

// ---------------------------------------------------------------------------------------------
// Unknown fields

#[test]
fn unknown_top_level_field_is_reported_with_path_line_and_column() {
    let text = "{\n  \"organization\": {},\n    \"confidentail\": {}\n}";
    let e = err(text);
    assert_eq!(e.path, "confidentail");
    assert_eq!((e.line, e.column), key_end(text, "confidentail"));
    assert!(e.message.contains("confidentail"), "{e}");
    assert_eq!(e.to_string(), format!("line {}, column {}, field confidentail: {}", e.line, e.column, e.message));
}

#[test]
fn unknown_nested_field_is_reported_with_its_path() {
    let text = "{\n  \"organization\": {\n      \"names\": [\"Hanbit\"],\n      \"nmes\": [\"Hanbit\"]\n  }\n}";
    let e = err(text);
    assert_eq!(e.path, "organization.nmes");
    assert_eq!((e.line, e.column), key_end(text, "nmes"));
    assert_eq!(e.line, 4);
    assert!(e.message.contains("nmes"));
    assert!(e.to_string().contains("field organization.nmes"), "{e}");
}

#[test]
fn unknown_field_inside_a_list_item_is_reported_with_its_index() {
    let text = "{\"quiet_periods\": [\n  {\"start\": \"2026-01-01\", \"end\": \"2026-01-02\"},\n  {\"start\": \"2026-02-01\", \"end\": \"2026-02-02\", \"reson\": \"x\"}\n]}";
    let e = err(text);
    assert_eq!(e.path, "quiet_periods[1].reson");
    assert_eq!((e.line, e.column), key_end(text, "reson"));
    let first = "{\"quiet_periods\": [{\"start\": \"2026-01-01\", \"end\": \"2026-01-02\",\n    \"reson\": \"Q4\"}]}";
    let e = err(first);
    assert_eq!(e.path, "quiet_periods[0].reson");
    assert_eq!((e.line, e.column), key_end(first, "reson"));
}

// ---------------------------------------------------------------------------------------------
// Every error path

#[test]
fn malformed_json_is_an_error_at_the_right_place() {
    // Missing comma between two sections.
    let text = "{\n  \"organization\": {}\n  \"confidential\": {}\n}";
    let e = err(text);
    assert_eq!(e.line, 3);
    assert!(e.message.contains(','), "{e}");
    // Trailing garbage after the object.
    let text = "{\"crisis\": {\"active\": true}}\n  oops";
    let e = err(text);
    assert_eq!(e.line, 2);
    assert_eq!(e.column, 3);
    assert!(e.message.contains("trailing"), "{e}");
    // A second object after the first is garbage too.
    assert!(Policy::parse("{} {}").is_err());
    // Unclosed object, empty text, not an object.
    assert!(Policy::parse("{\"crisis\": {}").is_err());
    assert!(Policy::parse("").is_err());
}

#[test]
fn a_policy_must_be_an_object() {
    let positional = r#"[{"names": ["Evil Corp"]}]"#;
    assert!(Policy::parse(positional).is_err(), "{:?}", Policy::parse(positional));
    assert!(Policy::parse("[]").is_err(), "{:?}", Policy::parse("[]"));
}

#[test]
fn wrong_types_name_the_field() {
    let e = err(r#"{"organization": {"names": "Hanbit"}}"#);
    assert_eq!(e.path, "organization.names");
    assert!(e.message.contains("string"), "{e}");
    let e = err(r#"{"crisis": {"active": "yes"}}"#);
    assert_eq!(e.path, "crisis.active");
    assert!(e.message.contains("bool"), "{e}");
    let e = err(r#"{"organization": {"tickers": [123450]}}"#);
    assert_eq!(e.path, "organization.tickers[0]");
    let e = err("{\"organization\": {\n  \"contacts\": [\"02-1234-5678\", 15881234]}}");
    assert_eq!(e.path, "organization.contacts[1]");
    assert!(e.to_string().contains("line 2"), "{e}");
    let e = err(r#"{"quiet_periods": {"start": "2026-01-01"}}"#);
    assert_eq!(e.path, "quiet_periods");
}

#[test]
fn invalid_dates_name_the_field() {
    let text = r#"{"quiet_periods": [{"start": "2026-13-01", "end": "2027-01-01"}]}"#;
    let e = err(text);
    assert_eq!(e.path, "quiet_periods[0].start");
    assert!(e.message.contains("2026-13-01"), "{e}");
    let text = r#"{"quiet_periods": [{"start": "2027-01-01", "end": "2027-02-29"}]}"#;
    let e = err(text);
    assert_eq!(e.path, "quiet_periods[0].end");
    assert!(e.message.contains("2027-02-29"), "{e}");
    // 2028 is a leap year.
    assert!(Policy::parse(r#"{"quiet_periods": [{"start": "2028-02-01", "end": "2028-02-29"}]}"#).is_ok());
    for bad in ["2026-1-1", "20260101", "2026-01-32", "2026-00-10", ""] {
        let text = format!(r#"{{"quiet_periods": [{{"start": "{bad}", "end": "2027-01-01"}}]}}"#);
        assert_eq!(err(&text).path, "quiet_periods[0].start", "{bad}");
    }
}

#[test]
fn quiet_period_ending_before_it_starts_is_rejected() {
    let e = err(r#"{"quiet_periods": [{"start": "2027-01-25", "end": "2026-12-20", "reason": "Q4"}]}"#);
    assert!(e.path.starts_with("quiet_periods[0]"), "{e}");
    assert!(e.message.contains("2027-01-25") && e.message.contains("2026-12-20"), "{e}");
    // A one-day period is fine.
    assert!(Policy::parse(r#"{"quiet_periods": [{"start": "2027-01-25", "end": "2027-01-25"}]}"#).is_ok());
}

#[test]
fn unknown_rule_code_and_invalid_level_name_the_rule() {
    let text = "{\"rules\": {\n  \"TONE001\": \"off\",\n  \"FOO123\": \"warn\"\n}}";
    let e = err(text);
    assert_eq!(e.path, "rules.FOO123");
    assert!(e.message.contains("FOO123"), "{e}");
    assert_eq!(e.line, 3);
    let e = err(r#"{"rules": {"TONE001": "loud"}}"#);
    assert_eq!(e.path, "rules.TONE001");
    assert!(e.message.contains("loud"), "{e}");
    // Levels are lower case, as documented.
    assert!(Policy::parse(r#"{"rules": {"TONE001": "BLOCK"}}"#).is_err());
    for level in ["off", "info", "warn", "block"] {
        assert!(Policy::parse(&format!(r#"{{"rules": {{"TONE001": "{level}"}}}}"#)).is_ok(), "{level}");
    }
}

#[test]
fn see_more_cut_offs_default_per_site_and_merge_one_by_one() {
    use riskhint::policy::SeeMoreChars;
    use riskhint::Platform;
    let defaults = Policy::default().disclosure.see_more_chars;
    assert_eq!(defaults, SeeMoreChars { x: 280, facebook: 477, linkedin: 210, instagram: 125, other: 125 });
    assert_eq!(Policy::parse("{}").unwrap().disclosure.see_more_chars, defaults);
    let p = Policy::parse(r#"{"disclosure": {"see_more_chars": {"linkedin": 140}}}"#).unwrap();
    assert_eq!((p.disclosure.see_more_chars.linkedin, p.disclosure.see_more_chars.x), (140, 280));
    assert_eq!(p.disclosure.see_more_chars.on(Platform::Linkedin), 140);
    assert_eq!(p.disclosure.see_more_chars.on(Platform::Instagram), 125);
    // Layers override one site at a time; a locked cut-off keeps the administrator's value.
    let admin = layer_of(r#"{"disclosure": {"see_more_chars": {"facebook": 300}}, "locked": ["disclosure.see_more_chars.x"]}"#);
    let user = layer_of(r#"{"disclosure": {"see_more_chars": {"linkedin": 140, "x": 500}}}"#);
    let layered = layer(Some(&admin), Some(&user));
    let cut = layered.policy.disclosure.see_more_chars;
    assert_eq!((cut.x, cut.facebook, cut.linkedin, cut.instagram), (280, 300, 140, 125));
    assert_eq!(layered.overridden, ["disclosure.see_more_chars.x"]);
}

#[test]
fn a_bad_see_more_cut_off_is_refused_with_its_line_and_field() {
    for (bad, says) in [("0", "out of range"), ("-5", "out of range"), ("100001", "out of range"), ("4294967296", "out of range"), ("\"210\"", "string"), ("12.5", "floating point"), ("null", "null"), ("[210]", "sequence")] {
        let text = format!("{{\n  \"disclosure\": {{\n    \"see_more_chars\": {{\n      \"x\": 280,\n      \"facebook\": {bad}\n    }}\n  }}\n}}");
        let e = err(&text);
        assert_eq!(e.path, "disclosure.see_more_chars.facebook", "{bad}: {e}");
        assert_eq!(e.line, 5, "{bad}: {e}");
        assert!(e.message.contains(says), "{bad}: {e}");
        assert!(e.to_string().starts_with("line 5, column "), "{e}");
    }
    for good in ["1", "100000", "140"] {
        assert!(Policy::parse(&format!(r#"{{"disclosure": {{"see_more_chars": {{"facebook": {good}}}}}}}"#)).is_ok(), "{good}");
    }
    // A site the engine does not know is an unknown field, named with its line.
    let text = "{\"disclosure\": {\"see_more_chars\": {\n  \"tiktok\": 150}}}";
    let e = err(text);
    assert_eq!(e.path, "disclosure.see_more_chars.tiktok");
    assert_eq!((e.line, e.column), key_end(text, "tiktok"));
    // So is a cut-off given as a single number for every site.
    assert_eq!(err(r#"{"disclosure": {"see_more_chars": 125}}"#).path, "disclosure.see_more_chars");
}

#[test]
fn official_links_must_be_http_urls() {
    for bad in ["ftp://hanbit.example", "hanbit.example/notice", "https://", "javascript:alert(1)", "https://a b.example"] {
        let text = format!(r#"{{"crisis": {{"official_links": ["https://ok.example", "{bad}"]}}}}"#);
        let e = err(&text);
        assert_eq!(e.path, "crisis.official_links[1]", "{bad}: {e}");
        assert!(e.message.contains(bad), "{e}");
    }
}

#[test]
fn a_policy_over_one_mib_is_rejected_and_one_at_the_limit_is_not() {
    let base = r#"{"organization": {"names": ["Hanbit"]}}"#;
    let at_limit = format!("{base}{}", " ".repeat(MAX_POLICY_BYTES - base.len()));
    assert_eq!(at_limit.len(), 1 << 20);
    assert!(Policy::parse(&at_limit).is_ok());
    let over = format!("{at_limit} ");
    let e = err(&over);
    assert!(e.message.contains(&over.len().to_string()), "{e}");
    assert!(e.message.contains("limit"), "{e}");
    // A big but otherwise valid list of names.
    let names: Vec<String> = (0..100_000).map(|i| format!("\"name{i}\"")).collect();
    let big = format!(r#"{{"organization": {{"names": [{}]}}}}"#, names.join(","));
    assert!(big.len() > MAX_POLICY_BYTES);
    assert!(Policy::parse(&big).is_err());
    assert!(PolicyLayer::parse(&big).is_err());
    assert!(Engine::from_json(&big).is_err());
}

// ---------------------------------------------------------------------------------------------
// Comments

#[test]
fn comments_are_allowed_and_slashes_in_strings_are_kept() {
    let text = r#"// Hanbit policy
/* block
   comment */
{
  "crisis": { // inline
    "active": true, /* inline block */ "official_links": ["https://hanbit.example/notice//a"],
    "topics": ["a /* not a comment */ b", "c // not either"]
  }
}
// trailing comment"#;
    let p = Policy::parse(text).unwrap();
    assert!(p.crisis.active);
    assert_eq!(p.crisis.official_links[0].0, "https://hanbit.example/notice//a");
    assert_eq!(p.crisis.topics, strings(&["a /* not a comment */ b", "c // not either"]));
    // An escaped quote does not end the string early.
    let p = Policy::parse(r#"{"crisis": {"topics": ["say \"hi\" // there"]}}"#).unwrap();
    assert_eq!(p.crisis.topics, strings(&["say \"hi\" // there"]));
}

#[test]
fn errors_after_a_block_comment_keep_their_line_and_column() {
    let text = "/* Policy\n   of Hanbit\n*/\n{\n  \"crisis\": {\"active\": true},\n  \"nmes\": []\n}";
    let e = err(text);
    assert_eq!(e.path, "nmes");
    assert_eq!((e.line, e.column), key_end(text, "nmes"));
    assert_eq!(e.line, 6);
}

#[test]
fn errors_on_the_line_after_a_line_comment_keep_their_column() {
    let text = "{\n  // who we are\n  \"organization\": {},\n  // what is secret\n  \"confidentail\": {}\n}";
    let e = err(text);
    assert_eq!(e.path, "confidentail");
    assert_eq!((e.line, e.column), key_end(text, "confidentail"));
}

#[test]
fn errors_after_an_inline_line_comment_keep_their_column() {
    let text = "{\"crisis\": {\"active\": true}, // crisis\n\"nmes\": 1}";
    let e = err(text);
    assert_eq!(e.path, "nmes");
    assert_eq!((e.line, e.column), key_end(text, "nmes"));
}

#[test]
fn errors_after_an_inline_block_comment_keep_their_column() {
    let text = "{\"crisis\": /* c */ {\"actve\": true}}";
    let e = err(text);
    assert_eq!(e.path, "crisis.actve");
    assert_eq!((e.line, e.column), key_end(text, "actve"));
}

// ---------------------------------------------------------------------------------------------
// Layering

#[test]
fn lists_merge_without_duplicates() {
    let admin = layer_of(r#"{"organization": {"names": ["Hanbit", "HBE"]}, "confidential": {"codenames": ["Falcon"]}}"#);
    let user = layer_of(r#"{"organization": {"names": ["Hanbit", "한빛", "HBE"]}, "confidential": {"codenames": ["Eagle"]}}"#);
    let l = layer(Some(&admin), Some(&user));
    assert_eq!(l.policy.organization.names, strings(&["Hanbit", "HBE", "한빛"]));
    assert_eq!(l.policy.confidential.codenames, strings(&["Falcon", "Eagle"]));
    assert!(l.overridden.is_empty());
    let admin = layer_of(r#"{"organization": {"contacts": ["1588-1234"]}}"#);
    let user = layer_of(r#"{"organization": {"contacts": ["1588-1234", "help@x.example"]}}"#);
    assert_eq!(layer(Some(&admin), Some(&user)).policy.organization.contacts, strings(&["1588-1234", "help@x.example"]));
}

#[test]
fn lists_merge_without_duplicates_even_when_a_layer_repeats_itself() {
    let admin = layer_of(r#"{"organization": {"names": ["Hanbit"]}}"#);
    let user = layer_of(r#"{"organization": {"names": ["한빛", "한빛"]}}"#);
    let l = layer(Some(&admin), Some(&user));
    assert_eq!(l.policy.organization.names, strings(&["Hanbit", "한빛"]));
}

#[test]
fn scalars_override() {
    let admin = layer_of(r#"{"crisis": {"active": false}, "rules": {"TONE001": "warn"}}"#);
    let user = layer_of(r#"{"crisis": {"active": true}, "rules": {"TONE001": "block", "TONE002": "off"}}"#);
    let l = layer(Some(&admin), Some(&user));
    assert!(l.policy.crisis.active);
    assert_eq!(l.policy.level("TONE001"), Some(riskhint::policy::Level::Block));
    assert_eq!(l.policy.level("TONE002"), Some(riskhint::policy::Level::Off));
    assert!(l.overridden.is_empty());
}

#[test]
fn layering_with_one_side_missing() {
    let admin = layer_of(r#"{"crisis": {"active": true}}"#);
    assert!(layer(Some(&admin), None).policy.crisis.active);
    assert!(layer(None, Some(&admin)).policy.crisis.active);
    assert_eq!(layer(None, None).policy, Policy::default());
    // Layering one layer over nothing gives that layer's policy.
    let full = layer_of(MINIMUM);
    assert_eq!(layer(Some(&full), None).policy, full.policy);
    assert_eq!(layer(None, Some(&full)).policy, full.policy);
}

#[test]
fn a_locked_scalar_keeps_the_admins_value() {
    let admin = layer_of(r#"{"crisis": {"active": false}, "locked": ["crisis.active"]}"#);
    let user = layer_of(r#"{"crisis": {"active": true, "topics": ["fire"]}}"#);
    let l = layer(Some(&admin), Some(&user));
    assert!(!l.policy.crisis.active);
    assert_eq!(l.overridden, strings(&["crisis.active"]));
    // Only the locked path is kept: the unlocked topics still merge.
    assert_eq!(l.policy.crisis.topics, strings(&["fire"]));
    // A user who agrees with the admin is not overridden.
    let agree = layer_of(r#"{"crisis": {"active": false}}"#);
    assert!(layer(Some(&admin), Some(&agree)).overridden.is_empty());
}

#[test]
fn a_locked_list_ignores_the_users_additions() {
    let admin = layer_of(r#"{"organization": {"names": ["Hanbit"], "products": ["Nova X1"]}, "locked": ["organization.names"]}"#);
    let user = layer_of(r#"{"organization": {"names": ["Hanbit", "Evil Corp"], "products": ["Nova X2"]}}"#);
    let l = layer(Some(&admin), Some(&user));
    assert_eq!(l.policy.organization.names, strings(&["Hanbit"]));
    assert_eq!(l.policy.organization.products, strings(&["Nova X1", "Nova X2"]));
    assert_eq!(l.overridden, strings(&["organization.names"]));
}

#[test]
fn a_star_lock_locks_everything() {
    let admin = layer_of(r#"{"organization": {"names": ["Hanbit"]}, "crisis": {"active": true}, "locked": ["*"]}"#);
    let user = layer_of(
        r#"{"organization": {"names": ["Other"], "products": ["P"]}, "crisis": {"active": false},
            "quiet_periods": [{"start": "2026-01-01", "end": "2026-01-02"}], "rules": {"TONE001": "off"}}"#,
    );
    let l = layer(Some(&admin), Some(&user));
    let mut expected = admin.policy.clone();
    expected.locked = strings(&["*"]);
    assert_eq!(l.policy, expected);
    for path in ["organization.names", "organization.products", "crisis.active", "quiet_periods"] {
        assert!(l.overridden.iter().any(|o| o == path), "{path} not in {:?}", l.overridden);
    }
    assert!(l.overridden.iter().any(|o| o.starts_with("rules")), "{:?}", l.overridden);
}

#[test]
fn locking_rules_locks_every_rule_level() {
    let admin = layer_of(r#"{"rules": {"MNPI001": "block"}, "locked": ["rules"]}"#);
    let user = layer_of(r#"{"rules": {"MNPI001": "off", "TONE001": "off"}, "crisis": {"active": true}}"#);
    let l = layer(Some(&admin), Some(&user));
    assert_eq!(l.policy.level("MNPI001"), Some(riskhint::policy::Level::Block));
    assert_eq!(l.policy.level("TONE001"), None);
    assert!(l.policy.crisis.active, "unlocked fields still merge");
    assert!(l.overridden.iter().any(|o| o == "rules.MNPI001"), "{:?}", l.overridden);
    assert!(l.overridden.iter().any(|o| o == "rules.TONE001"), "{:?}", l.overridden);
    // Locking one rule leaves the others open.
    let admin = layer_of(r#"{"rules": {"MNPI001": "block"}, "locked": ["rules.MNPI001"]}"#);
    let l = layer(Some(&admin), Some(&user));
    assert_eq!(l.policy.level("MNPI001"), Some(riskhint::policy::Level::Block));
    assert_eq!(l.policy.level("TONE001"), Some(riskhint::policy::Level::Off));
    assert_eq!(l.overridden, strings(&["rules.MNPI001"]));
}

#[test]
fn a_users_own_lock_has_no_effect() {
    let admin = layer_of(r#"{"crisis": {"active": true}, "organization": {"names": ["Hanbit"]}}"#);
    let user = layer_of(r#"{"crisis": {"active": false}, "locked": ["*", "crisis.active"]}"#);
    let l = layer(Some(&admin), Some(&user));
    assert!(!l.policy.crisis.active, "the user's scalar still overrides");
    assert!(l.policy.locked.is_empty(), "{:?}", l.policy.locked);
    assert!(l.overridden.is_empty());
    // And it does not carry over to lock anything when layered again as an admin's base.
    let user_only = layer(None, Some(&user));
    assert!(user_only.policy.locked.is_empty(), "{:?}", user_only.policy.locked);
}

#[test]
fn a_user_who_does_not_mention_a_field_does_not_reset_it() {
    let admin = layer_of(
        r#"{"crisis": {"active": true, "topics": ["battery fire"]}, "rules": {"MNPI001": "block"},
            "quiet_periods": [{"start": "2026-12-20", "end": "2027-01-25"}]}"#,
    );
    let user = layer_of(r#"{"organization": {"names": ["Hanbit"]}}"#);
    let l = layer(Some(&admin), Some(&user));
    assert!(l.policy.crisis.active);
    assert_eq!(l.policy.crisis.topics, strings(&["battery fire"]));
    assert_eq!(l.policy.level("MNPI001"), Some(riskhint::policy::Level::Block));
    assert_eq!(l.policy.quiet_periods.len(), 1);
    assert_eq!(l.policy.organization.names, strings(&["Hanbit"]));
    // Mentioning the section without the field does not reset it either.
    let user = layer_of(r#"{"crisis": {"topics": ["recall"]}}"#);
    let l = layer(Some(&admin), Some(&user));
    assert!(l.policy.crisis.active);
    assert_eq!(l.policy.crisis.topics, strings(&["battery fire", "recall"]));
}

#[test]
fn a_policy_that_ends_at_the_start_of_a_line_is_refused_at_column_1() {
    // serde_json says column 0 there; an editor's first column is 1 (found by the policy fuzzer).
    for (text, line) in [("", 1), ("{\n  \"organization\": {\n", 3), ("\n\n", 3)] {
        let e = err(text);
        assert_eq!((e.line, e.column), (line, 1), "{text:?}: {e}");
        assert!(e.to_string().starts_with(&format!("line {line}, column 1")), "{e}");
    }
}

#[test]
fn a_layer_that_fails_to_parse_reports_like_a_policy() {
    let text = "{\n  \"crisis\": {\"actve\": true}\n}";
    let e = PolicyLayer::parse(text).unwrap_err();
    assert_eq!(e, Policy::parse(text).unwrap_err());
    assert_eq!(e.path, "crisis.actve");
}

// ---------------------------------------------------------------------------------------------
// The engine keeps the last good policy

#[test]
fn the_last_good_policy_stays_in_force() {
    let draft = "Project Falcon ships soon";
    let mut engine = Engine::from_json(r#"{"confidential": {"codenames": ["Project Falcon"]}}"#).unwrap();
    assert!(codes(&engine, draft).contains(&"CONF001"));
    for broken in [
        r#"{"confidential": {"codenames": ["Eagle"]"#,
        r#"{"confidential": {"codenames": ["Eagle"]}, "nope": 1}"#,
        r#"{"rules": {"CONF001": "off"}} trailing"#,
        r#"{"rules": {"CONF001": "loud"}}"#,
    ] {
        let e = engine.set_policy(broken).unwrap_err();
        assert!(e.line >= 1 && e.column >= 1, "{e}");
        assert!(codes(&engine, draft).contains(&"CONF001"), "after {broken}");
        assert_eq!(engine.policy().confidential.codenames, strings(&["Project Falcon"]));
    }
    engine.set_policy(r#"{"confidential": {"codenames": ["Eagle"]}}"#).unwrap();
    assert!(!codes(&engine, draft).contains(&"CONF001"));
    assert!(codes(&engine, "Eagle ships soon").contains(&"CONF001"));
}

#[test]
fn rule_levels_change_findings() {
    let draft = "this is fucking broken";
    let default = Engine::from_json("{}").unwrap();
    let report = default.check_draft(draft, &today());
    assert!(report.findings.iter().any(|f| f.code == "TONE001"), "{:?}", report.findings);
    assert_ne!(report.verdict, Verdict::Block, "precondition: profanity alone does not block by default");

    let off = Engine::from_json(r#"{"rules": {"TONE001": "off"}}"#).unwrap();
    let report = off.check_draft(draft, &today());
    assert!(!report.findings.iter().any(|f| f.code == "TONE001"), "{:?}", report.findings);

    let block = Engine::from_json(r#"{"rules": {"TONE001": "block"}}"#).unwrap();
    let report = block.check_draft(draft, &today());
    assert!(report.findings.iter().filter(|f| f.code == "TONE001").all(|f| f.severity == Severity::Block));
    assert!(report.findings.iter().any(|f| f.code == "TONE001"));
    assert_eq!(report.verdict, Verdict::Block);

    let info = Engine::from_json(r#"{"rules": {"TONE001": "info"}}"#).unwrap();
    let report = info.check_draft(draft, &today());
    assert!(report.findings.iter().filter(|f| f.code == "TONE001").all(|f| f.severity == Severity::Info));
}

#[test]
fn turning_a_blocking_rule_off_clears_the_block() {
    let policy = r#"{"confidential": {"codenames": ["Project Falcon"]}}"#;
    let engine = Engine::from_json(policy).unwrap();
    assert_eq!(engine.check_draft("Project Falcon ships soon", &today()).verdict, Verdict::Block);
    let engine = Engine::from_json(r#"{"confidential": {"codenames": ["Project Falcon"]}, "rules": {"CONF001": "warn"}}"#).unwrap();
    let report = engine.check_draft("Project Falcon ships soon", &today());
    assert!(report.findings.iter().any(|f| f.code == "CONF001" && f.severity == Severity::Warn));
    assert!(report.findings.iter().all(|f| f.severity != Severity::Block));
    assert_eq!(report.verdict, Verdict::Review);
}

// ---------------------------------------------------------------------------------------------
// Findings the user ignored

fn dismissed(list: &[(&str, &str)]) -> CheckContext {
    CheckContext { dismissed: list.iter().map(|(code, text)| Dismissal { code: code.to_string(), text: text.to_string() }).collect(), ..today() }
}

#[test]
fn an_ignored_finding_is_left_out_and_the_verdict_follows() {
    let engine = Engine::from_json(MINIMUM).unwrap();
    for (draft, words) in [("Project Falcon ships in June", "Project Falcon"), ("팰컨 프로젝트 다음 달 공개", "팰컨")] {
        let before = engine.check_draft(draft, &today());
        assert_eq!(before.verdict, Verdict::Block, "{draft}");
        let code = before.findings.iter().find(|f| &draft[f.range.clone()] == words).map(|f| f.code).unwrap();
        let after = engine.check_draft(draft, &dismissed(&[(code, words)]));
        assert!(after.findings.iter().all(|f| !(f.code == code && &draft[f.range.clone()] == words)), "{draft}: {:?}", after.findings);
        assert!(after.verdict < Verdict::Block, "{draft}: {:?}", after.findings);
    }
}

#[test]
fn ignoring_is_exact_about_the_rule_and_the_words() {
    let engine = Engine::from_json(MINIMUM).unwrap();
    let draft = "Project Falcon ships in June";
    let code = engine.check_draft(draft, &today()).findings[0].code;
    // Near misses: the same words under another rule, other words under the same rule, and
    // another case of the same words; each leaves the finding in place.
    for (c, words) in [("TONE001", "Project Falcon"), (code, "Falcon ships"), (code, "project falcon")] {
        let report = engine.check_draft(draft, &dismissed(&[(c, words)]));
        assert_eq!(report.verdict, Verdict::Block, "{c} {words}");
    }
    let korean = "팰컨 다음 달 공개";
    let korean_code = engine.check_draft(korean, &today()).findings[0].code;
    assert_eq!(engine.check_draft(korean, &dismissed(&[(korean_code, "팰컨 다음")])).verdict, Verdict::Block);
}

#[test]
fn a_finding_of_a_rule_the_administrator_locked_cannot_be_ignored() {
    let draft = "Project Falcon ships in June";
    let code = Engine::from_json(MINIMUM).unwrap().check_draft(draft, &today()).findings[0].code;
    let admin = layer_of(&format!(r#"{{"confidential": {{"codenames": ["Project Falcon"]}}, "rules": {{"{code}": "block"}}, "locked": ["rules.{code}"]}}"#));
    let engine = Engine::new(layer(Some(&admin), None).policy);
    assert_eq!(engine.check_draft(draft, &dismissed(&[(code, "Project Falcon")])).verdict, Verdict::Block);
    let unlocked = layer_of(r#"{"confidential": {"codenames": ["Project Falcon"]}}"#);
    let engine = Engine::new(layer(Some(&unlocked), None).policy);
    assert!(engine.check_draft(draft, &dismissed(&[(code, "Project Falcon")])).verdict < Verdict::Block);
}

/// A refused value is named by the path that serde_path_to_error finds by tracking the
/// deserializer, which the engine carried until a skim of the text replaced it
/// (`policy::path_at`): mutations of a valid policy, compact and pretty-printed.
mod refused_values_are_named_as_a_tracking_deserializer_names_them {
    use super::MINIMUM;
    use proptest::prelude::*;
    use riskhint::Policy;
    use serde_json::{json, Value};

    /// Every value inside `value`, as the keys and indexes that lead to it.
    fn slots(value: &Value, at: &mut Vec<Value>, out: &mut Vec<Vec<Value>>) {
        let children: Vec<(Value, &Value)> = match value {
            Value::Object(map) => map.iter().map(|(k, v)| (json!(k), v)).collect(),
            Value::Array(items) => items.iter().enumerate().map(|(i, v)| (json!(i), v)).collect(),
            _ => return,
        };
        for (step, child) in children {
            at.push(step);
            out.push(at.clone());
            slots(child, at, out);
            at.pop();
        }
    }

    fn get<'a>(value: &'a mut Value, path: &[Value]) -> &'a mut Value {
        path.iter().fold(value, |v, step| match step {
            Value::String(key) => &mut v[key.as_str()],
            step => &mut v[step.as_u64().unwrap() as usize],
        })
    }

    /// Wrong types, bad dates, links and rule codes, unknown fields, and a rule key renamed.
    fn mutate(policy: &mut Value, path: &[Value], kind: usize) {
        let slot = get(policy, path);
        let replacement = [json!(42), json!(true), json!("2026-02-30"), json!({}), json!([1]), json!("ftp://x"), json!("FOO999"), json!(null), json!("loud")];
        match kind {
            k if k < replacement.len() => *slot = replacement[k].clone(),
            _ => match slot {
                Value::Object(map) => drop(map.insert("extra_field".into(), json!(1))),
                _ => {
                    let parent = get(policy, &path[..path.len() - 1]);
                    if let Value::Object(map) = parent {
                        let key = path.last().unwrap().as_str().unwrap().to_string();
                        let value = map.remove(&key).unwrap();
                        map.insert(format!("{key}X"), value);
                    }
                }
            },
        }
    }

    proptest! {
        #[test]
        fn paths_match(slot in any::<prop::sample::Index>(), kind in 0usize..10, pretty: bool) {
            let mut policy: Value = serde_json::from_str(MINIMUM).unwrap();
            let mut all = Vec::new();
            slots(&policy, &mut Vec::new(), &mut all);
            let path = slot.get(&all).clone();
            mutate(&mut policy, &path, kind);
            let text = if pretty { serde_json::to_string_pretty(&policy).unwrap() } else { policy.to_string() };
            let tracked: Result<Policy, _> = serde_path_to_error::deserialize(&mut serde_json::Deserializer::from_str(&text));
            match (Policy::parse(&text), tracked) {
                (Ok(_), Ok(_)) => {}
                (Err(ours), Err(theirs)) => {
                    let path = theirs.path().to_string();
                    prop_assert_eq!(ours.path, if path == "." { String::new() } else { path }, "{}", text);
                    prop_assert_eq!((ours.line, ours.column), (theirs.inner().line(), theirs.inner().column().max(1)), "{}", text);
                }
                (ours, theirs) => prop_assert!(false, "{text}: ours {ours:?}, tracked {:?}", theirs.map(|_| ())),
            }
        }
    }
}
