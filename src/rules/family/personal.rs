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
