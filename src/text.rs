//! Folded views of a draft, each with a map back to the original text.
//!
//! People write "ＦＡＬＣＯＮ", "Fal\u{200B}con", "sh1t", "시1발" and "Project  Falcon"; rules should not
//! have to care. A [`View`] is a rewritten copy of the text in which every byte remembers the byte
//! range of the original character it came from, so a match found in any view is reported as a span
//! of the text the user actually sees.
//!
//! * [`Views::folded`]: NFKC/NFKD compatibility forms, diacritics and invisible characters removed,
//!   lower case, Cyrillic and Greek look-alikes mapped to Latin. Spaces and punctuation stay, so
//!   regular expressions can still see words and numbers.
//! * [`Views::compact`]: `folded` with everything but letters and digits removed, so phrases match
//!   whatever spacing or punctuation sits between their words.
//! * [`Views::tone`]: `compact` plus leetspeak undone inside Latin words (`sh1t`), digits and symbols
//!   between Hangul syllables dropped (`씨@발`), and `*` kept for masked words (`f***`).

use std::ops::Range;
use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// The original byte range a character of a view came from.
type Origin = (u32, u32);

/// A rewritten text whose bytes each know the original byte range they came from.
#[derive(Debug, Default, Clone)]
pub struct View {
    /// The rewritten text.
    pub text: String,
    origin: Vec<Origin>,
}

impl View {
    fn with_capacity(n: usize) -> Self {
        View { text: String::with_capacity(n), origin: Vec::with_capacity(n) }
    }

    #[inline]
    fn push(&mut self, c: char, from: Origin) {
        self.text.push(c);
        self.origin.push(from);
        for _ in 1..c.len_utf8() {
            self.origin.push(from);
        }
    }

    /// Appends ASCII `run`, lower-cased, that starts at byte `at` of the original.
    fn push_ascii_lowercase(&mut self, run: &str, at: usize) {
        let start = self.text.len();
        self.text.push_str(run);
        self.text[start..].make_ascii_lowercase();
        self.origin.extend((at..at + run.len()).map(|i| (i as u32, i as u32 + 1)));
    }

    /// Drops the last character, which the caller knows to be ASCII.
    fn pop_ascii(&mut self) {
        self.text.pop();
        self.origin.pop();
    }

    /// Extends the last character's origin to the end of `from` (a collapsed run of letters).
    fn extend_last(&mut self, from: Origin) {
        if let Some(last) = self.origin.last_mut() {
            last.1 = from.1;
        }
    }

    /// The original byte range behind `range` of this view. An empty range maps to an empty range
    /// at the original position of its start.
    pub fn to_original(&self, range: Range<usize>) -> Range<usize> {
        if self.origin.is_empty() {
            return 0..0;
        }
        if range.start >= range.end {
            let at = self.origin.get(range.start).map_or(self.origin[self.origin.len() - 1].1, |o| o.0);
            return at as usize..at as usize;
        }
        self.origin[range.start].0 as usize..self.origin[range.end - 1].1 as usize
    }

}

/// The three views every rule can use, built once per text.
#[derive(Debug, Clone)]
pub struct Views {
    /// Compatibility-folded, lower-case text with spaces and punctuation kept.
    pub folded: View,
    /// Letters and digits of `folded` only.
    pub compact: View,
    /// `compact` with leetspeak and masked words undone, for profanity and insults.
    pub tone: View,
}

impl Views {
    /// Builds the views of `original`.
    pub fn new(original: &str) -> Self {
        let folded = fold(original);
        let (compact, tone) = compact_and_tone(&folded);
        Views { folded, compact, tone }
    }
}

/// Characters that render as nothing and are used to split words past filters.
pub fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
        | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{FFA0}'
        | '\u{E0000}'..='\u{E007F}')
}

pub fn is_hangul(c: char) -> bool {
    matches!(c, '\u{AC00}'..='\u{D7A3}' | '\u{1100}'..='\u{11FF}' | '\u{3130}'..='\u{318F}' | '\u{A960}'..='\u{A97F}' | '\u{D7B0}'..='\u{D7FF}')
}

/// Emoji blocks (symbols and pictographs, emoticons, transport, supplemental symbols): no
/// decomposition, no case.
fn is_pictograph(c: char) -> bool {
    matches!(c, '\u{1F300}'..='\u{1FAFF}')
}

