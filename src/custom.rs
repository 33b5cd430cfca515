//! An organisation's own rules, written in its policy (`custom_rules`): a pattern and what to say
//! when it matches.
//!
//! ```jsonc
//! "custom_rules": [{
//!   "id": "HANBIT-ROADMAP",
//!   "pattern": "roadmap (?:for )?20[23][0-9]",
//!   "level": "block",
//!   "message": "Roadmap dates are internal until announced.",
//!   "message_ko": "로드맵 일정은 발표 전까지 사내 정보입니다.",
//!   "replacement": "our roadmap"
//! }]
//! ```
//!
//! Patterns are read by the regex crate, whose engines run in time linear in the text whatever
//! the pattern (no backtracking: `(a+)+$` is as quick as `a+$`). They are matched against the
//! folded view of the text (`crates/text`): lower case, full-width forms made ASCII, accents, invisible
//! characters and look-alike letters removed, so one pattern also catches `ROADMAP`, `ｒｏａｄｍａｐ`
//! and `road\u{200B}map`; ASCII letters match in either case. A pattern is refused, with the reason,
//! when it cannot be read, has a letter that never occurs in folded text (`café`: write `cafe`),
//! or is larger than the limits below once compiled; the rest of the policy still loads. Empty
//! matches (`\b`, `x*` where there is no x) flag nothing.

use crate::finding::{Bilingual, Category, Finding, Severity, Suggestion};
pub use crate::policy::CustomRule;
use crate::policy::{Level, RuleCodes};
use riskhint_text::text::Views;
use regex::{Regex, RegexBuilder};
use std::ops::Range;
use std::sync::Mutex;

/// The most custom rules one policy may have; more are refused.
pub const MAX_CUSTOM_RULES: usize = 100;
/// The longest pattern accepted, in bytes.
pub const MAX_PATTERN_BYTES: usize = 1_000;
/// The most a pattern may take once compiled. A pattern's cost per character of text grows with
/// its compiled size, and without lazy DFAs (the WASM build) every character pays it.
pub const MAX_COMPILED_BYTES: usize = 64 * 1024;
/// How deeply groups and repetitions may nest.
const MAX_NESTING: u32 = 32;
/// The most findings one custom rule reports in one text: a pattern that matches everywhere
/// should not bury the rest.
pub const MAX_FINDINGS_PER_RULE: usize = 20;
/// The longest id, in characters.
const MAX_ID_CHARS: usize = 32;

/// A custom rule that was refused: which one, which of its fields, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// Its index in the policy's `custom_rules`.
    pub index: usize,
    /// The field at fault: "id" or "pattern".
    pub field: &'static str,
    pub message: String,
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}; this rule is not used", self.message)
    }
}

/// Patterns compiled once, by their text as written: a policy's layers compile their custom rules
/// when read (to warn of the refused ones), and the engine reuses them ([`CustomRules::compile_reusing`]).
#[derive(Debug, Clone, Default)]
pub struct Patterns(Vec<(String, Regex)>);

/// Two sets of patterns are equal when they were compiled from the same texts.
impl PartialEq for Patterns {
    fn eq(&self, other: &Patterns) -> bool {
        self.0.iter().map(|(text, _)| text).eq(other.0.iter().map(|(text, _)| text))
    }
}

impl Patterns {
    /// Both sets, `self`'s first.
    pub fn and(mut self, other: &Patterns) -> Patterns {
        self.0.extend(other.0.iter().cloned());
        self
    }

    fn get(&self, text: &str) -> Option<Regex> {
        self.0.iter().find(|(known, _)| known == text).map(|(_, pattern)| pattern.clone())
    }
}

/// The custom rules of a policy, compiled; refused ones are left out.
#[derive(Debug, Clone, Default)]
pub struct CustomRules {
    rules: Vec<Compiled>,
}

#[derive(Debug, Clone)]
struct Compiled {
    code: &'static str,
    severity: Severity,
    category: Category,
    pattern: Regex,
    message: Bilingual,
    replacement: Option<String>,
}

