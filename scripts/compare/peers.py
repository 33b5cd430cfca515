"""alt-profanity-check (PyPI) on a labelled TSV: precision, recall, F1 of the positive class and
rows/s, one line of JSON. Used by scripts/compare/compare.sh, which installs the package in a venv.

    python peers.py FILE.tsv TEXT_COL LABEL_COL POSITIVE[,POSITIVE]
"""

import csv
import json
import sys
import time

from profanity_check import predict


def main():
    path, text_col, label_col, positive = sys.argv[1:5]
    wanted = set(positive.split(","))
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    texts = [r[text_col] for r in rows]
    truth = [any(l.strip() in wanted for l in r[label_col].split(",")) for r in rows]
    started = time.perf_counter()
    flagged = predict(texts)
    seconds = time.perf_counter() - started
    tp = sum(1 for f, t in zip(flagged, truth) if f and t)
    fp = sum(1 for f, t in zip(flagged, truth) if f and not t)
    fn = sum(1 for f, t in zip(flagged, truth) if not f and t)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    print(json.dumps({"tool": "alt-profanity-check", "rows": len(rows), "precision": precision, "recall": recall, "f1": f1, "rows_per_s": len(rows) / seconds}))


main()
