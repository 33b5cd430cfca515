//! The engine's modules form layers that point one way: each imports only the layers below it.
//! From the bottom: the text crate and the plain values (`date`, `finding`, `particle`, `lexicon`,
//! `model`), `draft` (what a rule reads), the policy's types and JSONC reader, the custom rules,
//! the policy's layering, `settings` (the policy compiled for the rules), the rules, the engine and
//! the feed, and the edges (`json`, `wasm`, the crate root and the CLI). A module may use its own
//! layer and those below; an import of a layer above is a circle waiting to close, and fails here
//! with the file and the import. Test modules (`#[cfg(test)]` to the end of a file) are exempt:
//! they may drive the whole engine.

use std::path::{Path, PathBuf};

/// Layers from the bottom; a file in layer N may import layers 0 to N.
const LAYERS: &[&str] = &["values", "draft", "policy types", "custom rules", "policy layering", "settings", "rules", "engine", "edges"];

fn layer_index(name: &str) -> usize {
    LAYERS.iter().position(|&l| l == name).expect("a layer in LAYERS")
}

/// The layer of a source file, by its path under `src/`; `None` for a file no layer claims.
fn layer_of_file(path: &str) -> Option<&'static str> {
    let layer = match path {
        "date.rs" | "finding.rs" | "fix.rs" | "particle.rs" | "lexicon.rs" | "phones.rs" => "values",
        p if p.starts_with("model/") || p.starts_with("semantic/") => "values",
        "draft.rs" => "draft",
        "policy/mod.rs" | "policy/jsonc.rs" => "policy types",
        "custom.rs" => "custom rules",
        "policy/layer.rs" => "policy layering",
        "settings.rs" => "settings",
        p if p.starts_with("rules/") => "rules",
        "engine.rs" | "feed.rs" | "cascade.rs" => "engine",
        "json.rs" | "wasm.rs" | "lib.rs" | "main.rs" => "edges",
        p if p.starts_with("cli/") => "edges",
        _ => return None,
    };
    Some(layer)
}

/// The layer of what `crate::MODULE::ITEM` names. The policy module re-exports its layering, so
/// those items are placed by name.
fn layer_of_import(module: &str, item: &str) -> Option<&'static str> {
    let layer = match module {
        "date" | "finding" | "fix" | "particle" | "lexicon" | "phones" | "model" | "semantic" => "values",
        "draft" => "draft",
        "policy" => match item {
            "layer" | "layer_all" | "Layered" | "PolicyLayer" | "is_locked" => "policy layering",
            _ => "policy types",
        },
        "custom" => "custom rules",
        "settings" => "settings",
        "rules" => "rules",
        "engine" | "feed" | "cascade" => "engine",
        "json" | "wasm" => "edges",
        // What the crate root re-exports, by where it is defined.
        "Date" | "Bilingual" | "Category" | "EditKind" | "Finding" | "Severity" | "Suggestion" | "Verdict" | "Language" => "values",
        "Platform" | "Role" => "draft",
        "Policy" | "PolicyError" | "Review" | "ReviewFrom" => "policy types",
        "layer" | "layer_all" | "Layered" | "PolicyLayer" => "policy layering",
        "RuleDoc" => "rules",
        "CheckContext" | "Dismissal" | "Engine" | "FixAll" | "Report" | "MAX_TEXT_BYTES" | "Counts" | "Evidence" | "Label" | "Post" | "PostReport" => "engine",
        _ => return None,
    };
    Some(layer)
}

/// The code of a file without its comments and its test module.
fn code_of(source: &str) -> String {
    let mut code = String::new();
    for line in source.lines() {
        if line.trim_start().starts_with("#[cfg(test)]") {
            break;
        }
        if !line.trim_start().starts_with("//") {
            code.push_str(line);
            code.push('\n');
        }
    }
    code
}

