//! The organisation's policy: who the organisation is, what is confidential, quiet periods, crisis
//! mode and rule levels.
//!
//! A policy is JSON (comments allowed, as in the shipped examples). Every field is optional and
//! unknown fields are errors, reported with their path, line and column. Policies layer:
//! built-in defaults < an administrator's policy < the user's own additions. Lists merge, scalars
//! override, and paths the administrator names in `locked` keep the administrator's value.

use crate::custom::{CustomRule, CustomRules};
use crate::date::Date;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::{BTreeMap, HashSet};
use std::fmt;

/// The largest policy text accepted, so a pasted file cannot stall the engine.
pub const MAX_POLICY_BYTES: usize = 1 << 20;

/// An organisation's policy. See `examples/hanbit-policy.jsonc` and `riskhint schema`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "cli", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, default)]
pub struct Policy {
    /// Who the organisation is: names, products, people, tickers, competitors.
    pub organization: Organization,
    /// What must not be posted.
    pub confidential: Confidential,
    /// How employees disclose their affiliation.
    pub disclosure: Disclosure,
    /// Windows (inclusive) in which posts about the business are risky, e.g. before earnings.
    pub quiet_periods: Vec<QuietPeriod>,
    /// Crisis mode: drafts stick to facts and official links.
    pub crisis: Crisis,
    /// Rule levels by rule code: "off", "info", "warn" or "block".
    #[cfg_attr(feature = "cli", schemars(schema_with = "crate::policy::rules_schema"))]
    pub rules: BTreeMap<RuleCode, Level>,
    /// The organisation's own rules: a pattern and what to say when it matches (see
    /// `src/custom.rs`). A rule whose pattern or id is refused is left out, with a warning; the
    /// rest of the policy still loads.
    pub custom_rules: Vec<CustomRule>,
    /// Paths (e.g. "crisis.active", "rules.MNPI001", "organization.names", or "*") whose
    /// administrator value a user's own policy cannot change. Read from the administrator's layer.
    pub locked: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "cli", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, default)]
pub struct Organization {
    /// Names and handles of the organisation, in every language ("Hanbit", "@HanbitElec", "한빛전자").
    pub names: Vec<String>,
    /// Product names.
    pub products: Vec<String>,
    /// Executives whose names mark a post as about the company.
    pub executives: Vec<String>,
    /// Stock tickers and codes ("HBE", "123450").
    pub tickers: Vec<String>,
    /// Competitors' names.
    pub competitors: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "cli", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, default)]
pub struct Confidential {
    /// Internal project codenames.
    pub codenames: Vec<String>,
    /// Other confidential terms.
    pub terms: Vec<String>,
    /// Internal domains: hosts, URLs and emails under them are internal.
    pub internal_domains: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "cli", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, default)]
pub struct Disclosure {
    /// Hashtags that disclose employment; the first is the one suggested ("#HanbitEmployee").
    pub employee_tags: Vec<String>,
    /// Where each site's feed cuts a long post behind "see more" / "더보기", in characters
    /// (DISC003): a disclosure must be seen before it.
    pub see_more_chars: SeeMoreChars,
}

