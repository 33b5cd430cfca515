//! The rule reference, `docs/rules.md`, written from the rules' own documentation so that it
//! cannot fall behind them (`riskhint rules --markdown`; `tests/docs.rs` checks the copy).

use super::{all, FeedLabel, Role, RuleDoc};
use crate::finding::Bilingual;
use std::fmt::Write as _;

/// The command that writes `docs/rules.md`.
pub const REGENERATE: &str = "cargo run --release --locked -- rules --markdown > docs/rules.md";

/// The rule reference in Markdown: an index table, then each rule in both languages.
pub fn markdown() -> String {
    let mut md = String::new();
    let w = &mut md;
    line(w, "# Rules");
    line(w, "");
    line(w, &format!("<!-- Generated from the rules' documentation; do not edit. Regenerate with `{REGENERATE}`. -->"));
    line(w, "");
    line(w, "Every rule riskhint checks a draft with, by code. A policy may turn a rule off or change its");
    line(w, "severity (`rules` in the policy); some rules are stricter for executives or PR staff, as their");
    line(w, "text says. Rules marked *feed* also read other people's posts and label them.");
    line(w, "");
    line(w, "| Code | Name | Category | Severity | Feed |");
    line(w, "| --- | --- | --- | --- | --- |");
    for rule in all() {
        let d = rule.doc();
        let feed = match d.feed {
            Some(FeedLabel::Hostile) => "hostile",
            Some(FeedLabel::Leak) => "possible leak",
            None => "",
        };
        line(w, &format!("| [{}](#{}) | {} | {} | {} | {feed} |", d.code, d.code.to_ascii_lowercase(), d.name, d.category.as_str(), severity(d)));
    }
    for rule in all() {
        section(w, rule.doc());
    }
    md
}

fn section(w: &mut String, d: &RuleDoc) {
    line(w, "");
    line(w, &format!("## {}", d.code));
    line(w, "");
    line(w, &format!("**{}** · {} · {}", d.name, d.category.as_str(), severity(d)));
    line(w, "");
    let fields: [(&str, &str, &Bilingual); 5] =
        [("What it catches", "잡아내는 것", &d.what), ("Why", "이유", &d.why), ("Example", "예시", &d.example), ("Fix", "고치는 법", &d.fix), ("Source", "출처", &d.source)];
    for (en, ko, text) in fields {
        line(w, &format!("- {en}: {}", escape(&text.en)));
        line(w, &format!("- {ko}: {}", escape(&text.ko)));
    }
}

/// The severity, with the roles that change it: "warn (executive: block)".
fn severity(d: &RuleDoc) -> String {
    let mut text = d.severity.as_str().to_string();
    if !d.by_role.is_empty() {
        let roles: Vec<String> = d.by_role.iter().map(|(role, severity)| format!("{}: {}", role_name(*role), severity.as_str())).collect();
        text += &format!(" ({})", roles.join(", "));
    }
    text
}

fn role_name(role: Role) -> &'static str {
    match role {
        Role::Employee => "employee",
        Role::Executive => "executive",
        Role::Pr => "PR",
    }
}

fn line(w: &mut String, text: &str) {
    writeln!(w, "{text}").expect("writing to a String");
}

/// Rule text as Markdown shows it literally: "f***" is no emphasis, "<" no tag.
fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '*' | '_' | '`' | '<' | '>' | '[' | ']' | '|' | '#') {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped
}
