//! Folded views of a draft, each with a map back to the original text.
//!
//! People write "ＦＡＬＣＯＮ", "Fal\u{200B}con", "sh1t", "시1발" and "Project  Falcon"; rules should not
//! have to care. A [`View`] is a rewritten copy of the text in which every byte remembers the byte
//! range of the original character it came from, so a match found in any view is reported as a span
//! of the text the user actually sees.
//!
//! * [`Views::folded`]: NFKC/NFKD compatibility forms, diacritics and invisible characters removed,
//!   lower case, Cyrillic and Greek look-alikes mapped to Latin, and Hangul spelled out in jamo
//!   composed into syllables (`ㅍㅐㄹㅋㅓㄴ` → 팰컨; jamo that form no syllable, like `ㅋㅋ`, stay).
//!   Spaces and punctuation stay, so regular expressions can still see words and numbers.
//! * [`Views::compact`]: `folded` with everything but letters and digits removed, so phrases match
//!   whatever spacing or punctuation sits between their words.
//! * [`Views::tone`]: `compact` plus leetspeak undone inside Latin words (`sh1t`), digits and symbols
//!   between Hangul syllables dropped (`씨@발`), and `*` kept for masked words (`f***`).
//!
//! [`unmasked`] is a fourth, case-keeping view for the patterns that care about case (keys and
//! tokens): invisible characters dropped, full-width ASCII and look-alike letters made ASCII. It is
//! built only when a text has such characters.

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
    /// Whether `tone` reads a symbol as a letter or drops one between Hangul syllables somewhere,
    /// the only ways it can spell a word that `compact` does not. Lists matched in both views
    /// skip the tone pass without it.
    pub tone_rewrites: bool,
    /// Whether the text has invisible characters, full-width forms or look-alike letters, so that
    /// [`unmasked`] would differ from it.
    pub masked: bool,
}

