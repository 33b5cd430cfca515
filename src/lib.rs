//! riskhint: a second look before social media hurts you or your company.
//!
//! The core knows nothing of browsers. It takes an organisation's [`Policy`], a role and a text,
//! and says what is risky, where, why and how to fix it ([`Engine::check_draft`]); and it labels
//! other people's posts with a risk that grows with reach ([`Engine::classify_posts`]).
//!
//! ```
//! use riskhint::{CheckContext, Date, Engine, Verdict};
//! let engine = Engine::from_json(r#"{"confidential": {"codenames": ["Project Falcon"]}}"#).unwrap();
//! let report = engine.check_draft("Project Falcon ships in May!", &CheckContext::new(Date::parse("2026-06-01").unwrap()));
//! assert_eq!(report.verdict, Verdict::Block);
//! assert_eq!(report.findings[0].code, "CONF001");
//! ```
//!
//! Spans are byte ranges of the original text; `riskhint_text::text::char_offset` and
//! `utf16_offset` convert them for the CLI and for JavaScript.
//!
//! The modules form layers, each importing only those below it (`tests/layers.rs` holds them to
//! it): the text crate, `date`, `finding`, `particle`, `lexicon`, `model` → [`draft`] (what a rule
//! reads) → [`policy`] (types and JSONC; then [`custom`] rules, then the policy's layering) →
//! [`settings`] (the policy compiled for the rules) → [`rules`] → [`engine`] and [`feed`] →
//! [`json`], `wasm` and the CLI.

pub mod cascade;
pub mod custom;
pub mod date;
pub mod draft;
pub mod engine;
pub mod feed;
pub mod finding;
pub mod fix;
pub mod json;
pub mod lexicon;
pub mod model;
pub mod particle;
pub(crate) mod phones;
pub mod policy;
pub mod rules;
pub mod semantic;
pub mod settings;

pub use date::Date;
pub use engine::{CheckContext, Dismissal, Engine, FixAll, Platform, Report, MAX_TEXT_BYTES};
pub use feed::{Counts, Evidence, Label, Post, PostReport};
pub use finding::{Bilingual, Category, EditKind, Finding, Severity, Suggestion, Verdict};
pub use policy::{layer, layer_all, Layered, Policy, PolicyError, PolicyLayer, Review, ReviewFrom};
pub use draft::Role;
pub use riskhint_text::text::Language;
pub use rules::RuleDoc;

#[cfg(target_arch = "wasm32")]
pub mod wasm;
