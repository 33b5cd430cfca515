//! The featuriser shared by training and scoring: a text becomes hashed word, word-pair and
//! character n-gram features (the "hashing trick"), so a model is a flat array of weights and
//! needs no vocabulary.
//!
//! Why these features: word features carry meaning ("idiot", "환불"); character n-grams inside
//! words catch what lists miss — inflections and particles in Korean ("쓰레기같은", "쓰레기네"),
//! misspellings and stretched words ("stuuupid" is folded to "stuupid") in English.

use crate::text::is_invisible;
use std::ops::Range;

/// One word of the text: its byte range in the original and its normalised form.
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    pub range: Range<usize>,
    pub norm: String,
}

/// Words of `text`: runs of letters and digits (apostrophes inside English words kept), each
/// lower-cased, digits folded to 0, a letter repeated more than twice folded to two, and
/// invisible characters dropped (digits keep their count: a number's length says something).
pub fn words(text: &str) -> Vec<Word> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut current: Option<WordSoFar> = None;
    let mut end = 0;
    let mut at = 0;
    while at < text.len() {
        // A run of ASCII letters and digits, byte by byte (most words). A word's first h or w
        // goes the long way, as it may begin a link.
        if bytes[at].is_ascii_alphanumeric() && (current.is_some() || !matches!(bytes[at], b'h' | b'H' | b'w' | b'W')) {
            let word = current.get_or_insert_with(|| WordSoFar::new(at));
            while at < text.len() && bytes[at].is_ascii_alphanumeric() {
                word.add(bytes[at].to_ascii_lowercase() as char);
                at += 1;
            }
            end = at;
            continue;
        }
        let c = text[at..].chars().next().expect("at a character boundary");
        let next = at + c.len_utf8();
        if !c.is_ascii() && is_invisible(c) {
            at = next;
            continue;
        }
        // Markup pasted into a post (<img onerror=…>) is not words: skipped like a separator.
        if let Some(len) = (c == '<').then(|| markup_tag(&text[at..])).flatten() {
            WordSoFar::finish(&mut current, end, &mut out);
            at += len;
            continue;
        }
        // A handle or a link is one word, "user" or "url", as the training data writes them
        // (TweetEval's "@USER" and "URL"): who is addressed is not tone.
        if current.is_none() && matches!(c, '@' | 'h' | 'H' | 'w' | 'W') {
            if let Some((len, norm)) = handle_or_link(&text[at..]) {
                out.push(Word { range: at..at + len, norm: norm.to_string() });
                at += len;
                continue;
            }
        }
        let inner_apostrophe = (c == '\'' || c == '’') && current.is_some() && text[next..].chars().next().is_some_and(char::is_alphabetic);
        // Hangul syllables skip the Unicode tables: they are letters and have no case.
        let syllable = is_syllable(c);
        if syllable || c.is_alphanumeric() || inner_apostrophe {
            let word = current.get_or_insert_with(|| WordSoFar::new(at));
            if syllable {
                word.add(c);
            } else {
                c.to_lowercase().for_each(|lower| word.add(lower));
            }
            end = next;
        } else {
            WordSoFar::finish(&mut current, end, &mut out);
        }
        at = next;
    }
    WordSoFar::finish(&mut current, end, &mut out);
    out
}

/// A word being read: where it starts, its normal form so far, and the run of its last letter.
struct WordSoFar {
    start: usize,
    norm: String,
    last: Option<char>,
    run: usize,
}

impl WordSoFar {
    fn new(start: usize) -> WordSoFar {
        WordSoFar { start, norm: String::new(), last: None, run: 0 }
    }

    /// Ends the word being read, if any, at byte `end`.
    fn finish(current: &mut Option<WordSoFar>, end: usize, out: &mut Vec<Word>) {
        if let Some(word) = current.take() {
            out.push(Word { range: word.start..end, norm: word.norm });
        }
    }

    /// Appends a lower-case character: digits as 0, ’ as ', and no letter more than twice in a row.
    #[inline(always)]
    fn add(&mut self, lower: char) {
        let folded = if lower.is_ascii_digit() { '0' } else if lower == '’' { '\'' } else { lower };
        self.run = if Some(folded) == self.last { self.run + 1 } else { 1 };
        self.last = Some(folded);
        if self.run <= 2 || folded == '0' {
            self.norm.push(folded);
        }
    }
}

