//! The `riskhint` command: check a draft, scan a JSONL feed, list rules, print the policy schema,
//! evaluate a label on labelled data, and benchmark the engine. Exit status: 0 on success, 1 when
//! `--fail-on` is met, 2 on bad input.

use riskhint::json::Offsets;
use riskhint::{layer, CheckContext, Date, Engine, Label, Language, Platform, Policy, PolicyLayer, Post, Role, Severity, Verdict};
use serde_json::json;
use std::io::{BufRead, IsTerminal, Read, Write};
use std::process::ExitCode;
use std::time::{Duration, Instant};

const USAGE: &str = "\
riskhint: a second look before you post

usage:
  riskhint check [--policy FILE] [--admin-policy FILE] [--role employee|executive|pr] [--now YYYY-MM-DD]
                 [--reply-to TEXT] [--platform x|facebook|linkedin|instagram] [--lang en|ko] [--json]
                 [--fail-on block|warn] [FILE]        check a draft (FILE or stdin)
  riskhint scan  [--policy FILE] [--admin-policy FILE] [--lang en|ko] [--fail-on block|warn] < posts.jsonl
                                                      classify posts, one JSON line out per line in
  riskhint rules [--lang en|ko] [--json|--markdown]   every rule with its documentation (in the language of
                                                      --lang, else of LC_ALL/LC_MESSAGES/LANG); --markdown
                                                      writes docs/rules.md, both languages
  riskhint new-rule CODE NAME [--root DIR] [--dry-run]
                                                      start a rule: its file, its registry line, its cases
  riskhint schema                                     JSON Schema of the policy
  riskhint train --model hostile-en|hostile-ko|complaint-en|complaint-ko [--data DIR] [--out FILE]
                 [--bits N] [--epochs N] [--learning-rate X] [--l2 X]
                                                      train a classifier (writes models/NAME.rhm)
  riskhint eval  --task hostile|complaint --input FILE.tsv --text-col NAME --label-col NAME --positive V[,V]
                 [--policy FILE] [--json]             precision, recall, F1 and rows/s on labelled data
  riskhint bench [--data DIR]                         throughput and latency on ../shared/data texts

exit status: 0 ok, 1 --fail-on threshold met, 2 bad input";

/// The example policy shipped in examples/, used by `bench`.
const EXAMPLE_POLICY: &str = include_str!("../examples/hanbit-policy.jsonc");

/// A failure the user must fix: printed, exit status 2. An empty message means the reader closed
/// our output (`riskhint rules | head`): stop quietly.
struct BadInput(String);

impl From<std::io::Error> for BadInput {
    fn from(e: std::io::Error) -> Self {
        BadInput(if e.kind() == std::io::ErrorKind::BrokenPipe { String::new() } else { e.to_string() })
    }
}

macro_rules! bad_input_from {
    ($($error:ty),*) => {$(
        impl From<$error> for BadInput {
            fn from(e: $error) -> Self {
                BadInput(e.to_string())
            }
        }
    )*};
}

bad_input_from!(lexopt::Error, serde_json::Error, csv::Error);

type Result<T> = std::result::Result<T, BadInput>;

fn main() -> ExitCode {
    let mut args = lexopt::Parser::from_env();
    let command = match args.next() {
        Ok(Some(lexopt::Arg::Value(v))) => v.to_string_lossy().to_string(),
        Ok(Some(lexopt::Arg::Long("help") | lexopt::Arg::Short('h'))) | Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Ok(Some(other)) => return fail(&format!("unexpected {other:?}; a command comes first")),
        Err(e) => return fail(&e.to_string()),
    };
    let result = match command.as_str() {
        "check" => check(args),
        "scan" => scan(args),
        "rules" => rules(args),
        "new-rule" => new_rule(args),
        "schema" => schema(),
        "eval" => eval(args),
        "bench" => bench(args),
        "train" => train(args),
        "help" => {
            println!("{USAGE}");
            Ok(0)
        }
        other => Err(BadInput(format!("unknown command {other:?}"))),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(BadInput(message)) if message.is_empty() => ExitCode::SUCCESS,
        Err(BadInput(message)) => fail(&message),
    }
}

fn fail(message: &str) -> ExitCode {
    eprintln!("riskhint: {message}\n(run `riskhint --help` for usage)");
    ExitCode::from(2)
}

