//! What the personal-data rules share: numbers that stand alone in the folded view, and the
//! finding that offers to remove one.

use crate::finding::Bilingual;
use crate::rules::{bi, stands_alone, Draft, Findings, RuleDoc};
use regex::{Captures, Regex};
use std::ops::Range;
use std::sync::LazyLock;

/// The matches of `pattern` in the folded view (full-width digits made ASCII) that stand alone
/// (see [`stands_alone`]); none in a draft with fewer than `min_digits` digits, where the search
/// is skipped and the pattern not even compiled (it stays lazy: most posts have no digits).
pub(crate) fn standalone_numbers<'d>(draft: &'d Draft, pattern: &'d LazyLock<Regex>, min_digits: usize) -> impl Iterator<Item = Captures<'d>> + 'd {
    let folded = &draft.views.folded.text;
    (draft.digits() >= min_digits)
        .then(|| LazyLock::force(pattern).captures_iter(folded))
        .into_iter()
        .flatten()
        .filter(move |c| stands_alone(folded, &c.get(0).expect("whole match").range()))
}

/// What a personal-data finding says and offers: its message, the button and the placeholder
/// (English, Korean) that replaces the data.
pub(crate) struct Removal {
    pub message: Bilingual,
    pub label: (&'static str, &'static str),
    pub placeholder: (&'static str, &'static str),
}

/// Reports the data at `folded` (a range of the folded view) with `removal`'s offer.
pub(crate) fn report(draft: &Draft, doc: &'static RuleDoc, out: &mut Findings, folded: Range<usize>, removal: Removal) {
    let span = draft.views.folded.to_original(folded);
    let Removal { message, label, placeholder } = removal;
    out.add(doc, span.clone(), message).suggest(bi(label.0, label.1), span, draft.in_language(placeholder.0, placeholder.1));
}

/// The label of the button that removes a number.
pub(crate) const REMOVE_NUMBER: (&str, &str) = ("Remove the number", "번호 삭제");

/// The digit a Korean digit word stands for when a number is read aloud or spelled to hide it
/// (공/영 0, 일 1, 이 2, 삼 3, 사 4, 오 5, 육 6, 칠 7, 팔 8, 구 9).
fn digit_word(c: char) -> Option<u8> {
    Some(match c {
        '공' | '영' => b'0',
        '일' => b'1',
        '이' => b'2',
        '삼' => b'3',
        '사' => b'4',
        '오' => b'5',
        '육' => b'6',
        '칠' => b'7',
        '팔' => b'8',
        '구' => b'9',
        _ => return None,
    })
}

/// `text` with the Korean digit words that spell part of a number made ASCII digits
/// ("공일공-일이삼사-오육칠팔" reads "010-1234-5678"), and for each of its bytes the range of `text`
/// it came from; `None` when no digit word is in a number. A run of digit words counts when it
/// has two or more, or touches a digit: a lone 이 or 사 is a word. Ordinary words made of these
/// syllables (사이, 오일, 이사님) become short numbers that no pattern of a rule accepts. A last 이
/// before another syllable is the particle ("오육칠팔이에요").
pub(crate) struct Spelled {
    pub text: String,
    origin: Vec<Range<usize>>,
}

impl Spelled {
    pub(crate) fn new(text: &str) -> Option<Spelled> {
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let mut spelled = vec![false; chars.len()];
        let mut i = 0;
        while i < chars.len() {
            if digit_word(chars[i].1).is_none() {
                i += 1;
                continue;
            }
            let start = i;
            while i < chars.len() && digit_word(chars[i].1).is_some() {
                i += 1;
            }
            let mut end = i;
            let syllable_after = chars.get(end).is_some_and(|&(_, c)| ('가'..='힣').contains(&c));
            if chars[end - 1].1 == '이' && syllable_after {
                end -= 1;
            }
            let digit_beside = |j: Option<usize>| j.and_then(|j| chars.get(j)).is_some_and(|(_, c)| c.is_ascii_digit());
            let counts = end - start >= 2 || (end > start && (digit_beside(start.checked_sub(1)) || digit_beside(Some(end))));
            if counts {
                spelled[start..end].iter_mut().for_each(|s| *s = true);
            }
        }
        if !spelled.contains(&true) {
            return None;
        }
        let mut out = Spelled { text: String::with_capacity(text.len()), origin: Vec::with_capacity(text.len()) };
        for (k, &(at, c)) in chars.iter().enumerate() {
            let from = at..at + c.len_utf8();
            if spelled[k] {
                out.text.push(char::from(digit_word(c).expect("a digit word")));
                out.origin.push(from);
            } else {
                out.text.push(c);
                out.origin.extend(std::iter::repeat_n(from, c.len_utf8()));
            }
        }
        Some(out)
    }

    /// The range of the original text behind `range` of the spelled one.
    pub(crate) fn to_original(&self, range: Range<usize>) -> Range<usize> {
        self.origin[range.start].start..self.origin[range.end - 1].end
    }

    /// Whether `range` of the spelled text holds a digit that was a word.
    pub(crate) fn spells_in(&self, range: Range<usize>) -> bool {
        range.into_iter().any(|i| self.origin[i].len() == 3 && self.text.as_bytes()[i].is_ascii_digit())
    }
}
