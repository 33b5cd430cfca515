//! The views themselves: a [`View`] maps each of its bytes back to the original text; [`Views`]
//! builds the folded, compact and tone views in one pass, and [`unmasked`] the case-keeping one.

use super::chars::{full_width_ascii, homoglyph, homoglyph_cased, is_hangul, is_invisible, is_pictograph, leet, look_alike, masks};
use super::hangul::{compose_jamo, is_compatibility_jamo, is_hangul_syllable};
use std::ops::Range;
use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// The original byte range a character of a view came from.
pub(crate) type Origin = (u32, u32);

/// A rewritten text whose bytes each know the original byte range they came from.
#[derive(Debug, Default, Clone)]
pub struct View {
    /// The rewritten text.
    pub text: String,
    origin: Vec<Origin>,
}

impl View {
    pub(crate) fn with_capacity(n: usize) -> Self {
        View { text: String::with_capacity(n), origin: Vec::with_capacity(n) }
    }

    #[inline]
    pub(crate) fn push(&mut self, c: char, from: Origin) {
        self.text.push(c);
        self.origin.push(from);
        for _ in 1..c.len_utf8() {
            self.origin.push(from);
        }
    }

    /// Appends ASCII `run`, lower-cased, that starts at byte `at` of the original.
    pub(crate) fn push_ascii_lowercase(&mut self, run: &str, at: usize) {
        let start = self.text.len();
        self.text.push_str(run);
        self.text[start..].make_ascii_lowercase();
        self.origin.extend((at..at + run.len()).map(|i| (i as u32, i as u32 + 1)));
    }

    /// Drops the last character, which the caller knows to be ASCII.
    pub(crate) fn pop_ascii(&mut self) {
        self.text.pop();
        self.origin.pop();
    }

    /// Extends the last character's origin to the end of `from` (a collapsed run of letters).
    pub(crate) fn extend_last(&mut self, from: Origin) {
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

/// The folded view of `original`, and whether it has characters that [`unmasked`] would change.
pub(crate) fn fold(original: &str) -> (View, bool) {
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
pub(crate) fn push_folded(view: &mut View, c: char, from: Origin) {
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

/// The compact and tone views, built in one pass over the folded view.
pub(crate) fn compact_and_tone(folded: &View) -> (View, View, bool) {
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

/// Folds the run of compatibility jamo starting at byte `at` of `original` into `view`, composing
/// what spells syllables; returns where the run ends.
pub(crate) fn fold_jamo_run(original: &str, at: usize, view: &mut View) -> usize {
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

/// `text` with its spelled-out jamo composed into syllables (see [`compose_jamo`]), as the folded
/// view reads them; other Hangul stays as it is.
pub fn compose_spelled_hangul(text: &str) -> String {
    fold(text).0.text
}
