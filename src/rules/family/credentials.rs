//! Credentials in gitleaks' formats (SEC001) and what gitleaks says is not a secret (SEC002 too).
//! The table is compiled from data/secrets/gitleaks.toml by build/secrets.rs (docs/secrets.md) and
//! read here the first time a draft is checked: a few hundred microseconds, once.

use regex::Regex;
use riskhint_text::trie::Trie;
use std::ops::Range;
use std::sync::{LazyLock, OnceLock};

include!(concat!(env!("OUT_DIR"), "/secret_formats.rs"));

/// The compiled table (its layout: `Table` in build/secrets.rs).
static TABLE_BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/secret_formats.bin"));

/// A credential format from gitleaks.toml.
pub(crate) struct Format {
    /// What riskhint calls it, in English and Korean (data/secrets/names.tsv).
    pub name: (&'static str, &'static str),
    /// Lower-case words one of which every match contains: a text without any is not searched.
    keywords: Vec<&'static str>,
    /// The pattern, translated from RE2 (no flags, ASCII classes).
    pattern: &'static str,
    /// The capture group holding the secret; 0: the first group that took part, else the match;
    /// 255: the whole match (the first group is a repeated piece of the token).
    secret_group: u8,
    /// A secret whose Shannon entropy (bits per byte) is at most this is a placeholder; 0: no limit.
    min_entropy: f64,
    allow: Vec<Allow>,
    /// The pattern and allow-list patterns, compiled the first time the format's keyword is seen:
    /// compiling ~220 patterns in a cold worker would cost more than every other rule's setup.
    compiled: OnceLock<Option<Compiled>>,
}

struct Compiled {
    pattern: Regex,
    /// Each allow-list's patterns, as one.
    allow: Vec<Option<Regex>>,
}

/// One of gitleaks' allow-lists: a candidate is not a secret if its target (0 the secret, 1 the
/// match, 2 the line) matches a pattern or its secret contains a stop-word (both, where `all`).
struct Allow {
    target: u8,
    all: bool,
    patterns: Vec<&'static str>,
    stopwords: Vec<&'static str>,
}

struct Reader(&'static [u8]);

impl Reader {
    fn byte(&mut self) -> u8 {
        let (first, rest) = self.0.split_first().expect("secret_formats.bin is whole");
        self.0 = rest;
        *first
    }
    fn u16(&mut self) -> u16 {
        u16::from_le_bytes([self.byte(), self.byte()])
    }
    fn str(&mut self) -> &'static str {
        let len = usize::from(self.u16());
        let (s, rest) = self.0.split_at(len);
        self.0 = rest;
        std::str::from_utf8(s).expect("secret_formats.bin holds UTF-8")
    }
    fn strs(&mut self) -> Vec<&'static str> {
        (0..self.u16()).map(|_| self.str()).collect()
    }
    fn allows(&mut self) -> Vec<Allow> {
        (0..self.byte()).map(|_| Allow { target: self.byte(), all: self.byte() == 1, patterns: self.strs(), stopwords: self.strs() }).collect()
    }
}

/// The formats, and gitleaks' global allow-lists.
static TABLE: LazyLock<(Vec<Format>, Vec<Allow>)> = LazyLock::new(|| {
    let mut read = Reader(TABLE_BYTES);
    let formats = (0..read.u16())
        .map(|_| Format {
            name: (read.str(), read.str()),
            keywords: read.strs(),
            pattern: read.str(),
            secret_group: read.byte(),
            min_entropy: f64::from(read.u16()) / 1000.0,
            allow: read.allows(),
            compiled: OnceLock::new(),
        })
        .collect();
    (formats, read.allows())
});

/// Patterns as one alternation: one compilation, which in a cold worker costs about what one
/// pattern does.
fn any_of<'p>(patterns: impl IntoIterator<Item = &'p &'static str>) -> Option<Regex> {
    let alternatives: Vec<String> = patterns.into_iter().map(|p| format!("(?:{p})")).collect();
    (!alternatives.is_empty()).then(|| Regex::new(&alternatives.join("|")).ok()).flatten()
}

/// The global allow-lists' patterns, compiled when a candidate first needs them (not when a
/// draft is first checked: compiling them made a cold worker's first check several times slower).
static GLOBAL_PATTERNS: LazyLock<Option<Regex>> = LazyLock::new(|| any_of(TABLE.1.iter().flat_map(|a| &a.patterns)));

