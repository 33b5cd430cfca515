//! `riskhint check`: a draft, its findings printed for a terminal or as JSON.

use crate::options::{engine, parse_options, semantic, today};
use crate::{BadInput, Result, read_file};
use riskhint::json::Offsets;
use riskhint::{CheckContext, Language, Severity, Verdict};
use std::io::{IsTerminal, Read, Write};

pub(crate) fn check(args: lexopt::Parser) -> Result<u8> {
    let o = parse_options(args)?;
    let engine = engine(&o)?;
    let draft = match &o.file {
        Some(path) if path != "-" => read_file(path)?,
        _ => {
            let mut text = String::new();
            std::io::stdin().read_to_string(&mut text).map_err(|e| BadInput(format!("cannot read stdin: {e}")))?;
            text
        }
    };
    let mut context = CheckContext::new(o.now.unwrap_or_else(today));
    context.role = o.role;
    context.reply_to = o.reply_to.clone();
    context.platform = o.platform;
    let mut report = engine.check_draft(&draft, &context);
    if let Some(semantic) = semantic(o.fast_only, o.encoder.as_deref()) {
        engine.refine_draft(&semantic, &draft, &context, &mut report);
    }
    let lang = o.lang.unwrap_or(report.language);
    let mut out = std::io::stdout().lock();
    if o.json {
        writeln!(out, "{}", serde_json::to_string(&riskhint::json::report(&draft, &report, Some(lang), Offsets::Chars))?)?;
    } else {
        print_report(&mut out, &draft, &report, lang, std::io::stdout().is_terminal())?;
    }
    let failed = o.fail_on.is_some_and(|t| report.findings.iter().any(|f| f.severity >= t));
    Ok(u8::from(failed))
}

/// Terminal columns a character takes: Hangul, CJK and emoji are wide.
fn width(c: char) -> usize {
    let wide = matches!(c, '\u{1100}'..='\u{115F}' | '\u{2E80}'..='\u{A4CF}' | '\u{AC00}'..='\u{D7A3}' | '\u{F900}'..='\u{FAFF}' | '\u{FE30}'..='\u{FE4F}' | '\u{FF00}'..='\u{FF60}' | '\u{FFE0}'..='\u{FFE6}' | '\u{1F300}'..='\u{1FAFF}');
    let invisible = riskhint_text::text::is_invisible(c) || unicode_zero_width(c);
    if invisible { 0 } else if wide { 2 } else { 1 }
}

fn unicode_zero_width(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{200B}'..='\u{200F}' | '\u{FE00}'..='\u{FE0F}')
}

/// Line numbers and line bounds for findings in text order, found by walking forward from the
/// previous finding: counting from the start of the draft for each finding was quadratic (a 1 MB
/// draft with 30,000 findings took minutes to print).
#[derive(Default)]
struct LineCursor {
    /// Byte offset counted up to, its line number (from 0) and where that line starts.
    at: usize,
    line_no: usize,
    line_start: usize,
    /// The end of the line starting at `line_start`, once looked up.
    line_end: Option<usize>,
}

impl LineCursor {
    /// The 1-based number and byte range (without its newline) of the line holding byte `at`.
    fn line_of(&mut self, text: &str, at: usize) -> (usize, std::ops::Range<usize>) {
        if at < self.at {
            *self = LineCursor::default();
        }
        for (i, _) in text[self.at..at].match_indices('\n') {
            self.line_no += 1;
            self.line_start = self.at + i + 1;
            self.line_end = None;
        }
        self.at = at;
        let start = self.line_start;
        let end = *self.line_end.get_or_insert_with(|| text[start..].find('\n').map_or(text.len(), |i| start + i));
        (self.line_no + 1, start..end)
    }
}

/// The part of a finding's line that is printed: the whole line when it is short, otherwise the
/// span with some context on each side, so a long line is not printed once per finding.
struct Excerpt {
    shown: std::ops::Range<usize>,
    /// Where the carets stop: the span's end, within the line and the excerpt.
    span_end: usize,
    cut_before: bool,
    cut_after: bool,
}

impl Excerpt {
    /// Lines up to this many characters are printed whole (a post is at most a few hundred).
    const WHOLE_LINE: usize = 300;
    /// Context on each side of the span, and the most of the span shown, in characters.
    const CONTEXT: usize = 100;
    const SPAN: usize = 200;

