//! Layering: built-in defaults < an administrator's policy < the user's own additions. Lists
//! merge, scalars override, and the paths the administrator locks keep the administrator's value.

use super::jsonc::{custom_rule_site, line_column};
use super::{Level, Policy, PolicyError, RuleCode, RuleCodes};
use crate::custom::{CustomRules, Patterns};
use serde_json::Value;
use std::collections::HashSet;
use std::hash::Hash;

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
    /// Its custom rules' patterns, compiled once, for the engine.
    patterns: Patterns,
}

impl PolicyLayer {
    /// Parses and validates one layer (see [`Policy::parse_with`]). Custom rules whose id or
    /// pattern is refused are left out of the layer and listed in `warnings`.
    pub fn parse_with(text: &str, codes: RuleCodes) -> Result<PolicyLayer, PolicyError> {
        let (mut policy, json) = super::jsonc::read(text, codes)?;
        let mut written: Value = serde_json::from_str(&json).expect("valid policy JSON parses as a value");
        let (_, refused, patterns) = CustomRules::compile_reusing(&policy.custom_rules, codes, &Patterns::default());
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
        Ok(PolicyLayer { policy, written, warnings, with_refused, patterns })
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
    pub fn rules_off_with(off: &[impl AsRef<str>], codes: RuleCodes) -> PolicyLayer {
        let mut policy = Policy::default();
        for code in off {
            if codes.contains(code.as_ref()) {
                policy.rules.insert(RuleCode(code.as_ref().to_string()), Level::Off);
            }
        }
        let written = serde_json::json!({ "rules": serde_json::to_value(&policy.rules).expect("rule levels serialise") });
        PolicyLayer { policy, written, warnings: Vec::new(), with_refused: None, patterns: Patterns::default() }
    }
}

/// The result of layering policies.
#[derive(Debug, Clone, PartialEq)]
pub struct Layered {
    /// The policy in force.
    pub policy: Policy,
    /// Paths where the user's value was set aside because the administrator locked them.
    pub overridden: Vec<String>,
    /// The layers' custom rule patterns, compiled when they were read (`Engine::from_layered`).
    pub patterns: Patterns,
}

/// Layers built-in defaults, an administrator's policy and the user's own additions: lists merge,
/// scalars override, and the administrator's `locked` paths keep the administrator's value.
pub fn layer(admin: Option<&PolicyLayer>, user: Option<&PolicyLayer>) -> Layered {
    layer_all(admin, user.as_slice())
}

/// [`layer`] with several user layers, applied in order (the extension's: the user's policy, then
/// the rules they turned off from a card).
pub fn layer_all(admin: Option<&PolicyLayer>, users: &[&PolicyLayer]) -> Layered {
    let mut policy = Policy::default();
    let mut overridden = Vec::new();
    let mut patterns = admin.map(|admin| admin.patterns.clone()).unwrap_or_default();
    if let Some(admin) = admin {
        Merge { locked: &[], overridden: &mut Vec::new() }.policy(&mut policy, &admin.policy, &admin.written, true);
    }
    let locked = admin.map_or(&[][..], |admin| &admin.policy.locked[..]);
    for user in users {
        // Only an administrator locks; a user's `locked` is ignored. Every custom rule is kept: one
        // that clashes with another layer's is refused by the engine, which says so.
        Merge { locked, overridden: &mut overridden }.policy(&mut policy, &user.policy, &user.written, false);
        patterns = patterns.and(&user.patterns);
    }
    Layered { policy, overridden, patterns }
}

pub(crate) fn is_locked(path: &str, locked: &[String]) -> bool {
    locked.iter().any(|l| l == "*" || l == path || path.starts_with(&format!("{l}.")))
}

/// Merges one layer's policy into the policy layered so far, field by field: only the fields the
/// layer's author wrote, in the order of their names (as the paths it reports have always come).
struct Merge<'a> {
    locked: &'a [String],
    overridden: &'a mut Vec<String>,
}

