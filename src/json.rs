//! Reports as JSON, for the CLI and the extension alike. Spans are counted by a caller-chosen
//! unit: characters for the CLI, UTF-16 code units for JavaScript (see [`Offsets`]).

use crate::date::Date;
use crate::draft::{Platform, Role};
use crate::engine::{CheckContext, Dismissal, Engine, Report};
use crate::feed::{Post, PostReport};
use crate::finding::{Bilingual, EditKind, Finding};
use crate::policy::{layer_all, PolicyError, PolicyLayer};
use crate::rules::RuleDoc;
use crate::semantic::Semantic;
use riskhint_text::text::{Language, OffsetMap};
use serde::Serialize;
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
    /// Byte offsets of `text` as this unit counts them.
    fn map(self, text: &str) -> OffsetMap<'_> {
        OffsetMap::new(text, self == Offsets::Utf16)
    }
}

// Reports are serialised from borrowed structs, not built as `serde_json::Value` trees: building
// and dropping those maps was a tenth of classifying a post in WASM.

/// One finding, with its message, reason and suggestion labels in `lang` (and both languages
/// under `messages`).
#[derive(Serialize)]
pub struct FindingJson<'a> {
    code: &'static str,
    category: &'static str,
    severity: &'static str,
    start: usize,
    end: usize,
    /// In a feed post's report, personal data and secrets only masked ([`crate::feed::mask`]).
    text: std::borrow::Cow<'a, str>,
    message: &'a str,
    messages: &'a Bilingual,
    reason: &'a str,
    source: &'a str,
    suggestions: Vec<SuggestionJson<'a>>,
    /// The administrator locked the rule: no Ignore, no Turn off.
    locked: bool,
    /// Only on the semantic tier's findings: how sure it is (0–1).
    #[serde(skip_serializing_if = "Option::is_none")]
    confidence: Option<f32>,
}

/// A suggested edit. Made verbatim it leaves well-formed text; a `prompt` has no replacement until
/// the user fills in its fields ([`fill_prompt`]).
#[derive(Serialize)]
struct SuggestionJson<'a> {
    label: &'a str,
    kind: EditKind,
    start: usize,
    end: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    replacement: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    prompt: Option<PromptJson<'a>>,
    /// The findings the draft would get that it lacks now; absent where the engine did not look.
    #[serde(skip_serializing_if = "Option::is_none")]
    creates: Option<Vec<CreatedJson<'a>>>,
    /// Whether "Apply all safe fixes" may make it.
    safe: bool,
}

#[derive(Serialize)]
struct PromptJson<'a> {
    id: &'static str,
    fields: Vec<FieldJson<'a>>,
}

#[derive(Serialize)]
struct FieldJson<'a> {
    name: &'static str,
    label: &'a str,
    example: &'a str,
    required: bool,
}

#[derive(Serialize)]
struct CreatedJson<'a> {
    code: &'static str,
    message: &'a str,
}

fn suggestion<'a>(s: &'a crate::finding::Suggestion, lang: Language, offsets: &OffsetMap) -> SuggestionJson<'a> {
    SuggestionJson {
        label: s.label.get(lang),
        kind: s.kind(),
        start: offsets.of(s.range.start),
        end: offsets.of(s.range.end),
        replacement: s.prompt.is_none().then_some(s.replacement.as_str()),
        prompt: s.prompt.map(|p| PromptJson {
            id: p.id,
            fields: p.fields.iter().map(|f| FieldJson { name: f.name, label: f.label.get(lang), example: f.example.get(lang), required: f.required }).collect(),
        }),
        creates: s.creates.as_ref().map(|list| list.iter().map(|c| CreatedJson { code: c.code, message: c.message.get(lang) }).collect()),
        safe: s.is_safe(),
    }
}

fn finding<'a>(text: &'a str, f: &'a Finding, lang: Language, offsets: &OffsetMap) -> FindingJson<'a> {
    FindingJson {
        code: f.code,
        category: f.category.as_str(),
        severity: f.severity.as_str(),
        start: offsets.of(f.range.start),
        end: offsets.of(f.range.end),
        text: text[f.range.clone()].into(),
        message: f.message.get(lang),
        messages: &f.message,
        reason: f.reason.get(lang),
        source: f.source.get(lang),
        suggestions: f.suggestions.iter().map(|s| suggestion(s, lang, offsets)).collect(),
        locked: f.locked,
        confidence: f.confidence.map(|permille| permille as f32 / 1000.0),
    }
}

