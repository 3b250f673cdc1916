"""Evaluation harnesses over the public data sets in ../shared/eval (read, never copied).

`evaluate_polnear` scores attribution extraction (counterpoint and the textacy
baseline) on a PolNeAR-format folder; `format_report` prints it for the CLI.
"""

from counterpoint.eval.brat import format_ann, write_ann
from counterpoint.eval.metrics import score_document, score_documents
from counterpoint.eval.polnear import evaluate_polnear, format_report

__all__ = [
    "evaluate_polnear",
    "format_ann",
    "format_report",
    "score_document",
    "score_documents",
    "write_ann",
]
