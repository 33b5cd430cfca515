//! The organisation's policy: who the organisation is, what is confidential, quiet periods, crisis
//! mode and rule levels.
//!
//! A policy is JSON (comments allowed, as in the shipped examples). Every field is optional and
//! unknown fields are errors, reported with their path, line and column. Policies layer:
//! built-in defaults < an administrator's policy < the user's own additions. Lists merge, scalars
//! override, and paths the administrator names in `locked` keep the administrator's value.
//!
//! This module holds the types; [`jsonc`] reads the text and [`layer`] merges the layers. The rule
//! codes a policy may name come from the engine ([`RuleCodes`]): the policy knows no rule.

mod jsonc;
mod layer;

pub use layer::{layer, layer_all, Layered, PolicyLayer};
pub(crate) use layer::is_locked;

use crate::date::{parse_str, Date};
use crate::finding::Category;
use serde::de::{DeserializeSeed, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// The largest policy text accepted, so a pasted file cannot stall the engine.
pub const MAX_POLICY_BYTES: usize = 1 << 20;

// Read with the rule codes it may name ([`RuleCodes`]); its `Deserialize` is the engine's, which
// knows them. (Doc comments here are the schema's descriptions.)
/// An organisation's policy. See `examples/hanbit-policy.jsonc` and `riskhint schema`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
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
    /// When riskhint asks "review before posting?", by the author's role, and what "Post anyway" needs.
    pub review: Review,
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
    /// The organisation's own published phone numbers and email addresses (hotline, support
    /// address, press office): never flagged as personal data (PII004, PII005).
    pub contacts: Vec<String>,
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
/// are in `src/rules/disc003_misplaced_label.rs` and docs/policy.md.
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
    pub fn on(&self, platform: crate::draft::Platform) -> u32 {
        use crate::draft::Platform;
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
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
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
/// and the error names the period (`jsonc::path_at`); serde's `try_from` checks later, where it would
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

/// The review dialog before posting. It always opens for a draft with a blocking finding; for the
/// roles set to "warn" it opens for warn-level findings too (an executive's or PR post speaks for
/// the company: a blame-shifting apology or a jab at a competitor should not go out unasked).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "cli", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, default)]
pub struct Review {
    /// The least severe finding that opens the dialog for an employee: "warn" or "block".
    pub employee: ReviewFrom,
    /// The same for an executive.
    pub executive: ReviewFrom,
    /// The same for PR and social media staff.
    pub pr: ReviewFrom,
    /// "Post anyway" asks for a short reason. The reason is kept only in the extension's local
    /// history on this device, never sent anywhere.
    pub require_reason: bool,
}

impl Default for Review {
    fn default() -> Self {
        Review { employee: ReviewFrom::Block, executive: ReviewFrom::Warn, pr: ReviewFrom::Warn, require_reason: false }
    }
}

impl Review {
    /// The least severe finding that opens the dialog for `role`.
    pub fn from_for(&self, role: crate::draft::Role) -> ReviewFrom {
        match role {
            crate::draft::Role::Employee => self.employee,
            crate::draft::Role::Executive => self.executive,
            crate::draft::Role::Pr => self.pr,
        }
    }
}

/// Which findings open the review dialog: warn-level and blocking ones, or blocking ones only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "cli", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum ReviewFrom {
    Warn,
    Block,
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
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
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

/// The rule codes a policy may name: the engine's rules (`engine::rule_codes`), handed down so that
/// the policy can refuse an unknown code where it is written without importing the rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleCodes(pub &'static [&'static str]);

impl RuleCodes {
    /// Whether `code` is a rule's code.
    pub fn contains(&self, code: &str) -> bool {
        self.0.contains(&code)
    }
}

/// Reads a policy, refusing rule levels for codes that are not in the set.
impl<'de> DeserializeSeed<'de> for RuleCodes {
    type Value = Policy;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Policy, D::Error> {
        /// The policy's fields, as serde's derive would name them in an error.
        #[derive(Deserialize)]
        #[derive(Clone, Copy)]
        #[serde(field_identifier, rename_all = "snake_case")]
        enum Field {
            Organization,
            Confidential,
            Disclosure,
            QuietPeriods,
            Crisis,
            Review,
            Rules,
            CustomRules,
            Locked,
        }
        const FIELDS: &[&str] = &["organization", "confidential", "disclosure", "quiet_periods", "crisis", "review", "rules", "custom_rules", "locked"];

        struct Fields(RuleCodes);
        impl<'de> Visitor<'de> for Fields {
            type Value = Policy;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("struct Policy")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Policy, A::Error> {
                let mut policy = Policy::default();
                let mut seen = [false; FIELDS.len()];
                while let Some(field) = map.next_key::<Field>()? {
                    let index = field as usize;
                    if std::mem::replace(&mut seen[index], true) {
                        return Err(serde::de::Error::duplicate_field(FIELDS[index]));
                    }
                    match field {
                        Field::Organization => policy.organization = map.next_value()?,
                        Field::Confidential => policy.confidential = map.next_value()?,
                        Field::Disclosure => policy.disclosure = map.next_value()?,
                        Field::QuietPeriods => policy.quiet_periods = map.next_value()?,
                        Field::Crisis => policy.crisis = map.next_value()?,
                        Field::Review => policy.review = map.next_value()?,
                        Field::Rules => policy.rules = map.next_value_seed(Levels(self.0))?,
                        Field::CustomRules => policy.custom_rules = map.next_value()?,
                        Field::Locked => policy.locked = map.next_value()?,
                    }
                }
                Ok(policy)
            }
        }

        /// The `rules` map: a level by rule code.
        struct Levels(RuleCodes);
        impl<'de> DeserializeSeed<'de> for Levels {
            type Value = BTreeMap<RuleCode, Level>;
            fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
                d.deserialize_map(self)
            }
        }
        impl<'de> Visitor<'de> for Levels {
            type Value = BTreeMap<RuleCode, Level>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut levels = BTreeMap::new();
                while let Some(code) = map.next_key_seed(Code(self.0))? {
                    levels.insert(code, map.next_value()?);
                }
                Ok(levels)
            }
        }

        /// A rule code, refused inside serde's visitor so that the error names it ([`parse_str`]).
        struct Code(RuleCodes);
        impl<'de> DeserializeSeed<'de> for Code {
            type Value = RuleCode;
            fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<RuleCode, D::Error> {
                d.deserialize_str(self)
            }
        }
        impl Visitor<'_> for Code {
            type Value = RuleCode;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a rule code")
            }
            fn visit_str<E: serde::de::Error>(self, code: &str) -> Result<RuleCode, E> {
                match self.0.contains(code) {
                    true => Ok(RuleCode(code.to_string())),
                    false => Err(E::custom(format!("unknown rule code {code:?} (see `riskhint rules`)"))),
                }
            }
        }

        d.deserialize_struct("Policy", FIELDS, Fields(self))
    }
}

