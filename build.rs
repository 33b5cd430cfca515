//! Derives the `Lex` variants from the files in `data/lexicons/`, so that adding a word list is
//! adding a file: `threat.ko.txt` becomes `Lex::ThreatKo`. A list matched in the tone view (where
//! leetspeak is undone) says so in a header line `# view: tone`; the default is the compact view.
//! Also compiles gitleaks' credential formats (build/secrets.rs), and copies the data tables the
//! engine parses without their comments.

#[path = "build/secrets.rs"]
mod secrets;

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let dir = Path::new("data/lexicons");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .expect("data/lexicons is readable")
        .map(|entry| entry.expect("a directory entry").file_name().into_string().expect("a UTF-8 file name"))
        .filter_map(|name| name.strip_suffix(".txt").map(str::to_string))
        .collect();
    files.sort();
    let out_dir = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).to_path_buf();
    let mut rows = String::new();
    for file in &files {
        let path = dir.join(format!("{file}.txt"));
        println!("cargo:rerun-if-changed={}", path.display());
        let text = std::fs::read_to_string(&path).expect("a lexicon file is UTF-8 text");
        let view = match header(&text, "view").and_then(|value| value.split_whitespace().next()) {
            None | Some("compact") => "Compact",
            Some("tone") => "Tone",
            Some(other) => panic!("{}: `# view: {other}` is neither compact nor tone", path.display()),
        };
        writeln!(rows, "    {} = \"{file}\", {view};", variant(file)).expect("writing to a String");
        // The engine carries each list without its documentation (what, why, source: ~7 KB of the
        // WASM engine gzipped), keeping the header lines it reads (`# view:`, `# hangul:`).
        let entries: String = text
            .lines()
            .filter(|line| !line.starts_with('#') || ["view:", "hangul:"].iter().any(|key| line[1..].trim_start().starts_with(key)))
            .flat_map(|line| [line, "\n"])
            .collect();
        std::fs::create_dir_all(out_dir.join("lexicons")).expect("OUT_DIR is writable");
        std::fs::write(out_dir.join("lexicons").join(format!("{file}.txt")), entries).expect("OUT_DIR is writable");
    }
    std::fs::write(out_dir.join("lexicons.rs"), format!("lexicons! {{\n{rows}}}\n")).expect("OUT_DIR is writable");
    // The data tables the engine parses, without their documentation (they skip `#` lines anyway).
    for table in ["data/pii/phones.tsv", "data/pii/iban.tsv", "data/fixes/softer.tsv"] {
        println!("cargo:rerun-if-changed={table}");
        let text = std::fs::read_to_string(table).expect("a data table is UTF-8 text");
        let rows: String = text.lines().filter(|line| !line.starts_with('#')).flat_map(|line| [line, "\n"]).collect();
        let out = out_dir.join(table);
        std::fs::create_dir_all(out.parent().expect("a table's folder")).expect("OUT_DIR is writable");
        std::fs::write(out, rows).expect("OUT_DIR is writable");
    }
    secrets::compile(&out_dir);
}

/// The value of a `# key: value` line in the comment block that opens a file.
fn header<'t>(text: &'t str, key: &str) -> Option<&'t str> {
    text.lines()
        .take_while(|line| line.starts_with('#') || line.trim().is_empty())
        .find_map(|line| line.strip_prefix('#')?.trim().strip_prefix(key)?.strip_prefix(':').map(str::trim))
}

/// `first-person` → `FirstPerson`, `threat.ko` → `ThreatKo`.
fn variant(file: &str) -> String {
    file.split(['-', '.'])
        .map(|part| {
            let mut chars = part.chars();
            chars.next().map(|first| first.to_ascii_uppercase().to_string() + chars.as_str()).unwrap_or_default()
        })
        .collect()
}