const REASON: Bilingual =
    Bilingual::fixed("Your organisation's policy flags these words.", "조직의 정책이 이 표현을 지정해 두었습니다.");
const SOURCE: Bilingual = Bilingual::fixed("Your organisation's policy", "소속 조직의 정책");

impl CustomRules {
    /// Compiles `specs`; returns the rules that compiled and why the others were refused.
    pub fn compile(specs: &[CustomRule], codes: RuleCodes) -> (CustomRules, Vec<Refusal>) {
        let (rules, refused, _) = CustomRules::compile_reusing(specs, codes, &Patterns::default());
        (rules, refused)
    }

    /// [`CustomRules::compile`], taking the patterns in `known` as compiled; also returns every
    /// pattern compiled, for reuse.
    pub fn compile_reusing(specs: &[CustomRule], codes: RuleCodes, known: &Patterns) -> (CustomRules, Vec<Refusal>, Patterns) {
        let mut compiled_patterns = Patterns::default();
        let mut rules = Vec::new();
        let mut refused = Vec::new();
        // A list, not a set: at most 100 ids, and hashing code costs the WASM engine kilobytes.
        let mut ids: Vec<&str> = Vec::new();
        for (index, spec) in specs.iter().enumerate() {
            let compiled = if index >= MAX_CUSTOM_RULES {
                Err(("id", format!("a policy may have at most {MAX_CUSTOM_RULES} custom rules")))
            } else if let Err(message) = check_id(&spec.id, codes) {
                Err(("id", message))
            } else if ids.contains(&spec.id.as_str()) {
                Err(("id", format!("the id {:?} is already used by an earlier custom rule", spec.id)))
            } else {
                known.get(&spec.pattern).map_or_else(|| compile_pattern(&spec.pattern), Ok).map_err(|message| ("pattern", message))
            };
            if let Ok(pattern) = &compiled {
                compiled_patterns.0.push((spec.pattern.clone(), pattern.clone()));
            }
            if compiled.is_ok() {
                ids.push(&spec.id);
            }
            match compiled {
                Ok(pattern) if spec.level != Level::Off => rules.push(Compiled {
                    code: intern(&spec.id),
                    severity: match spec.level {
                        Level::Info => Severity::Info,
                        Level::Block => Severity::Block,
                        _ => Severity::Warn,
                    },
                    category: spec.category,
                    pattern,
                    message: Bilingual::new(spec.message.clone(), spec.message_ko.clone().unwrap_or_else(|| spec.message.clone())),
                    replacement: spec.replacement.clone(),
                }),
                Ok(_) => {}
                Err((field, message)) => refused.push(Refusal { index, field, message }),
            }
        }
        (CustomRules { rules }, refused, compiled_patterns)
    }

    /// Adds the findings of the rules `wanted` accepts (by category) to `out`.
    pub(crate) fn check(&self, text: &str, views: &Views, wanted: impl Fn(Category) -> bool, out: &mut Vec<Finding>) {
        let folded = &views.folded;
        for rule in self.rules.iter().filter(|r| wanted(r.category)) {
            for found in rule.pattern.find_iter(&folded.text).take(MAX_FINDINGS_PER_RULE) {
                let range = folded.to_original(found.range());
                // An empty match (`\b`) or one of only spaces points at nothing a user could change.
                if range.is_empty() || text[range.clone()].trim().is_empty() {
                    continue;
                }
                let suggestions = rule.replacement.iter().map(|with| fix(range.clone(), with)).collect();
                out.push(Finding {
                    code: rule.code,
                    category: rule.category,
                    severity: rule.severity,
                    range,
                    message: rule.message.clone(),
                    reason: REASON,
                    source: SOURCE,
                    suggestions,
                    locked: false,
                    confidence: None,
                });
            }
        }
    }
}

fn fix(range: Range<usize>, replacement: &str) -> Suggestion {
    let label = if replacement.is_empty() {
        Bilingual::fixed("Remove these words", "이 표현 삭제")
    } else {
        Bilingual::new(format!("Replace with “{replacement}”"), format!("{} 바꾸기", crate::particle::quoted(&replacement, crate::particle::Particle::Toward)))
    };
    Suggestion::new(label, range, replacement)
}