/// The "see more" cut-off of each site's feed, in characters (Unicode scalar values, not bytes;
/// on X as X counts them: Hangul, CJK and emoji count two). A disclosure that ends after the
/// cut-off of a post longer than it is hidden (DISC003). The defaults and where they come from
/// are in `src/rules/disc003_misplaced_label.rs` and the README.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "cli", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, default)]
pub struct SeeMoreChars {
    /// X: the timeline shows the first 280 characters of a long post (X's own count), then "Show more".
    #[serde(deserialize_with = "cut_off")]
    #[cfg_attr(feature = "cli", schemars(range(min = 1, max = 100000)))]
    pub x: u32,
    /// Facebook: about 477 characters (five lines on desktop), then "See more".
    #[serde(deserialize_with = "cut_off")]
    #[cfg_attr(feature = "cli", schemars(range(min = 1, max = 100000)))]
    pub facebook: u32,
    /// LinkedIn: about 210 characters (three lines on desktop), then "…see more".
    #[serde(deserialize_with = "cut_off")]
    #[cfg_attr(feature = "cli", schemars(range(min = 1, max = 100000)))]
    pub linkedin: u32,
    /// Instagram: captions show about 125 characters (two to three lines), then "more".
    #[serde(deserialize_with = "cut_off")]
    #[cfg_attr(feature = "cli", schemars(range(min = 1, max = 100000)))]
    pub instagram: u32,
    /// Any other site, or none known (the CLI's default): the first part of a post, as the Korean
    /// guideline asks ("제목 또는 첫 부분"); the shortest feed's cut-off.
    #[serde(deserialize_with = "cut_off")]
    #[cfg_attr(feature = "cli", schemars(range(min = 1, max = 100000)))]
    pub other: u32,
}

impl Default for SeeMoreChars {
    fn default() -> Self {
        SeeMoreChars { x: 280, facebook: 477, linkedin: 210, instagram: 125, other: 125 }
    }
}

impl SeeMoreChars {
    /// The largest cut-off a policy may set.
    pub const MAX: u32 = 100_000;

    /// The cut-off on `platform`.
    pub fn on(&self, platform: crate::engine::Platform) -> u32 {
        use crate::engine::Platform;
        match platform {
            Platform::X => self.x,
            Platform::Facebook => self.facebook,
            Platform::Linkedin => self.linkedin,
            Platform::Instagram => self.instagram,
            Platform::Other => self.other,
        }
    }
}

/// Reads a cut-off, refusing it inside serde's visitor so that the error names the field (see
/// [`parse_str`]).
fn cut_off<'de, D: serde::Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    struct CutOff;
    impl serde::de::Visitor<'_> for CutOff {
        type Value = u32;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            write!(f, "a number of characters from 1 to {}", SeeMoreChars::MAX)
        }
        fn visit_u64<E: serde::de::Error>(self, n: u64) -> Result<u32, E> {
            match u32::try_from(n) {
                Ok(n @ 1..=SeeMoreChars::MAX) => Ok(n),
                _ => Err(out_of_range(n)),
            }
        }
        fn visit_i64<E: serde::de::Error>(self, n: i64) -> Result<u32, E> {
            u64::try_from(n).map_or_else(|_| Err(out_of_range(n)), |n| self.visit_u64(n))
        }
    }
    fn out_of_range<E: serde::de::Error>(n: impl fmt::Display) -> E {
        E::custom(format!("a see-more cut-off of {n} characters is out of range: from 1 to {}", SeeMoreChars::MAX))
    }
    d.deserialize_u64(CutOff)
}

/// An inclusive date window.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "cli", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "cli", schemars(deny_unknown_fields))]
pub struct QuietPeriod {
    pub start: Date,
    pub end: Date,
    /// Shown in the finding ("Q4 earnings").
    #[serde(default)]
    pub reason: String,
}

#[derive(Deserialize)]
#[cfg_attr(feature = "cli", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
struct RawQuietPeriod {
    start: Date,
    end: Date,
    #[serde(default)]
    reason: String,
}

impl TryFrom<RawQuietPeriod> for QuietPeriod {
    type Error = String;
    fn try_from(raw: RawQuietPeriod) -> Result<Self, String> {
        if raw.end < raw.start {
            return Err(format!("quiet period ends ({}) before it starts ({})", raw.end, raw.start));
        }
        Ok(QuietPeriod { start: raw.start, end: raw.end, reason: raw.reason })
    }
}

/// Checked while its object is read, so that serde_json places a refusal just after that object
/// and the error names the period ([`path_at`]); serde's `try_from` checks later, where it would
/// name the list.
impl<'de> Deserialize<'de> for QuietPeriod {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Period;
        impl<'de> serde::de::Visitor<'de> for Period {
            type Value = QuietPeriod;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a quiet period: {\"start\", \"end\", \"reason\"}")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<QuietPeriod, A::Error> {
                let raw = RawQuietPeriod::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                QuietPeriod::try_from(raw).map_err(serde::de::Error::custom)
            }
        }
        d.deserialize_map(Period)
    }
}

