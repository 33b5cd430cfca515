//! `riskhint bench`: throughput and latency on ../shared/data texts.

use crate::eval::read_labelled;
use crate::options::{semantic_with_asset, tier};
use crate::semantic_train::metrics;
use crate::{Result, value};
use riskhint::model::train::Metrics;
use riskhint::semantic::Semantic;
use riskhint::{CheckContext, Date, Engine, Label, Language, Post};
use std::time::{Duration, Instant};

/// The example policy shipped in examples/, used by `bench`.
const EXAMPLE_POLICY: &str = include_str!("../../examples/hanbit-policy.jsonc");

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

pub(crate) fn bench(mut args: lexopt::Parser) -> Result<u8> {
    let (mut data, mut fast_only, mut encoder) = ("../shared/data".to_string(), false, None);
    while let Some(arg) = args.next()? {
        match arg {
            lexopt::Arg::Long("data") => data = value(&mut args)?,
            lexopt::Arg::Long("tier") => fast_only = tier(&mut args)?,
            lexopt::Arg::Long("encoder") => encoder = Some(value(&mut args)?),
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
    if let Some((semantic, asset)) = semantic_with_asset(fast_only, encoder.as_deref()) {
        bench_semantic(&engine, &semantic, &asset, &english, &korean, &data)?;
    }
    Ok(0)
}

/// The semantic tier: loading, latency per draft, posts/s with both tiers, the `hostile` label
/// fast against both, and each head on its held-out rows.
fn bench_semantic(engine: &Engine, semantic: &Semantic, asset: &[u8], english: &[String], korean: &[String], data: &str) -> Result<()> {
    let heads = include_str!("../../models/semantic/heads.json");
    let started = Instant::now();
    std::hint::black_box(Semantic::from_bytes(asset, heads).map_err(crate::BadInput)?);
    println!();
    println!("{:<44} {:>11.2} ms", format!("semantic tier loaded ({:.1} MB asset)", asset.len() as f64 / 1e6), started.elapsed().as_secs_f64() * 1e3);
    let context = CheckContext::new(Date::parse("2026-06-01").expect("date"));
    // Drafts of 280 characters: tweets run together, half English, half Korean.
    let drafts: Vec<String> = english
        .chunks(3)
        .zip(korean.chunks(4))
        .enumerate()
        .map(|(i, (e, k))| if i % 2 == 0 { e.join(" ") } else { k.join(" ") })
        .map(|t| t.chars().take(280).collect())
        .take(200)
        .collect();
    let mut times: Vec<Duration> = drafts
        .iter()
        .map(|draft| {
            let mut report = engine.check_draft(draft, &context);
            let started = Instant::now();
            engine.refine_draft(semantic, draft, &context, &mut report);
            started.elapsed()
        })
        .collect();
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!("{:<44} {:>6.1} / {:>5.1} ms", "semantic tier, 280-char draft p50 / p95", ms(percentile(&times, 0.5)), ms(percentile(&times, 0.95)));
    for (name, set) in [("English tweets", english), ("Korean comments", korean)] {
        let posts: Vec<Post> = set.iter().take(300).enumerate().map(|(i, t)| Post { id: i.to_string(), text: t.clone(), ..Post::default() }).collect();
        let started = Instant::now();
        let mut reports = engine.classify_posts(&posts);
        engine.refine_posts(semantic, &posts, &mut reports);
        println!("{:<44} {:>9.0} posts/s", format!("scan {name}, both tiers"), posts.len() as f64 / started.elapsed().as_secs_f64());
    }
    println!();
    println!("{:<44} {:>6}  {:>17}  {:>17}", "`hostile` label, held out", "rows", "fast: P / R / F1", "both: P / R / F1");
    for (name, rows) in crate::semantic_train::hostile_held_out(data)? {
        let posts: Vec<Post> = rows.iter().enumerate().map(|(i, (t, _))| Post { id: i.to_string(), text: t.clone(), ..Post::default() }).collect();
        let mut reports = engine.classify_posts(&posts);
        let fast = metrics(reports.iter().map(|r| r.labels.contains(&Label::Hostile)).zip(rows.iter().map(|r| r.1)));
        engine.refine_posts(semantic, &posts, &mut reports);
        let both = metrics(reports.iter().map(|r| r.labels.contains(&Label::Hostile)).zip(rows.iter().map(|r| r.1)));
        let show = |m: &Metrics| format!("{:.2} / {:.2} / {:.2}", m.precision, m.recall, m.f1);
        println!("{name:<44} {:>6}  {:>17}  {:>17}", rows.len(), show(&fast), show(&both));
    }
    println!();
    crate::semantic_train::held_out_report(semantic, asset, data)
}