fn is_hangul_syllable(c: char) -> bool {
    matches!(c, '\u{AC00}'..='\u{D7A3}')
}

/// Latin letters and ASCII digits: the characters that make an English word continue.
pub fn is_latin_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || (c.is_alphabetic() && ('\u{00C0}'..='\u{024F}').contains(&c))
}

/// Cyrillic and Greek letters that look like Latin ones, as used to slip words past filters.
fn homoglyph(c: char) -> char {
    match c {
        'а' | 'α' => 'a',
        'в' | 'β' => 'b',
        'с' | 'ϲ' => 'c',
        'ԁ' => 'd',
        'е' | 'ε' | 'ё' => 'e',
        'һ' => 'h',
        'і' | 'ι' | 'ї' => 'i',
        'ј' => 'j',
        'к' | 'κ' => 'k',
        'м' => 'm',
        'п' | 'η' => 'n',
        'о' | 'ο' | 'σ' => 'o',
        'р' | 'ρ' => 'p',
        'ԛ' => 'q',
        'ѕ' => 's',
        'т' | 'τ' => 't',
        'υ' => 'u',
        'ν' => 'v',
        'ѡ' | 'ω' => 'w',
        'х' | 'χ' => 'x',
        'у' | 'γ' => 'y',
        _ => c,
    }
}

/// The folded view of `original`.
fn fold(original: &str) -> View {
    let mut view = View::with_capacity(original.len());
    let mut at = 0;
    while at < original.len() {
        // A run of ASCII is lower-cased and mapped byte for byte, in bulk: most text is ASCII.
        let ascii = original.as_bytes()[at..].iter().position(|b| !b.is_ascii()).unwrap_or(original.len() - at);
        if ascii > 0 {
            view.push_ascii_lowercase(&original[at..at + ascii], at);
            at += ascii;
            continue;
        }
        let c = original[at..].chars().next().expect("at a character boundary");
        let from = (at as u32, (at + c.len_utf8()) as u32);
        at += c.len_utf8();
        let mut push = |c: char, from: Origin| view.push(c, from);
        if is_hangul_syllable(c) || is_pictograph(c) {
            // Neither has a compatibility form or a case: skip the table look-ups (hot in tweets).
            push(c, from);
        } else if !is_invisible(c) {
            decompose_compatible(c, |d| {
                if is_combining_mark(d) || is_invisible(d) {
                    return;
                }
                for l in d.to_lowercase() {
                    if !is_combining_mark(l) {
                        push(homoglyph(l), from);
                    }
                }
            });
        }
    }
    view
}

/// Symbols that stand for letters inside Latin words.
fn leet(c: char) -> Option<char> {
    Some(match c {
        '1' | '!' | '|' => 'i',
        '3' => 'e',
        '4' | '@' => 'a',
        '0' => 'o',
        '5' | '$' => 's',
        '7' | '+' => 't',
        _ => return None,
    })
}

/// The compact and tone views, built in one pass over the folded view.
fn compact_and_tone(folded: &View) -> (View, View) {
    let text = folded.text.as_str();
    let mut compact = View::with_capacity(text.len());
    let mut tone = View::with_capacity(text.len());
    // The nearest character on either side of byte `at` that is not white space: "시 1 발" is
    // judged like "시1발".
    let spaced_before = |at: usize| text[..at].chars().rev().find(|c| !c.is_whitespace());
    let spaced_after = |at: usize| text[at..].chars().skip(1).find(|c| !c.is_whitespace());
    let latin = |n: Option<char>| n.is_some_and(|n| n.is_ascii_alphabetic());
    let mut run = 0; // how many times the current ASCII letter has repeated so far
    let mut previous = None;
    let mut chars = text.char_indices();
    let mut next = chars.next();
    while let Some((at, c)) = next {
        next = chars.next();
        let before = std::mem::replace(&mut previous, Some(c));
        let after = next.map(|(_, c)| c);
        let from = folded.origin[at];
        // ASCII and Hangul syllables answer without the Unicode tables (hot in Korean text).
        let alphabetic = c.is_ascii_alphabetic() || is_hangul_syllable(c) || (!c.is_ascii() && c.is_alphabetic());
        if alphabetic || c.is_ascii_digit() || (!c.is_ascii() && c.is_numeric()) {
            compact.push(c, from);
        }
        if alphabetic {
            // "fuuuuck", "shiiiit": a run of three or more of one Latin letter counts once.
            run = if c.is_ascii_alphabetic() && before == Some(c) { run + 1 } else { 1 };
            match run {
                3 => {
                    tone.pop_ascii();
                    tone.extend_last(from);
                }
                4.. => tone.extend_last(from),
                _ => tone.push(c, from),
            }
            continue;
        }
        run = 0;
        if let Some(letter) = leet(c).filter(|_| latin(before) || latin(after)) {
            // "5hit" and "sh1t" but not "B2B" or "3:1"; a digit run stays a number.
            let digit_run = before.is_some_and(|b| b.is_ascii_digit()) || after.is_some_and(|a| a.is_ascii_digit());
            if !(c.is_ascii_digit() && digit_run) {
                tone.push(letter, from);
            }
        } else if c == '*' && (latin(before) || before == Some('*')) {
            tone.push('*', from);
        } else if c.is_ascii_digit() {
            let inside_hangul = spaced_before(at).is_some_and(is_hangul) && spaced_after(at).is_some_and(is_hangul);
            if !inside_hangul {
                tone.push(c, from);
            }
        }
    }
    (compact, tone)
}

