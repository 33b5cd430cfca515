//! SEC001's credential formats, compiled from gitleaks' rule set (data/secrets/gitleaks.toml):
//! every pattern translates and compiles in the engine's regex build, every format is named in
//! both languages, and tokens pasted into English and Korean posts are caught over exactly the
//! token while look-alikes stay quiet (tests/secrets.tsv).

use riskhint::rules::credential_formats::{formats, uncompilable, NOT_TAKEN, UNTRANSLATED};
use riskhint::{CheckContext, Date, Severity};
use std::path::Path;

mod common;

fn read(path: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap()
}

#[test]
fn every_gitleaks_format_is_compiled_in_or_listed_with_its_reason() {
    let compiled = formats().count();
    assert!(compiled >= 200, "only {compiled} formats compiled from gitleaks.toml");
    assert_eq!(uncompilable(), vec![], "translated patterns the engine's regex build rejects");
    let upstream = read("data/secrets/gitleaks.toml").matches("[[rules]]").count() + read("data/secrets/riskhint.toml").matches("[[rules]]").count();
    assert_eq!(compiled + UNTRANSLATED.len() + NOT_TAKEN.len(), upstream, "every rule of gitleaks.toml and riskhint.toml is compiled, untranslated or not taken");
    // docs/secrets.md names every rule left out, with the reason the build gives.
    let docs = read("docs/secrets.md");
    for (id, _) in UNTRANSLATED.iter().chain(NOT_TAKEN) {
        assert!(docs.contains(&format!("`{id}`")), "docs/secrets.md does not name `{id}`, which the build leaves out");
    }
    assert!(docs.contains(&format!("{compiled} formats")), "docs/secrets.md does not say `{compiled} formats`");
}

#[test]
fn every_format_has_a_name_in_each_language() {
    for (id, en, ko) in formats() {
        assert!(!en.is_empty() && en.is_ascii(), "{id}: English name {en:?}");
        assert!(ko.chars().any(|c| ('가'..='힣').contains(&c)) || ko.chars().all(|c| c.is_ascii()), "{id}: Korean name {ko:?}");
    }
}

fn unescape(field: &str) -> String {
    field.replace("\\n", "\n")
}

#[test]
fn tokens_pasted_into_posts_are_caught_and_look_alikes_are_not() {
    let engine = &common::engines().hanbit;
    let names: std::collections::HashMap<&str, (&str, &str)> = formats().map(|(id, en, ko)| (id, (en, ko))).collect();
    let table = read("tests/secrets.tsv");
    let (mut failures, mut hits, mut misses) = (Vec::new(), 0, 0);
    for (n, line) in table.lines().enumerate().filter(|(_, l)| !l.starts_with('#') && !l.trim().is_empty()) {
        let fields: Vec<&str> = line.split('\t').collect();
        let &[format, language, expect, text, last] = fields.as_slice() else {
            failures.push(format!("line {}: {} fields, expected 5", n + 1, fields.len()));
            continue;
        };
        let text = unescape(text);
        let report = engine.check_draft(&text, &CheckContext::new(Date::parse("2026-06-01").unwrap()));
        let seen: Vec<String> = report.findings.iter().map(|f| format!("{} {:?} {:?}", f.code, &text[f.range.clone()], f.message.en)).collect();
        match expect {
            "hit" => {
                hits += 1;
                let span = unescape(last);
                let Some(&(en, ko)) = names.get(format) else {
                    failures.push(format!("line {}: no format {format}", n + 1));
                    continue;
                };
                let message_names = |f: &riskhint::Finding| match language {
                    "ko" => f.message.ko.contains(ko),
                    _ => f.message.en.contains(en),
                };
                let caught = report.findings.iter().any(|f| {
                    f.code == "SEC001" && text[f.range.clone()] == span && f.severity == Severity::Block && message_names(f)
                });
                if !caught {
                    failures.push(format!("line {}: expected SEC001 ({en}) over {span:?}, found {seen:?}", n + 1));
                }
            }
            "miss" => {
                misses += 1;
                let named = |f: &riskhint::Finding| format == "-" || f.message.en.contains(names.get(format).map_or("", |n| n.0));
                let alarm = report.findings.iter().any(|f| (f.code == "SEC001" && named(f)) || f.code == "SEC002");
                if alarm {
                    failures.push(format!("line {}: {last}: expected no credential finding, found {seen:?}", n + 1));
                }
            }
            other => failures.push(format!("line {}: unknown expectation {other:?}", n + 1)),
        }
    }
    assert!(hits >= 30 && misses >= 15, "only {hits} hits and {misses} look-alikes");
    assert!(failures.is_empty(), "{} problems in tests/secrets.tsv:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn keywords_without_tokens_are_not_credentials() {
    // Many formats' keywords, thousands of times over, with no token among them.
    let words: Vec<&str> = vec!["akia", "ghp_", "xoxb", "hooks.slack.com", "curl", "-----begin", "q~", "ey", "sk"];
    let text = words.iter().cycle().take(20_000).map(|w| format!("{w} ")).collect::<String>();
    let report = common::engines().hanbit.check_draft(&text, &CheckContext::new(Date::parse("2026-06-01").unwrap()));
    assert!(report.findings.iter().all(|f| f.code != "SEC001"), "no token, no SEC001");
}
