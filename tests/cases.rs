//! Runs the table-driven cases in tests/cases/*.tsv (format in each file's header): every rule's
//! hits, near-misses and fixes in Korean and English, and the feed labels.

use riskhint::{CheckContext, Date, Label, Platform, Post, Role};
use std::path::Path;

mod common;
use common::{engines, Engines};
use riskhint::{Engine, Language};

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

/// The report on a draft case's text, in the engine and context its options ask for.
fn check_case(engines: &Engines, o: &Options, text: &str) -> riskhint::Report {
    let engine = if o.nopolicy { &engines.none } else if o.crisis { &engines.crisis } else { &engines.hanbit };
    let mut context = CheckContext::new(o.now.unwrap_or(Date::parse("2026-06-01").unwrap()));
    context.role = o.role.unwrap_or_default();
    context.reply_to = o.reply.clone();
    context.platform = o.platform.unwrap_or_default();
    engine.check_draft(text, &context)
}

/// Checks one draft case; `Err` says what the user would have seen instead.
fn run_draft_case(engines: &Engines, code: &str, expect: &str, o: &Options, text: &str, fixed: Option<&str>) -> Result<(), String> {
    let report = check_case(engines, o, text);
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

/// Every case of every file in tests/cases: (file name, line number, the case's fields).
fn all_cases() -> Vec<(String, usize, Vec<String>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|e| e == "tsv")).collect();
    files.sort();
    let mut cases = Vec::new();
    for file in &files {
        let name = file.file_name().unwrap().to_string_lossy().to_string();
        for (n, line) in std::fs::read_to_string(file).unwrap().lines().enumerate() {
            if !(line.trim().is_empty() || line.starts_with('#')) {
                cases.push((name.clone(), n + 1, line.split('\t').map(String::from).collect()));
            }
        }
    }
    cases
}

#[test]
fn every_case_in_tests_cases_behaves_as_written() {
    let engines = engines();
    let (mut total, mut failures) = (0, Vec::new());
    for (name, line, fields) in all_cases() {
        total += 1;
        let result = if !(4..=5).contains(&fields.len()) {
            Err(format!("{} fields, expected 4 or 5", fields.len()))
        } else {
            parse_options(&fields[2]).and_then(|o| {
                if name == "feed.tsv" {
                    run_feed_case(engines, &fields[0], &fields[1], &o, &fields[3])
                } else {
                    run_draft_case(engines, &fields[0], &fields[1], &o, &fields[3], fields.get(4).map(String::as_str))
                }
            })
        };
        if let Err(why) = result {
            failures.push(format!("{name}:{line} {} {} {:?}\n    {why}", fields[0], fields.get(1).map_or("", String::as_str), fields.get(3).map_or("", String::as_str)));
        }
    }
    assert!(total >= 300, "only {total} cases");
    assert!(failures.is_empty(), "{} of {total} cases failed:\n{}", failures.len(), failures.join("\n"));
    println!("{total} cases passed");
}

/// The context a rule's documented example needs to fire: crisis mode for the CRIS rules, a day
/// in the example policy's quiet period for MNPI005, a complaint to answer for TONE006, no policy
/// for TONE003 (the example policy turns it off), and an executive author (the strictest role).
fn example_context(code: &str, language: Language) -> (&'static Engine, CheckContext) {
    let engines = engines();
    let today = if code == "MNPI005" { "2027-01-10" } else { "2026-06-01" };
    let mut context = CheckContext::new(Date::parse(today).unwrap());
    context.role = Role::Executive;
    if code == "TONE006" {
        context.reply_to = Some(match language {
            Language::En => "My Nova X1 won't charge. Worst phone ever.".into(),
            Language::Ko => "노바 X1 충전이 안 돼요. 최악이네요".into(),
        });
    }
    let engine = match code {
        c if c.starts_with("CRIS") => &engines.crisis,
        "TONE003" => &engines.none,
        _ => &engines.hanbit,
    };
    (engine, context)
}

