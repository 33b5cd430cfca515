//! SEC001's credential formats, compiled from gitleaks' rule set (data/secrets/gitleaks.toml):
//! every pattern translates and compiles in the engine's regex build, every format is named in
//! both languages, and tokens pasted into English and Korean posts are caught over exactly the
//! token while look-alikes stay quiet (tests/secrets.tsv).

use riskhint::rules::credential_formats::{formats, patterns, uncompilable, NOT_TAKEN, UNTRANSLATED};
use regex_syntax::hir::{Class, Hir, HirKind};
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
    field.replace("\\n", "\n").replace("\\u3000", "\u{3000}")
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

/// A small deterministic generator (xorshift), so a failure names the same token every run.
struct Random(u64);

impl Random {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n.max(1) as u64) as usize
    }
}

/// Some text the pattern matches: each class gives a random member (a letter or digit where it has
/// one), each repetition its least count, or a few more where that is 0 or 1 (a token's body).
fn token(hir: &Hir, random: &mut Random, out: &mut String) {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => {}
        HirKind::Literal(literal) => out.push_str(std::str::from_utf8(&literal.0).unwrap()),
        HirKind::Class(Class::Unicode(class)) => {
            // `.` (any character): a dot, as the loose patterns that write `hooks.slack.com` mean.
            let size: u32 = class.iter().map(|r| u32::from(r.end()) - u32::from(r.start()) + 1).sum();
            if size > 60_000 && class.iter().any(|r| (r.start()..=r.end()).contains(&'.')) {
                out.push('.');
                return;
            }
            let members: Vec<char> = class.iter().flat_map(|r| (r.start()..=r.end()).take(128)).collect();
            let alphanumeric: Vec<char> = members.iter().copied().filter(char::is_ascii_alphanumeric).collect();
            let pool = if alphanumeric.is_empty() { &members } else { &alphanumeric };
            out.push(pool[random.below(pool.len())]);
        }
        HirKind::Class(Class::Bytes(class)) => {
            let members: Vec<u8> = class.iter().flat_map(|r| r.start()..=r.end()).filter(u8::is_ascii_alphanumeric).collect();
            out.push(members[random.below(members.len())] as char);
        }
        HirKind::Repetition(repetition) => {
            let times = match repetition.min {
                0 | 1 => repetition.max.unwrap_or(repetition.min + 3).min(repetition.min + 3),
                min => min,
            };
            for _ in 0..times {
                token(&repetition.sub, random, out);
            }
        }
        HirKind::Capture(capture) => token(&capture.sub, random, out),
        HirKind::Concat(parts) => parts.iter().for_each(|part| token(part, random, out)),
        HirKind::Alternation(choices) => token(&choices[random.below(choices.len())], random, out),
    }
}

#[test]
fn a_token_made_from_each_format_is_caught_in_a_post() {
    // Every format, not only those in tests/secrets.tsv: a token made from its own pattern, pasted
    // into an English and a Korean post, is caught by SEC001 over text inside the token. A format
    // that never fires (its keyword missing from what it matches, a translation that went wrong)
    // shows up here.
    let engine = &common::engines().hanbit;
    let mut random = Random(0x5EC0_0001);
    let mut failures = Vec::new();
    for (id, pattern, keyword) in patterns() {
        let hir = regex_syntax::ParserBuilder::new().build().parse(pattern).unwrap();
        let caught = |post: &str, token: &str| {
            let at = post.find(token).unwrap();
            let report = engine.check_draft(post, &CheckContext::new(Date::parse("2026-06-01").unwrap()));
            report.findings.iter().any(|f| f.code == "SEC001" && f.range.start >= at && f.range.end <= at + token.len())
        };
        // A few tries: a made token can fall under the format's entropy limit or match an allow-list.
        let made = (0..8).find_map(|_| {
            let mut made = String::new();
            token(&hir, &mut random, &mut made);
            // gitleaks looks for a format's keyword anywhere in the text: some are not in the token.
            let (english, korean) = (format!("{keyword} key, pasting it here: {made} \nthanks"), format!("{keyword} 키 이거 쓰세요 {made} \n감사합니다"));
            (caught(&english, &made) && caught(&korean, &made)).then_some(made)
        });
        if made.is_none() {
            failures.push(id);
        }
    }
    // The generator is naive (a keyword gitleaks looks for elsewhere in the text, multi-line
    // shapes), so a few formats are listed rather than failed; a translation gone wrong drops
    // dozens.
    let total = patterns().count();
    println!("{} of {total} formats caught a token made from their own pattern; not: {failures:?}", total - failures.len());
    assert!(failures.len() * 20 <= total, "{} formats never caught a token made from their own pattern: {failures:?}", failures.len());
}
