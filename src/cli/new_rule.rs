//! `riskhint new-rule CODE NAME`: the files a new rule starts from (see docs/adding-a-rule.md).

use crate::{BadInput, Result};

/// Writes (or with --dry-run lists) the rule file, its registry line and its case section.
pub(crate) fn new_rule(mut args: lexopt::Parser) -> Result<u8> {
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
