//! Runs the evasion table in tests/evasion.tsv (format in its header): every block-level rule must
//! still fire, at block level, when its trigger is written with zero-width characters, look-alike
//! letters, full-width forms, spaces, punctuation, spelled-out Hangul jamo, leetspeak or numbers
//! read as the words they sound like, and its span must cover exactly what the user sees.
//! Near-misses must not fire. Every block rule × kind × language must be listed, as a case or as
//! `n/a` with a reason. Rules below block level may have rows too (Korean curses spelled with
//! numbers are TONE001, a warning); they must fire at their own level.

use riskhint::{CheckContext, Date, Severity};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

mod common;

const KINDS: &[&str] = &["zero-width", "homoglyph", "full-width", "spaced", "punctuated", "jamo", "leet", "homophone"];
/// Kinds listed only for the rules that read them (not every block rule × language): numbers
/// spelled in Korean digit words.
const EXTRA_KINDS: &[&str] = &["digit-words"];
const LANGUAGES: &[&str] = &["en", "ko"];

/// Undoes the table's escapes: `\uXXXX` (exactly four hex digits) and `\\`.
fn unescape(field: &str) -> Result<String, String> {
    let mut out = String::with_capacity(field.len());
    let mut chars = field.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('\\') => out.push('\\'),
            Some('u') => {
                let hex: String = chars.by_ref().take(4).collect();
                let code = u32::from_str_radix(&hex, 16).ok().filter(|_| hex.len() == 4).ok_or(format!("bad escape \\u{hex}"))?;
                out.push(char::from_u32(code).ok_or(format!("not a character: \\u{hex}"))?);
            }
            other => return Err(format!("unknown escape \\{}", other.map(String::from).unwrap_or_default())),
        }
    }
    Ok(out)
}

/// Writes a text the way the table does, so a failure shows invisible and look-alike characters.
fn escape(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_ascii() || ('\u{AC00}'..='\u{D7A3}').contains(&c) || ('\u{3131}'..='\u{318E}').contains(&c) { c.to_string() } else { format!("\\u{:04X}", c as u32) })
        .collect()
}

/// One row of the table, checked; `Err` says what the user would have seen instead.
fn run_row(rule: &str, level: Severity, expect: &str, text: &str, span: &str) -> Result<(), String> {
    let engine = &common::engines().hanbit;
    let report = engine.check_draft(text, &CheckContext::new(Date::parse("2026-06-01").unwrap()));
    let found: Vec<_> = report.findings.iter().filter(|f| f.code == rule).collect();
    let seen = || {
        let all: Vec<_> = report.findings.iter().map(|f| format!("{} {} \"{}\"", f.code, f.severity.as_str(), escape(&text[f.range.clone()]))).collect();
        format!("[{}]", all.join(", "))
    };
    match expect {
        "miss" if found.is_empty() => Ok(()),
        "miss" => Err(format!("expected no {rule}, found {}", seen())),
        "hit" if found.is_empty() => Err(format!("expected {rule} over \"{}\", found {}", escape(span), seen())),
        "hit" => {
            let covers = found.iter().any(|f| &text[f.range.clone()] == span && f.severity == level);
            if covers {
                Ok(())
            } else {
                Err(format!("expected {rule} at {} over \"{}\", found {}", level.as_str(), escape(span), seen()))
            }
        }
        _ => Err(format!("unknown expectation {expect:?}")),
    }
}

#[test]
fn every_block_rule_sees_through_every_evasion_in_the_table() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/evasion.tsv");
    let table = std::fs::read_to_string(path).unwrap();
    let levels: BTreeMap<&str, Severity> = riskhint::rules::all().iter().map(|r| (r.doc().code, r.doc().severity)).collect();
    let block_rules: BTreeSet<&str> = levels.iter().filter(|(_, &level)| level == Severity::Block).map(|(&code, _)| code).collect();
    let (mut listed, mut failures) = (BTreeSet::new(), Vec::new());
    let (mut hits, mut misses, mut not_applicable) = (0, 0, 0);
    for (n, line) in table.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let row = n + 1;
        let fields: Vec<&str> = line.split('\t').collect();
        let &[rule, kind, language, expect, text, span] = fields.as_slice() else {
            failures.push(format!("line {row}: {} fields, expected 6", fields.len()));
            continue;
        };
        if !(KINDS.contains(&kind) || EXTRA_KINDS.contains(&kind)) || !LANGUAGES.contains(&language) {
            failures.push(format!("line {row}: unknown kind {kind:?} or language {language:?}"));
            continue;
        }
        if expect == "miss" {
            // A near-miss may name any rule; it is an innocent text.
            misses += 1;
        } else if block_rules.contains(rule) {
            listed.insert((rule, kind, language));
        } else if !(expect == "hit" && levels.contains_key(rule)) {
            failures.push(format!("line {row}: {rule} is not a rule, or an n/a row of a rule below block level"));
            continue;
        }
        if expect == "n/a" {
            not_applicable += 1;
            if text != "-" || span.trim().len() < 10 {
                failures.push(format!("line {row}: an n/a row has `-` as text and a reason as its last column"));
            }
            continue;
        }
        hits += usize::from(expect == "hit");
        let level = levels.get(rule).copied().unwrap_or(Severity::Block);
        let result = unescape(text).and_then(|text| unescape(span).and_then(|span| run_row(rule, level, expect, &text, &span)));
        if let Err(why) = result {
            failures.push(format!("line {row}: {rule} {kind} {language} {expect} \"{text}\"\n    {why}"));
        }
    }
    for rule in &block_rules {
        for kind in KINDS {
            for language in LANGUAGES {
                if !listed.contains(&(*rule, *kind, *language)) {
                    failures.push(format!("{rule} {kind} {language}: not in the table (add a case, or n/a with a reason)"));
                }
            }
        }
    }
    assert!(hits >= 100 && misses >= 20, "only {hits} hits and {misses} near-misses");
    assert!(failures.is_empty(), "{} problems in tests/evasion.tsv:\n{}", failures.len(), failures.join("\n"));
    println!("{hits} evasions caught, {misses} near-misses quiet, {not_applicable} combinations n/a");
}

#[test]
fn escapes_read_as_the_characters_they_name() {
    assert_eq!(unescape(r"F\u200Ba\\b").unwrap(), "F\u{200B}a\\b");
    assert!(unescape(r"\u20").is_err());
    assert!(unescape(r"\x").is_err());
}
