//! What the confidentiality and personal-data rules share: the policy's internal domains.

use crate::rules::Context;

/// The policy's internal domains as they are matched: lower case, without a leading dot, none
/// empty.
pub(crate) fn internal_domains<'c>(cx: &'c Context) -> impl Iterator<Item = String> + 'c {
    cx.settings.confidential.internal_domains.iter().map(|d| d.trim().trim_start_matches('.').to_ascii_lowercase()).filter(|d| !d.is_empty())
}

/// Whether `domain` (lower case) is one of the internal domains or below one.
pub(crate) fn is_internal(cx: &Context, domain: &str) -> bool {
    internal_domains(cx).any(|d| domain == d || domain.strip_suffix(d.as_str()).is_some_and(|rest| rest.ends_with('.')))
}
