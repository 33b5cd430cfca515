//! What the confidentiality and personal-data rules share: whether a domain is internal.

use crate::rules::Context;

/// Whether `domain` (lower case) is one of the policy's internal domains or below one. The
/// settings hold them as they are matched: lower case, without a leading dot, none empty.
pub(crate) fn is_internal(cx: &Context, domain: &str) -> bool {
    cx.settings.confidential.internal_domains.iter().any(|d| domain == d || domain.strip_suffix(d.as_str()).is_some_and(|rest| rest.ends_with('.')))
}
