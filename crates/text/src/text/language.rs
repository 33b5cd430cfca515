//! A text's main language and its sentences.

use super::chars::is_hangul;
use std::ops::Range;

/// The script of a draft: "ko" when Hangul letters are at least as many as Latin ones, else "en".
pub fn language(text: &str) -> Language {
    let (mut hangul, mut latin) = (0usize, 0usize);
    for c in text.chars() {
        if is_hangul(c) {
            hangul += 1;
        } else if c.is_ascii_alphabetic() {
            latin += 1;
        }
    }
    if hangul > 0 && hangul * 2 >= latin {
        Language::Ko
    } else {
        Language::En
    }
}

/// The two languages riskhint speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// English.
    En,
    /// Korean.
    Ko,
}

/// Sentence ranges (byte offsets) of a text: split after `.`, `!`, `?`, `。` followed by a space,
/// and at line breaks. Used by rules that need two cues in the same sentence.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let end = at + c.len_utf8();
        let next_is_space = chars.peek().is_none_or(|&(_, n)| n.is_whitespace());
        let closes = c == '\n' || (matches!(c, '.' | '!' | '?' | '。' | '？' | '！') && next_is_space);
        if closes {
            if text[start..end].trim().len() > 1 {
                out.push(start..end);
            }
            start = end;
        }
    }
    if !text[start..].trim().is_empty() {
        out.push(start..text.len());
    }
    out
}