/// A draft check; `lang` defaults to the draft's own language.
#[derive(Serialize)]
pub struct ReportJson<'a> {
    verdict: &'static str,
    language: Language,
    truncated: bool,
    findings: Vec<FindingJson<'a>>,
    /// Every safe fix at once, as one edit ("Apply all safe fixes"), and how many findings it fixes.
    #[serde(skip_serializing_if = "Option::is_none")]
    fix_all: Option<FixAllJson<'a>>,
    /// When to ask before posting: the least severe finding that asks, and whether "Post anyway"
    /// needs a reason.
    review: ReviewJson,
}

#[derive(Serialize)]
struct FixAllJson<'a> {
    #[serde(flatten)]
    edit: SuggestionJson<'a>,
    fixes: usize,
}

#[derive(Serialize)]
struct ReviewJson {
    from: &'static str,
    require_reason: bool,
}

pub fn report<'a>(text: &'a str, report: &'a Report, lang: Option<Language>, unit: Offsets) -> ReportJson<'a> {
    let lang = lang.unwrap_or(report.language);
    let offsets = unit.map(text);
    ReportJson {
        verdict: report.verdict.as_str(),
        language: report.language,
        truncated: report.truncated,
        findings: report.findings.iter().map(|f| finding(text, f, lang, &offsets)).collect(),
        fix_all: report.fix_all.as_ref().map(|all| FixAllJson { edit: suggestion(&all.edit, lang, &offsets), fixes: all.fixes }),
        review: ReviewJson { from: report.review_from.as_str(), require_reason: report.require_reason },
    }
}

/// A classified post.
#[derive(Serialize)]
pub struct PostReportJson<'a> {
    id: &'a str,
    labels: Vec<&'static str>,
    risk: u8,
    hint: Option<&'a str>,
    hints: &'a Option<Bilingual>,
    findings: Vec<FindingJson<'a>>,
    evidence: Vec<EvidenceJson<'a>>,
    /// The kinds of personal data or secrets the post leaks.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    leaks: &'a [&'static str],
    /// The post's text with what it leaks masked: what a summary or an export keeps.
    #[serde(skip_serializing_if = "Option::is_none")]
    masked: Option<&'a str>,
}

#[derive(Serialize)]
struct EvidenceJson<'a> {
    label: &'static str,
    start: usize,
    end: usize,
    text: std::borrow::Cow<'a, str>,
}

pub fn post_report<'a>(text: &'a str, report: &'a PostReport, lang: Language, unit: Offsets) -> PostReportJson<'a> {
    let offsets = unit.map(text);
    // The spans of leaks, sorted, so each piece of evidence finds whether it is one in log time.
    let leaked = crate::feed::leak_spans(&report.findings);
    PostReportJson {
        id: &report.id,
        labels: report.labels.iter().map(|l| l.as_str()).collect(),
        risk: report.risk,
        hint: report.hint.as_ref().map(|h| h.get(lang)),
        hints: &report.hint,
        findings: report
            .findings
            .iter()
            .map(|f| {
                let mut json = finding(text, f, lang, &offsets);
                if crate::feed::is_leak(f) {
                    json.text = crate::feed::mask(&json.text).into();
                }
                json
            })
            .collect(),
        evidence: report
            .evidence
            .iter()
            .map(|e| {
                let words = &text[e.range.clone()];
                let text = if leaked.binary_search(&(e.range.start, e.range.end)).is_ok() { crate::feed::mask(words).into() } else { words.into() };
                EvidenceJson { label: e.label.as_str(), start: offsets.of(e.range.start), end: offsets.of(e.range.end), text }
            })
            .collect(),
        leaks: &report.leaks,
        masked: report.masked.as_deref(),
    }
}

/// One rule's documentation, in both languages (for `riskhint rules --json` and the options page).
pub fn rule_doc(d: &RuleDoc) -> Value {
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
    pub role: Role,
    /// `YYYY-MM-DD`; quiet periods are judged on this day.
    pub today: Option<String>,
    pub reply_to: Option<String>,
    pub platform: Platform,
    /// The language of messages; the draft's own language when absent.
    pub lang: Option<Language>,
    /// Findings the user ignored: `[{"code": "CONF001", "text": "Project Falcon"}]`.
    pub ignored: Vec<Dismissal>,
}

