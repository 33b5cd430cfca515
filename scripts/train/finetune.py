#!/usr/bin/env python3
"""Fine-tunes the top two layers of riskhint's shipped sentence encoder (multilingual-e5-small,
Q4_0, "E5S1" layout, 6 layers kept) on the semantic tier's tasks, with JAX on CPU.

- The asset is read and dequantised to f32; the embeddings and layers 0..3 stay frozen, and the
  layer-3 state of every text is computed once and cached (target/train/l3-*.npy), so a training
  step only runs layers 4 and 5.
- Layers 4 and 5 (all weights, biases and LayerNorms) and one linear head per task (14: the 12
  categories, hostile-en, hostile-ko) are trained, multi-task, each row's loss being the BCE of its
  own task's head on the mean of the text's own tokens (not <s>, the "query: " prefix or </s>),
  L2-normalised, as the Rust side pools. Weight matrices are trained through Q4_0 fake
  quantisation (straight-through), so what is exported is what was evaluated.
- Data and splits are those of src/cli/semantic_train.rs (rule examples left out).
- Exports models/semantic/adapted.bin (format "E5A1", see README.md) and adapted-heads.json.

Run: target/train-venv/bin/python scripts/train/finetune.py [--smoke] [--seed N]
"""

import argparse
import csv
import hashlib
import json
import math
import os
import struct
import sys
import time

import numpy as np

T0 = time.time()


def log(*args):
    print(f"[{time.time() - T0:7.1f}s]", *args, flush=True)


# --------------------------------------------------------------------------------------------
# The asset ("E5S1")

BLOCK = 32
Q4_BLOCK_BYTES = 18


class Asset:
    def __init__(self, path):
        data = open(path, "rb").read()
        self.bytes = data
        at = 0

        def take(n):
            nonlocal at
            out = data[at : at + n]
            if len(out) != n:
                raise ValueError("truncated model file")
            at += n
            return out

        u32 = lambda: struct.unpack("<I", take(4))[0]
        if take(4) != b"E5S1":
            raise ValueError(f"{path} is not an E5S1 model")
        u32()  # version
        self.hidden, self.layers, self.heads, self.ff, self.vocab_rows, self.positions, self.type_vocab = (u32() for _ in range(7))
        self.eps = struct.unpack("<f", take(4))[0]
        if u32() != BLOCK:
            raise ValueError("unsupported block size")
        pieces = u32()
        self.bos, self.eos, self.pad, self.unk = (u32() for _ in range(4))
        blob_len = struct.unpack("<Q", take(8))[0]
        offsets = np.frombuffer(take(4 * (pieces + 1)), "<u4")
        self.scores = np.frombuffer(take(4 * pieces), "<f4").astype(np.float32)
        blob = take(blob_len)
        self.pieces = [blob[offsets[i] : offsets[i + 1]] for i in range(pieces)]
        entries = u32()
        map_len = u32()
        m = take(map_len)
        self.normaliser = {}
        mat = 0
        for _ in range(entries):
            frm = struct.unpack_from("<I", m, mat)[0]
            n = m[mat + 4]
            to = struct.unpack_from(f"<{n}I", m, mat + 5)
            mat += 5 + 4 * n
            self.normaliser[frm] = to
        count = u32()
        self.tensors = {}
        self.order = []
        for _ in range(count):
            name_len = struct.unpack("<H", take(2))[0]
            name = take(name_len).decode()
            dtype = take(1)[0]
            n = u32()
            offset, nbytes = struct.unpack("<QQ", take(16))
            size = n * 4 if dtype == 0 else n // BLOCK * Q4_BLOCK_BYTES
            self.tensors[name] = (dtype, n, data[offset : offset + size])
            self.order.append(name)

    def f32(self, name, shape=None):
        dtype, n, raw = self.tensors[name]
        if dtype == 0:
            out = np.frombuffer(raw, "<f4").astype(np.float32)
        else:
            out = dequantise_q4(raw, n)
        return out.reshape(shape) if shape else out


def dequantise_q4(raw, n):
    blocks = np.frombuffer(raw, np.uint8).reshape(-1, Q4_BLOCK_BYTES)
    d = blocks[:, :2].copy().view("<f2").astype(np.float32)  # (blocks, 1)
    q = blocks[:, 2:]
    vals = np.concatenate([q & 0x0F, q >> 4], axis=1).astype(np.float32) - 8.0
    return (vals * d).reshape(n)


def quantise_q4(x):
    """ggml's Q4_0: per block of 32 the value m of largest |m|, d = m / -8, q = clamp(round(x/d + 8),
    0, 15) (round half up, as ggml's (int8)(v + 8.5)); d as IEEE half."""
    x = np.asarray(x, np.float32).reshape(-1, BLOCK)
    idx = np.argmax(np.abs(x), axis=1)
    m = x[np.arange(len(x)), idx]
    d = (m / np.float32(-8.0)).astype(np.float32)
    inv = np.where(d != 0, np.float32(1.0) / np.where(d != 0, d, 1), 0).astype(np.float32)
    q = np.clip(np.floor(x * inv[:, None] + np.float32(8.5)), 0, 15).astype(np.uint8)
    packed = (q[:, :16] | (q[:, 16:] << 4)).astype(np.uint8)
    out = np.concatenate([d.astype("<f2")[:, None].view(np.uint8), packed], axis=1)
    return out.tobytes()


# --------------------------------------------------------------------------------------------
# The tokenizer: a port of crates/encoder/src/tokenizer.rs (Viterbi unigram over the asset's
# pieces, normaliser map, spaces collapsed, "▁" in front and for every space).

METASPACE = "\u2581"
PREFIX = "query: "


