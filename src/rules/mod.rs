//! The rules. One rule, one file and one line: each file holds the rule's documentation
//! ([`RuleDoc`]: what it catches, why it matters, its source, examples and fix) and its check, and
//! is registered by one line of [`rules!`]. A rule that only flags the hits of word lists is a row
//! of [`word_rules`]. What rules of a family share lives in [`family`], never in another rule.
//! Codes are stable and grouped by family prefix; [`all`] is sorted by code.

pub use crate::draft::{Draft, Role};
use crate::finding::{Bilingual, Category, Finding, Severity, Suggestion};
use crate::lexicon::{Hit, Lex};
pub(crate) use crate::particle::{quoted, Particle};
pub use crate::settings::Context;
use riskhint_text::text::Language;
use std::ops::Range;

pub(crate) mod family;
mod reference;
#[cfg(feature = "cli")]
mod scaffold;
mod word_rules;

pub use reference::{markdown, REGENERATE};

/// SEC001's credential formats, compiled from gitleaks' rule set: for docs/secrets.md and its tests.
#[cfg(not(target_arch = "wasm32"))]
pub mod credential_formats {
    pub use super::family::credentials::{named_formats as formats, patterns, uncompilable, NOT_TAKEN, UNTRANSLATED};
}
#[cfg(feature = "cli")]
pub use scaffold::{scaffold, Written};

/// Registers the rule files, one line each: a file holds its [`RuleDoc`] as `DOC` and its check as
/// `pub fn check(draft, cx, out)`. Rules that only flag word-list hits are rows of
/// [`word_rules`] instead; [`all`] merges both.
macro_rules! rules {
    ($($file:ident)*) => {
        $( mod $file; )*
        static FILE_RULES: &[FileRule] = &[ $( FileRule { doc: &$file::DOC, check: $file::check }, )* ];
    };
}

rules! {
    apol005_no_corrective_action
    comp001_disparaging_competitor
    conf003_internal_domain
    cris002_emoji
    cris004_no_official_link
    disc001_undisclosed_affiliation
    disc002_weak_label
    disc003_misplaced_label
    disc004_undisclosed_promotion
    legl002_crime_accusation
    mnpi001_financial_results
    mnpi002_deal_talk
    mnpi003_financing
    mnpi004_forecast
    mnpi005_quiet_period
    mnpi006_material_topic
    pii001_card_number
    pii002_resident_number
    pii003_ssn
    pii004_phone
    pii005_email
    pii006_iban
    pii007_passport
    prom002_share_price
    sec001_credential
    sec002_assigned_secret
    tone003_shouting
    tone007_hostile_model
}

/// A rule's documentation, shown by `riskhint rules` and the options page (which reads it from
/// `engine/rules.json`, written by the CLI at build time: `what`, `example` and `fix` are left out
/// of the WASM engine, see [`Bilingual::for_docs`]).
#[derive(Debug)]
pub struct RuleDoc {
    /// Stable code, e.g. `MNPI001`.
    pub code: &'static str,
    /// Short kebab-case name of the pattern it catches.
    pub name: &'static str,
    pub category: Category,
    /// Severity unless the role or the policy changes it.
    pub severity: Severity,
    /// The severity for the roles that change it (an executive's post speaks for the company).
    pub by_role: &'static [(Role, Severity)],
    /// Whether the rule also reads other people's posts in a feed, and the label it gives them.
    pub feed: Option<FeedLabel>,
    /// What it catches.
    pub what: Bilingual,
    /// Why it matters: shown as the reason of every finding.
    pub why: Bilingual,
    /// The public guideline, law or case it comes from, named for a reader in each language.
    pub source: Bilingual,
    /// A draft it flags, in each language (each is tested to fire).
    pub example: Bilingual,
    /// How to fix it.
    pub fix: Bilingual,
}

/// The label a feed post gets when a rule that also reads feeds finds something in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeedLabel {
    /// Hostile words: do not engage.
    Hostile,
    /// Confidential material, personal data or a secret: report it.
    Leak,
}

impl RuleDoc {
    /// The severity of the rule's findings in a post by `role`, before the policy changes it.
    pub fn severity_for(&self, role: Role) -> Severity {
        self.by_role.iter().find(|(r, _)| *r == role).map_or(self.severity, |&(_, severity)| severity)
    }
}

/// A rule: looks at a draft and reports findings.
pub trait Rule: Sync + Send {
    fn doc(&self) -> &'static RuleDoc;
    fn check(&self, draft: &Draft, cx: &Context, out: &mut Findings);
}

/// Collects findings; rules add them with their documentation's defaults.
#[derive(Default)]
pub struct Findings {
    pub(crate) list: Vec<Finding>,
}

impl Findings {
    /// Adds a finding of `doc`'s rule at `range` with `message`; returns it for severity and suggestions.
    pub fn add(&mut self, doc: &'static RuleDoc, range: Range<usize>, message: Bilingual) -> &mut Finding {
        self.list.push(Finding {
            code: doc.code,
            category: doc.category,
            severity: doc.severity,
            range,
            message,
            reason: doc.why.clone(),
            source: doc.source.clone(),
            suggestions: Vec::new(),
            locked: false,
            confidence: None,
        });
        self.list.last_mut().expect("just pushed")
    }
}

impl Finding {
    /// Sets the severity (for role-dependent rules).
    pub fn severity(&mut self, severity: Severity) -> &mut Self {
        self.severity = severity;
        self
    }

