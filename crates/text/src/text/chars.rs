//! What each character is to the views: invisible, Hangul, a Latin word letter, a look-alike of a
//! Latin letter, a leetspeak digit or a mask; and the characters around a byte offset.

use unicode_normalization::char::{is_combining_mark};

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
pub(crate) fn is_pictograph(c: char) -> bool {
    matches!(c, '\u{1F300}'..='\u{1FAFF}')
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
pub(crate) fn full_width_ascii(c: char) -> Option<char> {
    ('\u{FF01}'..='\u{FF5E}').contains(&c).then(|| char::from_u32(c as u32 - 0xFEE0)).flatten()
}

/// Cyrillic and Greek letters that look like Latin ones, as used to slip words past filters.
pub(crate) fn homoglyph(c: char) -> char {
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
pub(crate) fn homoglyph_cased(c: char) -> char {
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
pub(crate) fn masks(c: char, previous: Option<char>) -> bool {
    if c.is_ascii() {
        return false;
    }
    let letter = |c: char| c.is_ascii_alphanumeric() || full_width_ascii(c).is_some_and(|a| a.is_ascii_alphanumeric()) || look_alike(c);
    let look_alike_or_wide = |c: char| look_alike(c) || full_width_ascii(c).is_some_and(|a| a.is_ascii_alphanumeric() || "-_.:=\"'`".contains(a));
    look_alike_or_wide(c) || (is_invisible(c) && previous.is_some_and(letter))
}

/// A Cyrillic or Greek letter that looks like a Latin one.
pub(crate) fn look_alike(c: char) -> bool {
    ('\u{0370}'..='\u{052F}').contains(&c) && homoglyph_cased(c) != c
}

/// Symbols that stand for letters inside Latin words.
pub(crate) fn leet(c: char) -> Option<char> {
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

/// Whether `written` (folded: lower case) is `meant` or stands for it in leetspeak; `1`, `!` and
/// `|` stand for `l` as well as `i` ("Fa1con", "m1ne").
pub fn leet_stands_for(written: char, meant: char) -> bool {
    written == meant || (matches!(written, '1' | '!' | '|') && meant == 'l') || leet(written) == Some(meant)
}

/// `text` with every leetspeak digit read as its letter and `l` read as `i`, byte for byte (the
/// offsets stay those of `text`): a key under which `Fa1con`, `F4lc0n` and `Falcon` meet. Only a
/// prefilter: a match must still be checked letter by letter ([`leet_stands_for`]).
pub fn leet_skeleton(text: &str) -> String {
    // ASCII for ASCII: every byte keeps its offset.
    text.chars()
        .map(|c| match c {
            '0' => 'o',
            '1' | 'l' => 'i',
            '3' => 'e',
            '4' => 'a',
            '5' => 's',
            '7' => 't',
            other => other,
        })
        .collect()
}

/// The character of `original` before byte `at`, passing over invisible characters and combining marks.
pub fn char_before(original: &str, at: usize) -> Option<char> {
    original[..at].chars().rev().find(|&c| !is_invisible(c) && !is_combining_mark(c))
}

/// The character of `original` from byte `at`, passing over invisible characters and combining marks.
pub fn char_after(original: &str, at: usize) -> Option<char> {
    original[at..].chars().find(|&c| !is_invisible(c) && !is_combining_mark(c))
}
