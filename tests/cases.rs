//! Runs the table-driven cases in tests/cases/*.tsv (format in each file's header): every rule's
//! hits, near-misses and fixes in Korean and English, and the feed labels.

use riskhint::{CheckContext, Date, Label, Platform, Post, Role};
use std::path::Path;

mod common;
use common::{engines, Engines};

/// The options column of a case: `role=… now=… platform=… crisis reply=… nopolicy span=… severity=…`
/// and feed counts.
#[derive(Default)]
struct Options {
    role: Option<Role>,
    now: Option<Date>,
    crisis: bool,
    nopolicy: bool,
    reply: Option<String>,
    platform: Option<Platform>,
    span: Option<String>,
    severity: Option<String>,
    post: Post,
}

fn parse_options(column: &str) -> Result<Options, String> {
    let mut o = Options::default();
    if column == "-" {
        return Ok(o);
    }
    let spaced = |v: &str| v.replace('_', " ");
    for item in column.split(' ').filter(|s| !s.is_empty()) {
        let (key, value) = item.split_once('=').unwrap_or((item, ""));
        let count = || value.parse::<u64>().map_err(|_| format!("bad count {item}"));
        match key {
            "role" => o.role = Some(serde_json::from_value(serde_json::json!(value)).map_err(|_| format!("bad role {value}"))?),
            "now" => o.now = Some(Date::parse(value).ok_or(format!("bad date {value}"))?),
            "platform" => o.platform = Some(serde_json::from_value(serde_json::json!(value)).map_err(|_| format!("bad platform {value}"))?),
            "crisis" => o.crisis = true,
            "nopolicy" => o.nopolicy = true,
            "reply" => o.reply = Some(spaced(value)),
            "span" => o.span = Some(spaced(value)),
            "severity" => o.severity = Some(value.to_string()),
            "likes" => o.post.counts.likes = count()?,
            "reposts" => o.post.counts.reposts = count()?,
            "replies" => o.post.counts.replies = count()?,
            "views" => o.post.counts.views = count()?,
            "author" => o.post.author = Some(spaced(value)),
            "promoted" => o.post.promoted = true,
            _ => return Err(format!("unknown option {item}")),
        }
    }
    Ok(o)
}

/// Checks one draft case; `Err` says what the user would have seen instead.
fn run_draft_case(engines: &Engines, code: &str, expect: &str, o: &Options, text: &str, fixed: Option<&str>) -> Result<(), String> {
    let engine = if o.nopolicy { &engines.none } else if o.crisis { &engines.crisis } else { &engines.hanbit };
    let mut context = CheckContext::new(o.now.unwrap_or(Date::parse("2026-06-01").unwrap()));
    context.role = o.role.unwrap_or_default();
    context.reply_to = o.reply.clone();
    context.platform = o.platform.unwrap_or_default();
    let report = engine.check_draft(text, &context);
    let found: Vec<_> = report.findings.iter().filter(|f| f.code == code).collect();
    let seen = || report.findings.iter().map(|f| format!("{}:{:?}", f.code, &text[f.range.clone()])).collect::<Vec<_>>().join(", ");
    match expect {
        "miss" if !found.is_empty() => return Err(format!("expected no {code}, got [{}]", seen())),
        "miss" => return Ok(()),
        "hit" | "fix" if found.is_empty() => return Err(format!("expected {code}, got [{}]", seen())),
        "hit" | "fix" => {}
        _ => return Err(format!("unknown expectation {expect}")),
    }
    if let Some(span) = &o.span {
        if !found.iter().any(|f| &text[f.range.clone()] == span) {
            return Err(format!("expected span {span:?}, got {:?}", found.iter().map(|f| &text[f.range.clone()]).collect::<Vec<_>>()));
        }
    }
    if let Some(severity) = &o.severity {
        if !found.iter().any(|f| f.severity.as_str() == severity) {
            return Err(format!("expected severity {severity}, got {:?}", found.iter().map(|f| f.severity.as_str()).collect::<Vec<_>>()));
        }
    }
    if expect == "fix" {
        let want = fixed.ok_or("fix case without a FIXED column")?;
        let suggestion = found[0].suggestions.first().ok_or(format!("{code} has no suggestion"))?;
        let got = suggestion.apply(text);
        if got != want {
            return Err(format!("fix gave {got:?}, expected {want:?}"));
        }
    }
    Ok(())
}

fn run_feed_case(engines: &Engines, label: &str, expect: &str, o: &Options, text: &str) -> Result<(), String> {
    let label = Label::parse(label).ok_or(format!("unknown label {label}"))?;
    let post = Post { id: "case".into(), text: text.into(), ..o.post.clone() };
    let report = engines.hanbit.classify_posts(&[post]).remove(0);
    let has = report.labels.contains(&label);
    let names: Vec<_> = report.labels.iter().map(|l| l.as_str()).collect();
    match (expect, has) {
        ("hit", true) | ("miss", false) => Ok(()),
        _ => Err(format!("expected {expect} {}, labels {names:?}", label.as_str())),
    }
}

#[test]
fn every_case_in_tests_cases_behaves_as_written() {
    let engines = engines();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|e| e == "tsv")).collect();
    files.sort();
    let (mut total, mut failures) = (0, Vec::new());
    for file in &files {
        let name = file.file_name().unwrap().to_string_lossy().to_string();
        for (n, line) in std::fs::read_to_string(file).unwrap().lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            total += 1;
            let fields: Vec<&str> = line.split('\t').collect();
            let result = if !(4..=5).contains(&fields.len()) {
                Err(format!("{} fields, expected 4 or 5", fields.len()))
            } else {
                parse_options(fields[2]).and_then(|o| {
                    if name == "feed.tsv" {
                        run_feed_case(engines, fields[0], fields[1], &o, fields[3])
                    } else {
                        run_draft_case(engines, fields[0], fields[1], &o, fields[3], fields.get(4).copied())
                    }
                })
            };
            if let Err(why) = result {
                failures.push(format!("{name}:{} {} {} {:?}\n    {why}", n + 1, fields[0], fields.get(1).unwrap_or(&""), fields.get(3).unwrap_or(&"")));
            }
        }
    }
    assert!(total >= 300, "only {total} cases");
    assert!(failures.is_empty(), "{} of {total} cases failed:\n{}", failures.len(), failures.join("\n"));
    println!("{total} cases passed");
}
