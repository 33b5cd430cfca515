//! `riskhint scan`: a JSONL feed of posts, one JSON line out per post in.

use crate::options::{engine, parse_options, semantic};
use crate::{BadInput, Result};
use riskhint::json::Offsets;
use riskhint::{Language, Post};
use std::io::{BufRead, Write};

pub(crate) fn scan(args: lexopt::Parser) -> Result<u8> {
    let o = parse_options(args)?;
    let engine = engine(&o)?;
    let lang = o.lang.unwrap_or(Language::En);
    let semantic = semantic(o.fast_only, o.encoder.as_deref());
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let (mut bad_lines, mut failed) = (0usize, false);
    for (n, line) in std::io::stdin().lock().lines().enumerate() {
        let line = line.map_err(|e| BadInput(format!("cannot read stdin: {e}")))?;
        if line.trim().is_empty() {
            continue;
        }
        let post: Post = match serde_json::from_str(&line) {
            Ok(post) => post,
            Err(e) => {
                eprintln!("riskhint: line {}: not a post: {e}", n + 1);
                bad_lines += 1;
                continue;
            }
        };
        let mut reports = engine.classify_posts(std::slice::from_ref(&post));
        if let Some(semantic) = &semantic {
            engine.refine_posts(semantic, std::slice::from_ref(&post), &mut reports);
        }
        let report = reports.remove(0);
        failed |= o.fail_on.is_some_and(|t| report.findings.iter().any(|f| f.severity >= t));
        writeln!(out, "{}", serde_json::to_string(&riskhint::json::post_report(&post.text, &report, lang, Offsets::Chars))?)?;
    }
    out.flush()?;
    if bad_lines > 0 {
        eprintln!("riskhint: {bad_lines} line(s) could not be read; the others were scanned");
        return Ok(2);
    }
    Ok(u8::from(failed))
}
