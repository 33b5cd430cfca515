//! What a check reports: findings with spans, bilingual messages and suggested edits.

use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::ops::Range;

/// How serious a finding is. Ordered: `Info < Warn < Block`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// A quiet hint.
    Info,
    /// Underlined, with a card.
    Warn,
    /// Asks "review before posting?".
    Block,
}

impl Severity {
    /// The name used in policies and JSON output.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warn => "warn",
            Severity::Block => "block",
        }
    }
}

/// The draft categories of the risk taxonomy (product.md); names are stable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    Confidential,
    Pii,
    Secret,
    Mnpi,
    Disclosure,
    Promissory,
    Tone,
    Competitor,
    SensitiveTopic,
    Apology,
    Crisis,
    Legal,
}

impl Category {
    /// The stable name, as in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Confidential => "confidential",
            Category::Pii => "pii",
            Category::Secret => "secret",
            Category::Mnpi => "mnpi",
            Category::Disclosure => "disclosure",
            Category::Promissory => "promissory",
            Category::Tone => "tone",
            Category::Competitor => "competitor",
            Category::SensitiveTopic => "sensitive-topic",
            Category::Apology => "apology",
            Category::Crisis => "crisis",
            Category::Legal => "legal",
        }
    }
}

/// A text in both languages riskhint speaks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bilingual {
    pub en: Cow<'static, str>,
    pub ko: Cow<'static, str>,
}

impl Bilingual {
    pub fn new(en: impl Into<Cow<'static, str>>, ko: impl Into<Cow<'static, str>>) -> Self {
        Bilingual { en: en.into(), ko: ko.into() }
    }

    /// A fixed text, usable in statics such as rule documentation.
    pub const fn fixed(en: &'static str, ko: &'static str) -> Self {
        Bilingual { en: Cow::Borrowed(en), ko: Cow::Borrowed(ko) }
    }

    /// A text only the rule documentation shows (what a rule catches, its example, its fix): the
    /// CLI prints it and the build writes it into the extension as `engine/rules.json`, so the
    /// WASM engine, whose findings never carry it, leaves it out (about 9 KB gzipped).
    pub const fn for_docs(en: &'static str, ko: &'static str) -> Self {
        if cfg!(target_arch = "wasm32") {
            Bilingual::fixed("", "")
        } else {
            Bilingual::fixed(en, ko)
        }
    }

    /// The text in `language`.
    pub fn get(&self, language: crate::Language) -> &str {
        match language {
            crate::Language::En => &self.en,
            crate::Language::Ko => &self.ko,
        }
    }
}

/// A proposed edit: replace `range` of the draft with `replacement`. An empty range inserts, an
/// empty replacement removes. The engine makes every edit clean before it reports it
/// ([`crate::fix::tidy`]): made verbatim, it leaves well-formed text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    /// A short button label that says what the edit changes, e.g. "Add #HanbitEmployee".
    pub label: Bilingual,
    /// Byte range of the original draft to replace.
    pub range: Range<usize>,
    /// The new text (empty for a prompt until the user fills it in).
    pub replacement: String,
    /// A fix that needs the user's own words (what will change, by when): the card asks for them
    /// and inserts only what was filled in ([`crate::fix::Prompt::fill`]), never a placeholder.
    pub prompt: Option<&'static crate::fix::Prompt>,
    /// The findings the draft would get that it does not have now, if this edit were made; `None`
    /// until the engine has looked ([`crate::Engine::check_draft`] does, for drafts of usual size).
    pub creates: Option<Vec<Created>>,
}

/// A finding an edit would bring: its rule and what it would say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Created {
    pub code: &'static str,
    pub message: Bilingual,
}

/// What a suggestion does, for UIs that show an icon per kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EditKind {
    Replace,
    Insert,
    Remove,
    /// Asks the user for words first (see [`Suggestion::prompt`]).
    Prompt,
}

impl Suggestion {
    pub fn new(label: Bilingual, range: Range<usize>, replacement: impl Into<String>) -> Self {
        Suggestion { label, range, replacement: replacement.into(), prompt: None, creates: None }
    }

    /// A fix that asks for the user's words and inserts them at `at`.
    pub fn prompt(label: Bilingual, at: usize, prompt: &'static crate::fix::Prompt) -> Self {
        Suggestion { label, range: at..at, replacement: String::new(), prompt: Some(prompt), creates: None }
    }

    /// Whether it replaces, inserts, removes or asks first.
    pub fn kind(&self) -> EditKind {
        if self.prompt.is_some() {
            EditKind::Prompt
        } else if self.range.is_empty() {
            EditKind::Insert
        } else if self.replacement.is_empty() {
            EditKind::Remove
        } else {
            EditKind::Replace
        }
    }

    /// Whether "Apply all safe fixes" may make it: it needs no words from the user and the engine
    /// looked and found it brings no new finding.
    pub fn is_safe(&self) -> bool {
        self.prompt.is_none() && self.creates.as_ref().is_some_and(Vec::is_empty)
    }

    /// The draft with this edit made.
    pub fn apply(&self, draft: &str) -> String {
        crate::fix::apply(draft, &self.range, &self.replacement)
    }
}

/// One risk found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Stable rule code, e.g. `MNPI001`.
    pub code: &'static str,
    pub category: Category,
    pub severity: Severity,
    /// Byte range of the original text the finding is about.
    pub range: Range<usize>,
    /// What is wrong with this text.
    pub message: Bilingual,
    /// Why it matters (from the rule's documentation).
    pub reason: Bilingual,
    /// The guideline, law or case behind the rule.
    pub source: Bilingual,
    /// Proposed fixes, best first.
    pub suggestions: Vec<Suggestion>,
    /// The administrator locked this rule: the finding cannot be ignored or its rule turned off
    /// (decided by the engine, so the extension never repeats the policy's lock logic).
    pub locked: bool,
    /// For a finding of the semantic tier, how sure its head is, in thousandths (kept whole so
    /// findings compare exactly); `None` from the fast tier.
    pub confidence: Option<u16>,
}

/// Whether a draft can go out: `block` if any finding blocks, `review` if any warns, else `ok`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    Ok,
    Review,
    Block,
}

impl Verdict {
    /// The verdict that a set of findings deserves.
    pub fn of(findings: &[Finding]) -> Verdict {
        match findings.iter().map(|f| f.severity).max() {
            Some(Severity::Block) => Verdict::Block,
            Some(Severity::Warn) => Verdict::Review,
            _ => Verdict::Ok,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Ok => "ok",
            Verdict::Review => "review",
            Verdict::Block => "block",
        }
    }
}