impl QuietPeriod {
    /// Whether `day` falls in the window.
    pub fn contains(&self, day: Date) -> bool {
        self.start <= day && day <= self.end
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "cli", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, default)]
pub struct Crisis {
    /// Whether crisis mode is on.
    pub active: bool,
    /// What the crisis is about ("battery fire"); posts about it need an official link.
    pub topics: Vec<String>,
    /// Official sources to link to; the first is suggested.
    #[cfg_attr(feature = "cli", schemars(with = "Vec<String>"))]
    pub official_links: Vec<OfficialLink>,
}

/// An http(s) URL of an official statement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(into = "String")]
pub struct OfficialLink(pub String);

impl<'de> Deserialize<'de> for OfficialLink {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        parse_str(d, "an http(s) URL", |url| OfficialLink::try_from(url.to_string()))
    }
}

impl TryFrom<String> for OfficialLink {
    type Error = String;
    fn try_from(url: String) -> Result<Self, String> {
        let ok = (url.starts_with("https://") || url.starts_with("http://"))
            && url.len() > "https://".len()
            && !url.chars().any(char::is_whitespace);
        if ok {
            Ok(OfficialLink(url))
        } else {
            Err(format!("official link {url:?} is not an http(s) URL"))
        }
    }
}

impl From<OfficialLink> for String {
    fn from(link: OfficialLink) -> String {
        link.0
    }
}

/// A rule's level as a policy sets it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "cli", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Off,
    Info,
    Warn,
    Block,
}

/// A rule code that exists (`MNPI001`); unknown codes are policy errors.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct RuleCode(pub String);

/// Lets the policy's levels be looked up by a rule's `&str` code (strings order the same either way).
impl std::borrow::Borrow<str> for RuleCode {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl<'de> Deserialize<'de> for RuleCode {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        parse_str(d, "a rule code", |code| match crate::rules::doc(code) {
            Some(_) => Ok(RuleCode(code.to_string())),
            None => Err(format!("unknown rule code {code:?} (see `riskhint rules`)")),
        })
    }
}

/// Reads a string through `parse`, refusing it inside serde's visitor: serde_json places an error
/// made there just after the string, so that the error's path names the field ([`path_at`]). An
/// error made once the string is read would be placed after the object or list around it.
pub(crate) fn parse_str<'de, D: serde::Deserializer<'de>, T>(d: D, expecting: &'static str, parse: fn(&str) -> Result<T, String>) -> Result<T, D::Error> {
    struct Parse<T> {
        expecting: &'static str,
        parse: fn(&str) -> Result<T, String>,
    }
    impl<T> serde::de::Visitor<'_> for Parse<T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str(self.expecting)
        }
        fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<T, E> {
            (self.parse)(text).map_err(E::custom)
        }
    }
    d.deserialize_str(Parse { expecting, parse })
}

#[cfg(feature = "cli")]
fn rules_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    let levels = serde_json::json!({ "enum": ["off", "info", "warn", "block"] });
    let properties: serde_json::Map<String, Value> =
        crate::rules::all().iter().map(|r| (r.doc().code.to_string(), levels.clone())).collect();
    schemars::json_schema!({
        "type": "object",
        "properties": properties,
        "additionalProperties": false,
    })
}