impl DraftRequest {
    /// The engine's context; an absent or unreadable date is an error, since quiet periods need it.
    pub fn context(&self) -> Result<CheckContext, String> {
        let raw = self.today.as_deref().ok_or("the request has no \"today\" date")?;
        let today = Date::parse(raw).ok_or_else(|| format!("\"today\" is not a YYYY-MM-DD date: {raw:?}"))?;
        let mut context = CheckContext::new(today);
        context.role = self.role;
        context.reply_to = self.reply_to.clone();
        context.platform = self.platform;
        context.dismissed = self.ignored.clone();
        Ok(context)
    }
}

/// The extension's draft check, JSON in and out (the WASM binding `Checker.check_draft` is this):
/// `request` is a [`DraftRequest`]. Returns the report, or `{"error": "…"}` for a request that
/// cannot be read. Native, so the fuzzer and the property tests run exactly what the browser runs.
/// With `semantic`, the semantic tier refines the fast tier's report (both tiers in one answer).
pub fn check_draft(engine: &Engine, semantic: Option<&Semantic>, text: &str, request: &str, unit: Offsets) -> String {
    let request: DraftRequest = match serde_json::from_str(request) {
        Ok(request) => request,
        Err(e) => return json!({"error": format!("bad request: {e}")}).to_string(),
    };
    match request.context() {
        Ok(context) => {
            let mut checked = engine.check_draft(text, &context);
            if let Some(semantic) = semantic {
                engine.refine_draft(semantic, text, &context, &mut checked);
            }
            serde_json::to_string(&report(text, &checked, request.lang, unit)).expect("a report serialises")
        }
        Err(e) => json!({"error": e}).to_string(),
    }
}

/// The edit a prompt makes once filled in (the extension's `Checker.fill_prompt`): `request` is
/// `{"id", "start", "end", "lang", "values": {"field": "text"}}` with offsets in `unit` into
/// `text`. Returns `{"start", "end", "replacement"}`, `{"empty": true}` when a required field is
/// empty, or `{"error": "…"}`.
pub fn fill_prompt(text: &str, request: &str, unit: Offsets) -> String {
    #[derive(serde::Deserialize)]
    struct Fill {
        id: String,
        start: usize,
        end: usize,
        lang: Option<Language>,
        #[serde(default)]
        values: Value,
    }
    let fill: Fill = match serde_json::from_str(request) {
        Ok(fill) => fill,
        Err(e) => return json!({"error": format!("bad request: {e}")}).to_string(),
    };
    let Some(prompt) = crate::rules::prompt(&fill.id) else { return json!({"error": format!("no prompt {:?}", fill.id)}).to_string() };
    let (Some(start), Some(end)) = (byte_at(text, fill.start, unit), byte_at(text, fill.end, unit)) else {
        return json!({"error": "the range is outside the text"}).to_string();
    };
    if start > end {
        return json!({"error": "the range ends before it starts"}).to_string();
    }
    let language = fill.lang.unwrap_or_else(|| riskhint_text::text::language(text));
    let values: Vec<(&str, &str)> = fill.values.as_object().into_iter().flatten().filter_map(|(k, v)| Some((k.as_str(), v.as_str()?))).collect();
    let Some(sentence) = prompt.fill(language, &values) else { return json!({"empty": true}).to_string() };
    let (range, replacement) = crate::fix::tidy(text, start..end, &sentence);
    let offsets = unit.map(text);
    json!({"start": offsets.of(range.start), "end": offsets.of(range.end), "replacement": replacement}).to_string()
}

/// The byte offset of `text` that is `units` units in, if it falls on a character boundary.
fn byte_at(text: &str, units: usize, unit: Offsets) -> Option<usize> {
    let mut counted = 0;
    for (at, c) in text.char_indices() {
        if counted == units {
            return Some(at);
        }
        counted += if unit == Offsets::Utf16 { c.len_utf16() } else { 1 };
    }
    (counted == units).then_some(text.len())
}

/// The extension's feed check (`Checker.classify_posts`): `posts` is `[{"id", "text", "author",
/// "replies", "reposts", "likes", "views", "promoted"}]`. Returns `[report]` in the same order, or
/// `{"error": "…"}`.
pub fn classify_posts(engine: &Engine, semantic: Option<&Semantic>, posts: &str, lang: &str, unit: Offsets) -> String {
    let posts: Vec<Post> = match serde_json::from_str(posts) {
        Ok(posts) => posts,
        Err(e) => return json!({"error": format!("bad posts: {e}")}).to_string(),
    };
    let lang = if lang == "ko" { Language::Ko } else { Language::En };
    let mut reports = engine.classify_posts(&posts);
    if let Some(semantic) = semantic {
        engine.refine_posts(semantic, &posts, &mut reports);
    }
    let out: Vec<_> = posts.iter().zip(&reports).map(|(p, r)| post_report(&p.text, r, lang, unit)).collect();
    serde_json::to_string(&out).expect("reports serialise")
}

