//! `riskhint eval`: precision, recall, F1 and rows/s of a label on labelled data.

use crate::options::{engine, semantic, tier, today, Options};
use crate::{BadInput, Result, value};
use riskhint::{Category, CheckContext, Label, Post, Severity};
use std::time::Instant;

/// What a row is judged by: a feed label on the text as a post, or, for the leak checks (secret,
/// pii), a finding of that category at warn or above on the text as a draft. Info-level findings
/// (a documented test card number) are quiet hints, not a flag.
enum Task {
    Feed(Label),
    Finding(Category),
}

impl Task {
    const FINDING_TASKS: [Category; 2] = [Category::Secret, Category::Pii];

    fn parse(name: &str) -> Option<Task> {
        Label::parse(name).map(Task::Feed).or_else(|| Task::FINDING_TASKS.into_iter().find(|c| c.as_str() == name).map(Task::Finding))
    }
}

/// Rows of a labelled TSV: (text, is positive).
pub(crate) fn read_labelled(path: &str, text_col: &str, label_col: &str, positive: &[String]) -> Result<Vec<(String, bool)>> {
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

pub(crate) fn eval(mut args: lexopt::Parser) -> Result<u8> {
    use lexopt::Arg::Long;
    let (mut task, mut input, mut text_col, mut label_col, mut positive, mut policy) = (None, None, None, None, None, None);
    let (mut as_json, mut fast_only, mut encoder) = (false, false, None);
    while let Some(arg) = args.next()? {
        match arg {
            Long("json") => as_json = true,
            Long("tier") => fast_only = tier(&mut args)?,
            Long("encoder") => encoder = Some(value(&mut args)?),
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
    let judged_by = Task::parse(&task).ok_or_else(|| {
        let labels: Vec<&str> = Label::ALL.iter().map(|l| l.as_str()).collect();
        let categories: Vec<&str> = Task::FINDING_TASKS.iter().map(|c| c.as_str()).collect();
        BadInput(format!("--task takes a feed label ({}) or a finding category ({}), not {task:?}", labels.join(", "), categories.join(", ")))
    })?;
    let input = need(input, "input")?;
    let positive: Vec<String> = need(positive, "positive")?.split(',').map(|s| s.trim().to_string()).collect();
    let rows = read_labelled(&input, &need(text_col, "text-col")?, &need(label_col, "label-col")?, &positive)?;
    let engine = engine(&Options { policy, ..Options::default() })?;
    let semantic = semantic(fast_only, encoder.as_deref());
    let started = Instant::now();
    let flagged: Vec<bool> = match judged_by {
        Task::Feed(label) => {
            let posts: Vec<Post> = rows.iter().enumerate().map(|(i, (text, _))| Post { id: i.to_string(), text: text.clone(), ..Post::default() }).collect();
            let mut reports = engine.classify_posts(&posts);
            if let Some(semantic) = &semantic {
                engine.refine_posts(semantic, &posts, &mut reports);
            }
            reports.iter().map(|r| r.labels.contains(&label)).collect()
        }
        Task::Finding(category) => {
            let context = CheckContext::new(today());
            rows.iter()
                .map(|(text, _)| {
                    let mut report = engine.check_draft(text, &context);
                    if let Some(semantic) = &semantic {
                        engine.refine_draft(semantic, text, &context, &mut report);
                    }
                    report.findings.iter().any(|f| f.category == category && f.severity >= Severity::Warn)
                })
                .collect()
        }
    };
    let elapsed = started.elapsed();
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    for ((_, truth), flagged) in rows.iter().zip(flagged) {
        match (flagged, *truth) {
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
        println!("{}", serde_json::json!({"tool": "riskhint", "tier": if fast_only { "fast" } else { "both" }, "task": task, "rows": rows.len(), "positive": tp + fn_, "precision": precision, "recall": recall, "f1": f1, "rows_per_s": rows_per_s}));
        return Ok(0);
    }
    println!("task {task} on {input}: {} rows, {} positive", rows.len(), tp + fn_);
    println!("precision {precision:.3}  recall {recall:.3}  F1 {f1:.3}  (tp {tp}, fp {fp}, fn {fn_})");
    println!("rows/s {rows_per_s:.0}");
    Ok(0)
}
