//! `riskhint new-rule CODE NAME`: the files a new rule starts from, so that adding one is writing
//! one file and its cases (see docs/adding-a-rule.md).

use std::path::{Path, PathBuf};

/// A file the scaffold writes: where, and its whole new text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    pub path: PathBuf,
    pub text: String,
    /// Whether the file exists and is changed rather than created.
    pub changed: bool,
}

/// Plans the files of a new rule `code` (`FAMILY` + three digits, e.g. `TONE008`) named `name`
/// (kebab-case) in the source tree at `root`, and writes them unless `dry_run`: the rule file, its
/// line in `src/rules/mod.rs`, and a section for its cases in `tests/cases/` (the family's file,
/// found by a case of the family, else a new `tests/cases/<family>.tsv`).
pub fn scaffold(root: &Path, code: &str, name: &str, dry_run: bool) -> Result<Vec<Written>, String> {
    let (family, number) = code.split_at(code.len().saturating_sub(3));
    let well_formed = (3..=4).contains(&family.len()) && family.bytes().all(|b| b.is_ascii_uppercase()) && number.bytes().all(|b| b.is_ascii_digit());
    if !well_formed {
        return Err(format!("{code}: a rule code is a family of 3–4 capitals and three digits, e.g. TONE008"));
    }
    if super::doc(code).is_some() {
        return Err(format!("{code} is already a rule"));
    }
    let kebab = !name.is_empty() && name.split('-').all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()));
    if !kebab {
        return Err(format!("{name:?}: a rule name is kebab-case, e.g. sarcastic-reply"));
    }
    let module = format!("{}_{}", code.to_ascii_lowercase(), name.replace('-', "_"));
    let rules = root.join("src/rules");
    let registry_path = rules.join("mod.rs");
    let registry = read(&registry_path)?;
    let rule_path = rules.join(format!("{module}.rs"));
    if rule_path.exists() {
        return Err(format!("{} exists", rule_path.display()));
    }
    let mut plan = vec![
        Written { path: rule_path, text: rule_file(code, name), changed: false },
        Written { path: registry_path, text: register(&registry, &module)?, changed: true },
    ];
    plan.push(cases(&root.join("tests/cases"), family, code, name)?);
    if !dry_run {
        for file in &plan {
            std::fs::write(&file.path, &file.text).map_err(|e| format!("cannot write {}: {e}", file.path.display()))?;
        }
    }
    Ok(plan)
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

/// The registry with `module` inserted into the `rules! { … }` list, in code order.
fn register(registry: &str, module: &str) -> Result<String, String> {
    let open = registry.find("\nrules! {\n").ok_or("src/rules/mod.rs has no `rules! {` list")? + "\nrules! {\n".len();
    let close = open + registry[open..].find("\n}").ok_or("the `rules! {` list is not closed")?;
    let mut lines: Vec<&str> = registry[open..close].lines().collect();
    let line = format!("    {module}");
    let at = lines.partition_point(|l| l.trim() < module);
    lines.insert(at, &line);
    Ok(format!("{}{}{}", &registry[..open], lines.join("\n"), &registry[close..]))
}

/// The case file of the family with a section for the new rule.
fn cases(dir: &Path, family: &str, code: &str, name: &str) -> Result<Written, String> {
    let section = format!(
        "\n# {code} {name}: hits, near-misses and fixes, each in English and Korean (CODE, EXPECT, OPTIONS, TEXT, FIXED).\n"
    );
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "tsv"))
        .collect();
    files.sort();
    let case_of_family = |text: &str| text.lines().any(|l| l.strip_prefix(family).is_some_and(|rest| rest.as_bytes().get(3) == Some(&b'\t')));
    for path in files {
        let text = read(&path)?;
        if case_of_family(&text) {
            let text = format!("{}{section}", text.trim_end_matches('\n').to_string() + "\n");
            return Ok(Written { path, text, changed: true });
        }
    }
    let path = dir.join(format!("{}.tsv", family.to_ascii_lowercase()));
    let text = format!(
        "# riskhint test cases: {code} {name}.\n#\n# Format: CODE <TAB> EXPECT <TAB> OPTIONS <TAB> TEXT [<TAB> FIXED]\n#   EXPECT  hit | miss | fix   (see tests/cases/legal.tsv for the options and the test policy)\n{section}"
    );
    Ok(Written { path, text, changed: false })
}

/// A rule file to fill in: its documentation and a check that finds nothing yet.
fn rule_file(code: &str, name: &str) -> String {
    format!(
        r#"//! {code} {name}: TODO say in one line what it catches.

use super::*;

pub static DOC: RuleDoc = RuleDoc {{
    code: "{code}",
    name: "{name}",
    category: Cat::Tone,
    severity: Warn,
    by_role: &[],
    feed: None,
    what: Bilingual::for_docs("TODO what it catches.", "TODO 잡아내는 것."),
    why: Bilingual::fixed("TODO why it matters.", "TODO 이유."),
    source: Bilingual::fixed("TODO the public guideline, law or case.", "TODO 출처."),
    example: Bilingual::for_docs("TODO an English draft it flags", "TODO 이 규칙이 잡아내는 한국어 글"),
    fix: Bilingual::for_docs("TODO how to fix it.", "TODO 고치는 법."),
}};

pub fn check(draft: &Draft, _cx: &Context, out: &mut Findings) {{
    // TODO find the pattern; report each with out.add(&DOC, range, bi(english, korean)).
    let _ = (draft, out);
}}
"#
    )
}