class Tokenizer:
    def __init__(self, asset):
        self.asset = asset
        self.ids = {}
        for i, p in enumerate(asset.pieces):
            if not p or i == asset.unk:
                continue
            try:
                s = p.decode("utf-8")
            except UnicodeDecodeError:
                continue  # can never match a slice at character boundaries
            self.ids.setdefault(s, i)
        self.prefixes = set()
        for s in self.ids:
            for k in range(1, len(s) + 1):
                self.prefixes.add(s[:k])
        # Scores add up in f32 as in Rust: ties between segmentations break the same way.
        self.scores = [np.float32(s) for s in asset.scores]
        self.unknown_score = np.float32(asset.scores.min()) - np.float32(10.0)
        self.norm = {k: "".join(chr(c) for c in v) for k, v in asset.normaliser.items()}
        # The prefix's own tokens, as Encoder::from_bytes finds them.
        toks = self.tokenize(PREFIX + "x")
        self.prefix_ids = [i for i, last in toks if last < len(PREFIX)]

    def tokenize(self, text):
        """(id, index of the last input character it covers, -1 for none) per token."""
        chars = []  # (char, source index or -1)
        for at, c in enumerate(text):
            to = self.norm.get(ord(c))
            if to is None:
                chars.append((c, at))
            else:
                chars.extend((t, at) for t in to)
        deduped = []
        for c in chars:
            if c[0] == " " and deduped and deduped[-1][0] == " ":
                continue
            deduped.append(c)
        chars = deduped
        if not chars or chars[0][0] != " ":
            chars.insert(0, (METASPACE, -1))
        s = "".join(METASPACE if c == " " else c for c, _ in chars)
        n = len(s)
        neg = np.float32(-np.inf)
        best = [neg] * (n + 1)
        back = [(0, -1)] * (n + 1)
        best[0] = np.float32(0.0)
        ids, prefixes, scores, unk, unknown_score = self.ids, self.prefixes, self.scores, self.asset.unk, self.unknown_score
        for i in range(n):
            bi = best[i]
            if bi == neg:
                continue
            for e in range(i + 1, n + 1):
                sub = s[i:e]
                if sub not in prefixes:
                    break
                pid = ids.get(sub)
                if pid is not None:
                    sc = bi + scores[pid]
                    if sc > best[e]:
                        best[e] = sc
                        back[e] = (i, pid)
            u = bi + unknown_score
            if u > best[i + 1]:
                best[i + 1] = u
                back[i + 1] = (i, unk)
        out = []
        end = n
        while end > 0:
            start, pid = back[end]
            last = max(src for _, src in chars[start:end])
            out.append((pid, last))
            end = start
        out.reverse()
        return out

    def encode(self, text, max_len):
        """ids = <s>, prefix, the text's tokens (cut so that all fit in max_len), </s>; and the count
        of the text's own tokens (they start at 1 + len(prefix))."""
        toks = self.tokenize(PREFIX + text)
        content = [i for i, last in toks if last >= len(PREFIX)]
        content = content[: max(0, max_len - 2 - len(self.prefix_ids))]
        return [self.asset.bos] + self.prefix_ids + content + [self.asset.eos], len(content)


# --------------------------------------------------------------------------------------------
# Data and splits, as src/cli/semantic_train.rs

FNV_OFFSET, FNV_PRIME, MASK = 0xCBF29CE484222325, 0x100000001B3, (1 << 64) - 1


def fnv(text):
    h = FNV_OFFSET
    for b in text.encode("utf-8"):
        h = ((h ^ b) * FNV_PRIME) & MASK
    return h


def held_out(text, n):
    return fnv(text) % n == 0


csv.field_size_limit(1 << 30)


def read_tsv(path):
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f, delimiter="\t")
        header = next(reader)
        for row in reader:
            if row:  # the csv crate skips empty lines
                yield header, row


def read_labelled(path, text_col, label_col, positive):
    rows = []
    for header, row in read_tsv(path):
        ti, li = header.index(text_col), header.index(label_col)
        if len(row) <= max(ti, li):
            raise ValueError(f"{path}: a row has too few columns")
        labels = [l.strip() for l in row[li].split(",")]
        rows.append((row[ti], any(l in positive for l in labels)))
    return rows


CATEGORIES = [  # (name, everyday negatives)
    ("mnpi", True), ("promissory", True), ("apology", False), ("tone", False), ("sensitive", False),
    ("competitor", True), ("disclosure", True), ("complaint", False), ("media-inquiry", True),
    ("undisclosed-promotion", True), ("crisis-signal", True), ("possible-leak", True),
]
KMHAS_POS = [str(i) for i in range(8)]
HOSTILE = [
    ("hostile-en", [("en/tweeteval-offensive/train.tsv", "text", "label", ["1"], "en/tweeteval-offensive/val.tsv")], 0.75),
    ("hostile-ko", [
        ("ko/korean-hate-speech/train.tsv", "comments", "hate", ["hate", "offensive"], None),
        ("ko/k-mhas/valid.tsv", "document", "label", KMHAS_POS, None),
        ("ko/k-mhas/test.tsv", "document", "label", KMHAS_POS, None),
    ], 0.85),
]
TASKS = [c[0] for c in CATEGORIES] + [h[0] for h in HOSTILE]
MIN_PRECISION = {**{c[0]: 0.9 for c in CATEGORIES}, "hostile-en": 0.75, "hostile-ko": 0.85}


def split_rows(sources, data):
    train, dev, tests = [], [], []
    for name, rows, own_test in sources:
        test = []
        for row in rows:
            if own_test is None and held_out(row[0], 5):
                test.append(row)
            elif held_out("dev:" + row[0], 4):
                dev.append(row)
            else:
                train.append(row)
        tests.append(own_test if own_test is not None else (name, test))
    return train, dev, tests


