//! The byte trie of the word lists, from `riskhint-text` (`crates/text/src/trie.rs`).

pub use riskhint_text::trie::*;