/// The length of an HTML tag at the start of `rest` (`<b>`, `</p>`, `<img src=x …>`), if it is one.
fn markup_tag(rest: &str) -> Option<usize> {
    let after = rest.strip_prefix('<')?;
    let first = after.chars().next()?;
    if !(first.is_ascii_alphabetic() || first == '/') {
        return None; // "<3", "a < b"
    }
    // Bytes, not a str: 300 bytes on can be inside a character ("<b" and then Korean text).
    let inside = &after.as_bytes()[..after.len().min(300)];
    let close = inside.iter().position(|&b| b == b'>' || b == b'<')?;
    (inside[close] == b'>').then_some(close + 2)
}

/// The length of a handle (`@name`) or link (`http…`, `www.…`) at the start of `rest`, with the
/// word it stands for.
fn handle_or_link(rest: &str) -> Option<(usize, &'static str)> {
    if let Some(name) = rest.strip_prefix('@') {
        let len = name.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(name.len());
        return (len > 0).then_some((len + 1, "user"));
    }
    // Compared in place: lowercasing a copy of `rest` cost time in proportion to the whole text.
    let starts = |prefix: &str| rest.as_bytes().get(..prefix.len()).is_some_and(|head| head.eq_ignore_ascii_case(prefix.as_bytes()));
    if starts("http://") || starts("https://") || starts("www.") {
        return Some((rest.find(char::is_whitespace).unwrap_or(rest.len()), "url"));
    }
    None
}

/// FNV-1a, 64-bit, over a kind tag and then bytes: stable across platforms and versions, which a
/// model's saved weights depend on.
struct Fnv(u64);

// Inlined: a hash per n-gram of every word of every post, and the WASM build is optimised for size.
impl Fnv {
    #[inline(always)]
    fn new(kind: u8) -> Fnv {
        let mut h = Fnv(0xcbf2_9ce4_8422_2325);
        h.eat(&[kind]);
        h
    }

    #[inline(always)]
    fn eat(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 ^= byte as u64;
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// The hash of a kind tag and parts, with a separator no UTF-8 text contains between parts.
fn hash(kind: u8, parts: &[&[u8]]) -> u64 {
    let mut h = Fnv::new(kind);
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            h.eat(&[0xff]);
        }
        h.eat(part);
    }
    h.0
}

/// A hashed feature: the weight index (the top `bits` bits of the hash) and a sign (a low bit),
/// so colliding features tend to cancel rather than add up.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Feature {
    pub index: u32,
    pub sign: f32,
}

#[inline(always)]
fn feature(h: u64, bits: u32) -> Feature {
    Feature { index: (h >> (64 - bits)) as u32, sign: if h & 1 == 0 { 1.0 } else { -1.0 } }
}

const WORD: u8 = 1;
const PAIR: u8 = 2;
const GRAM: u8 = 3;
const BIAS_LIKE: u8 = 4;
const JAMO: u8 = 5;

/// The hashes of a word's character n-grams: 2- to 4-grams of the word padded with boundary
/// marks ("\u{2}" before, "\u{3}" after). The padded word is never built: each n-gram's bytes are
/// hashed from the word and the marks (this runs for every word of every post).
fn gram_hashes(word: &str, each: impl FnMut(u64)) {
    // Byte offsets of the word's characters and its end: padded position p (1..=k+1) starts at
    // bound(p - 1); position 0 is the start mark and k + 1 the end mark. An ASCII word's offsets
    // are its indexes, and most words are ASCII: no list to allocate.
    if word.is_ascii() {
        grams_between(word.as_bytes(), word.len() + 1, |i| i, each);
    } else {
        let bounds: Vec<usize> = word.char_indices().map(|(at, _)| at).chain(std::iter::once(word.len())).collect();
        grams_between(word.as_bytes(), bounds.len(), |i| bounds[i], each);
    }
}

/// The n-gram hashes of [`gram_hashes`], given the count of character bounds and each bound.
#[inline(always)]
fn grams_between(bytes: &[u8], bounds: usize, bound: impl Fn(usize) -> usize, mut each: impl FnMut(u64)) {
    let padded_chars = bounds + 1;
    for n in 2..=4 {
        for first in 0..padded_chars.saturating_sub(n - 1) {
            let last = first + n; // exclusive
            let mut h = Fnv::new(GRAM);
            if first == 0 {
                h.eat(b"\x02");
            }
            let from = bound(first.max(1) - 1);
            let to = bound((last - 1).min(bounds - 1));
            h.eat(&bytes[from..to]);
            if last == padded_chars {
                h.eat(b"\x03");
            }
            each(h.0);
        }
    }
}

