//! Compiles gitleaks' rule set (data/secrets/gitleaks.toml), and riskhint's few own formats in the
//! same schema (data/secrets/riskhint.toml), into the table SEC001 searches with
//! (`secret_formats.bin`, read by src/rules/family/credentials.rs):
//! each rule's keywords, its pattern translated from Go's RE2 dialect into one the engine's regex
//! build accepts, its secret group, entropy threshold and allow-lists, and the name riskhint shows
//! (data/secrets/names.tsv).
//!
//! The translation keeps RE2's meaning where the two dialects differ:
//! - `\w \d \s \b` are ASCII in RE2 and Unicode-aware in the regex crate: they become the POSIX
//!   classes (`[[:word:]]`…) and `(?-u:\b)`, which are ASCII in both;
//! - `(?i)` needs Unicode case tables the engine leaves out (they cost WASM bytes): the pattern is
//!   parsed here, where the tables exist, and printed back with case folded into its classes
//!   (`(?i)ab` → `[Aa][Bb]`), so the engine never sees a flag it cannot serve.
//! One change is deliberate: a token gitleaks ends with a quote, space or `;` may also end with
//! closing punctuation or a Korean particle, as tokens pasted into sentences do.
//! A pattern that regex-syntax cannot parse is left out and listed with the reason in
//! `UNTRANSLATED`, which docs/secrets.md must list too (tests/secrets.rs checks).

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;

/// Rules not taken, and why. Both are named in docs/secrets.md.
const NOT_TAKEN: &[(&str, &str)] = &[
    ("generic-api-key", "SEC002 assigned-secret covers a secret word followed by a value, in Korean too and through leetspeak; the rule's 1,446 stop-words would cost 8 KB of the engine"),
    ("pkcs12-file", "matches a file's path, not text"),
];

#[derive(serde::Deserialize)]
struct Config {
    allowlist: AllowList,
    rules: Vec<Rule>,
}

#[derive(serde::Deserialize)]
struct OwnRules {
    rules: Vec<Rule>,
}

#[derive(serde::Deserialize)]
struct Rule {
    id: String,
    regex: Option<String>,
    #[serde(rename = "secretGroup", default)]
    secret_group: u32,
    entropy: Option<f64>,
    #[serde(default)]
    keywords: Vec<String>,
    #[serde(default)]
    allowlists: Vec<AllowList>,
}

#[derive(serde::Deserialize, Default)]
struct AllowList {
    #[serde(rename = "regexTarget")]
    regex_target: Option<String>,
    #[serde(default)]
    regexes: Vec<String>,
    #[serde(default)]
    stopwords: Vec<String>,
    #[serde(default)]
    paths: Vec<String>,
    condition: Option<String>,
}