/// A policy that could not be read, with where and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyError {
    /// Dotted path of the field at fault ("quiet_periods[0].start"); in broken JSON, of the value
    /// being read where it broke; empty at the top.
    pub path: String,
    /// 1-based line of the error.
    pub line: usize,
    /// 1-based column of the error.
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for PolicyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}, column {}", self.line, self.column)?;
        if !self.path.is_empty() {
            write!(f, ", field {}", self.path)?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for PolicyError {}

impl Policy {
    /// Parses a policy from JSON text; `//` and `/* */` comments are allowed. Custom rules that are
    /// refused are left out (their warnings: [`PolicyLayer::parse`]).
    pub fn parse(text: &str) -> Result<Policy, PolicyError> {
        PolicyLayer::parse(text).map(|layer| layer.policy)
    }

    /// [`Policy::parse`] with every custom rule kept, refused or not.
    fn parse_all(text: &str) -> Result<Policy, PolicyError> {
        if text.len() > MAX_POLICY_BYTES {
            return Err(PolicyError {
                path: String::new(),
                line: 1,
                column: 1,
                message: format!("policy is {} bytes; the limit is {MAX_POLICY_BYTES}", text.len()),
            });
        }
        let json = strip_comments(text);
        // serde would fill a struct from an array by position; a policy names its fields.
        if let Some(at) = json.find(|c: char| !c.is_whitespace()).filter(|&at| !json[at..].starts_with('{')) {
            let (line, column) = line_column(&json, at);
            return Err(PolicyError { path: String::new(), line, column, message: "a policy is a JSON object: { … }".into() });
        }
        let mut de = serde_json::Deserializer::from_str(&json);
        let policy = Policy::deserialize(&mut de).map_err(|e| PolicyError {
            // serde_json places a refused value where it starts or just after it, and unexpected
            // text ("[" where a level belongs) just after its first character, not yet read.
            path: path_at(&json, offset(&json, e.line(), e.column()).saturating_sub(usize::from(e.is_syntax()))),
            line: e.line(),
            // serde_json counts column 0 when the text ends at the start of a line; ours are 1-based.
            column: e.column().max(1),
            message: clean_message(&e.to_string()),
        })?;
        de.end().map_err(|e| PolicyError {
            path: String::new(),
            line: e.line(),
            column: e.column().max(1),
            message: clean_message(&e.to_string()),
        })?;
        Ok(policy)
    }

    /// The rule level this policy sets for `code`, if any.
    pub fn level(&self, code: &str) -> Option<Level> {
        self.rules.get(code).copied()
    }

    /// Whether the administrator locked `path` (or a path above it) in this layered policy.
    pub fn is_locked(&self, path: &str) -> bool {
        is_locked(path, &self.locked)
    }

    /// The quiet period `day` falls in, if any.
    pub fn quiet_period(&self, day: Date) -> Option<&QuietPeriod> {
        self.quiet_periods.iter().find(|p| p.contains(day))
    }
}

/// The byte of `text` at serde_json's 1-based `line` and `column` (columns count bytes from 0 at
/// the start of a line, where serde_json says the error is).
fn offset(text: &str, line: usize, column: usize) -> usize {
    let line_start = text.split_inclusive('\n').take(line.saturating_sub(1)).map(str::len).sum::<usize>();
    (line_start + column).min(text.len())
}

/// The path of the value that `json` (comments blanked) is inside at byte `at`, as a policy error
/// names it: `organization.names[2]`, or empty at the top. serde_json says where it refused a value
/// (where it starts, just after it, or after a key it did not know), so the keys and indexes still
/// open there are the value's path. A skim, not a parse: serde_json has read the text up to `at`.
fn path_at(json: &str, at: usize) -> String {
    enum Open<'a> {
        Object(Option<&'a str>),
        Array(usize),
    }
    let bytes = json.as_bytes();
    let mut open = Vec::new();
    let mut i = 0;
    while i < at.min(bytes.len()) {
        match bytes[i] {
            b'"' => {
                let start = i + 1;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                // A string where an object expects a key is its key (a key's value leaves it set).
                if let Some(Open::Object(key @ None)) = open.last_mut() {
                    *key = Some(&json[start..i.min(bytes.len())]);
                }
            }
            b'{' => open.push(Open::Object(None)),
            b'[' => open.push(Open::Array(0)),
            b'}' | b']' => drop(open.pop()),
            b',' => match open.last_mut() {
                Some(Open::Object(key)) => *key = None,
                Some(Open::Array(index)) => *index += 1,
                None => {}
            },
            _ => {}
        }
        i += 1;
    }
    let mut path = String::new();
    for segment in &open {
        match segment {
            Open::Object(Some(key)) => {
                if !path.is_empty() {
                    path.push('.');
                }
                // An escaped key is named as it reads, not as written ("a\"b" is a"b).
                match key.contains('\\') {
                    true => path.push_str(&serde_json::from_str::<String>(&format!("\"{key}\"")).unwrap_or_else(|_| key.to_string())),
                    false => path.push_str(key),
                }
            }
            Open::Object(None) => {}
            Open::Array(index) => path.push_str(&format!("[{index}]")),
        }
    }
    path
}

/// The 1-based line and column of byte `at` of `text` (columns count bytes, as serde_json's do).
fn line_column(text: &str, at: usize) -> (usize, usize) {
    let line = text[..at].matches('\n').count() + 1;
    let column = text[..at].rfind('\n').map_or(at, |nl| at - nl - 1) + 1;
    (line, column)
}

/// Where custom rule `index`'s `field` (or, failing that, the rule itself) starts in the policy's
/// JSON text `json` (comments blanked), for a warning that names a line; 0 if it is not found.
fn custom_rule_site(json: &str, index: usize, field: &str) -> usize {
    let bytes = json.as_bytes();
    // Skims the JSON: strings are skipped whole, so brackets and keys inside them do not count.
    // Depth 1 is the policy, 2 the list of rules, 3 a rule's fields.
    let (mut depth, mut in_rules, mut rule, mut rule_start, mut expect_rule) = (0usize, false, 0usize, None, false);
    let mut last_string = (0, 0);
    let mut at = 0;
    while at < bytes.len() {
        let byte = bytes[at];
        if expect_rule && !byte.is_ascii_whitespace() {
            expect_rule = false;
            if rule == index {
                rule_start = Some(at);
            }
        }
        match byte {
            b'"' => {
                let start = at + 1;
                at += 1;
                while at < bytes.len() && bytes[at] != b'"' {
                    at += if bytes[at] == b'\\' { 2 } else { 1 };
                }
                last_string = (start, at.min(bytes.len()));
            }
            b':' => {
                let key = &json[last_string.0..last_string.1];
                if depth == 1 {
                    in_rules = key == "custom_rules";
                } else if in_rules && depth == 3 && rule == index && key == field {
                    return at + 1 + json[at + 1..].len() - json[at + 1..].trim_start().len();
                }
            }
            b'{' | b'[' => {
                depth += 1;
                expect_rule |= in_rules && depth == 2;
            }
            b'}' | b']' => {
                if in_rules && depth == 2 {
                    break;
                }
                depth = depth.saturating_sub(1);
            }
            b',' if in_rules && depth == 2 => {
                if rule == index {
                    break;
                }
                rule += 1;
                expect_rule = true;
            }
            _ => {}
        }
        at += 1;
    }
    rule_start.unwrap_or(0)
}

/// serde_json appends " at line L column C"; the error carries those as fields already.
fn clean_message(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(at) => message[..at].to_string(),
        None => message.to_string(),
    }
}

