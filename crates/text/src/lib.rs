//! The loops riskhint runs over every character of every text: the folded views ([`text`]), the
//! byte trie of the word lists ([`trie`]), the models' words and hashed features ([`features`])
//! and their scoring ([`model`]).
//!
//! Why a crate of its own: the extension's WASM engine is optimised for size (`opt-level = "z"`),
//! which leaves `String::push`, `chars()` and slice indexing as calls in these loops. Cargo sets
//! optimisation per crate, so this one is optimised for speed within the size budget (`"s"`, see
//! the `wasm` profile in the top-level Cargo.toml and docs/performance.md) while the
//! rules, policy and JSON code stay small. The engine imports it directly (`riskhint_text::text`);
//! only the models are re-exported, as `riskhint::model`, with the engine's built-in ones.

pub mod features;
pub mod model;
pub mod text;
pub mod trie;
