//! The policy as the rules read it: compiled once when a policy is applied, so that no rule
//! normalises a domain or searches the locks per draft, and no rule sees the raw [`Policy`] (whose
//! shape is the file's, not the checks').

use crate::date::Date;
use crate::draft::{Draft, Platform, Role};
use crate::policy::{Crisis, Disclosure, Level, Policy, QuietPeriod, RuleCode};
use std::collections::BTreeMap;

/// The settings of a policy in force (built by the engine from the merged policy).
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// Crisis mode, its topics and official links.
    pub crisis: Crisis,
    pub confidential: Confidential,
    /// The organisation's own phone numbers and email addresses.
    pub contacts: Contacts,
    /// Employee tags and the feeds' "see more" cut-offs.
    pub disclosure: Disclosure,
    quiet_periods: Vec<QuietPeriod>,
    levels: BTreeMap<RuleCode, Level>,
    locked: Vec<String>,
}

/// What is confidential, as the rules match it.
#[derive(Debug, Clone, Default)]
pub struct Confidential {
    /// Internal domains in lower case without a leading dot; blank ones left out.
    pub internal_domains: Vec<String>,
}

/// The organisation's own contacts (`organization.contacts`), as the personal-data rules compare
/// them: phone numbers by their national significant number, email addresses in lower case.
#[derive(Debug, Clone, Default)]
pub struct Contacts {
    pub phones: Vec<String>,
    pub emails: Vec<String>,
}

impl Contacts {
    fn new(written: &[String]) -> Contacts {
        let mut contacts = Contacts::default();
        for entry in written.iter().map(|e| e.trim()).filter(|e| !e.is_empty()) {
            if entry.contains('@') {
                contacts.emails.push(entry.to_lowercase());
            } else {
                contacts.phones.push(crate::phones::national_digits(entry));
            }
        }
        contacts
    }

    /// Whether the phone number whose national significant number is `national` is the organisation's.
    pub fn has_phone(&self, national: &str) -> bool {
        self.phones.iter().any(|p| p == national)
    }

    /// Whether `address` (lower case) is one of the organisation's.
    pub fn has_email(&self, address: &str) -> bool {
        self.emails.iter().any(|e| e == address)
    }
}

impl Settings {
    /// Compiles the settings of `policy` (the merged one, whose `locked` is the administrator's).
    pub fn new(policy: &Policy) -> Settings {
        let internal_domains = policy
            .confidential
            .internal_domains
            .iter()
            .map(|d| d.trim().trim_start_matches('.').to_ascii_lowercase())
            .filter(|d| !d.is_empty())
            .collect();
        Settings {
            crisis: policy.crisis.clone(),
            confidential: Confidential { internal_domains },
            contacts: Contacts::new(&policy.organization.contacts),
            disclosure: policy.disclosure.clone(),
            quiet_periods: policy.quiet_periods.clone(),
            levels: policy.rules.clone(),
            locked: policy.locked.clone(),
        }
    }

    /// The level the policy sets for rule `code`, if any.
    pub fn level(&self, code: &str) -> Option<Level> {
        self.levels.get(code).copied()
    }

    /// Whether the administrator locked rule `code` (by its path `rules.CODE`, `rules` or `*`):
    /// its findings cannot be dismissed.
    pub fn is_locked_rule(&self, code: &str) -> bool {
        crate::policy::is_locked(&format!("rules.{code}"), &self.locked)
    }

    /// The quiet period `day` falls in, if any.
    pub fn quiet_period(&self, day: Date) -> Option<&QuietPeriod> {
        self.quiet_periods.iter().find(|p| p.contains(day))
    }
}

/// Everything a rule may know besides the text.
pub struct Context<'a> {
    pub role: Role,
    pub today: Date,
    pub settings: &'a Settings,
    /// The post being replied to, analysed.
    pub reply_to: Option<&'a Draft<'a>>,
    pub platform: Platform,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domains_are_normalised_once_and_locks_read_by_rule() {
        let mut policy = Policy::default();
        policy.confidential.internal_domains = vec![" .Corp.Hanbit.example ".into(), "  ".into(), "wiki.internal".into()];
        policy.locked = vec!["rules.MNPI001".into()];
        let settings = Settings::new(&policy);
        assert_eq!(settings.confidential.internal_domains, ["corp.hanbit.example", "wiki.internal"]);
        assert!(settings.is_locked_rule("MNPI001"));
        assert!(!settings.is_locked_rule("MNPI002"));
        policy.locked = vec!["rules".into()];
        assert!(Settings::new(&policy).is_locked_rule("TONE001"), "a lock on all rules");
    }
}