/// Blanks out `//` and `/* */` comments, keeping every newline so that error positions stay true.
fn strip_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let mut in_string = false;
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            if c == '\\' {
                if let Some(escaped) = chars.next() {
                    out.push(escaped);
                }
            } else if c == '"' {
                in_string = false;
            }
            continue;
        }
        match (c, chars.peek()) {
            ('"', _) => {
                in_string = true;
                out.push(c);
            }
            ('/', Some('/')) => {
                out.push(' ');
                for c in chars.by_ref() {
                    if c == '\n' {
                        out.push('\n');
                        break;
                    }
                    out.push(' ');
                }
            }
            ('/', Some('*')) => {
                chars.next();
                out.push_str("  ");
                let mut last = ' ';
                for c in chars.by_ref() {
                    out.push(if c == '\n' { '\n' } else { ' ' });
                    if last == '*' && c == '/' {
                        break;
                    }
                    last = c;
                }
            }
            _ => out.push(c),
        }
    }
    out
}

/// A policy as one layer wrote it: the parsed policy and the fields its author actually set, so
/// that layering merges only what each layer says.
#[derive(Debug, Clone, PartialEq)]
pub struct PolicyLayer {
    /// The parsed, valid policy of this layer alone.
    pub policy: Policy,
    written: Value,
    /// Custom rules that were refused (and left out), with where and why.
    pub warnings: Vec<PolicyError>,
    /// The layer as written when rules were refused (they are not in `written`).
    with_refused: Option<Value>,
}

