//! The engine: a compiled policy that checks drafts and classifies posts.

use crate::custom::{CustomRules, Patterns, Refusal};
use crate::date::Date;
pub use crate::draft::Platform;
use crate::draft::{Draft, Role};
use crate::finding::{Category, Finding, Severity, Verdict};
use crate::lexicon::{Lex, PhraseIndex, PolicyLists};
use crate::policy::{Layered, Level, Policy, PolicyError, PolicyLayer, RuleCodes};
use crate::rules::{self, Findings};
use crate::settings::{Context, Settings};
use riskhint_text::text::{Language, Views};
use std::sync::LazyLock;

/// Drafts longer than this are checked on their first MiB only (and the report says so), so a
/// pasted novel cannot freeze the page.
pub const MAX_TEXT_BYTES: usize = 1 << 20;

/// What a draft check needs besides the text.
#[derive(Debug, Clone)]
pub struct CheckContext {
    pub role: Role,
    /// Today, for quiet periods.
    pub today: Date,
    /// The text of the post being replied to, if any.
    pub reply_to: Option<String>,
    pub platform: Platform,
    /// Findings the user chose to ignore, left out of the report.
    pub dismissed: Vec<Dismissal>,
}

impl CheckContext {
    /// An employee's check on `today`, not a reply, platform unknown, nothing dismissed.
    pub fn new(today: Date) -> Self {
        CheckContext { role: Role::Employee, today, reply_to: None, platform: Platform::Other, dismissed: Vec::new() }
    }
}

/// A finding the user ignored ("Ignore" on its card): the rule and the exact words it was about.
/// The same rule on other words, or other rules on the same words, still report. A rule whose
/// level the administrator locked cannot be dismissed: the organisation decided it must be seen.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Dismissal {
    pub code: String,
    pub text: String,
}

/// The result of checking a draft.
#[derive(Debug, Clone)]
pub struct Report {
    pub verdict: Verdict,
    /// The draft's main language.
    pub language: Language,
    /// Findings in text order.
    pub findings: Vec<Finding>,
    /// Whether only the first [`MAX_TEXT_BYTES`] were checked.
    pub truncated: bool,
    /// Every safe fix of the report made at once, as one edit of the draft ("Apply all safe
    /// fixes"); `None` when no finding has one.
    pub fix_all: Option<FixAll>,
    /// The least severe finding that asks "review before posting?" for this author (the policy's
    /// `review`, by role).
    pub review_from: Severity,
    /// "Post anyway" needs a short reason (the policy's `review.require_reason`).
    pub require_reason: bool,
}

/// The safe fixes of a report (see [`crate::Suggestion::is_safe`]) made together: one edit, so one
/// Ctrl+Z undoes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FixAll {
    pub edit: crate::finding::Suggestion,
    /// How many findings it fixes.
    pub fixes: usize,
}

/// A suggestion is previewed (the draft re-checked as if it were made, to say what new finding it
/// would bring) on the whole draft up to this size, and beyond it on the lines around the edit.
const PREVIEW_WHOLE_BYTES: usize = 4 * 1024;
/// Findings that start beyond this are not previewed (nor "safe"): a pasted book with thousands of
/// findings is not re-checked thousands of times. A bound by place, not by count, so that each
/// finding's preview never depends on the others.
const PREVIEW_WITHIN_BYTES: usize = 16 * 1024;

/// A policy compiled for checking. Cheap to share; building one takes a few milliseconds.
#[derive(Debug, Clone)]
pub struct Engine {
    policy: Policy,
    settings: Settings,
    index: PhraseIndex,
    custom: CustomRules,
    refused: Vec<Refusal>,
}

impl Default for Engine {
    fn default() -> Self {
        Engine::new(Policy::default())
    }
}