pub fn compile(out_dir: &Path) {
    let source = Path::new("data/secrets/gitleaks.toml");
    let names_file = Path::new("data/secrets/names.tsv");
    println!("cargo:rerun-if-changed={}", source.display());
    println!("cargo:rerun-if-changed={}", names_file.display());
    let own = Path::new("data/secrets/riskhint.toml");
    println!("cargo:rerun-if-changed={}", own.display());
    let text = std::fs::read_to_string(source).expect("data/secrets/gitleaks.toml is readable");
    let mut config: Config = toml::from_str(&text).expect("data/secrets/gitleaks.toml is gitleaks' TOML");
    // riskhint's own formats, in the same schema, after gitleaks' (their ids are not gitleaks').
    let own: OwnRules = toml::from_str(&std::fs::read_to_string(own).expect("data/secrets/riskhint.toml is readable"))
        .expect("data/secrets/riskhint.toml is in gitleaks' rule schema");
    config.rules.extend(own.rules);
    let names: HashMap<&str, (&str, &str)> = std::fs::read_to_string(names_file)
        .expect("data/secrets/names.tsv is readable")
        .leak()
        .lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .map(|line| {
            let mut columns = line.split('\t');
            let (id, en, ko) = (columns.next(), columns.next(), columns.next());
            match (id, en, ko) {
                (Some(id), Some(en), Some(ko)) if !en.is_empty() && !ko.is_empty() => (id, (en, ko)),
                _ => panic!("data/secrets/names.tsv: `{line}` is not id<TAB>English<TAB>Korean"),
            }
        })
        .collect();

    let mut table = Table::default();
    let mut ids = String::new();
    let mut untranslated = String::new();
    let mut missing_names = Vec::new();
    let mut formats = 0u16;
    for rule in &config.rules {
        if NOT_TAKEN.iter().any(|(id, _)| *id == rule.id) {
            continue;
        }
        let Some(regex) = &rule.regex else {
            writeln!(untranslated, "    ({:?}, \"no pattern (matches a file path only)\"),", rule.id).unwrap();
            continue;
        };
        let pattern = match translate(regex) {
            Ok(pattern) => pattern,
            Err(why) => {
                writeln!(untranslated, "    ({:?}, {:?}),", rule.id, why).unwrap();
                continue;
            }
        };
        let Some((en, ko)) = names.get(rule.id.as_str()) else {
            missing_names.push(rule.id.clone());
            continue;
        };
        let mut allows = Vec::new();
        for list in &rule.allowlists {
            match allow(list) {
                Ok(Some(allow)) => allows.push(allow),
                Ok(None) => {}
                Err(why) => writeln!(untranslated, "    ({:?}, {:?}),", format!("{} (an allow-list)", rule.id), why).unwrap(),
            }
        }
        table.str(en);
        table.str(ko);
        table.strs(&rule.keywords.iter().map(|k| k.to_lowercase()).collect::<Vec<_>>());
        table.str(&pattern);
        table.byte(match rule.secret_group {
            0 if first_group_repeats(regex) => WHOLE_MATCH,
            group => u8::try_from(group).expect("a secret group under 255"),
        });
        table.u16((rule.entropy.unwrap_or(0.0) * 1000.0).round() as u16);
        table.allows(&allows);
        writeln!(ids, "    {:?},", rule.id).unwrap();
        formats += 1;
    }
    assert!(missing_names.is_empty(), "data/secrets/names.tsv has no name for {missing_names:?}");
    let global = allow(&config.allowlist).expect("gitleaks' global allow-list translates");
    table.allows(&global.into_iter().collect::<Vec<_>>());
    let mut bytes = formats.to_le_bytes().to_vec();
    bytes.extend(table.0);
    std::fs::write(out_dir.join("secret_formats.bin"), bytes).expect("OUT_DIR is writable");
    let not_taken: String = NOT_TAKEN.iter().map(|(id, why)| format!("    ({id:?}, {why:?}),\n")).collect();
    let code = format!(
        "/// gitleaks' rule ids, in the table's order (not in the WASM engine, which names formats by riskhint's names).\n\
         #[cfg(not(target_arch = \"wasm32\"))]\npub(crate) static IDS: &[&str] = &[\n{ids}];\n\
         /// Rules whose pattern or allow-list could not be translated, and why.\n#[cfg(not(target_arch = \"wasm32\"))]\npub static UNTRANSLATED: &[(&str, &str)] = &[\n{untranslated}];\n\
         /// Rules left out on purpose, and why.\n#[cfg(not(target_arch = \"wasm32\"))]\npub static NOT_TAKEN: &[(&str, &str)] = &[\n{not_taken}];\n"
    );
    std::fs::write(out_dir.join("secret_formats.rs"), code).expect("OUT_DIR is writable");
}

/// `secret_group` for a rule whose first group is a repeated piece of the token
/// (`([a-z0-9]{4}-){3}`), not the secret: the whole match is the secret.
const WHOLE_MATCH: u8 = 255;

/// The table the engine reads (family/credentials.rs): for each format its English and Korean
/// names, keywords, pattern, secret group, entropy threshold (thousandths) and allow-lists, then
/// the global allow-lists. Strings are a little-endian u16 length and UTF-8; lists, a count first.
#[derive(Default)]
struct Table(Vec<u8>);

impl Table {
    fn byte(&mut self, b: u8) {
        self.0.push(b);
    }
    fn u16(&mut self, n: u16) {
        self.0.extend(n.to_le_bytes());
    }
    fn str(&mut self, s: &str) {
        self.u16(u16::try_from(s.len()).expect("a string under 64 KB"));
        self.0.extend(s.as_bytes());
    }
    fn strs(&mut self, list: &[String]) {
        self.u16(u16::try_from(list.len()).expect("a list under 64 K"));
        for s in list {
            self.str(s);
        }
    }
    fn allows(&mut self, allows: &[Allow]) {
        self.byte(u8::try_from(allows.len()).expect("under 255 allow-lists"));
        for allow in allows {
            self.byte(allow.target);
            self.byte(u8::from(allow.all));
            self.strs(&allow.patterns);
            self.strs(&allow.stopwords);
        }
    }
}

/// An allow-list, translated. `target`: 0 the secret, 1 the match, 2 the line.
struct Allow {
    target: u8,
    all: bool,
    patterns: Vec<String>,
    stopwords: Vec<String>,
}

/// Whether the first capturing group of an RE2 pattern is followed by a repetition.
fn first_group_repeats(re2: &str) -> bool {
    let bytes = re2.as_bytes();
    let (mut i, mut in_class) = (0, false);
    let mut open: Option<(usize, usize)> = None; // (depth at the group, its index)
    let mut depth = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 1,
            b'[' if !in_class => in_class = true,
            b']' if in_class => in_class = false,
            b'(' if !in_class => {
                depth += 1;
                if open.is_none() && bytes.get(i + 1) != Some(&b'?') {
                    open = Some((depth, i));
                }
            }
            b')' if !in_class => {
                if open.is_some_and(|(d, _)| d == depth) {
                    return matches!(bytes.get(i + 1), Some(b'{' | b'*' | b'+' | b'?'));
                }
                depth -= 1;
            }
            _ => {}
        }
        i += 1;
    }
    false
}

