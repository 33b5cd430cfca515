//! What the apology rules share: whether a draft is an apology at all.

use crate::lexicon::Lex;
use crate::rules::Draft;

/// Whether the draft is an organisation's apology: an apology word addressed as "we", by the
/// company, or to the public; Korean drops the subject, so a Korean apology word is enough.
pub(crate) fn is_apology(draft: &Draft) -> bool {
    let public = draft.has(Lex::FirstPerson) || draft.names_org() || draft.has(Lex::Audience);
    let korean = draft.language == crate::Language::Ko;
    (draft.has(Lex::ApologyWords) && (public || korean)) || (draft.has(Lex::NonApology) && (public || draft.has(Lex::ApologyWords)))
}