impl PolicyLayer {
    /// Parses and validates one layer (see [`Policy::parse`]). Custom rules whose id or pattern
    /// is refused are left out of the layer and listed in `warnings`.
    pub fn parse(text: &str) -> Result<PolicyLayer, PolicyError> {
        let mut policy = Policy::parse_all(text)?;
        let json = strip_comments(text);
        let mut written: Value = serde_json::from_str(&json).expect("valid policy JSON parses as a value");
        let (_, refused) = CustomRules::compile(&policy.custom_rules);
        let mut warnings = Vec::new();
        let with_refused = (!refused.is_empty()).then(|| written.clone());
        if !refused.is_empty() {
            let written_rules = written.get_mut("custom_rules").and_then(Value::as_array_mut).expect("custom rules were written");
            for refusal in refused.iter().rev() {
                let (line, column) = line_column(&json, custom_rule_site(&json, refusal.index, refusal.field));
                let path = match refusal.field {
                    "" => format!("custom_rules[{}]", refusal.index),
                    field => format!("custom_rules[{}].{field}", refusal.index),
                };
                warnings.push(PolicyError { path, line, column, message: refusal.to_string() });
                policy.custom_rules.remove(refusal.index);
                written_rules.remove(refusal.index);
            }
            warnings.reverse();
        }
        Ok(PolicyLayer { policy, written, warnings, with_refused })
    }
}

impl PolicyLayer {
    /// The layer as its author wrote it (comments stripped, defaults not filled in), without the
    /// custom rules that were refused.
    pub fn written(&self) -> &Value {
        &self.written
    }

    /// The layer as its author wrote it, refused custom rules included (the options page keeps
    /// them, so saving its form does not lose a rule that is waiting to be fixed).
    pub fn as_written(&self) -> &Value {
        self.with_refused.as_ref().unwrap_or(&self.written)
    }

    /// A layer that turns `codes` off; unknown codes are skipped (a rule may have been renamed
    /// since the user turned it off).
    pub fn rules_off(codes: &[impl AsRef<str>]) -> PolicyLayer {
        let mut policy = Policy::default();
        for code in codes {
            if crate::rules::doc(code.as_ref()).is_some() {
                policy.rules.insert(RuleCode(code.as_ref().to_string()), Level::Off);
            }
        }
        let written = serde_json::json!({ "rules": serde_json::to_value(&policy.rules).expect("rule levels serialise") });
        PolicyLayer { policy, written, warnings: Vec::new(), with_refused: None }
    }
}

/// The result of layering policies.
#[derive(Debug, Clone, PartialEq)]
pub struct Layered {
    /// The policy in force.
    pub policy: Policy,
    /// Paths where the user's value was set aside because the administrator locked them.
    pub overridden: Vec<String>,
}

/// Layers built-in defaults, an administrator's policy and the user's own additions: lists merge,
/// scalars override, and the administrator's `locked` paths keep the administrator's value.
pub fn layer(admin: Option<&PolicyLayer>, user: Option<&PolicyLayer>) -> Layered {
    layer_all(admin, user.as_slice())
}

