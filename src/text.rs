//! The folded views of a text, from `riskhint-text` (`crates/text/src/text.rs`).

pub use riskhint_text::text::*;