/// Every `(module, item)` that `code` names as `crate::module::item`, `crate::module::{item, …}`,
/// `crate::{module::item, …}` or `super::item` (in `policy/`, where `super` is the policy module).
fn imports(code: &str, in_policy: bool) -> Vec<(String, String)> {
    fn ident(s: &str) -> &str {
        let end = s.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(s.len());
        &s[..end]
    }
    /// The text of the `{…}` group that `s` starts with, split at its top-level commas.
    fn group(s: &str) -> Vec<&str> {
        let (mut depth, mut start, mut parts) = (0, 1, Vec::new());
        for (i, c) in s.char_indices() {
            match c {
                '{' => depth += 1,
                '}' | ',' if depth == 1 => {
                    parts.push(s[start..i].trim());
                    start = i + 1;
                    if c == '}' {
                        break;
                    }
                }
                '}' => depth -= 1,
                _ => {}
            }
        }
        parts.into_iter().filter(|p| !p.is_empty()).collect()
    }
    /// `module::item` or `module::{item, …}` as pairs.
    fn items(module: &str, rest: &str, out: &mut Vec<(String, String)>) {
        match rest.strip_prefix("::") {
            Some(rest) if rest.starts_with('{') => {
                for part in group(rest) {
                    out.push((module.to_string(), ident(part).to_string()));
                }
            }
            Some(rest) => out.push((module.to_string(), ident(rest).to_string())),
            None => out.push((module.to_string(), String::new())),
        }
    }
    let mut out = Vec::new();
    for (at, _) in code.match_indices("crate::") {
        if code[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_') {
            continue; // `riskhint_text::…` or another crate's path, not this crate's
        }
        let rest = &code[at + "crate::".len()..];
        if rest.starts_with('{') {
            for part in group(rest) {
                let module = ident(part);
                items(module, &part[module.len()..], &mut out);
            }
        } else {
            let module = ident(rest);
            items(module, &rest[module.len()..], &mut out);
        }
    }
    if in_policy {
        for (at, _) in code.match_indices("super::") {
            let rest = &code[at + "super::".len()..];
            let parts = if rest.starts_with('{') { group(rest) } else { vec![rest] };
            for part in parts {
                let name = ident(part);
                // `super::jsonc::…` and `super::layer::…` name the submodules, the rest the types.
                let item = if name == "layer" { "layer" } else { "" };
                out.push(("policy".to_string(), item.to_string()));
            }
        }
    }
    out
}

/// The upward imports of a file at `path` (under `src/`) with `source`, as messages.
fn upward_imports(path: &str, source: &str) -> Vec<String> {
    let Some(layer) = layer_of_file(path) else {
        return vec![format!("src/{path} is in no layer: add it to layer_of_file in tests/layers.rs")];
    };
    let mut found = Vec::new();
    for (module, item) in imports(&code_of(source), path.starts_with("policy/")) {
        let Some(target) = layer_of_import(&module, &item) else { continue };
        if layer_index(target) > layer_index(layer) {
            let named = if item.is_empty() || item == "self" { format!("crate::{module}") } else { format!("crate::{module}::{item}") };
            let message = format!("src/{path} ({layer}) imports {named} ({target}), a layer above it");
            if !found.contains(&message) {
                found.push(message);
            }
        }
    }
    found
}

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src/ is readable") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn no_module_imports_a_layer_above_it() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&root, &mut files);
    files.sort();
    assert!(files.len() > 50, "the sources were found ({} files)", files.len());
    let mut upward = Vec::new();
    for file in &files {
        let path = file.strip_prefix(&root).expect("under src/").to_string_lossy().replace('\\', "/");
        let source = std::fs::read_to_string(file).expect("a source file reads");
        upward.extend(upward_imports(&path, &source));
    }
    assert!(upward.is_empty(), "imports that point up a layer:\n  {}", upward.join("\n  "));
}

#[test]
fn the_check_sees_upward_imports_in_every_form() {
    let upward = |path, source| upward_imports(path, source);
    assert_eq!(upward("rules/x.rs", "use crate::engine::Platform;\n"), ["src/rules/x.rs (rules) imports crate::engine::Platform (engine), a layer above it"]);
    let nested = upward("policy/mod.rs", "use crate::{date::Date, rules::{self, doc}};\n");
    assert_eq!(nested, ["src/policy/mod.rs (policy types) imports crate::rules (rules), a layer above it", "src/policy/mod.rs (policy types) imports crate::rules::doc (rules), a layer above it"]);
    assert_eq!(upward("draft.rs", "fn f() { crate::policy::Policy::default(); }\n").len(), 1);
    assert_eq!(upward("custom.rs", "use crate::policy::{Level, PolicyLayer};\n").len(), 1, "the policy's layering is above the custom rules");
    assert_eq!(upward("policy/jsonc.rs", "use super::layer::merge;\n").len(), 1);
    assert_eq!(upward("settings.rs", "fn f(e: &crate::Engine) {}\n").len(), 1, "through the crate root's re-exports");
    assert_eq!(upward("new.rs", "").len(), 1, "a file in no layer");
    assert!(upward("settings.rs", "use crate::policy::{is_locked, Policy};\nuse riskhint_text::text::Views;\n").is_empty());
    assert!(upward("rules/x.rs", "// use crate::engine::Platform;\n").is_empty(), "comments");
    assert!(upward("rules/x.rs", "#[cfg(test)]\nmod tests { use crate::Engine; use crate::engine::clip; }\n").is_empty(), "test modules");
}
