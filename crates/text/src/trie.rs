//! A byte trie of keys, searched by walking it from every character of a text: it finds every key
//! at every position, overlapping ones included, as an Aho-Corasick automaton does.
//!
//! Why not Aho-Corasick: building the lexicons' automaton (its transitions and failure links) was
//! most of building the first engine, and in a cold WASM worker that runs in V8's baseline compiler
//! before the first verdict. A trie is built in one pass over the sorted keys, and a walk mostly stops at
//! the first or second byte, so searching costs about the same. A walk is at most as long as the
//! longest key, so a search stays linear in the text.

use std::ops::{ControlFlow, Range};

/// A node's children are `edges[children]`, sorted by byte; the keys ending at it are
/// `ends[ends]` (their indexes in the list the trie was built from, in increasing order).
#[derive(Debug, Clone, Default)]
struct Node {
    children: Range<u32>,
    ends: Range<u32>,
}

#[derive(Debug, Clone)]
pub struct Trie {
    /// The node reached by each first byte (0: none; node 0 is the root itself).
    first: Box<[u32; 256]>,
    nodes: Vec<Node>,
    edges: Vec<(u8, u32)>,
    ends: Vec<u32>,
}

impl Trie {
    /// The trie of `keys`; a key's index in `keys` is what a search reports. Empty keys are never
    /// found. Keys are text, so each begins with the first byte of a character. Not generic, so
    /// that it is compiled with this crate, for speed: it is most of building the first engine.
    pub fn new(keys: &[&str]) -> Trie {
        // Sorted by key, then by index (a total order, so an unstable sort gives the same): equal
        // keys end at one node in the order they were given. A key's first eight bytes, as a
        // number, decide most comparisons without comparing slices (zero padding keeps the order).
        let prefix = |key: &[u8]| {
            let mut first = [0; 8];
            first[..key.len().min(8)].copy_from_slice(&key[..key.len().min(8)]);
            u64::from_be_bytes(first)
        };
        let mut order: Vec<(u64, &[u8], u32)> =
            (keys.iter().zip(0..)).filter(|(k, _)| !k.is_empty()).map(|(k, i)| (prefix(k.as_bytes()), k.as_bytes(), i)).collect();
        order.sort_unstable();
        // Built level by level from the sorted keys, so that each node's children are contiguous:
        // at each depth, the keys sharing a prefix form a run of `order`.
        let mut trie = Trie { first: Box::new([0; 256]), nodes: vec![Node::default()], edges: Vec::new(), ends: Vec::new() };
        // (node, depth, the run of `order` whose keys pass through the node)
        let mut level: Vec<(u32, usize, Range<usize>)> = vec![(0, 0, 0..order.len())];
        while !level.is_empty() {
            let mut next = Vec::new();
            for (node, depth, run) in level {
                let key = |i: usize| order[i].1;
                let ends_from = trie.ends.len() as u32;
                let mut i = run.start;
                while i < run.end && key(i).len() == depth {
                    trie.ends.push(order[i].2);
                    i += 1;
                }
                let children_from = trie.edges.len() as u32;
                while i < run.end {
                    let byte = key(i)[depth];
                    let start = i;
                    while i < run.end && key(i)[depth] == byte {
                        i += 1;
                    }
                    let child = trie.nodes.len() as u32;
                    trie.nodes.push(Node::default());
                    trie.edges.push((byte, child));
                    next.push((child, depth + 1, start..i));
                }
                let n = &mut trie.nodes[node as usize];
                n.ends = ends_from..trie.ends.len() as u32;
                n.children = children_from..trie.edges.len() as u32;
            }
            level = next;
        }
        for &(byte, child) in &trie.edges[trie.nodes[0].children.start as usize..trie.nodes[0].children.end as usize] {
            trie.first[byte as usize] = child;
        }
        trie
    }