/// Features of one word alone (its own and its n-grams): what a word contributes, for explaining.
pub fn word_features(word: &Word, bits: u32, out: &mut Vec<Feature>) {
    each_word_feature(word, bits, &mut |f| out.push(f));
}

fn each_word_feature(word: &Word, bits: u32, each: &mut impl FnMut(Feature)) {
    each(feature(hash(WORD, &[word.norm.as_bytes()]), bits));
    gram_hashes(&word.norm, |h| each(feature(h, bits)));
    if !word.norm.is_ascii() && word.norm.chars().any(is_syllable) {
        // Every three letters in a row, hashed as their UTF-8 bytes (no string is built).
        let mut window = ['\0'; 3];
        for (seen, letter) in word.norm.chars().flat_map(decompose).enumerate() {
            window = [window[1], window[2], letter];
            if seen >= 2 {
                let mut h = Fnv::new(JAMO);
                for c in window {
                    h.eat(c.encode_utf8(&mut [0; 4]).as_bytes());
                }
                each(feature(h.0, bits));
            }
        }
    }
}

fn is_syllable(c: char) -> bool {
    ('\u{AC00}'..='\u{D7A3}').contains(&c)
}

/// A Hangul syllable's letters (initial, vowel, final): "욕" → ㅇ ㅛ ㄱ. Typos, spaced-out and
/// initial-only spellings ("ㅅㅂ") share these with the word they stand for.
fn decompose(c: char) -> impl Iterator<Item = char> {
    const INITIAL: [char; 19] = ['ㄱ', 'ㄲ', 'ㄴ', 'ㄷ', 'ㄸ', 'ㄹ', 'ㅁ', 'ㅂ', 'ㅃ', 'ㅅ', 'ㅆ', 'ㅇ', 'ㅈ', 'ㅉ', 'ㅊ', 'ㅋ', 'ㅌ', 'ㅍ', 'ㅎ'];
    const VOWEL: [char; 21] = ['ㅏ', 'ㅐ', 'ㅑ', 'ㅒ', 'ㅓ', 'ㅔ', 'ㅕ', 'ㅖ', 'ㅗ', 'ㅘ', 'ㅙ', 'ㅚ', 'ㅛ', 'ㅜ', 'ㅝ', 'ㅞ', 'ㅟ', 'ㅠ', 'ㅡ', 'ㅢ', 'ㅣ'];
    const FINAL: [char; 28] = ['\0', 'ㄱ', 'ㄲ', 'ㄳ', 'ㄴ', 'ㄵ', 'ㄶ', 'ㄷ', 'ㄹ', 'ㄺ', 'ㄻ', 'ㄼ', 'ㄽ', 'ㄾ', 'ㄿ', 'ㅀ', 'ㅁ', 'ㅂ', 'ㅄ', 'ㅅ', 'ㅆ', 'ㅇ', 'ㅈ', 'ㅊ', 'ㅋ', 'ㅌ', 'ㅍ', 'ㅎ'];
    let parts = if is_syllable(c) {
        let n = c as u32 - 0xAC00;
        [INITIAL[(n / 588) as usize], VOWEL[(n % 588 / 28) as usize], FINAL[(n % 28) as usize]]
    } else {
        [c, '\0', '\0']
    };
    parts.into_iter().filter(|&p| p != '\0')
}

/// Every feature of a text: its words, word pairs and n-grams, and one constant feature for
/// texts with no words. Each feature counts once; the caller scales by 1/sqrt(len).
pub fn features(words: &[Word], bits: u32, out: &mut Vec<Feature>) {
    out.clear();
    each_feature(words, bits, |f| out.push(f));
    unique_by_index(out);
}

/// Calls `each` with every feature of a text in the order [`features`] collects them, repeats
/// included: a scorer that keeps the first of each index needs no list and no sort.
pub fn each_feature(words: &[Word], bits: u32, mut each: impl FnMut(Feature)) {
    for word in words {
        each_word_feature(word, bits, &mut each);
    }
    for pair in words.windows(2) {
        each(feature(hash(PAIR, &[pair[0].norm.as_bytes(), pair[1].norm.as_bytes()]), bits));
    }
    if words.is_empty() {
        each(feature(hash(BIAS_LIKE, &[]), bits));
    }
}

