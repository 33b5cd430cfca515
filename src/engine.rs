//! The engine: a compiled policy that checks drafts and classifies posts.

use crate::custom::{CustomRules, Refusal};
use crate::date::Date;
use crate::finding::{Category, Finding, Severity, Verdict};
use crate::lexicon::{Lex, PhraseIndex, PolicyLists};
use crate::policy::{Level, Policy, PolicyError};
use crate::rules::{self, Context, Draft, Findings, Role};
use crate::text::{Language, Views};

/// Drafts longer than this are checked on their first MiB only (and the report says so), so a
/// pasted novel cannot freeze the page.
pub const MAX_TEXT_BYTES: usize = 1 << 20;

/// Where the text will be posted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Platform {
    #[default]
    Other,
    X,
    Facebook,
    Linkedin,
    Instagram,
}

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
}

/// A policy compiled for checking. Cheap to share; building one takes a few milliseconds.
#[derive(Debug, Clone)]
pub struct Engine {
    policy: Policy,
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
        let (custom, refused) = CustomRules::compile(&policy.custom_rules);
        Engine { policy, index, custom, refused }
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
            let level = self.policy.level(rule.doc().code);
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
        findings.iter_mut().filter(|f| self.policy.is_locked(&format!("rules.{}", f.code))).for_each(|f| f.locked = true);
        findings
    }

    /// Whether the user dismissed `finding` (and may: its rule is not locked by the administrator).
    fn is_dismissed(&self, finding: &Finding, text: &str, dismissed: &[Dismissal]) -> bool {
        let words = &text[finding.range.clone()];
        !finding.locked && dismissed.iter().any(|d| d.code == finding.code && d.text == words)
    }

    /// Checks a draft the user is about to post.
    pub fn check_draft(&self, text: &str, context: &CheckContext) -> Report {
        let checked = clip(text, MAX_TEXT_BYTES);
        let draft = self.analyse(checked);
        let reply = context.reply_to.as_deref().map(|r| self.analyse(clip(r, MAX_TEXT_BYTES)));
        let cx = Context { role: context.role, today: context.today, policy: &self.policy, reply_to: reply.as_ref(), platform: context.platform };
        let mut findings = self.run(&draft, &cx, rules::all().iter(), |_| true);
        if !context.dismissed.is_empty() {
            findings.retain(|f| !self.is_dismissed(f, checked, &context.dismissed));
        }
        Report { verdict: Verdict::of(&findings), language: draft.language, findings, truncated: checked.len() < text.len() }
    }
}