/// Options shared by check and scan.
#[derive(Default)]
struct Options {
    policy: Option<String>,
    admin_policy: Option<String>,
    role: Role,
    now: Option<Date>,
    reply_to: Option<String>,
    platform: Platform,
    lang: Option<Language>,
    json: bool,
    fail_on: Option<Severity>,
    file: Option<String>,
}

fn value(args: &mut lexopt::Parser) -> Result<String> {
    Ok(args.value()?.to_string_lossy().to_string())
}

fn enum_value<T: serde::de::DeserializeOwned>(args: &mut lexopt::Parser, what: &str) -> Result<T> {
    let text = value(args)?;
    serde_json::from_value(json!(text)).map_err(|_| BadInput(format!("invalid {what} {text:?}")))
}

fn parse_options(mut args: lexopt::Parser) -> Result<Options> {
    use lexopt::Arg::{Long, Value};
    let mut o = Options::default();
    while let Some(arg) = args.next()? {
        match arg {
            Long("policy") => o.policy = Some(value(&mut args)?),
            Long("admin-policy") => o.admin_policy = Some(value(&mut args)?),
            Long("role") => o.role = enum_value(&mut args, "role")?,
            Long("now") => {
                let text = value(&mut args)?;
                o.now = Some(Date::parse(&text).ok_or(BadInput(format!("--now {text:?} is not a date (YYYY-MM-DD)")))?);
            }
            Long("reply-to") => o.reply_to = Some(value(&mut args)?),
            Long("platform") => o.platform = enum_value(&mut args, "platform")?,
            Long("lang") => o.lang = Some(enum_value(&mut args, "language")?),
            Long("json") => o.json = true,
            Long("fail-on") => {
                o.fail_on = Some(match value(&mut args)?.as_str() {
                    "block" => Severity::Block,
                    "warn" => Severity::Warn,
                    other => return Err(BadInput(format!("--fail-on takes block or warn, not {other:?}"))),
                })
            }
            Value(file) if o.file.is_none() => o.file = Some(file.to_string_lossy().to_string()),
            other => return Err(other.unexpected().into()),
        }
    }
    Ok(o)
}

fn read_file(path: &str) -> Result<String> {
    std::fs::read_to_string(path).map_err(|e| BadInput(format!("cannot read {path}: {e}")))
}

/// Reads and layers the administrator's and the user's policy; errors name the file, line and field.
fn engine(o: &Options) -> Result<Engine> {
    let load = |path: &Option<String>| -> Result<Option<PolicyLayer>> {
        let Some(path) = path else { return Ok(None) };
        let text = read_file(path)?;
        let layer = PolicyLayer::parse(&text).map_err(|e| BadInput(format!("invalid policy {path}: {e}")))?;
        for warning in &layer.warnings {
            eprintln!("riskhint: warning: policy {path}: {warning}");
        }
        Ok(Some(layer))
    };
    let (admin, user) = (load(&o.admin_policy)?, load(&o.policy)?);
    let layered = layer(admin.as_ref(), user.as_ref());
    for path in &layered.overridden {
        eprintln!("riskhint: note: {path} is locked by the administrator's policy; your value is not used");
    }
    Ok(Engine::new(layered.policy))
}

fn today() -> Date {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    Date::from_unix_days((secs / 86_400) as i64)
}

