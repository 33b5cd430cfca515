//! Reports as JSON, for the CLI and the extension alike. Spans are counted by a caller-chosen
//! unit: characters for the CLI, UTF-16 code units for JavaScript (see [`Offsets`]).

use crate::engine::Report;
use crate::feed::PostReport;
use crate::finding::Finding;
use crate::text::{char_offset, utf16_offset, Language};
use serde_json::{json, Value};

/// How offsets into the original text are counted in the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Offsets {
    /// Unicode scalar values: what people and most tools count.
    Chars,
    /// UTF-16 code units: what JavaScript's string indices count.
    Utf16,
}

impl Offsets {
    fn of(self, text: &str, byte: usize) -> usize {
        match self {
            Offsets::Chars => char_offset(text, byte),
            Offsets::Utf16 => utf16_offset(text, byte),
        }
    }
}

/// One finding, with its message, reason and suggestion labels in `lang` (and both languages
/// under `messages`).
pub fn finding(text: &str, f: &Finding, lang: Language, unit: Offsets) -> Value {
    let at = |byte: usize| unit.of(text, byte);
    json!({
        "code": f.code,
        "category": f.category.as_str(),
        "severity": f.severity.as_str(),
        "start": at(f.range.start),
        "end": at(f.range.end),
        "text": &text[f.range.clone()],
        "message": &f.message.get(lang),
        "messages": f.message,
        "reason": &f.reason.get(lang),
        "source": f.source,
        "suggestions": f.suggestions.iter().map(|s| json!({
            "label": &s.label.get(lang),
            "kind": s.kind(),
            "start": at(s.range.start),
            "end": at(s.range.end),
            "replacement": s.replacement,
        })).collect::<Vec<_>>(),
    })
}

/// A draft check; `lang` defaults to the draft's own language.
pub fn report(text: &str, report: &Report, lang: Option<Language>, unit: Offsets) -> Value {
    let lang = lang.unwrap_or(report.language);
    json!({
        "verdict": report.verdict.as_str(),
        "language": report.language,
        "truncated": report.truncated,
        "findings": report.findings.iter().map(|f| finding(text, f, lang, unit)).collect::<Vec<_>>(),
    })
}

/// A classified post.
pub fn post_report(text: &str, report: &PostReport, lang: Language, unit: Offsets) -> Value {
    json!({
        "id": report.id,
        "labels": report.labels.iter().map(|l| l.as_str()).collect::<Vec<_>>(),
        "risk": report.risk,
        "hint": report.hint.as_ref().map(|h| h.get(lang)),
        "hints": report.hint,
        "findings": report.findings.iter().map(|f| finding(text, f, lang, unit)).collect::<Vec<_>>(),
        "evidence": report.evidence.iter().map(|e| json!({
            "label": e.label.as_str(),
            "start": unit.of(text, e.range.start),
            "end": unit.of(text, e.range.end),
            "text": &text[e.range.clone()],
        })).collect::<Vec<_>>(),
    })
}

/// One rule's documentation, in both languages (for `riskhint rules --json` and the options page).
pub fn rule_doc(d: &crate::rules::RuleDoc) -> Value {
    json!({
        "code": d.code, "name": d.name, "category": d.category.as_str(), "severity": d.severity.as_str(),
        "what": d.what, "why": d.why, "source": d.source, "example": d.example, "fix": d.fix,
    })
}

/// What a caller asks of a draft check, as JSON: `{"role": "executive", "today": "2026-06-01",
/// "reply_to": "…", "platform": "x", "lang": "ko"}`; every field is optional.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DraftRequest {
    pub role: crate::rules::Role,
    /// `YYYY-MM-DD`; quiet periods are judged on this day.
    pub today: Option<String>,
    pub reply_to: Option<String>,
    pub platform: crate::engine::Platform,
    /// The language of messages; the draft's own language when absent.
    pub lang: Option<Language>,
    /// Findings the user ignored: `[{"code": "CONF001", "text": "Project Falcon"}]`.
    pub ignored: Vec<crate::engine::Dismissal>,
}

impl DraftRequest {
    /// The engine's context; an absent or unreadable date is an error, since quiet periods need it.
    pub fn context(&self) -> Result<crate::engine::CheckContext, String> {
        let raw = self.today.as_deref().ok_or("the request has no \"today\" date")?;
        let today = crate::date::Date::parse(raw).ok_or_else(|| format!("\"today\" is not a YYYY-MM-DD date: {raw:?}"))?;
        let mut context = crate::engine::CheckContext::new(today);
        context.role = self.role;
        context.reply_to = self.reply_to.clone();
        context.platform = self.platform;
        context.dismissed = self.ignored.clone();
        Ok(context)
    }
}
