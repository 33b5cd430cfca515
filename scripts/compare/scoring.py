"""What the Python peers of ./build.sh compare share: reading a labelled TSV and printing a tool's
precision, recall, F1 and rows/s as one JSON line (the shape `riskhint eval --json` prints)."""

import csv
import json
import time


def read_labelled(path, text_col, label_col, positive):
    """The texts of a TSV and whether each is positive (its label is one of `positive`, comma-separated)."""
    wanted = {p.strip() for p in positive.split(",")}
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    texts = [r[text_col] for r in rows]
    truth = [any(l.strip() in wanted for l in r[label_col].split(",")) for r in rows]
    return texts, truth


def score(tool, texts, truth, flag_all):
    """Times `flag_all(texts)` (a list of booleans) and prints the figures as one JSON line."""
    started = time.perf_counter()
    flagged = flag_all(texts)
    seconds = time.perf_counter() - started
    tp = sum(1 for f, t in zip(flagged, truth) if f and t)
    fp = sum(1 for f, t in zip(flagged, truth) if f and not t)
    fn = sum(1 for f, t in zip(flagged, truth) if not f and t)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    print(json.dumps({"tool": tool, "rows": len(texts), "positive": tp + fn, "precision": precision, "recall": recall, "f1": f1, "rows_per_s": len(texts) / seconds}))