/// The levels' schema; `riskhint schema` names the rules in it (the policy knows none).
#[cfg(feature = "cli")]
fn rules_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({
        "type": "object",
        "properties": {},
        "additionalProperties": false,
    })
}
// Compiled by `custom.rs`.
/// A rule as a policy writes it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "cli", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CustomRule {
    /// Shown as the finding's code: letters, digits, `-` and `_`, up to 32 ("HANBIT-ROADMAP").
    pub id: String,
    /// A regular expression (Rust `regex` syntax) matched against the text folded to lower case,
    /// with accents, invisible characters and look-alike letters removed (write `cafe`, not
    /// `café`); ASCII letters match in either case.
    pub pattern: String,
    /// How serious a match is: "off", "info", "warn" (the default) or "block".
    #[serde(default = "warn")]
    pub level: Level,
    /// The category findings are filed under (default "confidential"). Custom rules in the
    /// confidential, pii and secret categories also mark posts in the feed as possible leaks, and
    /// those in tone as hostile.
    #[serde(default = "confidential")]
    #[cfg_attr(feature = "cli", schemars(with = "String"))]
    pub category: Category,
    /// What to tell the user when the pattern matches.
    pub message: String,
    /// The message in Korean; `message` is used when it is not given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_ko: Option<String>,
    /// If set, a one-click fix replaces the matched words with this ("" removes them).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replacement: Option<String>,
}

fn warn() -> Level {
    Level::Warn
}

fn confidential() -> Category {
    Category::Confidential
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
    /// refused are left out (their warnings: [`PolicyLayer::parse_with`]). `Policy::parse` (in
    /// `engine.rs`) reads with the engine's rule codes.
    pub fn parse_with(text: &str, codes: RuleCodes) -> Result<Policy, PolicyError> {
        PolicyLayer::parse_with(text, codes).map(|layer| layer.policy)
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