fn check(args: lexopt::Parser) -> Result<u8> {
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
    let report = engine.check_draft(&draft, &context);
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
    let invisible = riskhint::text::is_invisible(c) || unicode_zero_width(c);
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
    let [why, source, fix, remove] = match lang {
        Language::En => ["why", "source", "fix", "remove"],
        Language::Ko => ["이유", "출처", "고치기", "삭제"],
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
        writeln!(out, "{} {} [{}] {}", paint(severity_colour, f.severity.as_str()), f.code, f.category.as_str(), &f.message.get(lang))?;
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

fn scan(args: lexopt::Parser) -> Result<u8> {
    let o = parse_options(args)?;
    let engine = engine(&o)?;
    let lang = o.lang.unwrap_or(Language::En);
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
        let report = engine.classify_posts(std::slice::from_ref(&post)).remove(0);
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

fn rules(mut args: lexopt::Parser) -> Result<u8> {
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

/// `new-rule CODE NAME`: writes (or with --dry-run lists) the files a new rule starts from.
fn new_rule(mut args: lexopt::Parser) -> Result<u8> {
    let (mut words, mut root, mut dry_run) = (Vec::new(), std::path::PathBuf::from("."), false);
    while let Some(arg) = args.next()? {
        match arg {
            lexopt::Arg::Long("root") => root = args.value()?.into(),
            lexopt::Arg::Long("dry-run") => dry_run = true,
            lexopt::Arg::Value(word) => words.push(word.to_string_lossy().into_owned()),
            other => return Err(other.unexpected().into()),
        }
    }
    let [code, name] = &words[..] else { return Err(BadInput("new-rule takes a CODE and a NAME, e.g. new-rule TONE008 sarcastic-reply".into())) };
    for file in riskhint::rules::scaffold(&root, code, name, dry_run).map_err(BadInput)? {
        let verb = match (dry_run, file.changed) {
            (true, true) => "would change",
            (true, false) => "would create",
            (false, true) => "changed",
            (false, false) => "created",
        };
        println!("{verb} {}", file.path.display());
    }
    Ok(0)
}

/// The language the environment asks for (LC_ALL, then LC_MESSAGES, then LANG, as POSIX orders
/// them): Korean for ko_KR.UTF-8 and the like, English otherwise.
fn environment_language() -> Language {
    let asked = ["LC_ALL", "LC_MESSAGES", "LANG"].iter().find_map(|name| std::env::var(name).ok().filter(|v| !v.is_empty()));
    match asked {
        Some(locale) if locale.starts_with("ko") => Language::Ko,
        _ => Language::En,
    }
}

fn schema() -> Result<u8> {
    let schema = schemars::schema_for!(Policy);
    println!("{}", serde_json::to_string_pretty(&schema)?);
    Ok(0)
}

/// Rows of a labelled TSV: (text, is positive).
fn read_labelled(path: &str, text_col: &str, label_col: &str, positive: &[String]) -> Result<Vec<(String, bool)>> {
    let mut reader = csv::ReaderBuilder::new().delimiter(b'\t').flexible(true).from_path(path).map_err(|e| BadInput(format!("cannot read {path}: {e}")))?;
    let headers = reader.headers()?.clone();
    let column = |name: &str| headers.iter().position(|h| h == name).ok_or(BadInput(format!("{path} has no column {name:?} (columns: {})", headers.iter().collect::<Vec<_>>().join(", "))));
    let (text_at, label_at) = (column(text_col)?, column(label_col)?);
    let mut rows = Vec::new();
    for (n, record) in reader.records().enumerate() {
        let record = record.map_err(|e| BadInput(format!("{path}: row {}: {e}", n + 2)))?;
        let (Some(text), Some(label)) = (record.get(text_at), record.get(label_at)) else {
            return Err(BadInput(format!("{path}: row {} has too few columns", n + 2)));
        };
        // A multi-label cell ("1,3") is positive when any of its labels is.
        let is_positive = label.split(',').map(str::trim).any(|l| positive.iter().any(|p| p == l));
        rows.push((text.to_string(), is_positive));
    }
    Ok(rows)
}

fn eval(mut args: lexopt::Parser) -> Result<u8> {
    use lexopt::Arg::Long;
    let (mut task, mut input, mut text_col, mut label_col, mut positive, mut policy) = (None, None, None, None, None, None);
    let mut as_json = false;
    while let Some(arg) = args.next()? {
        match arg {
            Long("json") => as_json = true,
            Long("task") => task = Some(value(&mut args)?),
            Long("input") => input = Some(value(&mut args)?),
            Long("text-col") => text_col = Some(value(&mut args)?),
            Long("label-col") => label_col = Some(value(&mut args)?),
            Long("positive") => positive = Some(value(&mut args)?),
            Long("policy") => policy = Some(value(&mut args)?),
            other => return Err(other.unexpected().into()),
        }
    }
    let need = |o: Option<String>, name: &str| o.ok_or(BadInput(format!("eval needs --{name}")));
    let task = need(task, "task")?;
    let label = match task.as_str() {
        "hostile" => Label::Hostile,
        "complaint" => Label::Complaint,
        other => return Err(BadInput(format!("--task takes hostile or complaint, not {other:?}"))),
    };
    let input = need(input, "input")?;
    let positive: Vec<String> = need(positive, "positive")?.split(',').map(|s| s.trim().to_string()).collect();
    let rows = read_labelled(&input, &need(text_col, "text-col")?, &need(label_col, "label-col")?, &positive)?;
    let engine = engine(&Options { policy, ..Options::default() })?;
    let posts: Vec<Post> = rows.iter().enumerate().map(|(i, (text, _))| Post { id: i.to_string(), text: text.clone(), ..Post::default() }).collect();
    let started = Instant::now();
    let reports = engine.classify_posts(&posts);
    let elapsed = started.elapsed();
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    for ((_, truth), report) in rows.iter().zip(&reports) {
        match (report.labels.contains(&label), *truth) {
            (true, true) => tp += 1,
            (true, false) => fp += 1,
            (false, true) => fn_ += 1,
            _ => {}
        }
    }
    let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    let (precision, recall) = (ratio(tp, tp + fp), ratio(tp, tp + fn_));
    let f1 = if precision + recall == 0.0 { 0.0 } else { 2.0 * precision * recall / (precision + recall) };
    let rows_per_s = rows.len() as f64 / elapsed.as_secs_f64().max(1e-9);
    if as_json {
        println!("{}", serde_json::json!({"tool": "riskhint", "task": task, "rows": rows.len(), "positive": tp + fn_, "precision": precision, "recall": recall, "f1": f1, "rows_per_s": rows_per_s}));
        return Ok(0);
    }
    println!("task {task} on {input}: {} rows, {} positive", rows.len(), tp + fn_);
    println!("precision {precision:.3}  recall {recall:.3}  F1 {f1:.3}  (tp {tp}, fp {fp}, fn {fn_})");
    println!("rows/s {rows_per_s:.0}");
    Ok(0)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn bench(mut args: lexopt::Parser) -> Result<u8> {
    let mut data = "../shared/data".to_string();
    while let Some(arg) = args.next()? {
        match arg {
            lexopt::Arg::Long("data") => data = value(&mut args)?,
            other => return Err(other.unexpected().into()),
        }
    }
    let texts = |path: &str, col: &str| -> Result<Vec<String>> {
        Ok(read_labelled(&format!("{data}/{path}"), col, col, &[])?.into_iter().map(|(t, _)| t).collect())
    };
    let english = texts("en/tweeteval-offensive/val.tsv", "text")?;
    let korean = texts("ko/k-mhas/valid.tsv", "document")?;

    // The first engine of a process also parses the data lexicons and builds their automata.
    let started = Instant::now();
    std::hint::black_box(Engine::from_json(EXAMPLE_POLICY).expect("example policy"));
    let first_build = started.elapsed();
    let mut builds: Vec<Duration> = (0..20)
        .map(|_| {
            let started = Instant::now();
            let engine = Engine::from_json(EXAMPLE_POLICY).expect("example policy");
            std::hint::black_box(&engine);
            started.elapsed()
        })
        .collect();
    builds.sort();
    let engine = Engine::from_json(EXAMPLE_POLICY).expect("example policy");

    println!("riskhint bench: one thread, example policy, texts from {data}");
    println!("{:<44} {:>14}", "measure", "result");
    println!("{:<44} {:>11.2} ms", "first engine (data lexicons built)", first_build.as_secs_f64() * 1e3);
    println!("{:<44} {:>11.2} ms", "engine from a policy after that (median)", builds[builds.len() / 2].as_secs_f64() * 1e3);
    for (name, set) in [("English tweets (tweeteval val)", &english), ("Korean comments (K-MHaS valid)", &korean)] {
        let posts: Vec<Post> = set.iter().enumerate().map(|(i, t)| Post { id: i.to_string(), text: t.clone(), ..Post::default() }).collect();
        let (mut done, started) = (0usize, Instant::now());
        while started.elapsed() < Duration::from_secs(1) {
            for post in &posts {
                std::hint::black_box(engine.classify_posts(std::slice::from_ref(post)));
            }
            done += posts.len();
        }
        println!("{:<44} {:>9.0} posts/s", format!("scan {name}"), done as f64 / started.elapsed().as_secs_f64());
    }
    for (name, set, language) in [("English", &english, Language::En), ("Korean", &korean, Language::Ko)] {
        let model = riskhint::model::builtin(riskhint::model::Task::Hostile, language);
        let started = Instant::now();
        let mut done = 0usize;
        while started.elapsed() < Duration::from_millis(500) {
            set.iter().for_each(|t| {
                std::hint::black_box(model.score(t));
            });
            done += set.len();
        }
        println!("{:<44} {:>11.2} µs", format!("hostile model, one {name} text (mean)"), started.elapsed().as_secs_f64() * 1e6 / done as f64);
    }
    let mixed: String = english.iter().zip(&korean).flat_map(|(e, k)| [e.as_str(), " ", k.as_str(), "\n"]).collect();
    let context = CheckContext::new(Date::parse("2026-06-01").expect("date"));
    for chars in [280usize, 25_000] {
        let draft: String = mixed.chars().take(chars).collect();
        let runs = if chars < 1000 { 5_000 } else { 200 };
        let mut times: Vec<Duration> = (0..runs)
            .map(|_| {
                let started = Instant::now();
                std::hint::black_box(engine.check_draft(&draft, &context));
                started.elapsed()
            })
            .collect();
        times.sort();
        let us = |d: Duration| d.as_secs_f64() * 1e6;
        println!("{:<44} {:>6.0} / {:>5.0} µs", format!("check_draft {chars} chars p50 / p99"), us(percentile(&times, 0.5)), us(percentile(&times, 0.99)));
    }
    Ok(0)
}

/// Where a model learns from and is measured on: its training file (rows held out by a hash of
/// their text are never trained on: one in ten picks the threshold, another one in ten is the
/// test when the set has no test file of its own), and further sets to cross-check on.
struct Recipe {
    name: &'static str,
    train: LabelledSet,
    /// A separate test file, when the data has one.
    test: Option<LabelledSet>,
    cross_checks: &'static [LabelledSet],
    min_precision: f64,
    /// The engine label the model adds to (its threshold then serves rules or model together).
    joins: Option<Label>,
    /// 2^bits weights: as many as the data rewards (measured: more bits stopped helping).
    bits: u32,
}

#[derive(Clone, Copy)]
struct LabelledSet {
    /// Under the data directory (../shared/data); `project:` paths are in this repository.
    path: &'static str,
    text: &'static str,
    label: &'static str,
    positive: &'static [&'static str],
}

const RECIPES: &[Recipe] = &[
    Recipe {
        name: "hostile-en",
        train: LabelledSet { path: "en/tweeteval-offensive/train.tsv", text: "text", label: "label", positive: &["1"] },
        test: Some(LabelledSet { path: "en/tweeteval-offensive/val.tsv", text: "text", label: "label", positive: &["1"] }),
        cross_checks: &[LabelledSet { path: "en/tweeteval-hate/val.tsv", text: "text", label: "label", positive: &["1"] }],
        min_precision: 0.75,
        joins: Some(Label::Hostile),
        bits: 17,
    },
    Recipe {
        name: "hostile-ko",
        train: LabelledSet { path: "ko/korean-hate-speech/train.tsv", text: "comments", label: "hate", positive: &["hate", "offensive"] },
        test: None,
        cross_checks: &[LabelledSet { path: "ko/k-mhas/valid.tsv", text: "document", label: "label", positive: &["0", "1", "2", "3", "4", "5", "6", "7"] }],
        // Higher than the 0.80 asked: precision falls on other Korean comment sets (0.60 on
        // K-MHaS at 0.80 here), and a false "hostile" on a fan's comment costs trust.
        min_precision: 0.9,
        joins: Some(Label::Hostile),
        bits: 18,
    },
    Recipe {
        name: "complaint-ko",
        train: LabelledSet { path: "ko/nsmc/train.tsv", text: "document", label: "label", positive: &["0"] },
        test: None,
        cross_checks: &[],
        min_precision: 0.80,
        joins: None,
        bits: 16,
    },
    Recipe {
        name: "complaint-en",
        train: LabelledSet { path: "project:data/complaints-en/complaints.tsv", text: "text", label: "label", positive: &["1"] },
        test: None,
        cross_checks: &[],
        min_precision: 0.80,
        joins: None,
        bits: 16,
    },
];

fn train(mut args: lexopt::Parser) -> Result<u8> {
    use riskhint::model::train::{evaluate, held_out, train as fit, Metrics, Settings};
    let (mut name, mut data, mut out) = (None, "../shared/data".to_string(), None);
    let mut settings = Settings::default();
    let mut bits = None;
    let number = |args: &mut lexopt::Parser, what: &str| -> Result<f64> {
        let raw = value(args)?;
        raw.parse().map_err(|_| BadInput(format!("--{what} takes a number, not {raw:?}")))
    };
    while let Some(arg) = args.next()? {
        match arg {
            lexopt::Arg::Long("model") => name = Some(value(&mut args)?),
            lexopt::Arg::Long("bits") => bits = Some(number(&mut args, "bits")? as u32),
            lexopt::Arg::Long("epochs") => settings.epochs = number(&mut args, "epochs")? as usize,
            lexopt::Arg::Long("learning-rate") => settings.learning_rate = number(&mut args, "learning-rate")? as f32,
            lexopt::Arg::Long("l2") => settings.l2 = number(&mut args, "l2")? as f32,
            lexopt::Arg::Long("data") => data = value(&mut args)?,
            lexopt::Arg::Long("out") => out = Some(value(&mut args)?),
            other => return Err(other.unexpected().into()),
        }
    }
    let names = || RECIPES.iter().map(|r| r.name).collect::<Vec<_>>().join(", ");
    let name = name.ok_or_else(|| BadInput(format!("train needs --model ({})", names())))?;
    let recipe = RECIPES.iter().find(|r| r.name == name).ok_or_else(|| BadInput(format!("no model {name:?} (models: {})", names())))?;
    let read = |set: &LabelledSet| {
        let positive: Vec<String> = set.positive.iter().map(|p| p.to_string()).collect();
        let path = match set.path.strip_prefix("project:") {
            Some(own) => format!("{}/{own}", env!("CARGO_MANIFEST_DIR")),
            None => format!("{data}/{}", set.path),
        };
        read_labelled(&path, set.text, set.label, &positive)
    };
    let rows = read(&recipe.train)?;
    let is_dev = |text: &str| held_out(&format!("dev:{text}"), 10);
    let is_test = |text: &str| recipe.test.is_none() && held_out(&format!("test:{text}"), 10);
    let (mut training, mut dev, mut test) = (Vec::new(), Vec::new(), Vec::new());
    for row in rows {
        if is_test(&row.0) {
            test.push(row);
        } else if is_dev(&row.0) {
            dev.push(row);
        } else {
            training.push(row);
        }
    }
    if let Some(set) = &recipe.test {
        test = read(set)?;
    }
    settings.min_precision = recipe.min_precision;
    settings.bits = bits.unwrap_or(recipe.bits);
    // What the rules alone say (the learned rule off), for thresholds that serve the engine.
    let rules_only = Engine::from_json(r#"{"rules": {"TONE007": "off"}}"#).expect("a valid policy");
    let prior = |rows: &[(String, bool)]| -> Option<Vec<bool>> {
        let label = recipe.joins?;
        let posts: Vec<Post> = rows.iter().enumerate().map(|(i, (text, _))| Post { id: i.to_string(), text: text.clone(), ..Post::default() }).collect();
        Some(rules_only.classify_posts(&posts).iter().map(|r| r.labels.contains(&label)).collect())
    };
    let dev_prior = prior(&dev);
    let started = Instant::now();
    let (model, on_dev) = fit(&training, &dev, dev_prior.as_deref(), &settings);
    let took = started.elapsed();
    let both = if recipe.joins.is_some() { ", rules + model" } else { "" };
    let show = |what: &str, rows: usize, m: &Metrics| {
        println!("{what:<44} {rows:>7}  P {:.3}  R {:.3}  F1 {:.3}", m.precision, m.recall, m.f1);
    };
    println!("{name}: trained on {} rows in {:.1} s; threshold {:.3} (best F1 at precision >= {} on the dev rows{both})", training.len(), took.as_secs_f64(), model.threshold, recipe.min_precision);
    println!("{:<44} {:>7}  positive class", "set", "rows");
    show(&format!("dev (held out, picks the threshold){both}"), dev.len(), &on_dev);
    let test_name = recipe.test.map_or("test (held out, never seen)".to_string(), |t| format!("test: {}", t.path));
    show(&test_name, test.len(), &evaluate(&model, &test, None));
    let mut sets = vec![(test_name, test)];
    for set in recipe.cross_checks {
        let rows = read(set)?;
        show(&format!("cross-check: {}", set.path), rows.len(), &evaluate(&model, &rows, None));
        sets.push((format!("cross-check: {}", set.path), rows));
    }
    if recipe.joins.is_some() {
        for (name, rows) in &sets {
            show(&format!("{name}, rules + model"), rows.len(), &evaluate(&model, rows, prior(rows).as_deref()));
        }
    }
    let bytes = model.to_bytes();
    let out = out.unwrap_or(format!("models/{name}.rhm"));
    std::fs::write(&out, &bytes).map_err(|e| BadInput(format!("cannot write {out}: {e}")))?;
    println!("wrote {out}: {} bytes", bytes.len());
    Ok(0)
}