impl Views {
    /// Builds the views of `original`.
    pub fn new(original: &str) -> Self {
        let (folded, masked) = fold(original);
        let (compact, tone, tone_rewrites) = compact_and_tone(&folded);
        Views { folded, compact, tone, tone_rewrites, masked }
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

/// Latin letters and digits, full-width ones too: the characters that make an English word
/// continue ("ＦＡＬＣＯＮＲＹ" is one word, not "Falcon" and more).
pub fn is_latin_word_char(c: char) -> bool {
    // The ranges first: `is_alphabetic` looks up tables for Hangul, the commonest non-ASCII text.
    c.is_ascii_alphanumeric()
        || (('\u{00C0}'..='\u{024F}').contains(&c) && c.is_alphabetic())
        || full_width_ascii(c).is_some_and(|a| a.is_ascii_alphanumeric())
}

/// The ASCII character a full-width form stands for (`Ａ` → `A`, `０` → `0`, `：` → `:`).
fn full_width_ascii(c: char) -> Option<char> {
    ('\u{FF01}'..='\u{FF5E}').contains(&c).then(|| char::from_u32(c as u32 - 0xFEE0)).flatten()
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

/// A look-alike letter as the Latin letter it imitates, keeping its case (`А` → `A`, `о` → `o`).
fn homoglyph_cased(c: char) -> char {
    // A capital's lower case is one character for every look-alike (Greek and Cyrillic).
    let lower = c.to_lowercase().next().unwrap_or(c);
    match homoglyph(lower) {
        latin if latin == lower => c,
        latin if lower == c => latin,
        latin => latin.to_ascii_uppercase(),
    }
}

/// Whether `c`, after `previous`, can hide part of a key or a password: a full-width letter, digit
/// or `：＝－＿．` and quotes, a look-alike letter, or an invisible character after a letter or digit.
/// Invisible characters elsewhere (the U+FE0F and U+200D of emoji) and full-width `！？` are common
/// and hide nothing, so they alone do not make a text need its [`unmasked`] view.
fn masks(c: char, previous: Option<char>) -> bool {
    if c.is_ascii() {
        return false;
    }
    let letter = |c: char| c.is_ascii_alphanumeric() || full_width_ascii(c).is_some_and(|a| a.is_ascii_alphanumeric()) || look_alike(c);
    let look_alike_or_wide = |c: char| look_alike(c) || full_width_ascii(c).is_some_and(|a| a.is_ascii_alphanumeric() || "-_.:=\"'`".contains(a));
    look_alike_or_wide(c) || (is_invisible(c) && previous.is_some_and(letter))
}

/// A Cyrillic or Greek letter that looks like a Latin one.
fn look_alike(c: char) -> bool {
    ('\u{0370}'..='\u{052F}').contains(&c) && homoglyph_cased(c) != c
}

/// `original` with invisible characters dropped, full-width ASCII forms made ASCII and Cyrillic and
/// Greek look-alikes made Latin, keeping case, for patterns where case matters (AWS keys, tokens);
/// `None` when no character would change, which is most texts: the original serves as it is.
pub fn unmasked(original: &str) -> Option<View> {
    let mut previous = None;
    original.chars().find(|&c| masks(c, std::mem::replace(&mut previous, Some(c))))?;
    let mut view = View::with_capacity(original.len());
    for (at, c) in original.char_indices() {
        let from = (at as u32, (at + c.len_utf8()) as u32);
        if c.is_ascii() || is_hangul_syllable(c) {
            view.push(c, from);
        } else if !is_invisible(c) {
            let plain = full_width_ascii(c).unwrap_or_else(|| if look_alike(c) { homoglyph_cased(c) } else { c });
            view.push(plain, from);
        }
    }
    Some(view)
}

/// Hangul compatibility jamo (ㄱ…ㅣ), as typed one letter at a time.
fn is_compatibility_jamo(c: char) -> bool {
    ('\u{3131}'..='\u{3163}').contains(&c)
}

/// Composes jamo spelled out one by one (`ㅍㅐㄹㅋㅓㄴ`) into syllables (팰컨), the way a Korean
/// keyboard does: a consonant before a vowel starts a syllable, one after it ends the syllable
/// unless a vowel follows. Calls `piece` in text order with the range of `jamo` of each syllable
/// and the syllable, or of each jamo that forms no syllable (`ㅋㅋ`, `ㅠㅠ`) and `None`.
fn compose_jamo(jamo: &[char], mut piece: impl FnMut(Range<usize>, Option<char>)) {
    // Compatibility consonants ㄱ…ㅎ (U+3131…U+314E) as initial and final indices; 0xFF: cannot be.
    const INITIAL: [u8; 30] = [0, 1, 0xFF, 2, 0xFF, 0xFF, 3, 4, 5, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 6, 7, 8, 0xFF, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18];
    const FINAL: [u8; 30] = [1, 2, 3, 4, 5, 6, 7, 0xFF, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 0xFF, 18, 19, 20, 21, 22, 0xFF, 23, 24, 25, 26, 27];
    let consonant = |i: usize| jamo.get(i).and_then(|&c| ('\u{3131}'..='\u{314E}').contains(&c).then(|| c as usize - 0x3131));
    let vowel = |i: usize| jamo.get(i).and_then(|&c| ('\u{314F}'..='\u{3163}').contains(&c).then(|| c as u32 - 0x314F));
    let initial = |i: usize| consonant(i).map(|k| INITIAL[k]).filter(|&x| x != 0xFF);
    let final_of = |i: usize| consonant(i).map(|k| FINAL[k]).filter(|&x| x != 0xFF);
    // Two vowels or two finals typed apart that make one (ㅗ+ㅏ → ㅘ, ㄹ+ㄱ → ㄺ).
    let double_vowel = |a: u32, b: u32| match (a, b) {
        (8, 0) => Some(9), (8, 1) => Some(10), (8, 20) => Some(11), (13, 4) => Some(14), (13, 5) => Some(15), (13, 20) => Some(16), (18, 20) => Some(19),
        _ => None,
    };
    let double_final = |a: u8, b: u8| match (a, b) {
        (1, 19) => Some(3), (4, 22) => Some(5), (4, 27) => Some(6), (8, 1) => Some(9), (8, 16) => Some(10), (8, 17) => Some(11),
        (8, 19) => Some(12), (8, 25) => Some(13), (8, 26) => Some(14), (8, 27) => Some(15), (17, 19) => Some(18),
        _ => None,
    };
    let mut i = 0;
    while i < jamo.len() {
        let (Some(lead), Some(mut medial)) = (initial(i), vowel(i + 1)) else {
            piece(i..i + 1, None);
            i += 1;
            continue;
        };
        let start = i;
        i += 2;
        if let Some(v) = vowel(i).and_then(|v| double_vowel(medial, v)) {
            medial = v;
            i += 1;
        }
        let mut tail = 0;
        if let Some(t) = final_of(i).filter(|_| vowel(i + 1).is_none()) {
            tail = t;
            i += 1;
            if let Some(t) = final_of(i).filter(|_| vowel(i + 1).is_none()).and_then(|t2| double_final(tail, t2)) {
                tail = t;
                i += 1;
            }
        }
        let code = 0xAC00 + (u32::from(lead) * 21 + medial) * 28 + u32::from(tail);
        piece(start..i, char::from_u32(code));
    }
}

/// `text` with its spelled-out jamo composed into syllables (see [`compose_jamo`]), as the folded
/// view reads them; other Hangul stays as it is.
pub fn compose_spelled_hangul(text: &str) -> String {
    fold(text).0.text
}

/// The folded view of `original`, and whether it has characters that [`unmasked`] would change.
fn fold(original: &str) -> (View, bool) {
    let mut masked = false;
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
        if is_hangul_syllable(c) || is_pictograph(c) {
            // Neither has a compatibility form or a case: skip the table look-ups (hot in tweets).
            view.push(c, (at as u32, (at + c.len_utf8()) as u32));
            at += c.len_utf8();
            continue;
        }
        if is_compatibility_jamo(c) {
            at = fold_jamo_run(original, at, &mut view);
            continue;
        }
        masked = masked || masks(c, original[..at].chars().next_back());
        push_folded(&mut view, c, (at as u32, (at + c.len_utf8()) as u32));
        at += c.len_utf8();
    }
    (view, masked)
}

/// Pushes `c` folded: compatibility forms decomposed, diacritics and invisible characters dropped,
/// lower case, look-alikes made Latin. One copy of the decomposition tables' code for every caller.
#[inline(never)]
fn push_folded(view: &mut View, c: char, from: Origin) {
    if is_invisible(c) {
        return;
    }
    decompose_compatible(c, |d| {
        if is_combining_mark(d) || is_invisible(d) {
            return;
        }
        for l in d.to_lowercase() {
            if !is_combining_mark(l) {
                view.push(homoglyph(l), from);
            }
        }
    });
}

/// Folds the run of compatibility jamo starting at byte `at` of `original` into `view`, composing
/// what spells syllables; returns where the run ends.
fn fold_jamo_run(original: &str, at: usize, view: &mut View) -> usize {
    let is_vowel = |c: char| ('\u{314F}'..='\u{3163}').contains(&c);
    let run = original[at..].find(|c: char| !is_compatibility_jamo(c)).map_or(original.len(), |n| at + n);
    // Every compatibility jamo takes three bytes in UTF-8.
    let origin = |i: usize| (at + 3 * i) as u32;
    if !original[at..run].chars().any(is_vowel) {
        // No vowel, no syllable: `ㅋㅋㅋ`, `ㅇㅋ`, as common as laughter.
        for (i, c) in original[at..run].chars().enumerate() {
            push_folded(view, c, (origin(i), origin(i + 1)));
        }
        return run;
    }
    let letters: Vec<char> = original[at..run].chars().collect();
    compose_jamo(&letters, |range, syllable| {
        let from = (origin(range.start), origin(range.end));
        match syllable {
            Some(s) => view.push(s, from),
            // A jamo that spells nothing folds as before (to its conjoining form), so `ㅋㅋ` in a
            // lexicon and in a text still meet.
            None => push_folded(view, letters[range.start], from),
        }
    });
    run
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
fn compact_and_tone(folded: &View) -> (View, View, bool) {
    let text = folded.text.as_str();
    let mut compact = View::with_capacity(text.len());
    let mut tone = View::with_capacity(text.len());
    // The nearest character on either side of byte `at` that is not white space: "시 1 발" is
    // judged like "시1발".
    let spaced_before = |at: usize| text[..at].chars().rev().find(|c| !c.is_whitespace());
    let spaced_after = |at: usize| text[at..].chars().skip(1).find(|c| !c.is_whitespace());
    let latin = |n: Option<char>| n.is_some_and(|n| n.is_ascii_alphabetic());
    let mut run = 0; // how many times the current ASCII letter has repeated so far
    let mut rewrites = false;
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
                rewrites = true;
            }
        } else if c == '*' && (latin(before) || before == Some('*')) {
            tone.push('*', from);
        } else if c.is_ascii_digit() {
            let inside_hangul = spaced_before(at).is_some_and(is_hangul) && spaced_after(at).is_some_and(is_hangul);
            if inside_hangul {
                rewrites = true;
            } else {
                tone.push(c, from);
            }
        }
    }
    (compact, tone, rewrites)
}