/// Ids become finding codes, which are `&'static str` like the built-in rules' codes. Each distinct
/// id is stored once for the life of the engine's process, however often policies reload: ids are
/// at most [`MAX_ID_CHARS`] long and written by people, so the ones that ever exist are few.
fn intern(id: &str) -> &'static str {
    static IDS: Mutex<Vec<&'static str>> = Mutex::new(Vec::new());
    let mut ids = IDS.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(&known) = ids.iter().find(|&&known| known == id) {
        return known;
    }
    let stored: &'static str = Box::leak(id.to_owned().into_boxed_str());
    ids.push(stored);
    stored
}

fn check_id(id: &str, codes: RuleCodes) -> Result<(), String> {
    let allowed = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
    if id.is_empty() || id.chars().count() > MAX_ID_CHARS || !id.chars().all(allowed) {
        return Err(format!("the id {id:?} must be 1 to {MAX_ID_CHARS} letters, digits, '-' or '_'"));
    }
    if codes.contains(id) {
        return Err(format!("the id {id:?} is a built-in rule's code; choose another"));
    }
    Ok(())
}

/// Reads, checks and compiles a pattern; the error says what is wrong and where.
fn compile_pattern(pattern: &str) -> Result<Regex, String> {
    if pattern.len() > MAX_PATTERN_BYTES {
        return Err(format!("the pattern is {} bytes long; the limit is {MAX_PATTERN_BYTES}", pattern.len()));
    }
    RegexBuilder::new(&lower_case(pattern)?)
        .size_limit(MAX_COMPILED_BYTES)
        .dfa_size_limit(MAX_COMPILED_BYTES)
        .nest_limit(MAX_NESTING)
        .build()
        .map_err(|e| match e {
            regex::Error::CompiledTooBig(limit) => {
                format!("the pattern is too large once compiled (over {} KB); make it simpler or split it into several rules", limit / 1024)
            }
            other => syntax_error(&other.to_string()),
        })
}

/// regex's syntax errors draw the pattern with a caret under the fault and end with "error: …";
/// a policy warning is one line: "unclosed group (at character 1 of the pattern)".
fn syntax_error(drawn: &str) -> String {
    let lines: Vec<&str> = drawn.lines().collect();
    let message = lines.iter().rev().find_map(|l| l.strip_prefix("error: ")).unwrap_or(drawn).trim();
    // The caret line: four spaces of indentation, then one space per character before the fault.
    let caret = lines.iter().find(|l| l.trim_start().starts_with('^') && l.trim().chars().all(|c| c == '^'));
    match caret {
        Some(line) if lines.len() == 4 => format!("{message} (at character {} of the pattern)", line.len() - line.trim_start().len() - 3),
        _ => message.to_string(),
    }
}