/// [`layer`] with several user layers, applied in order (the extension's: the user's policy, then
/// the rules they turned off from a card).
pub fn layer_all(admin: Option<&PolicyLayer>, users: &[&PolicyLayer]) -> Layered {
    let mut merged = serde_json::to_value(Policy::default()).expect("a policy serialises");
    let mut locked: &[String] = &[];
    if let Some(admin) = admin {
        merge(&mut merged, &admin.written, "", &[], &mut Vec::new());
        locked = &admin.policy.locked;
    }
    let mut overridden = Vec::new();
    for user in users {
        let mut written = user.written.clone();
        // Only an administrator locks; a user's `locked` is ignored.
        if let Some(fields) = written.as_object_mut() {
            fields.remove("locked");
        }
        merge(&mut merged, &written, "", locked, &mut overridden);
    }
    // Read back as text, by the same code that reads a policy file: a second reader, from JSON
    // values, would add ~6 KB to the WASM engine, and this runs once per change of settings. Every
    // custom rule is kept: one that clashes with another layer's is refused by the engine, which
    // says so.
    let policy = Policy::parse_all(&merged.to_string()).expect("a merge of valid policies is valid");
    Layered { policy, overridden }
}

fn is_locked(path: &str, locked: &[String]) -> bool {
    locked.iter().any(|l| l == "*" || l == path || path.starts_with(&format!("{l}.")))
}

fn merge(base: &mut Value, overlay: &Value, path: &str, locked: &[String], overridden: &mut Vec<String>) {
    match (base, overlay) {
        (Value::Object(base), Value::Object(overlay)) => {
            for (key, value) in overlay {
                let child = if path.is_empty() { key.clone() } else { format!("{path}.{key}") };
                match base.get_mut(key) {
                    Some(existing) => merge(existing, value, &child, locked, overridden),
                    None if is_locked(&child, locked) => overridden.push(child),
                    None => {
                        base.insert(key.clone(), value.clone());
                    }
                }
            }
        }
        (Value::Array(base), Value::Array(overlay)) => {
            // New items in the overlay's order, each once. A set, not a search of the list per item:
            // that was quadratic, and a policy of 32,000 names took 3 s to load.
            let mut seen: HashSet<&Value> = base.iter().collect();
            let added: Vec<&Value> = overlay.iter().filter(|v| seen.insert(v)).collect();
            if added.is_empty() {
                return;
            }
            if is_locked(path, locked) {
                overridden.push(path.to_string());
            } else {
                base.extend(added.into_iter().cloned());
            }
        }
        (base, overlay) => {
            if base == overlay {
                return;
            }
            if is_locked(path, locked) {
                overridden.push(path.to_string());
            } else {
                *base = overlay.clone();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn custom_rule_sites_skip_brackets_commas_and_quotes_inside_strings() {
        let json = r#"{"rules": {}, "x": ["custom_rules", {"a": 1}], "custom_rules": [ {"id": "A", "pattern": "[,\"{]", "message": "}]"}, 7 , {"message": "m", "pattern": "(b"}], "z": {"pattern": 1}}"#;
        let site = |index, field| &json[custom_rule_site(json, index, field)..][..4];
        assert_eq!(site(0, "pattern"), r#""[,\"#);
        assert_eq!(site(1, "pattern"), "7 , ", "a rule that is not an object: the rule itself");
        assert_eq!(site(2, "pattern"), r#""(b""#);
        assert_eq!(site(2, ""), r#"{"me"#);
        assert_eq!(custom_rule_site(json, 3, "pattern"), 0, "no such rule");
    }

    #[test]
    fn comments_are_blanked_without_moving_lines() {
        let text = "{ // note\n \"a\": \"x//y\" /* c\n d */ }";
        let stripped = strip_comments(text);
        assert_eq!(stripped.lines().count(), text.lines().count());
        assert!(stripped.contains("\"x//y\""));
        assert!(!stripped.contains("note"));
    }
}