/// The character of `original` before byte `at`, passing over invisible characters and combining marks.
pub fn char_before(original: &str, at: usize) -> Option<char> {
    original[..at].chars().rev().find(|&c| !is_invisible(c) && !is_combining_mark(c))
}

/// The character of `original` from byte `at`, passing over invisible characters and combining marks.
pub fn char_after(original: &str, at: usize) -> Option<char> {
    original[at..].chars().find(|&c| !is_invisible(c) && !is_combining_mark(c))
}

/// Converts a byte offset of `text` into a count of Unicode scalar values.
pub fn char_offset(text: &str, byte: usize) -> usize {
    text[..byte].chars().count()
}

/// Converts a byte offset of `text` into UTF-16 code units, as JavaScript counts.
pub fn utf16_offset(text: &str, byte: usize) -> usize {
    text[..byte].chars().map(char::len_utf16).sum()
}

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

#[cfg(test)]
mod tests {
    use super::*;

    fn original_of<'a>(text: &'a str, view: &View, needle: &str) -> &'a str {
        let at = view.text.find(needle).expect("needle in view");
        &text[view.to_original(at..at + needle.len())]
    }

    #[test]
    fn full_width_and_zero_width_fold_back_to_what_the_user_wrote() {
        let text = "see ＦＡＬ\u{200B}ＣＯＮ now";
        let views = Views::new(text);
        assert_eq!(original_of(text, &views.compact, "falcon"), "ＦＡＬ\u{200B}ＣＯＮ");
    }

    #[test]
    fn diacritics_and_cyrillic_look_alikes_fold_to_latin() {
        let text = "Prоjеct Fálcon"; // Cyrillic о and е
        assert_eq!(Views::new(text).compact.text, "projectfalcon");
    }

    #[test]
    fn leetspeak_is_undone_inside_words_only() {
        assert_eq!(Views::new("sh1t $hit f***").tone.text, "shitshitf***");
        assert_eq!(Views::new("B2B 3:1 100").tone.text, "b2b31100");
        assert_eq!(Views::new("fuuuuck shiiit good").tone.text, "fuckshitgood");
    }

    #[test]
    fn symbols_between_hangul_are_dropped_in_the_tone_view() {
        let text = "시1발 씨@발";
        let views = Views::new(text);
        assert_eq!(views.tone.text, "시발씨발");
        assert_eq!(original_of(text, &views.tone, "씨발"), "씨@발");
    }

    #[test]
    fn sentences_split_on_terminal_punctuation_and_newlines() {
        let text = "Revenue was $2B. We are happy!\n다음 분기에 봐요";
        let parts: Vec<&str> = sentences(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(parts, ["Revenue was $2B.", " We are happy!", "다음 분기에 봐요"]);
    }

    #[test]
    fn offsets_convert_to_chars_and_utf16() {
        let text = "a😀한b";
        let b = text.find('b').unwrap();
        assert_eq!(char_offset(text, b), 3);
        assert_eq!(utf16_offset(text, b), 4);
    }
}