/// The longest prefix of `text` within `max` bytes that ends on a char boundary.
pub(crate) fn clip(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

impl Engine {
    /// Compiles `policy`.
    pub fn new(policy: Policy) -> Engine {
        Engine::compile(policy, &Patterns::default())
    }

    /// Compiles a layered policy, reusing the custom rule patterns its layers compiled when read.
    pub fn from_layered(layered: Layered) -> Engine {
        Engine::compile(layered.policy, &layered.patterns)
    }

    fn compile(policy: Policy, patterns: &Patterns) -> Engine {
        let lists: PolicyLists = vec![
            (Lex::OrgNames, &policy.organization.names[..]),
            (Lex::Products, &policy.organization.products[..]),
            (Lex::Executives, &policy.organization.executives[..]),
            (Lex::Tickers, &policy.organization.tickers[..]),
            (Lex::Competitors, &policy.organization.competitors[..]),
            (Lex::Codenames, &policy.confidential.codenames[..]),
            (Lex::ConfidentialTerms, &policy.confidential.terms[..]),
            (Lex::EmployeeTags, &policy.disclosure.employee_tags[..]),
            (Lex::CrisisTopics, &policy.crisis.topics[..]),
        ];
        let index = PhraseIndex::new(&lists);
        let (custom, refused, _) = CustomRules::compile_reusing(&policy.custom_rules, rule_codes(), patterns);
        let settings = Settings::new(&policy);
        Engine { policy, settings, index, custom, refused }
    }

    /// Parses and compiles a policy's JSON text.
    pub fn from_json(text: &str) -> Result<Engine, PolicyError> {
        Ok(Engine::new(Policy::parse(text)?))
    }

    /// Replaces the policy. On error the current policy stays in force.
    pub fn set_policy(&mut self, text: &str) -> Result<(), PolicyError> {
        *self = Engine::from_json(text)?;
        Ok(())
    }

    /// The policy in force.
    pub fn policy(&self) -> &Policy {
        &self.policy
    }

    /// The policy in force, as the rules read it.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The policy's custom rules that were refused and are not used (a policy read by
    /// [`crate::policy::PolicyLayer::parse`] has none left: they are its warnings).
    pub fn refused_custom_rules(&self) -> &[Refusal] {
        &self.refused
    }

    /// Analyses a text once for all rules.
    pub(crate) fn analyse<'a>(&self, text: &'a str) -> Draft<'a> {
        let views = Views::new(text);
        let hits = self.index.find(text, &views);
        Draft::new(text, views, hits)
    }

    /// Runs `rules` and the custom rules of the categories `custom` accepts over `draft`, and
    /// applies the policy's levels; findings sorted by position.
    pub(crate) fn run<'r>(
        &self,
        draft: &Draft,
        cx: &Context,
        rules: impl Iterator<Item = &'r &'static dyn rules::Rule>,
        custom: impl Fn(Category) -> bool,
    ) -> Vec<Finding> {
        let mut out = Findings::default();
        for rule in rules {
            let level = self.settings.level(rule.doc().code);
            if level == Some(Level::Off) {
                continue;
            }
            let before = out.list.len();
            rule.check(draft, cx, &mut out);
            if let Some(level) = level {
                let severity = match level {
                    Level::Info => Severity::Info,
                    Level::Warn => Severity::Warn,
                    _ => Severity::Block,
                };
                out.list[before..].iter_mut().for_each(|f| f.severity = severity);
            }
        }
        let mut findings = out.list;
        self.custom.check(draft.text, &draft.views, custom, &mut findings);
        findings.sort_by(|a, b| a.range.start.cmp(&b.range.start).then(a.code.cmp(b.code)));
        findings.dedup_by(|a, b| a.code == b.code && a.range == b.range);
        findings.iter_mut().filter(|f| self.settings.is_locked_rule(f.code)).for_each(|f| f.locked = true);
        findings
    }

    /// Whether the user dismissed `finding` (and may: its rule is not locked by the administrator).
    fn is_dismissed(&self, finding: &Finding, text: &str, dismissed: &[Dismissal]) -> bool {
        let words = &text[finding.range.clone()];
        !finding.locked && dismissed.iter().any(|d| d.code == finding.code && d.text == words)
    }

    /// Checks a draft the user is about to post. Its suggestions are clean edits
    /// ([`crate::fix::tidy`]), each knows what it would bring, and the safe ones are also offered
    /// all at once ([`Report::fix_all`]).
    pub fn check_draft(&self, text: &str, context: &CheckContext) -> Report {
        let mut report = self.check_rules(text, context);
        let checked = clip(text, MAX_TEXT_BYTES);
        self.finish_fixes(checked, context, &mut report);
        report
    }

    /// The fast tier's check alone: findings with their suggestions as the rules wrote them.
    fn check_rules(&self, text: &str, context: &CheckContext) -> Report {
        let checked = clip(text, MAX_TEXT_BYTES);
        let draft = self.analyse(checked);
        let reply = context.reply_to.as_deref().map(|r| self.analyse(clip(r, MAX_TEXT_BYTES)));
        let cx = Context { role: context.role, today: context.today, settings: &self.settings, reply_to: reply.as_ref(), platform: context.platform };
        let mut findings = self.run(&draft, &cx, rules::all().iter(), |_| true);
        if !context.dismissed.is_empty() {
            findings.retain(|f| !self.is_dismissed(f, checked, &context.dismissed));
        }
        let review = &self.policy.review;
        let review_from = match review.from_for(context.role) {
            crate::policy::ReviewFrom::Warn => Severity::Warn,
            crate::policy::ReviewFrom::Block => Severity::Block,
        };
        Report {
            verdict: Verdict::of(&findings),
            language: draft.language,
            findings,
            truncated: checked.len() < text.len(),
            fix_all: None,
            review_from,
            require_reason: review.require_reason,
        }
    }

    /// Makes every suggestion of `report` (on `text`, the checked part of the draft) a clean edit,
    /// previews the ones not yet previewed, and gathers the safe ones into [`Report::fix_all`]. Run
    /// again after the semantic tier adds findings.
    pub(crate) fn finish_fixes(&self, text: &str, context: &CheckContext, report: &mut Report) {
        for s in report.findings.iter_mut().flat_map(|f| f.suggestions.iter_mut()).filter(|s| s.prompt.is_none()) {
            let removal = s.replacement.is_empty();
            (s.range, s.replacement) = crate::fix::tidy(text, s.range.clone(), &s.replacement);
            // A removal that would strand a word takes its clause or sentence instead.
            if removal && !crate::fix::introduced_by(text, &s.range, &s.replacement).is_empty() {
                if let Some((wider, replacement, label)) = crate::fix::widen_removal(text, &s.range) {
                    (s.range, s.replacement, s.label) = (wider, replacement, label);
                }
            }
        }
        // Each suggestion is previewed on its own, whatever the others are (ignoring one finding
        // changes nothing of the rest): a post-sized draft is re-checked whole, a longer one on
        // the lines around the edit, so that previews cost the same per edit in any draft.
        let whole = text.len() <= PREVIEW_WHOLE_BYTES;
        // Judged with nothing ignored, so that ignoring one finding changes no other's preview.
        let plain = &CheckContext { dismissed: Vec::new(), ..context.clone() };
        let before = if whole && report.findings.iter().any(|f| f.suggestions.iter().any(|s| s.prompt.is_none() && s.creates.is_none())) {
            code_counts(&self.check_rules(text, plain).findings)
        } else {
            Vec::new()
        };
        for finding in report.findings.iter_mut().filter(|f| f.range.start < PREVIEW_WITHIN_BYTES) {
            for s in finding.suggestions.iter_mut().filter(|s| s.prompt.is_none() && s.creates.is_none()) {
                s.creates = Some(if whole {
                    created(&before, &self.check_rules(&s.apply(text), plain).findings)
                } else {
                    let (window, edit) = crate::fix::around(text, &s.range);
                    let had = code_counts(&self.check_rules(&text[window.clone()], plain).findings);
                    created(&had, &self.check_rules(&crate::fix::apply(&text[window], &edit, &s.replacement), plain).findings)
                });
            }
            // An edit that brings a finding of the same family fixes nothing ("stupid" softened
            // to a word that still reads as hostile).
            let family = &finding.code[..4];
            finding.suggestions.retain(|s| !s.creates.iter().flatten().any(|c| c.code.starts_with(family)));
        }
        report.fix_all = self.fix_all(text, context, &report.findings);
    }

    /// Every finding's first suggestion that is safe, made from the end of the draft back (so the
    /// ranges of the ones before stay true), each only where it meets no other and leaves the
    /// text with no flaw it did not have; kept only if the draft then has no finding it lacked.
    fn fix_all(&self, text: &str, context: &CheckContext, findings: &[Finding]) -> Option<FixAll> {
        let mut fixed = text.to_string();
        let mut fixes = 0;
        let mut limit = text.len() + 1;
        for finding in findings.iter().rev() {
            let Some(s) = finding.suggestions.iter().find(|s| s.is_safe()) else { continue };
            if s.range.end > limit {
                continue; // overlaps a later edit: its own Apply is still there
            }
            if !crate::fix::introduced_by(&fixed, &s.range, &s.replacement).is_empty() {
                continue;
            }
            fixed = s.apply(&fixed);
            limit = s.range.start;
            fixes += 1;
        }
        if fixes == 0 {
            return None;
        }
        let after = self.check_rules(&fixed, context).findings;
        if !created(&code_counts(findings), &after).is_empty() {
            return None;
        }
        let (range, replacement) = crate::fix::difference(text, &fixed);
        let label = crate::finding::Bilingual::fixed("Apply all safe fixes", "안전한 수정 모두 적용");
        // Checked just above: it brings nothing new.
        let edit = crate::finding::Suggestion { creates: Some(Vec::new()), ..crate::finding::Suggestion::new(label, range, replacement) };
        Some(FixAll { edit, fixes })
    }
}