#[test]
fn every_rule_example_fires_in_both_languages() {
    let mut failures = Vec::new();
    for rule in riskhint::rules::all() {
        let doc = rule.doc();
        for language in [Language::En, Language::Ko] {
            let example = doc.example.get(language);
            let (engine, context) = example_context(doc.code, language);
            let report = engine.check_draft(example, &context);
            if report.language != language {
                failures.push(format!("{} {language:?} example is read as {:?}: {example}", doc.code, report.language));
            }
            if !report.findings.iter().any(|f| f.code == doc.code) {
                let seen: Vec<_> = report.findings.iter().map(|f| f.code).collect();
                failures.push(format!("{} {language:?} example does not fire (got {seen:?}): {example}", doc.code));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Placeholder particles: a native picks one form by the word before it (see riskhint::particle).
const PLACEHOLDERS: &[&str] = &["은(는)", "는(은)", "이(가)", "가(이)", "을(를)", "를(을)", "과(와)", "와(과)", "(으)로", "(이)라", "(이)에요", "(이)나"];

#[test]
fn no_korean_message_over_the_rule_cases_keeps_a_placeholder_particle() {
    let engines = engines();
    let mut seen = 0;
    let mut failures = Vec::new();
    for (name, line, fields) in all_cases() {
        let Some(text) = fields.get(3) else { continue };
        let Ok(o) = parse_options(&fields[2]) else { continue };
        let findings = if name == "feed.tsv" {
            let post = Post { id: "case".into(), text: text.clone(), ..o.post.clone() };
            let report = engines.hanbit.classify_posts(&[post]).remove(0);
            report.findings
        } else {
            check_case(engines, &o, text).findings
        };
        for f in &findings {
            let texts = [&f.message.ko, &f.reason.ko, &f.source.ko].into_iter().map(|t| t.to_string()).chain(f.suggestions.iter().map(|s| s.label.ko.to_string()));
            for korean in texts {
                seen += 1;
                if let Some(p) = PLACEHOLDERS.iter().find(|p| korean.contains(*p)) {
                    failures.push(format!("{name}:{line} {}: {p} in {korean:?}", f.code));
                }
            }
        }
    }
    assert!(seen > 1000, "only {seen} Korean texts seen");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn no_message_template_keeps_a_placeholder_particle() {
    // Every Korean string riskhint can show: the engine's sources and the extension's words.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    let mut folders = vec![root.join("src"), root.join("crates"), root.join("extension")];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| ["rs", "js", "json", "html"].contains(&e.to_str().unwrap())) {
                files.push(path);
            }
        }
    }
    assert!(files.len() > 60, "only {} files found", files.len());
    let mut failures = Vec::new();
    for file in files {
        for (n, line) in std::fs::read_to_string(&file).unwrap().lines().enumerate() {
            // Comments may name the placeholders (riskhint::particle explains them); strings may not.
            if line.trim_start().starts_with("//") || line.trim_start().starts_with("PLACEHOLDERS") {
                continue;
            }
            if let Some(p) = PLACEHOLDERS.iter().find(|p| line.contains(*p)) {
                failures.push(format!("{}:{}: {p}: {}", file.strip_prefix(root).unwrap().display(), n + 1, line.trim()));
            }
        }
    }
    assert!(failures.is_empty(), "write the particle the word takes (riskhint::particle), not a placeholder:\n{}", failures.join("\n"));
}

/// What an internal file or a note to ourselves looks like: a path, a file name, the design notes.
fn internal_reference(text: &str) -> Option<&'static str> {
    const MARKS: &[&str] = &["rules.md", "seeds", ".md", ".txt", ".rs", ".rhm", ".tsv", ".jsonc", "data/", "models/", "src/", "tests/", "lexicons", "custom_rules", "policy.", "TODO"];
    MARKS.iter().copied().find(|m| text.contains(m))
}

#[test]
fn rule_documentation_names_public_sources_only_in_both_languages() {
    let mut failures = Vec::new();
    for rule in riskhint::rules::all() {
        let d = rule.doc();
        for (field, text) in [("source", &d.source), ("what", &d.what), ("why", &d.why), ("fix", &d.fix), ("example", &d.example)] {
            for (lang, t) in [("en", &text.en), ("ko", &text.ko)] {
                if let Some(mark) = internal_reference(t) {
                    failures.push(format!("{} {field}.{lang} mentions {mark:?}: {t}", d.code));
                }
            }
        }
        // A Korean reader gets Korean: the Korean source is not the English one.
        if d.source.ko == d.source.en && d.source.ko.chars().all(|c| c.is_ascii()) {
            failures.push(format!("{} has no Korean source", d.code));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// What went wrong with one suggestion made on `text`, if anything: a flaw it leaves, the finding it
/// was for still there, or a finding it brings that it did not say it would.
fn fix_problem(engine: &Engine, context: &CheckContext, text: &str, finding: &riskhint::Finding, s: &riskhint::Suggestion, language: Language) -> Option<String> {
    let (range, replacement) = match s.prompt {
        // A prompt is filled in as a user would, with the fields' own examples.
        Some(prompt) => {
            let values: Vec<(&str, &str)> = prompt.fields.iter().map(|f| (f.name, f.example.get(language))).collect();
            let filled = prompt.fill(language, &values)?;
            riskhint::fix::tidy(text, s.range.clone(), &filled)
        }
        None => (s.range.clone(), s.replacement.clone()),
    };
    let after = riskhint::fix::apply(text, &range, &replacement);
    let flaws = riskhint::fix::introduced(text, &after);
    if !flaws.is_empty() {
        return Some(format!("leaves {flaws:?}: {after:?}"));
    }
    let before = engine.check_draft(text, context).findings.iter().filter(|f| f.code == finding.code).count();
    let report = engine.check_draft(&after, context);
    let left = report.findings.iter().filter(|f| f.code == finding.code).count();
    if left >= before {
        return Some(format!("{} is still there: {after:?}", finding.code));
    }
    let said = s.creates.iter().flatten().map(|c| c.code).collect::<Vec<_>>();
    for f in &report.findings {
        let had = engine.check_draft(text, context).findings.iter().filter(|g| g.code == f.code).count();
        let has = report.findings.iter().filter(|g| g.code == f.code).count();
        if has > had && s.prompt.is_none() && !said.contains(&f.code) {
            return Some(format!("brings {} without saying so: {after:?}", f.code));
        }
    }
    None
}

/// Every draft of the rule cases and every rule's documented example, with its engine and context.
fn every_draft() -> Vec<(String, &'static Engine, CheckContext, String)> {
    let engines = engines();
    let mut drafts = Vec::new();
    for (name, line, fields) in all_cases() {
        if name == "feed.tsv" || fields.len() < 4 || !matches!(fields[1].as_str(), "hit" | "fix") {
            continue;
        }
        let Ok(o) = parse_options(&fields[2]) else { continue };
        let engine = if o.nopolicy { &engines.none } else if o.crisis { &engines.crisis } else { &engines.hanbit };
        let mut context = CheckContext::new(o.now.unwrap_or(Date::parse("2026-06-01").unwrap()));
        context.role = o.role.unwrap_or_default();
        context.reply_to = o.reply.clone();
        context.platform = o.platform.unwrap_or_default();
        drafts.push((format!("{name}:{line}"), engine, context, fields[3].clone()));
    }
    for rule in riskhint::rules::all() {
        for language in [Language::En, Language::Ko] {
            let (engine, context) = example_context(rule.doc().code, language);
            drafts.push((format!("{} example {language:?}", rule.doc().code), engine, context, rule.doc().example.get(language).to_string()));
        }
    }
    drafts
}

#[test]
fn every_fix_alone_leaves_well_formed_text_and_takes_its_finding_away() {
    let (mut total, mut failures) = (0, Vec::new());
    for (place, engine, context, text) in every_draft() {
        let report = engine.check_draft(&text, &context);
        for finding in &report.findings {
            for s in &finding.suggestions {
                total += 1;
                if let Some(problem) = fix_problem(engine, &context, &text, finding, s, report.language) {
                    failures.push(format!("{place} {} “{}” {:?}\n    {problem}", finding.code, s.label.en, text));
                }
            }
        }
    }
    assert!(total >= 150, "only {total} suggestions");
    assert!(failures.is_empty(), "{} of {total} fixes fail:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn apply_all_safe_fixes_leaves_well_formed_text_and_fixes_what_it_counts() {
    let (mut total, mut failures) = (0, Vec::new());
    for (place, engine, context, text) in every_draft() {
        let report = engine.check_draft(&text, &context);
        let Some(all) = &report.fix_all else { continue };
        total += 1;
        let after = all.edit.apply(&text);
        let flaws = riskhint::fix::introduced(&text, &after);
        let again = engine.check_draft(&after, &context);
        if !flaws.is_empty() {
            failures.push(format!("{place} {text:?}\n    leaves {flaws:?}: {after:?}"));
        } else if again.findings.len() + all.fixes > report.findings.len() {
            failures.push(format!("{place} {text:?}\n    {} fixes, {} findings before, {} after: {after:?}", all.fixes, report.findings.len(), again.findings.len()));
        }
    }
    assert!(total >= 80, "only {total} drafts with safe fixes");
    assert!(failures.is_empty(), "{} of {total} fail:\n{}", failures.len(), failures.join("\n"));
}