def everyday_posts(data, cap=None):
    train, test = [], []
    for path, column, one_in in [("en/tweeteval-unlabeled/tweets.tsv", "text", 60), ("ko/korean-hate-speech-unlabeled/comments.tsv", "comments", 15)]:
        got_train = got_test = 0
        for header, row in read_tsv(f"{data}/{path}"):
            at = header.index(column)
            if at >= len(row):
                continue
            text = row[at]
            if held_out("everyday:" + text, one_in):
                train.append(text)
                got_train += 1
            elif held_out("everyday-test:" + text, one_in * 4):
                test.append(text)
                got_test += 1
            if cap and got_train >= cap and got_test >= cap:
                break  # the smoke run needs only a few
    return train, test


def load_tasks(repo, data, limit=None):
    """Per task: dict(train, dev, tests=[(name, rows)]) with rows (text, label)."""
    everyday_train, everyday_test = everyday_posts(data, cap=4 * limit if limit else None)
    out = {"": everyday_train}
    for name, everyday in CATEGORIES:
        rows = read_labelled(f"{repo}/data/semantic/{name}.tsv", "text", "label", ["1"])
        train, dev, tests = split_rows([(f"data/semantic/{name}.tsv, held out", rows, None)], data)
        if everyday:
            train += [(t, False) for t in everyday_train]
            tests.append(("everyday posts (all negative)", [(t, False) for t in everyday_test]))
        out[name] = dict(train=train, dev=dev, tests=tests)
    for name, sources, _ in HOSTILE:
        loaded = []
        for path, tcol, lcol, pos, test in sources:
            own = (test, read_labelled(f"{data}/{test}", tcol, lcol, pos)) if test else None
            label = path if test else f"{path}, held out"
            loaded.append((label, read_labelled(f"{data}/{path}", tcol, lcol, pos), own))
        train, dev, tests = split_rows(loaded, data)
        out[name] = dict(train=train, dev=dev, tests=tests)
    if limit:
        for t in list(out.values())[1:]:
            for rows in [t["train"], t["dev"]] + [r for _, r in t["tests"]]:
                p = n = 0
                kept = []
                for text, y in rows:
                    if y:
                        p += 1
                        if p <= limit:
                            kept.append((text, y))
                    else:
                        n += 1
                        if n <= limit:
                            kept.append((text, y))
                rows[:] = kept
    everyday = out.pop("")
    return out, everyday


# --------------------------------------------------------------------------------------------
# The model

import jax  # noqa: E402
import jax.numpy as jnp  # noqa: E402

jax.config.update("jax_default_matmul_precision", "highest")

LAYER_KEYS = ["q.w", "q.b", "k.w", "k.b", "v.w", "v.b", "ao.w", "ao.b", "aln.w", "aln.b", "fi.w", "fi.b", "fo.w", "fo.b", "oln.w", "oln.b"]
MATRICES = {"q.w", "k.w", "v.w", "ao.w", "fi.w", "fo.w"}


def layer_params(asset, l):
    h, ff = asset.hidden, asset.ff
    shapes = {"fi.w": (ff, h), "fo.w": (h, ff), "fi.b": (ff,)}
    return {k: jnp.asarray(asset.f32(f"l{l}.{k}", shapes.get(k, (h, h) if k in MATRICES else (h,)))) for k in LAYER_KEYS}


def fake_q4(w):
    """Q4_0 round trip with a straight-through gradient."""
    x = w.reshape(-1, BLOCK)
    idx = jnp.argmax(jnp.abs(x), axis=1)
    m = jnp.take_along_axis(x, idx[:, None], axis=1)
    d = m / -8.0
    inv = jnp.where(d != 0, 1.0 / jnp.where(d != 0, d, 1.0), 0.0)
    q = jnp.clip(jnp.floor(x * inv + 8.5), 0, 15)
    dq = ((q - 8.0) * d.astype(jnp.float16).astype(jnp.float32)).reshape(w.shape)
    return w + jax.lax.stop_gradient(dq - w)


def layer_norm(x, w, b, eps):
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / jnp.sqrt(var + eps) * w + b


def layer(p, x, kmask, heads, eps, quant=False):
    B, L, H = x.shape
    hd = H // heads
    W = (lambda k: fake_q4(p[k])) if quant else (lambda k: p[k])
    lin = lambda t, k: t @ W(k + ".w").T + p[k + ".b"]
    q = lin(x, "q").reshape(B, L, heads, hd)
    k = lin(x, "k").reshape(B, L, heads, hd)
    v = lin(x, "v").reshape(B, L, heads, hd)
    s = jnp.einsum("blhd,bmhd->bhlm", q, k) / math.sqrt(hd)
    s = jnp.where(kmask[:, None, None, :], s, -1e30)
    a = jax.nn.softmax(s, axis=-1)
    ctx = jnp.einsum("bhlm,bmhd->blhd", a, v).reshape(B, L, H)
    x = layer_norm(x + lin(ctx, "ao"), p["aln.w"], p["aln.b"], eps)
    mid = jax.nn.gelu(lin(x, "fi"), approximate=False)
    return layer_norm(x + lin(mid, "fo"), p["oln.w"], p["oln.b"], eps)


class Frozen:
    """Embeddings and the frozen layers."""

    def __init__(self, asset, upto):
        h = asset.hidden
        self.asset = asset
        self.words = jnp.asarray(asset.f32("emb.word", (asset.vocab_rows, h)))
        self.pos = jnp.asarray(asset.f32("emb.pos", (asset.positions, h)))
        self.typ = jnp.asarray(asset.f32("emb.type", (asset.type_vocab, h))[0])
        self.ln = (jnp.asarray(asset.f32("emb.ln.w")), jnp.asarray(asset.f32("emb.ln.b")))
        self.layers = [layer_params(asset, l) for l in range(upto)]
        heads, eps = asset.heads, asset.eps

        def run(ids, kmask):
            ids = jnp.minimum(ids, asset.vocab_rows - 1)
            x = self.words[ids] + self.pos[None, : ids.shape[1]] + self.typ
            x = layer_norm(x, self.ln[0], self.ln[1], eps)
            for p in self.layers:
                x = layer(p, x, kmask, heads, eps)
            return x

        self.run = jax.jit(run)