    /// Appends every occurrence of every key in `text` to `found` as (start, end, key), in the
    /// order of [`Trie::find_each`]. Not generic, so the walk is compiled with this crate, for
    /// speed: a caller's closure would have `find_each` compiled with the caller.
    pub fn find_all(&self, text: &str, found: &mut Vec<(u32, u32, u32)>) {
        self.find_each(text, |range, key| {
            found.push((range.start as u32, range.end as u32, key as u32));
            ControlFlow::Continue(())
        });
    }

    /// Whether any key occurs in `text`.
    pub fn is_match(&self, text: &str) -> bool {
        let mut any = false;
        self.find_each(text, |_, _| {
            any = true;
            ControlFlow::Break(())
        });
        any
    }

    /// Calls `found(range, key)` for every occurrence of every key in `text`, by start, then by
    /// length, then by key index, until it breaks. Keys are whole characters, so walks begin at
    /// character starts.
    fn find_each(&self, text: &str, mut found: impl FnMut(Range<usize>, usize) -> ControlFlow<()>) {
        // Plain slices and loops: in the size-optimised WASM build, slice methods and Vec
        // indexing are calls, which cost more than the walk itself.
        let (bytes, first, nodes, edges, ends) = (text.as_bytes(), &self.first[..], &self.nodes[..], &self.edges[..], &self.ends[..]);
        for start in 0..bytes.len() {
            // Continuation bytes of UTF-8 never begin a key: their entries are 0.
            let mut node = first[bytes[start] as usize];
            let mut end = start + 1;
            while node != 0 {
                let Node { children, ends: ending } = &nodes[node as usize];
                for at in ending.start..ending.end {
                    if found(start..end, ends[at as usize] as usize).is_break() {
                        return;
                    }
                }
                if end == bytes.len() {
                    break;
                }
                // The child for the next byte, by binary search of the sorted edges.
                let (byte, mut low, mut high) = (bytes[end], children.start as usize, children.end as usize);
                node = 0;
                while low < high {
                    let middle = (low + high) / 2;
                    let (b, child) = edges[middle];
                    if b == byte {
                        node = child;
                        break;
                    } else if b < byte {
                        low = middle + 1;
                    } else {
                        high = middle;
                    }
                }
                end += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn all(keys: &[&str], text: &str) -> Vec<(Range<usize>, usize)> {
        let mut out = Vec::new();
        Trie::new(keys).find_all(text, &mut out);
        out.into_iter().map(|(start, end, key)| (start as usize..end as usize, key as usize)).collect()
    }

    /// The reference: every key tried at every byte.
    fn naive(keys: &[&str], text: &str) -> Vec<(Range<usize>, usize)> {
        let mut out = Vec::new();
        for start in 0..text.len() {
            let mut here: Vec<(Range<usize>, usize)> = keys
                .iter()
                .enumerate()
                .filter(|(_, k)| !k.is_empty() && text.as_bytes()[start..].starts_with(k.as_bytes()))
                .map(|(i, k)| (start..start + k.len(), i))
                .collect();
            here.sort_by_key(|(r, i)| (r.end, *i));
            out.extend(here);
        }
        out
    }

    #[test]
    fn every_key_at_every_position_overlapping_and_repeated() {
        let keys = ["he", "she", "his", "hers", "", "she", "시발", "시발점", "발"];
        let text = "ushers 시발점 his";
        assert_eq!(all(&keys, text), naive(&keys, text));
        let found: Vec<&str> = all(&keys, text).iter().map(|(r, _)| &text[r.clone()]).collect();
        assert_eq!(found, ["she", "she", "he", "hers", "시발", "시발점", "발", "his"], "equal keys both reported, in order");
        assert!(all(&[""; 3], "abc").is_empty(), "an empty key is never found");
        assert!(Trie::new(&keys).is_match("a his") && !Trie::new(&keys).is_match("hi, 시"));
        assert!(all(&keys, "").is_empty());
    }

    proptest! {
        #[test]
        fn finds_exactly_what_trying_every_key_finds(
            keys in proptest::collection::vec("[ab시발]{0,4}", 0..12),
            text in "[ab시발 ]{0,24}",
        ) {
            let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
            prop_assert_eq!(all(&keys, &text), naive(&keys, &text));
        }
    }
}