/// The extension's policy set-up (`Checker.configure`): layers the administrator's policy, the
/// user's, the settings made outside it and the rules turned off. Returns the compiled engine with
/// `{"ok": true, "overridden", "locked", "crisis_active", "warnings": [{"layer", "line", "column",
/// "path", "message"}: custom rules refused and not used]}`, or `{"ok": false, "layer":
/// "admin"|"user"|"settings", "line", "column", "path", "message"}` and no engine.
pub fn configure(admin: Option<&str>, user: Option<&str>, settings: Option<&str>, rules_off: &[String]) -> (Option<Engine>, String) {
    let parse = |name: &str, text: Option<&str>| match text.filter(|t| !t.trim().is_empty()) {
        None => Ok(None),
        Some(text) => PolicyLayer::parse(text).map(Some).map_err(|e| rejected(Some(name), &e)),
    };
    let layers = parse("admin", admin).and_then(|admin| Ok((admin, parse("user", user)?, parse("settings", settings)?)));
    let (admin, user, settings) = match layers {
        Ok(layers) => layers,
        Err(error) => return (None, error.to_string()),
    };
    let off = PolicyLayer::rules_off(rules_off);
    let users: Vec<&PolicyLayer> = user.iter().chain(settings.iter()).chain([&off]).collect();
    let mut layered = layer_all(admin.as_ref(), &users);
    let mut refused: Vec<_> = [("admin", &admin), ("user", &user), ("settings", &settings)]
        .into_iter()
        .filter_map(|(name, layer)| Some(warnings(Some(name), layer.as_ref()?)))
        .flatten()
        .collect();
    let (locked, crisis_active) = (layered.policy.locked.clone(), layered.policy.crisis.active);
    let overridden = std::mem::take(&mut layered.overridden);
    let engine = Engine::from_layered(layered);
    // Each layer's rules were accepted on their own; together, a user's rule may reuse an id of
    // the administrator's (the administrator's is kept).
    for refusal in engine.refused_custom_rules() {
        refused.push(json!({"layer": "user", "line": 0, "column": 0, "path": "custom_rules", "message": refusal.to_string()}));
    }
    let outcome = json!({"ok": true, "overridden": overridden, "locked": locked, "crisis_active": crisis_active, "warnings": refused});
    (Some(engine), outcome.to_string())
}

/// A policy error or warning as the extension reads it, with the layer it came from if given.
pub(crate) fn error_json(layer: Option<&str>, e: &PolicyError) -> Value {
    let mut out = json!({"line": e.line, "column": e.column, "path": e.path, "message": e.message});
    if let Some(layer) = layer {
        out["layer"] = layer.into();
    }
    out
}

/// A policy that was not applied: `{"ok": false, …}`.
pub(crate) fn rejected(layer: Option<&str>, e: &PolicyError) -> Value {
    let mut out = error_json(layer, e);
    out["ok"] = false.into();
    out
}

pub(crate) fn warnings(layer: Option<&str>, parsed: &PolicyLayer) -> Vec<Value> {
    parsed.warnings.iter().map(|w| error_json(layer, w)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use riskhint_text::text::{char_offset, utf16_offset};

    #[test]
    fn offsets_match_counting_from_the_start_at_every_boundary() {
        // Korean (3 bytes, 1 unit), emoji (4 bytes, 2 UTF-16 units), ASCII, long enough for many
        // checkpoints.
        let text = "신제품 🚀 launch 다음 주 발표 👍🏽 ok ".repeat(40);
        for unit in [Offsets::Chars, Offsets::Utf16] {
            let map = unit.map(&text);
            for byte in (0..=text.len()).filter(|&b| text.is_char_boundary(b)) {
                let expected = if unit == Offsets::Chars { char_offset(&text, byte) } else { utf16_offset(&text, byte) };
                assert_eq!(map.of(byte), expected, "{unit:?} at byte {byte}");
            }
        }
        assert_eq!(Offsets::Utf16.map("plain ascii").of(6), 6);
    }
}