    /// Adds a suggested edit.
    pub fn suggest(&mut self, label: Bilingual, range: Range<usize>, replacement: impl Into<String>) -> &mut Self {
        self.suggestions.push(Suggestion::new(label, range, replacement));
        self
    }

    /// Adds a fix that asks the user for words (see [`crate::fix::Prompt`]) and inserts them at `at`.
    pub fn ask(&mut self, label: Bilingual, at: usize, prompt: &'static crate::fix::Prompt) -> &mut Self {
        self.suggestions.push(Suggestion::prompt(label, at, prompt));
        self
    }
}

/// Shorthand for a bilingual text.
pub(crate) fn bi(en: impl Into<std::borrow::Cow<'static, str>>, ko: impl Into<std::borrow::Cow<'static, str>>) -> Bilingual {
    Bilingual::new(en, ko)
}

/// The smallest range covering both.
pub(crate) fn cover(a: &Range<usize>, b: &Range<usize>) -> Range<usize> {
    a.start.min(b.start)..a.end.max(b.end)
}

/// Widens a label's span over the `#`, `[` and `]` that the compact view passes over.
pub(crate) fn with_label_marks(text: &str, range: &Range<usize>) -> Range<usize> {
    let mut start = range.start;
    if text[..start].ends_with('#') || text[..start].ends_with('[') {
        start -= 1;
    }
    let end = if text[range.end..].starts_with(']') { range.end + 1 } else { range.end };
    start..end
}

/// Whether a number found at `range` of `text` stands alone: no digit or `-` continues it on either
/// side, nor a `.` with a digit beyond it, so a longer number (a tracking code, an account number,
/// a dotted version "536.22.8841.7") is not mistaken for the pattern.
pub(crate) fn stands_alone(text: &str, range: &Range<usize>) -> bool {
    let continues = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit() || c == '-');
    let mut before = text[..range.start].chars().rev();
    let mut after = text[range.end..].chars();
    let (b1, a1) = (before.next(), after.next());
    let dotted = |c: Option<char>, beyond: Option<char>| c == Some('.') && beyond.is_some_and(|d| d.is_ascii_digit());
    !continues(b1) && !continues(a1) && !dotted(b1, before.next()) && !dotted(a1, after.next())
}

/// Finds for each hit of `lexicon` within `range`.
pub(crate) fn hits_in<'d>(draft: &'d Draft, lexicon: Lex, range: &Range<usize>) -> impl Iterator<Item = &'d Hit> {
    draft.hits.within(lexicon, range.clone())
}

/// A rule of its own file (see [`rules!`]).
struct FileRule {
    doc: &'static RuleDoc,
    check: fn(&Draft, &Context, &mut Findings),
}

impl Rule for FileRule {
    fn doc(&self) -> &'static RuleDoc {
        self.doc
    }

    fn check(&self, draft: &Draft, cx: &Context, out: &mut Findings) {
        (self.check)(draft, cx, out)
    }
}

/// Every rule, sorted by code: the rule files and the word rules.
pub fn all() -> &'static [&'static dyn Rule] {
    static ALL: std::sync::LazyLock<Vec<&'static dyn Rule>> = std::sync::LazyLock::new(|| {
        // Both lists are in code order (a test checks): merged, not sorted, which keeps a sort's
        // code out of the WASM engine.
        let mut files = FILE_RULES.iter().map(|r| r as &dyn Rule).peekable();
        let mut words = word_rules::TABLE.iter().map(|r| r as &dyn Rule).peekable();
        std::iter::from_fn(|| match (files.peek(), words.peek()) {
            (Some(f), Some(w)) if w.doc().code < f.doc().code => words.next(),
            (Some(_), _) => files.next(),
            (None, _) => words.next(),
        })
        .collect()
    });
    &ALL
}

/// The fixes that ask for the user's words, by [`crate::fix::Prompt::id`].
pub fn prompt(id: &str) -> Option<&'static crate::fix::Prompt> {
    static PROMPTS: &[&crate::fix::Prompt] = &[&apol005_no_corrective_action::CORRECTIVE_ACTION];
    PROMPTS.iter().copied().find(|p| p.id == id)
}

/// The documentation of the rule with `code`.
pub fn doc(code: &str) -> Option<&'static RuleDoc> {
    all().iter().map(|r| r.doc()).find(|d| d.code == code)
}

pub(crate) use crate::finding::Severity::{Block, Info, Warn};
pub(crate) use crate::finding::Category as Cat;
pub(crate) use family::personal::{Removal, REMOVE_NUMBER};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registry_is_sorted_unique_and_documented() {
        let codes: Vec<&str> = all().iter().map(|r| r.doc().code).collect();
        let mut sorted = codes.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(codes, sorted, "registry must be sorted by code with no duplicates");
        for rule in all() {
            let d = rule.doc();
            let (family, number) = d.code.split_at(d.code.len() - 3);
            let well_formed = (3..=4).contains(&family.len()) && family.bytes().all(|b| b.is_ascii_uppercase()) && number.bytes().all(|b| b.is_ascii_digit());
            assert!(well_formed, "{} is not FAMILY + three digits", d.code);
            for text in [&d.what.en, &d.what.ko, &d.why.en, &d.why.ko, &d.fix.en, &d.fix.ko] {
                assert!(!text.is_empty(), "{} has an empty doc field", d.code);
            }
            for text in [&d.source.en, &d.source.ko, &d.example.en, &d.example.ko] {
                assert!(!text.is_empty(), "{} has an empty source or example", d.code);
            }
        }
    }
}