    fn new(text: &str, line: std::ops::Range<usize>, span: std::ops::Range<usize>) -> Excerpt {
        let span_end = span.end.min(line.end);
        if text[line.clone()].chars().nth(Self::WHOLE_LINE).is_none() {
            return Excerpt { shown: line, span_end, cut_before: false, cut_after: false };
        }
        // `n` characters back from `from`, or forward, staying inside `line`.
        let back = |from: usize, n: usize| text[line.start..from].char_indices().rev().take(n).last().map_or(from, |(i, _)| line.start + i);
        let forward = |from: usize, n: usize| text[from..line.end].char_indices().nth(n).map_or(line.end, |(i, _)| from + i);
        let start = back(span.start, Self::CONTEXT);
        let span_end = forward(span.start, Self::SPAN).min(span_end);
        let end = forward(span_end, Self::CONTEXT);
        Excerpt { shown: start..end, span_end, cut_before: start > line.start, cut_after: end < line.end }
    }
}

fn print_report(out: &mut impl Write, draft: &str, report: &riskhint::Report, lang: Language, colour: bool) -> Result<()> {
    let paint = |code: &str, text: &str| if colour { format!("\x1b[{code}m{text}\x1b[0m") } else { text.to_string() };
    let verdict = report.verdict.as_str();
    let verdict_colour = match verdict { "block" => "1;31", "review" => "1;33", _ => "1;32" };
    // The headings follow the report's language: a Korean draft gets a Korean report.
    let n = report.findings.len();
    let [why, source, fix, remove, semantic] = match lang {
        Language::En => ["why", "source", "fix", "remove", "semantic"],
        Language::Ko => ["이유", "출처", "고치기", "삭제", "문맥 분석"],
    };
    match lang {
        Language::En => writeln!(out, "verdict: {} ({n} finding{})", paint(verdict_colour, verdict), if n == 1 { "" } else { "s" })?,
        Language::Ko => {
            let said = match report.verdict { Verdict::Block => "차단", Verdict::Review => "검토 필요", Verdict::Ok => "문제 없음" };
            writeln!(out, "판정: {} (지적 {n}건)", paint(verdict_colour, said))?
        }
    }
    if report.truncated {
        match lang {
            Language::En => writeln!(out, "note: the draft is longer than {} bytes; only the start was checked", riskhint::MAX_TEXT_BYTES)?,
            Language::Ko => writeln!(out, "참고: 글이 {}바이트보다 길어 앞부분만 검사했습니다.", riskhint::MAX_TEXT_BYTES)?,
        }
    }
    let mut lines = LineCursor::default();
    for f in &report.findings {
        let (line_no, line) = lines.line_of(draft, f.range.start);
        let excerpt = Excerpt::new(draft, line, f.range.clone());
        let before = &draft[excerpt.shown.start..f.range.start];
        let pad = before.chars().map(width).sum::<usize>() + usize::from(excerpt.cut_before);
        let carets: usize = draft[f.range.start..excerpt.span_end].chars().map(width).sum::<usize>().max(1);
        let severity_colour = match f.severity { Severity::Block => "31", Severity::Warn => "33", Severity::Info => "36" };
        writeln!(out)?;
        // The semantic tier's findings say so, with how sure the encoder is.
        let tier = f.confidence.map_or(String::new(), |permille| format!(" ({semantic} {}%)", (permille + 5) / 10));
        writeln!(out, "{} {}{tier} [{}] {}", paint(severity_colour, f.severity.as_str()), f.code, f.category.as_str(), &f.message.get(lang))?;
        let (open, close) = (if excerpt.cut_before { "…" } else { "" }, if excerpt.cut_after { "…" } else { "" });
        writeln!(out, "  {line_no:>3} | {open}{}{close}", &draft[excerpt.shown.clone()])?;
        writeln!(out, "      | {}{}", " ".repeat(pad), paint(severity_colour, &"^".repeat(carets)))?;
        writeln!(out, "  {why}: {}", &f.reason.get(lang))?;
        writeln!(out, "  {source}: {}", f.source.get(lang))?;
        for s in &f.suggestions {
            let what = if s.replacement.is_empty() { remove.to_string() } else { format!("{:?}", s.replacement) };
            writeln!(out, "  {fix}: {} → {what}", &s.label.get(lang))?;
        }
    }
    Ok(())
}