/// How many findings each rule has.
fn code_counts(findings: &[Finding]) -> Vec<(&'static str, usize)> {
    let mut counts: Vec<(&'static str, usize)> = Vec::new();
    for f in findings {
        match counts.iter_mut().find(|(code, _)| *code == f.code) {
            Some((_, n)) => *n += 1,
            None => counts.push((f.code, 1)),
        }
    }
    counts
}

/// The findings of `after` whose rule has more findings than it had `before`.
fn created(before: &[(&'static str, usize)], after: &[Finding]) -> Vec<crate::finding::Created> {
    let had = |code: &str| before.iter().find(|(c, _)| *c == code).map_or(0, |(_, n)| *n);
    let mut new = Vec::new();
    for (code, n) in code_counts(after) {
        if n > had(code) {
            let message = after.iter().find(|f| f.code == code).map(|f| f.message.clone()).expect("counted");
            new.push(crate::finding::Created { code, message });
        }
    }
    new
}

/// The codes of the built-in rules: the only ones a policy may set a level for, and ones a custom
/// rule may not take. Handed to the policy, which knows no rule.
pub fn rule_codes() -> RuleCodes {
    static CODES: LazyLock<Vec<&'static str>> = LazyLock::new(|| rules::all().iter().map(|r| r.doc().code).collect());
    RuleCodes(CODES.as_slice())
}

// The policy read against the engine's rules. These live here, not in `policy/`, so that the
// policy does not import the rules that read it.

impl Policy {
    /// Parses a policy from JSON text; `//` and `/* */` comments are allowed. Custom rules that are
    /// refused are left out (their warnings: [`PolicyLayer::parse`]).
    pub fn parse(text: &str) -> Result<Policy, PolicyError> {
        Policy::parse_with(text, rule_codes())
    }
}

impl<'de> serde::Deserialize<'de> for Policy {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        serde::de::DeserializeSeed::deserialize(rule_codes(), d)
    }
}

impl PolicyLayer {
    /// Parses and validates one layer (see [`Policy::parse`]). Custom rules whose id or pattern
    /// is refused are left out of the layer and listed in `warnings`.
    pub fn parse(text: &str) -> Result<PolicyLayer, PolicyError> {
        PolicyLayer::parse_with(text, rule_codes())
    }

    /// A layer that turns `codes` off; unknown codes are skipped (a rule may have been renamed
    /// since the user turned it off).
    pub fn rules_off(codes: &[impl AsRef<str>]) -> PolicyLayer {
        PolicyLayer::rules_off_with(codes, rule_codes())
    }
}