pub(crate) fn formats() -> &'static [Format] {
    &TABLE.0
}

/// Every format's keywords in one trie, and the format each belongs to.
static KEYWORDS: LazyLock<(Trie, Vec<usize>)> = LazyLock::new(|| {
    let (mut words, mut owners) = (Vec::new(), Vec::new());
    for (format, f) in formats().iter().enumerate() {
        for word in &f.keywords {
            words.push(*word);
            owners.push(format);
        }
    }
    (Trie::new(&words), owners)
});

fn compiled(format: &Format) -> Option<&Compiled> {
    format
        .compiled
        .get_or_init(|| {
            let allow = format.allow.iter().map(|a| any_of(&a.patterns)).collect();
            Regex::new(format.pattern).ok().map(|pattern| Compiled { pattern, allow })
        })
        .as_ref()
}

/// Shannon entropy in bits per byte, as gitleaks measures a secret.
pub(crate) fn entropy(secret: &str) -> f64 {
    let mut counts = [0u32; 256];
    for b in secret.bytes() {
        counts[b as usize] += 1;
    }
    let n = secret.len() as f64;
    counts.iter().filter(|&&c| c > 0).map(|&c| f64::from(c) / n).map(|p| -p * p.log2()).sum()
}

/// Whether gitleaks' global allow-list says a value is no secret: a variable reference
/// (`$API_KEY`, `${TOKEN}`, `%VAR%`), a template (`{{ secrets.X }}`), a path, `true`, a run of
/// one letter… A value containing `example` (AKIAIOSFODNN7EXAMPLE) is a documented example.
pub(crate) fn placeholder(value: &str) -> bool {
    let lower = value.to_ascii_lowercase();
    lower.contains("example")
        || TABLE.1.iter().any(|a| a.stopwords.iter().any(|w| lower.contains(w)))
        || GLOBAL_PATTERNS.as_ref().is_some_and(|p| p.is_match(value))
}

/// Whether a format's allow-lists drop a candidate.
fn allowed(format: &Format, compiled: &Compiled, secret: &str, matched: &str, line: &str) -> bool {
    let lower = secret.to_ascii_lowercase();
    format.allow.iter().zip(&compiled.allow).any(|(allow, patterns)| {
        let target = [secret, matched, line][usize::from(allow.target.min(2))];
        let by_pattern = patterns.as_ref().is_some_and(|p| p.is_match(target));
        let by_word = allow.stopwords.iter().any(|w| lower.contains(w));
        if allow.all && !allow.patterns.is_empty() && !allow.stopwords.is_empty() {
            by_pattern && by_word
        } else {
            by_pattern || by_word
        }
    }) || placeholder(secret)
}

/// How far before a keyword a match may start, and after it end: gitleaks' patterns allow 50
/// characters of a variable name before the keyword, and a private key block runs ~3 KB after it.
const BEFORE_KEYWORD: usize = 256;
const AFTER_KEYWORD: usize = 4096;

/// The windows of `text` around a format's keywords, merged: the pattern runs only there, so a
/// long draft is not searched end to end once per format. A window starts at a line's start or
/// after a space (so word edges and `^` read true) and ends at a line's end where one is near.
fn windows(text: &str, keywords: &[(usize, usize)]) -> Vec<Range<usize>> {
    let mut merged: Vec<Range<usize>> = Vec::new();
    for &(start, end) in keywords {
        let floor = floor_boundary(text, start.saturating_sub(BEFORE_KEYWORD));
        // The line's start where it is near (`kind: Secret` starts before its keyword), else
        // after the last space.
        let before = &text[floor..start];
        let after_space = || before.char_indices().rev().find(|(_, c)| c.is_whitespace()).map(|(i, c)| i + c.len_utf8());
        let from = floor + before.rfind('\n').map(|i| i + 1).or_else(after_space).unwrap_or(0);
        let mut to = floor_boundary(text, (end + AFTER_KEYWORD).min(text.len()));
        if let Some(line_end) = text[to..floor_boundary(text, (to + LINE_REACH).min(text.len()))].find('\n') {
            to += line_end;
        }
        match merged.last_mut() {
            Some(last) if from <= last.end => last.end = last.end.max(to),
            _ => merged.push(from..to),
        }
    }
    merged
}

