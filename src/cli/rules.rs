//! `riskhint rules`: every rule with its documentation.

use crate::{Result, enum_value, environment_language};
use riskhint::Language;
use std::io::Write;

pub(crate) fn rules(mut args: lexopt::Parser) -> Result<u8> {
    let mut as_json = false;
    let mut lang = None;
    while let Some(arg) = args.next()? {
        match arg {
            lexopt::Arg::Long("json") => as_json = true,
            lexopt::Arg::Long("markdown") => {
                print!("{}", riskhint::rules::markdown());
                return Ok(0);
            }
            lexopt::Arg::Long("lang") => lang = Some(enum_value(&mut args, "language")?),
            other => return Err(other.unexpected().into()),
        }
    }
    let lang = lang.unwrap_or_else(environment_language);
    let headings = match lang {
        Language::En => ["what", "why", "example", "fix", "source"],
        Language::Ko => ["잡아내는 것", "이유", "예시", "고치는 법", "출처"],
    };
    let mut out = std::io::stdout().lock();
    for rule in riskhint::rules::all() {
        let d = rule.doc();
        if as_json {
            writeln!(out, "{}", riskhint::json::rule_doc(d))?;
            continue;
        }
        writeln!(out, "{} {} [{}, {}]", d.code, d.name, d.category.as_str(), d.severity.as_str())?;
        for (heading, text) in headings.iter().zip([&d.what, &d.why, &d.example, &d.fix, &d.source]) {
            writeln!(out, "  {heading}: {}", text.get(lang))?;
        }
        writeln!(out)?;
    }
    Ok(0)
}