def top(params, x, kmask, pmask, heads, eps, quant):
    for name in ("l4", "l5"):
        x = layer(params[name], x, kmask, heads, eps, quant)
    pooled = (x * pmask[..., None]).sum(1) / jnp.maximum(pmask.sum(1, keepdims=True), 1.0)
    # (sqrt of sum + tiny, not linalg.norm: padding rows pool to zero, whose norm has a NaN gradient)
    return pooled / jnp.maximum(jnp.sqrt((pooled * pooled).sum(-1, keepdims=True) + 1e-20), 1e-6)


# --------------------------------------------------------------------------------------------
# Texts, their tokens, the cached layer-3 states, and batches

PROBE_STEPS = 1500
BUCKETS = (16, 24, 32, 48, 64, 96, 128)


def bucket(n):
    for b in BUCKETS:
        if n <= b:
            return b
    return BUCKETS[-1]


class Texts:
    def __init__(self, texts, tok, max_len):
        self.texts = texts
        enc = [tok.encode(t, max_len) for t in texts]
        self.ids = [e[0] for e in enc]
        self.content = np.array([e[1] for e in enc], np.int32)
        self.lens = np.array([len(e[0]) for e in enc], np.int32)
        self.start = 1 + len(tok.prefix_ids)

    def cache_states(self, frozen, path, batch_tokens=4096):
        if os.path.exists(path):
            log(f"layer-3 states from {path}")
            self.flat = np.load(path, mmap_mode="r")
        else:
            total = int(self.lens.sum())
            flat = np.zeros((total, frozen.asset.hidden), np.float16)
            offsets = np.concatenate([[0], np.cumsum(self.lens)[:-1]])
            order = np.argsort(self.lens, kind="stable")
            done, t = 0, time.time()
            i = 0
            while i < len(order):
                L = bucket(int(self.lens[order[i]]))
                rows = max(1, batch_tokens // L)
                chunk = [j for j in order[i : i + rows] if self.lens[j] <= L]
                ids = np.full((rows, L), frozen.asset.pad, np.int32)
                km = np.zeros((rows, L), bool)
                for r, j in enumerate(chunk):
                    ids[r, : self.lens[j]] = self.ids[j]
                    km[r, : self.lens[j]] = True
                out = np.asarray(frozen.run(jnp.asarray(ids), jnp.asarray(km)))
                for r, j in enumerate(chunk):
                    flat[offsets[j] : offsets[j] + self.lens[j]] = out[r, : self.lens[j]]
                i += len(chunk)
                done += len(chunk)
                if done // 2000 != (done - len(chunk)) // 2000:
                    log(f"  layer-3 states: {done} of {len(order)} texts ({(time.time() - t) / done * 1000:.1f} ms each)")
            os.makedirs(os.path.dirname(path), exist_ok=True)
            np.save(path + ".tmp.npy", flat)
            os.replace(path + ".tmp.npy", path)
            self.flat = flat
        self.offsets = np.concatenate([[0], np.cumsum(self.lens)[:-1]])

    def batch(self, idx, pad_rows=None):
        L = bucket(int(self.lens[idx].max()))
        n = pad_rows or len(idx)
        x = np.zeros((n, L, self.flat.shape[1]), np.float32)
        km = np.zeros((n, L), bool)
        pm = np.zeros((n, L), np.float32)
        for r, j in enumerate(idx):
            x[r, : self.lens[j]] = self.flat[self.offsets[j] : self.offsets[j] + self.lens[j]]
            km[r, : self.lens[j]] = True
            pm[r, self.start : self.start + self.content[j]] = 1.0
        km[len(idx) :, 0] = True  # padding rows: something to attend to
        return x, km, pm


# --------------------------------------------------------------------------------------------
# Metrics, as src/model/train.rs


def metrics(tp, fp, fn_, threshold):
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn_) if tp + fn_ else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return dict(threshold=float(threshold), precision=p, recall=r, f1=f1, tp=tp, fp=fp, fn=fn_)


def best_threshold(scores, labels, min_precision):
    order = np.argsort(-np.asarray(scores, np.float64), kind="stable")
    s = np.asarray(scores)[order]
    y = np.asarray(labels)[order]
    positives = int(y.sum())
    tp = fp = 0
    best, most = None, metrics(0, 0, positives, 1.0)
    for i in range(len(s)):
        if y[i]:
            tp += 1
        else:
            fp += 1
        if i + 1 < len(s) and s[i + 1] == s[i]:
            continue
        m = metrics(tp, fp, positives - tp, s[i])
        if m["precision"] >= min_precision and (best is None or m["f1"] > best["f1"]):
            best = m
        if m["precision"] > most["precision"] or (m["precision"] == most["precision"] and m["recall"] > most["recall"]):
            most = m
    return best or most


def at_threshold(scores, labels, threshold):
    s, y = np.asarray(scores), np.asarray(labels, bool)
    flag = s >= threshold
    return metrics(int((flag & y).sum()), int((flag & ~y).sum()), int((~flag & y).sum()), threshold)


# --------------------------------------------------------------------------------------------
# Export


def write_adapted(path, params):
    tensors = []
    for l in ("l4", "l5"):
        for k in LAYER_KEYS:
            v = np.asarray(params[l][k], np.float32)
            if k in MATRICES:
                tensors.append((f"{l}.{k}", 1, v.size, quantise_q4(v)))
            else:
                tensors.append((f"{l}.{k}", 0, v.size, v.astype("<f4").tobytes()))
    out = bytearray(b"E5A1")
    out += struct.pack("<I", len(tensors))
    for name, dtype, n, raw in tensors:
        nb = name.encode()
        out += struct.pack("<H", len(nb)) + nb + struct.pack("<BIQ", dtype, n, len(raw)) + raw
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path + ".tmp", "wb") as f:
        f.write(out)
    os.replace(path + ".tmp", path)
    return bytes(out)