/// How far a window or an allow-list's line reaches for a line break: bounded, so that a text
/// without one costs no more per keyword than one with many.
const LINE_REACH: usize = 512;

/// The line around `range`, or as much of it as lies within [`LINE_REACH`] bytes.
fn line_around(text: &str, range: Range<usize>) -> &str {
    let floor = floor_boundary(text, range.start.saturating_sub(LINE_REACH));
    let ceiling = floor_boundary(text, (range.end + LINE_REACH).min(text.len()));
    let start = text[floor..range.start].rfind('\n').map_or(floor, |i| floor + i + 1);
    let end = text[range.end..ceiling].find('\n').map_or(ceiling, |i| range.end + i);
    &text[start..end]
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Every credential in `text`, not overlapping, by position: its format and the secret's range.
pub(crate) fn find(text: &str) -> Vec<(&'static Format, Range<usize>)> {
    let lower = text.to_ascii_lowercase();
    let (trie, owners) = &*KEYWORDS;
    let mut hits = Vec::new();
    trie.find_all(&lower, &mut hits);
    if hits.is_empty() {
        return Vec::new();
    }
    let mut by_format: Vec<Vec<(usize, usize)>> = vec![Vec::new(); formats().len()];
    for (start, end, key) in hits {
        by_format[owners[key as usize]].push((start as usize, end as usize));
    }
    // Each format's secrets, in order of position.
    let mut found: Vec<(usize, Vec<Range<usize>>)> = Vec::new();
    for (index, keywords) in by_format.iter().enumerate().filter(|(_, k)| !k.is_empty()) {
        let format = &formats()[index];
        let Some(compiled) = compiled(format) else { continue };
        let mut secrets = Vec::new();
        for window in windows(text, keywords) {
            let haystack = &text[window.clone()];
            for c in compiled.pattern.captures_iter(haystack) {
                let whole = c.get(0).expect("whole match");
                let secret = match format.secret_group {
                    0 => (1..c.len()).find_map(|g| c.get(g)).unwrap_or(whole),
                    255 => whole,
                    g => c.get(usize::from(g)).unwrap_or(whole),
                };
                if secret.is_empty() || (format.min_entropy > 0.0 && entropy(secret.as_str()) <= format.min_entropy) {
                    continue;
                }
                let line = line_around(haystack, secret.range());
                if !allowed(format, compiled, secret.as_str(), whole.as_str(), line) {
                    secrets.push(window.start + secret.start()..window.start + secret.end());
                }
            }
        }
        found.push((index, secrets));
    }
    // Merged by position; where formats overlap (a token two rules describe), the longer secret,
    // then the format listed first, is reported. (A merge, not a sort: the engine has no sort
    // for these, and a few formats at most take part.)
    let mut next = vec![0; found.len()];
    let mut kept: Vec<(&'static Format, Range<usize>)> = Vec::new();
    loop {
        let first = (0..found.len())
            .filter_map(|list| found[list].1.get(next[list]).map(|secret| (secret.start, std::cmp::Reverse(secret.end), list)))
            .min();
        let Some((start, std::cmp::Reverse(end), list)) = first else { break };
        next[list] += 1;
        if kept.last().is_none_or(|(_, last)| start >= last.end) {
            kept.push((&formats()[found[list].0], start..end));
        }
    }
    kept
}

/// Each format's gitleaks id and riskhint's names, in the table's order (docs and tests).
#[cfg(not(target_arch = "wasm32"))]
pub fn named_formats() -> impl Iterator<Item = (&'static str, &'static str, &'static str)> {
    IDS.iter().zip(formats()).map(|(id, f)| (*id, f.name.0, f.name.1))
}

/// Each format's gitleaks id, its translated pattern and its first keyword (tests make tokens).
#[cfg(not(target_arch = "wasm32"))]
pub fn patterns() -> impl Iterator<Item = (&'static str, &'static str, &'static str)> {
    IDS.iter().zip(formats()).map(|(id, f)| (*id, f.pattern, f.keywords.first().copied().unwrap_or("")))
}

/// The formats whose pattern the engine's regex build rejects, with the error.
#[cfg(not(target_arch = "wasm32"))]
pub fn uncompilable() -> Vec<(&'static str, String)> {
    IDS.iter().zip(formats()).filter_map(|(id, f)| Regex::new(f.pattern).err().map(|e| (*id, e.to_string()))).collect()
}
