//! The rules. One rule, one file: each file holds the rule's documentation ([`RuleDoc`]: what it
//! catches, why it matters, its source, an example and its fix) and its check. Codes are stable and
//! grouped by family prefix; the registry in [`all`] is sorted by code.

pub use crate::draft::{Draft, Role};
use crate::finding::{Bilingual, Category, Finding, Severity, Suggestion};
use crate::lexicon::{Hit, Lex};
pub(crate) use crate::particle::{quoted, Particle};
pub use crate::settings::Context;
use riskhint_text::text::Language;
use std::ops::Range;

mod apol001_non_apology;
mod apol002_misunderstanding;
mod apol003_blame_shift;
mod apol004_denial;
mod apol005_no_corrective_action;
mod comp001_disparaging_competitor;
mod conf001_codename;
mod conf002_confidential_term;
mod conf003_internal_domain;
mod conf004_confidentiality_marker;
mod cris001_joke;
mod cris002_emoji;
mod cris003_speculation;
mod cris004_no_official_link;
mod disc001_undisclosed_affiliation;
mod disc002_weak_label;
mod disc003_misplaced_label;
mod disc004_undisclosed_promotion;
mod legl001_legal_threat;
mod legl002_crime_accusation;
mod mnpi001_financial_results;
mod mnpi002_deal_talk;
mod mnpi003_financing;
mod mnpi004_forecast;
mod mnpi005_quiet_period;
mod mnpi006_material_topic;
mod pii001_card_number;
mod pii002_resident_number;
mod pii003_ssn;
mod pii004_phone;
mod pii005_email;
mod prom001_promissory;
mod prom002_share_price;
mod sec001_credential;
mod sec002_assigned_secret;
mod sens001_politics;
mod sens002_religion;
mod tone001_profanity;
mod tone002_insult;
mod tone003_shouting;
mod tone004_threat;
mod tone005_identity_attack;
mod tone006_dismissive_reply;
mod tone007_hostile_model;

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

/// Reports every hit of `lexicons` as a finding of `doc`, with a removal suggestion when `remove` is set.
pub(crate) fn flag_hits(draft: &Draft, lexicons: &[Lex], doc: &'static RuleDoc, out: &mut Findings, message: impl Fn(&str) -> Bilingual, remove: Option<Bilingual>) {
    for &lexicon in lexicons {
        for hit in draft.hits(lexicon) {
            let finding = out.add(doc, hit.range.clone(), message(&draft.text[hit.range.clone()]));
            if let Some(label) = &remove {
                finding.suggest(label.clone(), hit.range.clone(), "");
            }
        }
    }
}

/// Every rule, sorted by code.
pub fn all() -> &'static [&'static dyn Rule] {
    static RULES: &[&dyn Rule] = &[
        &apol001_non_apology::Rule,
        &apol002_misunderstanding::Rule,
        &apol003_blame_shift::Rule,
        &apol004_denial::Rule,
        &apol005_no_corrective_action::Rule,
        &comp001_disparaging_competitor::Rule,
        &conf001_codename::Rule,
        &conf002_confidential_term::Rule,
        &conf003_internal_domain::Rule,
        &conf004_confidentiality_marker::Rule,
        &cris001_joke::Rule,
        &cris002_emoji::Rule,
        &cris003_speculation::Rule,
        &cris004_no_official_link::Rule,
        &disc001_undisclosed_affiliation::Rule,
        &disc002_weak_label::Rule,
        &disc003_misplaced_label::Rule,
        &disc004_undisclosed_promotion::Rule,
        &legl001_legal_threat::Rule,
        &legl002_crime_accusation::Rule,
        &mnpi001_financial_results::Rule,
        &mnpi002_deal_talk::Rule,
        &mnpi003_financing::Rule,
        &mnpi004_forecast::Rule,
        &mnpi005_quiet_period::Rule,
        &mnpi006_material_topic::Rule,
        &pii001_card_number::Rule,
        &pii002_resident_number::Rule,
        &pii003_ssn::Rule,
        &pii004_phone::Rule,
        &pii005_email::Rule,
        &prom001_promissory::Rule,
        &prom002_share_price::Rule,
        &sec001_credential::Rule,
        &sec002_assigned_secret::Rule,
        &sens001_politics::Rule,
        &sens002_religion::Rule,
        &tone001_profanity::Rule,
        &tone002_insult::Rule,
        &tone003_shouting::Rule,
        &tone004_threat::Rule,
        &tone005_identity_attack::Rule,
        &tone006_dismissive_reply::Rule,
        &tone007_hostile_model::Rule,
    ];
    RULES
}

/// The documentation of the rule with `code`.
pub fn doc(code: &str) -> Option<&'static RuleDoc> {
    all().iter().map(|r| r.doc()).find(|d| d.code == code)
}

pub(crate) use crate::finding::Severity::{Block, Info, Warn};
pub(crate) use crate::finding::Category as Cat;
pub(crate) use disc004_undisclosed_promotion::is_pitch;

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