impl Merge<'_> {
    fn policy(&mut self, base: &mut Policy, top: &Policy, written: &Value, with_locks: bool) {
        let wrote = |value: &Value, key: &str| value.get(key).is_some();
        if let Some(w) = written.get("confidential") {
            let (b, t) = (&mut base.confidential, &top.confidential);
            for (key, base, top) in [
                ("codenames", &mut b.codenames, &t.codenames),
                ("internal_domains", &mut b.internal_domains, &t.internal_domains),
                ("terms", &mut b.terms, &t.terms),
            ] {
                if wrote(w, key) {
                    self.list(&format!("confidential.{key}"), base, top);
                }
            }
        }
        if let Some(w) = written.get("crisis") {
            let (b, t) = (&mut base.crisis, &top.crisis);
            if wrote(w, "active") {
                self.scalar("crisis.active", &mut b.active, t.active);
            }
            if wrote(w, "official_links") {
                self.list("crisis.official_links", &mut b.official_links, &t.official_links);
            }
            if wrote(w, "topics") {
                self.list("crisis.topics", &mut b.topics, &t.topics);
            }
        }
        if wrote(written, "custom_rules") {
            self.list("custom_rules", &mut base.custom_rules, &top.custom_rules);
        }
        if let Some(w) = written.get("disclosure") {
            let (b, t) = (&mut base.disclosure, &top.disclosure);
            if wrote(w, "employee_tags") {
                self.list("disclosure.employee_tags", &mut b.employee_tags, &t.employee_tags);
            }
            if let Some(w) = w.get("see_more_chars") {
                let (b, t) = (&mut b.see_more_chars, &t.see_more_chars);
                for (key, base, top) in [
                    ("facebook", &mut b.facebook, t.facebook),
                    ("instagram", &mut b.instagram, t.instagram),
                    ("linkedin", &mut b.linkedin, t.linkedin),
                    ("other", &mut b.other, t.other),
                    ("x", &mut b.x, t.x),
                ] {
                    if wrote(w, key) {
                        self.scalar(&format!("disclosure.see_more_chars.{key}"), base, top);
                    }
                }
            }
        }
        if with_locks && wrote(written, "locked") {
            self.list("locked", &mut base.locked, &top.locked);
        }
        if let Some(w) = written.get("organization") {
            let (b, t) = (&mut base.organization, &top.organization);
            for (key, base, top) in [
                ("competitors", &mut b.competitors, &t.competitors),
                ("contacts", &mut b.contacts, &t.contacts),
                ("executives", &mut b.executives, &t.executives),
                ("names", &mut b.names, &t.names),
                ("products", &mut b.products, &t.products),
                ("tickers", &mut b.tickers, &t.tickers),
            ] {
                if wrote(w, key) {
                    self.list(&format!("organization.{key}"), base, top);
                }
            }
        }
        if wrote(written, "quiet_periods") {
            self.list("quiet_periods", &mut base.quiet_periods, &top.quiet_periods);
        }
        if let Some(w) = written.get("review") {
            let (b, t) = (&mut base.review, &top.review);
            for (key, base, top) in [("employee", &mut b.employee, t.employee), ("executive", &mut b.executive, t.executive), ("pr", &mut b.pr, t.pr)] {
                if wrote(w, key) {
                    self.scalar(&format!("review.{key}"), base, top);
                }
            }
            if wrote(w, "require_reason") {
                self.scalar("review.require_reason", &mut b.require_reason, t.require_reason);
            }
        }
        if wrote(written, "rules") {
            for (code, &level) in &top.rules {
                let path = format!("rules.{}", code.0);
                match base.rules.get_mut(code) {
                    Some(base) => self.scalar(&path, base, level),
                    None if is_locked(&path, self.locked) => self.overridden.push(path),
                    None => {
                        base.rules.insert(code.clone(), level);
                    }
                }
            }
        }
    }

    /// A value the layer sets: it replaces the one so far unless its path is locked.
    fn scalar<T: PartialEq>(&mut self, path: &str, base: &mut T, top: T) {
        if *base == top {
            return;
        }
        if is_locked(path, self.locked) {
            self.overridden.push(path.to_string());
        } else {
            *base = top;
        }
    }

    /// A list: the layer's new items are added in its order, each once, unless its path is locked.
    fn list<T: Eq + Hash + Clone>(&mut self, path: &str, base: &mut Vec<T>, top: &[T]) {
        // A set, not a search of the list per item: that was quadratic, and a policy of 32,000
        // names took 3 s to load.
        let mut seen: HashSet<&T> = base.iter().collect();
        let added: Vec<T> = top.iter().filter(|item| seen.insert(item)).cloned().collect();
        if added.is_empty() {
            return;
        }
        if is_locked(path, self.locked) {
            self.overridden.push(path.to_string());
        } else {
            base.extend(added);
        }
    }
}