/// The character of `original` before byte `at`, passing over invisible characters and combining marks.
pub fn char_before(original: &str, at: usize) -> Option<char> {
    original[..at].chars().rev().find(|&c| !is_invisible(c) && !is_combining_mark(c))
}

/// The character of `original` from byte `at`, passing over invisible characters and combining marks.
pub fn char_after(original: &str, at: usize) -> Option<char> {
    original[at..].chars().find(|&c| !is_invisible(c) && !is_combining_mark(c))
}

/// Byte offsets of one text as counts of characters, or of UTF-16 code units (JavaScript's string
/// indices), each in constant time after one pass: the count before every 64th byte is kept and
/// the rest counted from there. Counting from the start for each offset was quadratic, and took
/// most of a 25,000-character check with many findings.
pub struct OffsetMap<'t> {
    bytes: &'t [u8],
    utf16: bool,
    /// The units before each 64-byte chunk, and after the last; empty for ASCII, where units are bytes.
    before: Vec<usize>,
}

impl<'t> OffsetMap<'t> {
    const STEP: usize = 64;

    pub fn new(text: &'t str, utf16: bool) -> Self {
        let bytes = text.as_bytes();
        let mut before = Vec::new();
        if !text.is_ascii() {
            let mut units = 0;
            for chunk in bytes.chunks(Self::STEP) {
                before.push(units);
                units += Self::units(chunk, utf16);
            }
            before.push(units);
        }
        OffsetMap { bytes, utf16, before }
    }

