"""alt-profanity-check (PyPI) on a labelled TSV: precision, recall, F1 of the positive class and
rows/s, one line of JSON. Used by scripts/compare/compare.sh, which installs the package in a venv.

    python peers.py FILE.tsv TEXT_COL LABEL_COL POSITIVE[,POSITIVE]
"""

import sys

from profanity_check import predict

from scoring import read_labelled, score


def main():
    path, text_col, label_col, positive = sys.argv[1:5]
    texts, truth = read_labelled(path, text_col, label_col, positive)
    score("alt-profanity-check", texts, truth, predict)


main()