/// Sorts features by index and keeps the first-pushed of equal indexes, exactly as a stable sort
/// and dedup would (models were trained so): an unstable sort of (index, position) keys gives that
/// order faster.
fn unique_by_index(features: &mut Vec<Feature>) {
    let mut keys: Vec<u64> = features.iter().enumerate().map(|(at, f)| (u64::from(f.index) << 32) | at as u64).collect();
    keys.sort_unstable();
    keys.dedup_by_key(|key| *key >> 32);
    *features = keys.iter().map(|key| features[(key & 0xffff_ffff) as usize]).collect();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unclosed_tag_before_long_korean_text_is_read_as_words() {
        // Found by fuzzing: the tag search stopped 300 bytes on, inside a syllable, and panicked.
        for pad in 0..3 {
            let text = format!("<b{}{}", "a".repeat(pad), "가나다".repeat(120));
            let found = words(&text);
            assert!(found.iter().any(|w| w.norm.contains("가나다")), "{pad}: {found:?}");
        }
        assert_eq!(markup_tag("<b>가"), Some(3), "a closed tag is still skipped");
    }

    fn norms(text: &str) -> Vec<String> {
        words(text).into_iter().map(|w| w.norm).collect()
    }

    #[test]
    fn words_are_normalised_and_keep_their_spans() {
        assert_eq!(norms("You're SO stuuuupid!!! 2024"), ["you're", "so", "stuupid", "0000"]);
        assert_eq!(norms("진짜 쓰레기같은 서비스ㅋㅋㅋㅋ"), ["진짜", "쓰레기같은", "서비스ㅋㅋ"]);
        let text = "a\u{200B}b 환불해줘";
        let found = words(text);
        assert_eq!(found[0].norm, "ab", "an invisible character inside a word is dropped");
        assert_eq!(&text[found[1].range.clone()], "환불해줘");
        assert!(words("!!! ... ???").is_empty());
        assert_eq!(norms("@HanbitElec see https://x.co/a?b=1 and @USER"), ["user", "see", "url", "and", "user"]);
        assert_eq!(norms("mail me@ home"), ["mail", "me", "home"], "a lone @ is not a handle");
        assert_eq!(norms(r#"<img src=x onerror="go()">so<b>bad</b> <3 a<b"#), ["so", "bad", "0", "a", "b"], "tags are not words; <3 and a<b are not tags");
    }

    #[test]
    fn gram_hashes_are_those_of_the_padded_word_sliced() {
        // The reference: build the padded word and hash each n-gram's slice (what the models were
        // trained with).
        fn reference(word: &str) -> Vec<u64> {
            let padded = format!("\u{2}{word}\u{3}");
            let starts: Vec<usize> = padded.char_indices().map(|(at, _)| at).chain(std::iter::once(padded.len())).collect();
            let chars = starts.len() - 1;
            let mut out = Vec::new();
            for n in 2..=4 {
                for first in 0..chars.saturating_sub(n - 1) {
                    out.push(hash(GRAM, &[&padded.as_bytes()[starts[first]..starts[first + n]]]));
                }
            }
            out
        }
        for word in ["", "a", "ab", "idiot", "쓰레기같은", "ㅋㅋ", "e\u{301}", "🚀x", "you're"] {
            let mut found = Vec::new();
            gram_hashes(word, |h| found.push(h));
            assert_eq!(found, reference(word), "{word:?}");
        }
    }

    #[test]
    fn unique_by_index_is_a_stable_sort_and_dedup() {
        // Six bits: many features collide, with either sign.
        let text = "Hanbit support is a joke, 환불 안 해주는 쓰레기 서비스 @user https://x.co stuuupid 2024";
        let mut raw = Vec::new();
        for word in words(text) {
            word_features(&word, 6, &mut raw);
        }
        let mut expected = raw.clone();
        expected.sort_by_key(|f| f.index);
        expected.dedup_by_key(|f| f.index);
        let mut fast = raw.clone();
        unique_by_index(&mut fast);
        assert_eq!(fast, expected);
        assert!(raw.len() > 2 * fast.len(), "the text collides enough to test the choice");
    }

    #[test]
    fn features_are_stable_and_in_range() {
        let mut a = Vec::new();
        let mut b = Vec::new();
        features(&words("Hanbit support is a joke"), 16, &mut a);
        features(&words("hanbit SUPPORT is a joke!"), 16, &mut b);
        assert_eq!(a, b, "case and punctuation do not change features");
        assert!(a.iter().all(|f| f.index < 1 << 16));
        features(&words("Hanbit support is great"), 16, &mut b);
        assert_ne!(a, b);
    }
}
