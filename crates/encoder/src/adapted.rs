//! Fine-tuned layers laid over the asset: `scripts/train/finetune.py` trains the top layers of
//! the shipped encoder and writes them as an `E5A1` file (models/semantic/adapted.bin), which
//! `riskhint semantic asset --adapted` puts in place of the same tensors.
//!
//! Little-endian: magic `E5A1`, `u32` tensor count, then per tensor a `u16` name length, the name,
//! a `u8` dtype (0 f32, 1 Q4_0, as in the asset), a `u32` element count, a `u64` byte length and
//! the bytes. Every tensor must exist in the asset with the same dtype and element count.

use crate::format::{DType, File, Tensor, BLOCK, Q4_BLOCK_BYTES};
use crate::Error;

pub const MAGIC: &[u8; 4] = b"E5A1";

/// The tensors of an `E5A1` file, borrowing its bytes.
pub fn parse(bytes: &[u8]) -> Result<Vec<Tensor<'_>>, Error> {
    let truncated = || Error("the adapted layers file is truncated".into());
    let mut at = 0usize;
    let mut take = |n: usize| -> Result<&[u8], Error> {
        let slice = bytes.get(at..at.checked_add(n).ok_or_else(truncated)?).ok_or_else(truncated)?;
        at += n;
        Ok(slice)
    };
    if take(4)? != MAGIC {
        return Err(Error("not an adapted layers file (no E5A1 header)".into()));
    }
    let count = u32::from_le_bytes(take(4)?.try_into().unwrap()) as usize;
    let mut tensors = Vec::new();
    for _ in 0..count {
        let name_len = u16::from_le_bytes(take(2)?.try_into().unwrap()) as usize;
        let name = String::from_utf8_lossy(take(name_len)?).into_owned();
        let dtype = match take(1)?[0] {
            0 => DType::F32,
            1 => DType::Q4,
            other => return Err(Error(format!("adapted tensor {name} has unknown dtype {other}"))),
        };
        let len = u32::from_le_bytes(take(4)?.try_into().unwrap()) as usize;
        let byte_len = u64::from_le_bytes(take(8)?.try_into().unwrap()) as usize;
        let expected = match dtype {
            DType::F32 => len * 4,
            DType::Q4 if len % BLOCK == 0 => len / BLOCK * Q4_BLOCK_BYTES,
            DType::Q4 => return Err(Error(format!("adapted tensor {name} is not whole Q4_0 blocks"))),
        };
        if byte_len != expected {
            return Err(Error(format!("adapted tensor {name} has {byte_len} bytes for {len} weights")));
        }
        tensors.push(Tensor { name, dtype, len, bytes: take(byte_len)? });
    }
    if at != bytes.len() {
        return Err(Error("the adapted layers file has bytes after its last tensor".into()));
    }
    Ok(tensors)
}

/// The bytes of `model` with the tensors of the `E5A1` file `adapted` in place of its own.
pub fn apply(model: &[u8], adapted: &[u8]) -> Result<Vec<u8>, Error> {
    let mut file = File::parse(model)?;
    for new in parse(adapted)? {
        let old = file
            .tensors
            .iter_mut()
            .find(|t| t.name == new.name)
            .ok_or_else(|| Error(format!("the model has no tensor {} to replace (was it cut to fewer layers?)", new.name)))?;
        if old.dtype != new.dtype || old.len != new.len {
            return Err(Error(format!("adapted tensor {} does not match the model's shape or type", new.name)));
        }
        *old = new;
    }
    Ok(file.write())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn adapted_file(tensors: &[(&str, u8, u32, &[u8])]) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        out.extend_from_slice(&(tensors.len() as u32).to_le_bytes());
        for (name, dtype, len, bytes) in tensors {
            out.extend_from_slice(&(name.len() as u16).to_le_bytes());
            out.extend_from_slice(name.as_bytes());
            out.push(*dtype);
            out.extend_from_slice(&len.to_le_bytes());
            out.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
            out.extend_from_slice(bytes);
        }
        out
    }

    #[test]
    fn reads_what_the_trainer_writes_and_rejects_broken_files() {
        let bias = [1.5f32, -2.0].iter().flat_map(|v| v.to_le_bytes()).collect::<Vec<_>>();
        let file = adapted_file(&[("l5.q.b", 0, 2, &bias)]);
        let tensors = parse(&file).unwrap();
        assert_eq!((tensors[0].name.as_str(), tensors[0].f32s()), ("l5.q.b", vec![1.5, -2.0]));

        assert!(parse(&file[..file.len() - 1]).unwrap_err().0.contains("truncated"));
        assert!(parse(b"E5S1\0\0\0\0").unwrap_err().0.contains("no E5A1 header"));
        let short = adapted_file(&[("l5.q.b", 0, 3, &bias)]);
        assert!(parse(&short).unwrap_err().0.contains("8 bytes for 3 weights"));
    }
}