/// An allow-list, translated; None where it can never apply to a post: one that only names
/// paths, or that needs a path to match as well (`condition = "AND"`).
fn allow(list: &AllowList) -> Result<Option<Allow>, String> {
    let needs_path = list.condition.as_deref() == Some("AND") && !list.paths.is_empty();
    if needs_path || (list.regexes.is_empty() && list.stopwords.is_empty()) {
        return Ok(None);
    }
    let target = match list.regex_target.as_deref() {
        None | Some("secret") => 0,
        Some("match") => 1,
        Some("line") => 2,
        Some(other) => return Err(format!("regexTarget `{other}` is unknown")),
    };
    Ok(Some(Allow {
        target,
        all: list.condition.as_deref() == Some("AND"),
        patterns: list.regexes.iter().map(|r| translate(r)).collect::<Result<Vec<_>, _>>()?,
        stopwords: list.stopwords.iter().map(|s| s.to_lowercase()).collect(),
    }))
}

/// How gitleaks ends most tokens: a quote, space, `;`, an escaped line break, or the end.
const TOKEN_END: &str = r#"(?:[\x60'"\s;]|\\[nr]|$)"#;
/// The same in prose: closing punctuation, or a letter outside ASCII (a Korean particle glued to
/// the token: `키는 AIza…를 쓰세요`) also end a token.
const TOKEN_END_IN_PROSE: &str = r#"(?:[\x60'"\s;.,!?)\]}>]|\\[nr]|[^\x00-\x7F]|$)"#;

/// An RE2 pattern as an equivalent pattern for the regex crate without Unicode case tables (and
/// with tokens ended as prose ends them).
fn translate(re2: &str) -> Result<String, String> {
    let ascii = ascii_classes(&re2.replace(TOKEN_END, TOKEN_END_IN_PROSE));
    let hir = regex_syntax::ParserBuilder::new().build().parse(&ascii).map_err(|e| one_line(&e.to_string()))?;
    Ok(hir.to_string())
}

fn one_line(error: &str) -> String {
    error.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// RE2's Perl classes and word boundary written as their ASCII forms (see the module comment).
fn ascii_classes(re2: &str) -> String {
    let mut out = String::with_capacity(re2.len() + 16);
    let mut chars = re2.chars().peekable();
    let mut in_class = false;
    // A `]` right after `[` or `[^` is a literal, not the class's end.
    let mut class_start = false;
    while let Some(c) = chars.next() {
        let at_class_start = std::mem::take(&mut class_start);
        match c {
            '\\' => {
                let Some(next) = chars.next() else {
                    out.push('\\');
                    break;
                };
                let posix = match next {
                    'w' => Some("word"),
                    'W' => Some("^word"),
                    'd' => Some("digit"),
                    'D' => Some("^digit"),
                    's' => Some("space"),
                    'S' => Some("^space"),
                    _ => None,
                };
                match (posix, in_class, next) {
                    (Some(name), true, _) => write!(out, "[:{name}:]").unwrap(),
                    (Some(name), false, _) => match name.strip_prefix('^') {
                        Some(positive) => write!(out, "[^[:{positive}:]]").unwrap(),
                        None => write!(out, "[[:{name}:]]").unwrap(),
                    },
                    (None, false, 'b' | 'B') => write!(out, "(?-u:\\{next})").unwrap(),
                    _ => {
                        out.push('\\');
                        out.push(next);
                    }
                }
            }
            '[' if in_class && chars.peek() == Some(&':') => {
                // A POSIX class inside a class: copied through its `:]`.
                out.push('[');
                for d in chars.by_ref() {
                    out.push(d);
                    if d == ']' {
                        break;
                    }
                }
            }
            '[' if !in_class => {
                out.push('[');
                in_class = true;
                class_start = true;
                if chars.peek() == Some(&'^') {
                    out.push(chars.next().unwrap());
                }
            }
            // RE2 reads a `{` that opens no repetition (`{{ secrets.X }}`) as a literal; regex rejects it.
            '{' if !in_class => {
                let rest: String = chars.clone().take_while(|&d| d != '}').collect();
                let counts = rest.split(',').collect::<Vec<_>>();
                let repetition = chars.clone().any(|d| d == '}')
                    && (1..=2).contains(&counts.len())
                    && !counts[0].is_empty()
                    && counts.iter().all(|n| n.chars().all(|d| d.is_ascii_digit()));
                if repetition {
                    out.push('{');
                    for d in chars.by_ref() {
                        out.push(d);
                        if d == '}' {
                            break;
                        }
                    }
                } else {
                    out.push_str("\\{");
                }
            }
            '}' if !in_class => out.push_str("\\}"),
            ']' if in_class && !at_class_start => {
                out.push(']');
                in_class = false;
            }
            _ => out.push(c),
        }
    }
    out
}