/// The pattern with its ASCII capitals in lower case (the text is in lower case already: this is
/// ignoring ASCII case without the Unicode case tables the engine leaves out). Escapes (`\S`,
/// `\x{4E}`), group names and flags are copied as written. Refuses `(?i)`, and letters that can
/// never be in folded text (`é`, `ｒ`, Cyrillic `а`): it says what to write instead.
fn lower_case(pattern: &str) -> Result<String, String> {
    let mut out = String::with_capacity(pattern.len());
    let mut chars = pattern.chars().enumerate().peekable();
    let next_is = |chars: &mut std::iter::Peekable<_>, wanted: char| matches!(chars.peek(), Some(&(_, c)) if c == wanted);
    while let Some((at, c)) = chars.next() {
        out.push(c.to_ascii_lowercase());
        if c == '\\' {
            let Some((_, escaped)) = chars.next() else { break };
            out.push(escaped);
            if matches!(escaped, 'p' | 'P' | 'x' | 'u' | 'U') && next_is(&mut chars, '{') {
                // Copied up to and with its `}`; an unclosed one is left for regex to report.
                for (_, c) in chars.by_ref() {
                    out.push(c);
                    if c == '}' {
                        break;
                    }
                }
            }
        } else if c == '(' && next_is(&mut chars, '?') {
            // `(?P<Name>` and `(?<Name>`: a name; otherwise flags, up to `:` or `)`.
            let (_, question) = chars.next().expect("peeked");
            out.push(question);
            let named = next_is(&mut chars, 'P') || next_is(&mut chars, '<');
            for (_, c) in chars.by_ref() {
                if c == 'i' && !named {
                    return Err(format!("(?i) at character {} is not needed: patterns already match ASCII letters in either case; remove it", at + 1));
                }
                out.push(c);
                if c == '>' || (!named && (c == ':' || c == ')')) {
                    break;
                }
            }
        } else if !c.is_ascii() {
            let written = c.to_string();
            let folded = Views::new(&written).folded.text;
            if folded != written {
                return Err(format!(
                    "{written:?} (character {} of the pattern) never matches: patterns are matched against the text in lower case, with accents and look-alike letters removed; write {folded:?}",
                    at + 1
                ));
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_compiled_when_a_layer_was_read_are_reused_not_compiled_again() {
        let spec = |pattern: &str| CustomRule {
            id: "ROADMAP".into(),
            pattern: pattern.into(),
            level: Level::Warn,
            category: Category::Confidential,
            message: "m".into(),
            message_ko: None,
            replacement: None,
        };
        let codes = crate::engine::rule_codes();
        let (_, _, read) = CustomRules::compile_reusing(&[spec("roadmap")], codes, &Patterns::default());
        assert_eq!(read.0.len(), 1);
        // Stand-in proof of reuse: a pattern text known as another regex finds what that one finds.
        let known = Patterns(vec![("roadmap".into(), Regex::new("falcon").unwrap())]);
        let (rules, refused, _) = CustomRules::compile_reusing(&[spec("roadmap")], codes, &known);
        assert!(refused.is_empty());
        let (text, mut found) = ("the falcon roadmap", Vec::new());
        rules.check(text, &Views::new(text), |_| true, &mut found);
        assert_eq!(found.iter().map(|f| &text[f.range.clone()]).collect::<Vec<_>>(), ["falcon"]);
    }

    fn spec(id: &str, pattern: &str) -> CustomRule {
        serde_json::from_value(serde_json::json!({"id": id, "pattern": pattern, "message": "m"})).unwrap()
    }

    fn refusal(pattern: &str) -> String {
        match compile_pattern(pattern) {
            Ok(_) => panic!("{pattern:?} was accepted"),
            Err(message) => message,
        }
    }

    #[test]
    fn readable_lower_case_patterns_compile() {
        for pattern in ["Roadmap 20[23][0-9]", "[A-Z]{3}", "(?-u:x)", r"\bnova x[0-9]\b", "팰컨\\s*출시", r"(?:q[1-4]|h[12]) guidance", r"\d{3}-\d{4}", "[a-z]+@hanbit"] {
            assert!(compile_pattern(pattern).is_ok(), "{pattern}: {:?}", compile_pattern(pattern).err());
        }
    }

    #[test]
    fn refusals_say_what_is_wrong_and_where() {
        assert!(refusal("(roadmap").contains("unclosed group"), "{}", refusal("(roadmap"));
        assert!(refusal("road[map").contains("at character 5"), "{}", refusal("road[map"));
        let accent = refusal("café");
        assert!(accent.contains("\"é\"") && accent.contains("write \"e\"") && accent.contains("character 4"), "{accent}");
        assert!(refusal("[à-ÿ]").contains("\"à\""), "{}", refusal("[à-ÿ]"));
        assert!(refusal("ｒoadmap").contains("write \"r\""), "{}", refusal("ｒoadmap"));
        assert!(refusal("\u{0420}oadmap").contains("write \"p\""), "Cyrillic Er: {}", refusal("\u{0420}oadmap"));
        assert!(refusal("road(?i)map").contains("(?i) at character 5"), "{}", refusal("road(?i)map"));
        assert!(refusal("(?i:road)map").contains("(?i)"), "{}", refusal("(?i:road)map"));
        assert!(refusal("[a-z--[é]]").contains("\"é\""), "nested classes are read: {}", refusal("[a-z--[é]]"));
        assert!(refusal("(x|(y|É))").contains("\"É\""), "{}", refusal("(x|(y|É))"));
        assert!(refusal("Nova (x").contains("at character 6"), "positions count the pattern as written: {}", refusal("Nova (x"));
        assert_eq!(refusal(r"\p{Klingon}"), "Unicode property not found (at character 1 of the pattern)");
        assert_eq!(lower_case(r"\x{4E").unwrap(), r"\x{4E", "an unclosed brace is copied as written, not closed");
        assert!(refusal(&"x".repeat(MAX_PATTERN_BYTES + 1)).contains("limit is 1000"));
        assert!(refusal(r"\w{100}\w{100}\w{100}").contains("too large"), "{}", refusal(r"\w{100}\w{100}\w{100}"));
        assert!(refusal(&format!("{}a{}", "(".repeat(40), ")".repeat(40))).contains("nest"), "{}", refusal(&format!("{}a{}", "(".repeat(40), ")".repeat(40))));
    }

    #[test]
    fn capitals_are_written_in_lower_case_and_escapes_are_left_alone() {
        for (pattern, matches) in [
            ("Nova X[2-9]", "nova x2"),
            ("[A-C]+ grade", "abc grade"),
            (r"\S+@Hanbit\.example", "kim@hanbit.example"),
            (r"(?P<Model>X1)\b", "x1"),
            ("[[A-C]&&[B]]x", "bx"),
            ("(?:N(?:O)V)+a", "nova"),
        ] {
            let regex = compile_pattern(pattern).unwrap();
            assert!(regex.is_match(matches), "{pattern} on {matches}");
        }
        assert!(!compile_pattern(r"\S@").unwrap().is_match("a @"), "\\S stays not-a-space");
    }

    #[test]
    fn escapes_and_classes_with_capitals_are_not_letters() {
        for pattern in [r"\S+@hanbit", r"\W\D\B?x", r"(?P<Name>falcon)", r"(?<id>falcon)", r"(?U)fal+con", r"(?s:a.b)", r"\x{41}x", r"\u{D55C}빛"] {
            assert!(compile_pattern(pattern).is_ok(), "{pattern}: {:?}", compile_pattern(pattern).err());
        }
    }

    #[test]
    fn ids_are_checked_and_a_refused_rule_leaves_the_others() {
        let specs = [spec("ROADMAP", "roadmap"), spec("TONE001", "x"), spec("ROADMAP", "other"), spec("bad id", "x"), spec("OK_2", "(a+)+$")];
        let (rules, refused) = CustomRules::compile(&specs, crate::engine::rule_codes());
        assert_eq!(rules.rules.iter().map(|r| r.code).collect::<Vec<_>>(), ["ROADMAP", "OK_2"]);
        assert_eq!(refused.iter().map(|r| (r.index, r.field)).collect::<Vec<_>>(), [(1, "id"), (2, "id"), (3, "id")]);
        assert!(refused[0].message.contains("built-in"), "{}", refused[0].message);
        assert!(refused[1].message.contains("already used"), "{}", refused[1].message);
    }

    #[test]
    fn more_than_the_limit_are_refused() {
        let specs: Vec<_> = (0..MAX_CUSTOM_RULES + 2).map(|i| spec(&format!("R{i}"), "x")).collect();
        let (rules, refused) = CustomRules::compile(&specs, crate::engine::rule_codes());
        assert_eq!(rules.rules.len(), MAX_CUSTOM_RULES);
        assert_eq!(refused.iter().map(|r| r.index).collect::<Vec<_>>(), [MAX_CUSTOM_RULES, MAX_CUSTOM_RULES + 1]);
    }

    #[test]
    fn the_same_id_is_stored_once() {
        assert!(std::ptr::eq(intern("SAME-ID"), intern(&String::from("SAME-ID"))));
    }
}