def read_adapted(path):
    data = open(path, "rb").read()
    assert data[:4] == b"E5A1"
    (count,) = struct.unpack_from("<I", data, 4)
    at, out = 8, {}
    for _ in range(count):
        (n,) = struct.unpack_from("<H", data, at)
        name = data[at + 2 : at + 2 + n].decode()
        at += 2 + n
        dtype, elems, nbytes = struct.unpack_from("<BIQ", data, at)
        at += 13
        raw = data[at : at + nbytes]
        at += nbytes
        out[name] = np.frombuffer(raw, "<f4").copy() if dtype == 0 else dequantise_q4(raw, elems)
    assert at == len(data)
    return out


def write_heads(path, W, b):
    heads = [{"name": name, "weights": [float(v) for v in np.asarray(W[i])], "bias": float(b[i])} for i, name in enumerate(TASKS)]
    with open(path, "w") as f:
        json.dump(heads, f)
        f.write("\n")


# --------------------------------------------------------------------------------------------
# Training


def adamw(params, grads, state, lrs, step, wd, b1=0.9, b2=0.999, eps=1e-8):
    m, v = state
    m = jax.tree_util.tree_map(lambda m, g: b1 * m + (1 - b1) * g, m, grads)
    v = jax.tree_util.tree_map(lambda v, g: b2 * v + (1 - b2) * g * g, v, grads)
    c1, c2 = 1 - b1**step, 1 - b2**step
    new = {}
    for group in params:
        lr = lrs[group]
        new[group] = jax.tree_util.tree_map(lambda p, m, v: p - lr * (m / c1 / (jnp.sqrt(v / c2) + eps) + wd[group] * p), params[group], m[group], v[group])
    return new, (m, v)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--asset", default="target/semantic/encoder.bin")
    ap.add_argument("--data", default="../shared/data")
    ap.add_argument("--out", default="models/semantic/adapted.bin")
    ap.add_argument("--heads-out", default="models/semantic/adapted-heads.json")
    ap.add_argument("--cache", default="target/train")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--epochs", type=int, default=4)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--max-tokens", type=int, default=128)
    ap.add_argument("--lr", type=float, default=5e-5)
    ap.add_argument("--head-lr", type=float, default=1e-3)
    ap.add_argument("--ko-train", type=int, default=8000, help="hostile-ko training rows kept (a seeded subsample)")
    ap.add_argument("--per-epoch", type=int, default=2500, help="rows drawn per epoch from each of hostile-en and hostile-ko")
    ap.add_argument("--everyday-per-epoch", type=int, default=300, help="everyday negatives drawn per epoch for each category that uses them")
    ap.add_argument("--smoke", action="store_true", help="a few dozen rows per task and a few steps (CI)")
    ap.add_argument("--check", metavar="TEXTS", help="print the 6-layer embedding (mean over all tokens) of each line of TEXTS and exit")
    args = ap.parse_args()

    asset = Asset(args.asset)
    asset_key = hashlib.sha256(asset.bytes).hexdigest()[:16]
    log(f"asset {args.asset}: {asset.layers} layers, hidden {asset.hidden}, {len(asset.pieces)} pieces, eps {asset.eps}")
    assert asset.layers == 6, "the shipped asset keeps 6 layers"
    tok = Tokenizer(asset)
    heads_n, eps = asset.heads, asset.eps

    if args.check:
        full = Frozen(asset, asset.layers)
        for line in open(args.check, encoding="utf-8").read().splitlines():
            ids, _ = tok.encode(line, asset.positions)
            x = np.asarray(full.run(jnp.asarray([ids], jnp.int32), jnp.ones((1, len(ids)), bool)))[0]
            e = x.mean(0)
            e /= max(np.linalg.norm(e), 1e-6)
            print("\t".join(f"{v:.6f}" for v in e))
        return

    key = jax.random.PRNGKey(args.seed)
    if args.smoke:
        args.epochs, args.ko_train, args.per_epoch, args.everyday_per_epoch = 1, 24, 24, 12
    tasks, everyday_train = load_tasks(".", args.data, limit=24 if args.smoke else None)
    ko = tasks["hostile-ko"]
    full_ko_train = len(ko["train"])
    if len(ko["train"]) > args.ko_train:
        key, k = jax.random.split(key)
        keep = np.sort(np.asarray(jax.random.permutation(k, len(ko["train"])))[: args.ko_train])
        ko["train"] = [ko["train"][i] for i in keep]
    for name in TASKS:
        t = tasks[name]
        log(f"{name:<22} train {len(t['train']):>6} ({sum(y for _, y in t['train'])} positive)  validation {len(t['dev']):>5}  "
            + "  ".join(f"{n}: {len(r)}" for n, r in t["tests"]))
    log(f"hostile-ko training rows: {len(ko['train'])} of {full_ko_train}")

    # Unique texts, tokenised, and their frozen layer-3 states.
    index = {}
    for t in tasks.values():
        for rows in [t["train"], t["dev"]] + [r for _, r in t["tests"]]:
            for text, _ in rows:
                index.setdefault(text, len(index))
    texts = list(index)
    log(f"tokenising {len(texts)} texts")
    corpus = Texts(texts, tok, args.max_tokens)
    log(f"tokens: mean {corpus.lens.mean():.1f}, {int((corpus.content + 2 + len(tok.prefix_ids) > args.max_tokens).sum())} texts cut at {args.max_tokens}")
    digest = hashlib.sha256("\x00".join(texts).encode() + np.concatenate([np.asarray(i, np.int32) for i in corpus.ids]).tobytes()).hexdigest()[:16]
    frozen = Frozen(asset, 4)
    corpus.cache_states(frozen, f"{args.cache}/l3-{asset_key}-{args.max_tokens}-{digest}.npy")
    del frozen

    # Rows: (text index, task, label); split per task.
    def rows_of(rows, task):
        return np.array([(index[t], task, y) for t, y in rows], np.int64).reshape(-1, 3)

    T = {name: i for i, name in enumerate(TASKS)}
    train = {name: rows_of(tasks[name]["train"], T[name]) for name in TASKS}
    everyday_set = {index[t] for t in everyday_train if t in index}
    # Class weights per task, from its full training rows: positives and negatives count equally.
    cw = np.zeros((len(TASKS), 2), np.float32)
    for name in TASKS:
        y = train[name][:, 2]
        p = max(int(y.sum()), 1)
        n = max(len(y) - p, 1)
        cw[T[name]] = [len(y) / (2 * n), len(y) / (2 * p)]

    params = {"l4": layer_params(asset, 4), "l5": layer_params(asset, 5)}

    enc_top = jax.jit(lambda params, x, km, pm, quant: top(params, x, km, pm, heads_n, eps, quant), static_argnums=(4,))

    def embed_all(params, idx, quant, rows=64):
        """Pooled embeddings of the texts idx (sorted by length for little padding)."""
        idx = np.asarray(idx)
        order = idx[np.argsort(corpus.lens[idx], kind="stable")]
        out = {}
        i = 0
        while i < len(order):
            L = bucket(int(corpus.lens[order[i]]))
            n = max(8, min(rows, 4096 // L))
            chunk = [j for j in order[i : i + n] if corpus.lens[j] <= L]
            x, km, pm = corpus.batch(chunk, pad_rows=n)
            e = np.asarray(enc_top(params, jnp.asarray(x), jnp.asarray(km), jnp.asarray(pm), quant))
            for r, j in enumerate(chunk):
                out[j] = e[r]
            i += len(chunk)
        return out

    # ---- Before: the frozen encoder, heads fitted on its embeddings (a linear probe), which also
    # start the fine-tuning.
    def fit_heads(emb, steps=300, lr=0.05, l2=1e-3):
        """Each task's head fitted as src/semantic/train.rs fits it (riskhint semantic train): logistic
        regression on the task's training embeddings standardised, classes balanced, L2, full-batch
        Adam, the standardisation folded back into the weights."""
        W = np.zeros((len(TASKS), asset.hidden), np.float32)
        b = np.zeros(len(TASKS), np.float32)
        total = 0.0
        for name in TASKS:
            r = train[name]
            X = np.stack([emb[j] for j in r[:, 0]]).astype(np.float32)
            y = r[:, 2].astype(bool)
            n = np.float32(max(len(y), 1))
            mean = X.mean(0)
            spread = np.maximum(np.sqrt(((X - mean) ** 2).mean(0)), 1e-6).astype(np.float32)
            Z = (X - mean) / spread
            pw, nw = n / (2 * max(y.sum(), 1)), n / (2 * max(len(y) - y.sum(), 1))
            cwt = np.where(y, pw, nw).astype(np.float32)
            w = np.zeros(asset.hidden + 1, np.float32)
            m1, m2 = np.zeros_like(w), np.zeros_like(w)
            for step in range(1, steps + 1):
                margin = w[-1] + Z @ w[:-1]
                p = 1 / (1 + np.exp(-margin))
                g = np.where(y, (p - 1) * pw, p * nw).astype(np.float32) / n
                grad = np.concatenate([Z.T @ g + l2 * w[:-1], [g.sum()]]).astype(np.float32)
                m1 = 0.9 * m1 + 0.1 * grad
                m2 = 0.999 * m2 + 0.001 * grad * grad
                w = w - lr * (m1 / (1 - 0.9**step)) / (np.sqrt(m2 / (1 - 0.999**step)) + 1e-8)
            margin = w[-1] + Z @ w[:-1]
            total += float((cwt * (np.logaddexp(0, margin) - y * margin)).mean())
            W[T[name]] = w[:-1] / spread
            b[T[name]] = w[-1] - (W[T[name]] * mean).sum()
        return jnp.asarray(W), jnp.asarray(b), total / len(TASKS)

    def init_heads(emb, steps=PROBE_STEPS, lr=0.05, l2=1e-5):
        """The heads fine-tuning starts from: a probe on the raw (unstandardised) embeddings, all
        tasks at once, each weighing the same. It fits the training rows loosely (unlike the
        standardised fit above, which all but separates the small categories' rows), so the
        encoder still gets a gradient from every task."""
        rows = np.concatenate([train[n] for n in TASKS])
        X = jnp.asarray(np.stack([emb[j] for j in rows[:, 0]]))
        task = jnp.asarray(rows[:, 1])
        y = jnp.asarray(rows[:, 2].astype(np.float32))
        w = jnp.asarray(cw[rows[:, 1], rows[:, 2]])
        per_task = np.bincount(rows[:, 1], minlength=len(TASKS)).astype(np.float32)
        w = w / jnp.asarray(per_task)[task]
        hp = {"W": jnp.zeros((len(TASKS), asset.hidden)), "b": jnp.zeros(len(TASKS))}

        def loss(hp):
            z = (X * hp["W"][task]).sum(-1) + hp["b"][task]
            return (w * (jax.nn.softplus(z) - y * z)).sum() / len(TASKS) + l2 * (hp["W"] ** 2).sum()

        g = jax.jit(jax.value_and_grad(loss))
        m = jax.tree_util.tree_map(jnp.zeros_like, hp)
        v = jax.tree_util.tree_map(jnp.zeros_like, hp)
        for s in range(1, steps + 1):
            l, gr = g(hp)
            m = jax.tree_util.tree_map(lambda m, g: 0.9 * m + 0.1 * g, m, gr)
            v = jax.tree_util.tree_map(lambda v, g: 0.999 * v + 0.001 * g * g, v, gr)
            hp = jax.tree_util.tree_map(lambda p, m, v: p - lr * (m / (1 - 0.9**s)) / (jnp.sqrt(v / (1 - 0.999**s)) + 1e-8), hp, m, v)
        return hp["W"], hp["b"], float(l)

    def evaluate(params, W, b, quant, with_tests, emb=None):
        need = set()
        for name in TASKS:
            t = tasks[name]
            for rows in [t["dev"]] + ([r for _, r in t["tests"]] if with_tests else []):
                need.update(index[x] for x, _ in rows)
        if emb is None:
            emb = embed_all(params, sorted(need), quant)
        W, b = np.asarray(W), np.asarray(b)
        report, losses = {}, []
        for name in TASKS:
            i = T[name]
            t = tasks[name]
            score = lambda rows: [1 / (1 + math.exp(-(float(emb[index[x]] @ W[i]) + b[i]))) for x, _ in rows]
            dev_s, dev_y = score(t["dev"]), [y for _, y in t["dev"]]
            pr = np.clip(np.asarray(dev_s), 1e-7, 1 - 1e-7)
            yy = np.asarray(dev_y, np.float32)
            losses.append(float(-(yy * np.log(pr) + (1 - yy) * np.log(1 - pr)).mean()) if len(yy) else 0.0)
            chosen = best_threshold(dev_s, dev_y, MIN_PRECISION[name])
            entry = {"threshold": chosen["threshold"], "validation": at_threshold(dev_s, dev_y, chosen["threshold"]), "val_loss": losses[-1], "tests": {}}
            if with_tests:
                for tname, rows in t["tests"]:
                    ys = [y for _, y in rows]
                    m = at_threshold(score(rows), ys, chosen["threshold"])
                    negatives = len(ys) - sum(ys)
                    m["rows"] = len(rows)
                    m["false_alarm_rate"] = m["fp"] / negatives if negatives else None
                    entry["tests"][tname] = m
            report[name] = entry
        return report, emb

    def show(report, title):
        log(title)
        print(f"  {'head':<22} {'set':<46} {'rows':>6}  {'P':>5}  {'R':>5}  {'F1':>5}  {'false al.':>9}  val loss", flush=True)
        for name in TASKS:
            e = report[name]
            v = e["validation"]
            print(f"  {name:<22} {'validation (threshold %.3f)' % e['threshold']:<46} {len(tasks[name]['dev']):>6}  {v['precision']:.3f}  {v['recall']:.3f}  {v['f1']:.3f}  {'':>9}  {e['val_loss']:.4f}")
            for tname, m in e["tests"].items():
                fa = "-" if m["false_alarm_rate"] is None else f"{m['false_alarm_rate']:.3f}"
                print(f"  {name:<22} {tname[:46]:<46} {m['rows']:>6}  {m['precision']:.3f}  {m['recall']:.3f}  {m['f1']:.3f}  {fa:>9}")
        sys.stdout.flush()

    all_train_idx = sorted({int(j) for n in TASKS for j in train[n][:, 0]})
    log(f"epoch 0: embedding {len(all_train_idx)} training texts with the frozen layers 4-5")
    emb_train = embed_all(params, all_train_idx, False)
    W, b, probe_loss = fit_heads(emb_train)
    log(f"linear probe fitted (loss {probe_loss:.4f})")
    before, _ = evaluate(params, W, b, False, True)
    show(before, "BEFORE (frozen encoder, heads fitted as riskhint semantic train fits them)")
    W, b, init_loss = init_heads(emb_train, steps=60 if args.smoke else PROBE_STEPS)
    log(f"starting heads fitted (loss {init_loss:.4f})")
    del emb_train

    # ---- Fine-tuning.
    opt_params = {"l4": params["l4"], "l5": params["l5"], "heads": {"W": W, "b": b}}
    lrs = {"l4": args.lr, "l5": args.lr, "heads": args.head_lr}
    wd = {"l4": 0.01, "l5": 0.01, "heads": 1e-4}
    zeros = jax.tree_util.tree_map(jnp.zeros_like, opt_params)
    state = (zeros, jax.tree_util.tree_map(jnp.zeros_like, opt_params))

    def loss_fn(op, x, km, pm, task, y, w):
        e = top(op, x, km, pm, heads_n, eps, True)
        z = (e * op["heads"]["W"][task]).sum(-1) + op["heads"]["b"][task]
        return (w * (jax.nn.softplus(z) - y * z)).sum() / jnp.maximum(w.sum(), 1e-6)

    @jax.jit
    def train_step(op, state, step, x, km, pm, task, y, w):
        l, g = jax.value_and_grad(loss_fn)(op, x, km, pm, task, y, w)
        op, state = adamw(op, g, state, lrs, step, wd)
        return op, state, l

    def epoch_rows(key):
        """This epoch's rows: each category's own rows all, a draw of everyday negatives per
        category, and a draw from each hostile set."""
        parts = []
        for name in TASKS:
            r = train[name]
            if name in ("hostile-en", "hostile-ko"):
                key, k = jax.random.split(key)
                perm = np.asarray(jax.random.permutation(k, len(r)))[: args.per_epoch]
                parts.append(r[perm])
            else:
                is_everyday = np.array([j in everyday_set for j in r[:, 0]], bool)
                own, ev = r[~is_everyday], r[is_everyday]
                parts.append(own)
                if len(ev):
                    key, k = jax.random.split(key)
                    parts.append(ev[np.asarray(jax.random.permutation(k, len(ev)))[: args.everyday_per_epoch]])
        rows = np.concatenate(parts)
        key, k = jax.random.split(key)
        rows = rows[np.asarray(jax.random.permutation(k, len(rows)))]
        # Batches of similar length (sorted within windows of 50 batches), in a seeded order.
        win = args.batch * 50
        batches = []
        for s in range(0, len(rows), win):
            w = rows[s : s + win]
            w = w[np.argsort(corpus.lens[w[:, 0]], kind="stable")]
            batches += [w[i : i + args.batch] for i in range(0, len(w), args.batch)]
        key, k = jax.random.split(key)
        order = np.asarray(jax.random.permutation(k, len(batches)))
        return [batches[i] for i in order], key

    # Weight of a row: its class weight, and each task weighing about the same per epoch.
    best = (-1.0, None)
    step = 0
    history = []
    for epoch in range(1, args.epochs + 1):
        key, k = jax.random.split(key)
        batches, _ = epoch_rows(k)
        if args.smoke:
            batches = batches[:4]
        counts = np.bincount(np.concatenate(batches)[:, 1], minlength=len(TASKS)).astype(np.float32)
        task_w = counts.sum() / (len(TASKS) * np.maximum(counts, 1))
        t0, losses = time.time(), []
        for bi, rb in enumerate(batches):
            x, km, pm = corpus.batch(rb[:, 0], pad_rows=args.batch)
            n = len(rb)
            task = np.zeros(args.batch, np.int32)
            y = np.zeros(args.batch, np.float32)
            w = np.zeros(args.batch, np.float32)
            task[:n] = rb[:, 1]
            y[:n] = rb[:, 2]
            w[:n] = cw[rb[:, 1], rb[:, 2]] * task_w[rb[:, 1]]
            step += 1
            opt_params, state, l = train_step(opt_params, state, jnp.float32(step), jnp.asarray(x), jnp.asarray(km), jnp.asarray(pm), jnp.asarray(task), jnp.asarray(y), jnp.asarray(w))
            losses.append(float(l))
            if (bi + 1) % 50 == 0 or bi + 1 == len(batches):
                el = time.time() - t0
                log(f"epoch {epoch} step {bi + 1}/{len(batches)}  loss {np.mean(losses[-50:]):.4f}  ({el / (bi + 1):.2f} s/step, epoch ETA {el / (bi + 1) * (len(batches) - bi - 1) / 60:.1f} min)")
        enc_params = {"l4": opt_params["l4"], "l5": opt_params["l5"]}
        report, _ = evaluate(enc_params, opt_params["heads"]["W"], opt_params["heads"]["b"], True, False)
        mean_f1 = float(np.mean([report[n]["validation"]["f1"] for n in TASKS]))
        history.append({"epoch": epoch, "train_loss": float(np.mean(losses)), "val_mean_f1": mean_f1, "val": {n: {"loss": report[n]["val_loss"], "f1": report[n]["validation"]["f1"]} for n in TASKS}})
        log(f"epoch {epoch}: train loss {np.mean(losses):.4f}, validation mean F1 {mean_f1:.4f}")
        for n in TASKS:
            print(f"  {n:<22} val loss {report[n]['val_loss']:.4f}  F1 {report[n]['validation']['f1']:.3f}  (P {report[n]['validation']['precision']:.3f} R {report[n]['validation']['recall']:.3f})", flush=True)
        if mean_f1 > best[0]:
            best = (mean_f1, jax.tree_util.tree_map(np.asarray, opt_params), epoch)
            write_adapted(args.out, best[1])
            write_heads(args.heads_out, best[1]["heads"]["W"], best[1]["heads"]["b"])
            log(f"best so far: wrote {args.out} and {args.heads_out} (epoch {epoch})")

    # ---- After: the exported (Q4_0) layers read back, with the best epoch's heads.
    _, op, best_epoch = best
    back = read_adapted(args.out)
    final = {l: {k: jnp.asarray(back[f"{l}.{k}"].reshape(np.shape(op[l][k]))) for k in LAYER_KEYS} for l in ("l4", "l5")}
    for l in ("l4", "l5"):
        for k in MATRICES:
            fq = np.asarray(fake_q4(jnp.asarray(op[l][k])))
            assert np.allclose(fq, np.asarray(final[l][k]), atol=1e-6), f"{l}.{k}: the export differs from what was trained"
    after_own, emb_eval = evaluate(final, op["heads"]["W"], op["heads"]["b"], False, True)
    show(after_own, f"AFTER (fine-tuned layers 4-5 as exported in Q4_0, epoch {best_epoch}, the heads trained with them)")
    # The same linear probe as before, on the exported layers' embeddings: what re-fitting the
    # heads on the Rust side does, and the like-for-like comparison with BEFORE.
    emb_train = embed_all(final, all_train_idx, False)
    W2, b2, probe_loss = fit_heads(emb_train)
    log(f"linear probe on the fine-tuned encoder fitted (loss {probe_loss:.4f})")
    after, _ = evaluate(final, W2, b2, False, True, emb={**emb_eval, **emb_train})
    show(after, f"AFTER (fine-tuned layers 4-5 as exported in Q4_0, epoch {best_epoch}, heads re-fitted as BEFORE)")
    summary = {"seed": args.seed, "smoke": args.smoke, "epochs": args.epochs, "best_epoch": best_epoch, "ko_train_rows": len(ko["train"]),
               "ko_train_rows_available": full_ko_train, "seconds": time.time() - T0, "history": history, "before": before, "after": after, "after_own_heads": after_own}
    os.makedirs(args.cache, exist_ok=True)
    with open(f"{args.cache}/{'smoke' if args.smoke else 'run'}-seed{args.seed}.json", "w") as f:
        json.dump(summary, f, indent=1)
    log(f"done in {(time.time() - T0) / 60:.1f} min; {args.out}: {os.path.getsize(args.out)} bytes")


if __name__ == "__main__":
    main()
