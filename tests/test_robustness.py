"""Odd but valid text must never crash the analysis: each stage degrades, it does not raise."""

from __future__ import annotations

import pytest

from counterpoint.clean import clean_document
from counterpoint.pipeline import analyze_article
from counterpoint.sources.text import read_text_bytes

ODD_TEXTS = [
    "# Notes\n\n| who | said | what |\n|---|---|---|\n| Ana Lind | said | \"no\" |\n| the mayor | denied | it |\n",
    "Headline here\n\n" + "word " * 3000,
    "A list\n\n- The minister said: yes.\n- He added: \"no.\n- They told.\n",
    "Quotes gone wrong\n\n\u201cUnclosed quote by the mayor said the council, and then nothing else happened at all.\n",
    "Said said said\n\nSaid, said the said sayer, said. Told told told. According to according to.\n",
    "Numbers only\n\n12 34 56 78 90 12 34 56 78 90 12 34 56 78 90 12 34 56 78 90 12 34 56\n",
    "Symbols\n\n\u2022 \u2022 \u2022 \u2014 \u2014 \u201c\u201d \u2018\u2019 ... !!! ??? ;;; ::: --- *** ### @@@ and the agency said it.\n",
    "Mixed scripts\n\nThe envoy \u0418\u0432\u0430\u043d \u041f\u0435\u0442\u0440\u043e\u0432 said \u00ab\u043d\u0435\u0442\u00bb to the \u5927\u4f7f on Monday, officials said.\n",
]


@pytest.mark.parametrize("text", ODD_TEXTS)
def test_analysis_survives_odd_text(nlp, text):
    article = clean_document(read_text_bytes(text.encode("utf-8"), "odd.txt"), min_body_chars=10)
    analysis = analyze_article(article, nlp)
    for attribution in analysis.attributions:
        for span in attribution.content:
            assert article.body[span.start:span.end] == span.text