    /// The units before byte `at`, a character boundary.
    pub fn of(&self, at: usize) -> usize {
        if self.before.is_empty() {
            return at;
        }
        let chunk = at / Self::STEP;
        self.before[chunk] + Self::units(&self.bytes[chunk * Self::STEP..at], self.utf16)
    }

    /// A character counts at its first byte (any but 0b10xxxxxx); UTF-16 writes one beyond the
    /// Basic Multilingual Plane (first byte 0b11110xxx) as two units.
    fn units(bytes: &[u8], utf16: bool) -> usize {
        bytes.iter().map(|&b| usize::from(b & 0xC0 != 0x80) + usize::from(utf16 && b >= 0xF0)).sum()
    }
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
    fn spelled_out_jamo_compose_into_the_syllables_they_spell() {
        let text = "ㅍㅐㄹㅋㅓㄴ은 ㅈㅜㄱㅇㅕㅂㅓㄹㅣㄴㄷㅏ ㄷㅏㄹㄱ ㅎㅗㅣㅅㅏ";
        let views = Views::new(text);
        assert_eq!(views.compact.text, "팰컨은죽여버린다닭회사");
        assert_eq!(original_of(text, &views.compact, "팰컨"), "ㅍㅐㄹㅋㅓㄴ");
        assert_eq!(original_of(text, &views.compact, "여"), "ㅇㅕ");
        // Jamo that spell no syllable stay as they were: laughter, crying, initials.
        assert_eq!(Views::new("ㅋㅋ").folded.text, "\u{110F}\u{110F}", "as compatibility folding writes them");
        for kept in ["ㅋㅋㅋ", "ㅠㅠ", "ㅇㅋ", "ㅏㅏ"] {
            assert!(!Views::new(kept).folded.text.chars().any(is_hangul_syllable), "{kept}");
        }
        assert_eq!(compose_spelled_hangul("ㅇㅣ 팰컨ㅇㅡㄴ"), "이 팰컨은");
    }

    #[test]
    fn unmasked_keeps_case_and_undoes_what_hides_letters() {
        let text = "key \u{0410}KIA\u{200B}5Q ＡＢｃ 한글";
        let view = unmasked(text).expect("something to unmask");
        assert_eq!(view.text, "key AKIA5Q ABc 한글");
        let at = view.text.find("AKIA5Q").unwrap();
        assert_eq!(&text[view.to_original(at..at + 6)], "\u{0410}KIA\u{200B}5Q");
        assert!(unmasked("plain text, 한글, émoji 😀").is_none());
        assert!(unmasked("❤\u{FE0F} 좋아요！ 👩\u{200D}💻").is_none(), "emoji sequences and wide ！ hide no key");
        for text in [text, "plain text, 한글, émoji 😀", "ｘ", "a\u{00AD}b", "Ω", "ㅋㅋ\u{3164}", "приве́т", "❤\u{FE0F} 좋아요！", "👩\u{200D}💻"] {
            assert_eq!(Views::new(text).masked, unmasked(text).is_some(), "{text}");
        }
    }

    #[test]
    fn full_width_letters_continue_a_word() {
        assert!(is_latin_word_char('Ｒ') && is_latin_word_char('９'));
        assert!(!is_latin_word_char('：') && !is_latin_word_char('한'));
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
