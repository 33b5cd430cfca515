//! The `riskhint` command: check a draft, scan a JSONL feed, list rules, print the policy schema,
//! evaluate a label on labelled data, and benchmark the engine. Exit status: 0 on success, 1 when
//! `--fail-on` is met, 2 on bad input.

mod bench;
mod check;
mod eval;
mod new_rule;
mod options;
mod rules;
mod scan;
mod schema;
mod semantic;
mod semantic_train;
mod train;

use riskhint::Language;
use serde_json::json;
use std::process::ExitCode;

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
  riskhint eval  --task LABEL (hostile, complaint, crisis-signal, …; or secret, pii: a finding at warn or above) --input FILE.tsv --text-col NAME --label-col NAME --positive V[,V]
                 [--policy FILE] [--json]             precision, recall, F1 and rows/s on labelled data
  check, scan and eval take [--tier fast|both] (default both: the semantic tier refines the fast one)
                 and [--encoder FILE] (default $RISKHINT_ENCODER, else target/semantic/encoder.bin)
  riskhint bench [--data DIR] [--tier fast|both] [--encoder FILE]
                                                      throughput, latency and the semantic tier's held-out figures
  riskhint semantic pieces --model FULL.bin [--out FILE] PATH...
                                                      the vocabulary pieces texts under PATH use (models/semantic/pieces.txt)
  riskhint semantic asset --model FULL.bin --out FILE [--adapted LAYERS.bin] [--pieces FILE] [--layers N] [--positions N]
                                                      the shipped encoder: those pieces, the first N layers
  riskhint semantic train [--asset FILE] [--data DIR] [--out FILE] [--head NAME] [--limit N] [--l2 X] [--steps N]
                                                      the semantic heads (models/semantic/heads.json)

exit status: 0 ok, 1 --fail-on threshold met, 2 bad input";

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
        "check" => check::check(args),
        "scan" => scan::scan(args),
        "rules" => rules::rules(args),
        "new-rule" => new_rule::new_rule(args),
        "schema" => schema::schema(),
        "eval" => eval::eval(args),
        "bench" => bench::bench(args),
        "train" => train::train(args),
        "semantic" => semantic::semantic(args),
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

fn value(args: &mut lexopt::Parser) -> Result<String> {
    Ok(args.value()?.to_string_lossy().to_string())
}

fn enum_value<T: serde::de::DeserializeOwned>(args: &mut lexopt::Parser, what: &str) -> Result<T> {
    let text = value(args)?;
    serde_json::from_value(json!(text)).map_err(|_| BadInput(format!("invalid {what} {text:?}")))
}

fn read_file(path: &str) -> Result<String> {
    std::fs::read_to_string(path).map_err(|e| BadInput(format!("cannot read {path}: {e}")))
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
