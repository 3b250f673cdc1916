"""brat `.ann` writing, read back with the corpus reader."""

from __future__ import annotations

import pytest

from counterpoint.eval.brat import format_ann, write_ann
from counterpoint.eval.polnear_data import GoldAttribution as A
from counterpoint.eval.polnear_data import parse_ann

TEXT = '"The dam holds," engineer Ila Marsh said, "for now."\nOfficials say rain is coming.'


def r(phrase: str) -> tuple[int, int]:
    start = TEXT.index(phrase)
    return (start, start + len(phrase))


CASES = [
    A(source=(r("engineer Ila Marsh"),), cue=(r("said"),), content=(r('"The dam holds,"'), r('"for now."'))),
    A(cue=(r("say"),), content=(r("rain is coming"),)),  # no source
    A(source=(r("Officials"),), content=(r("rain is coming"),)),  # no cue
]


def test_lines_follow_the_corpus_layout():
    lines = format_ann(CASES[:2], TEXT).splitlines()
    s, c = r("engineer Ila Marsh"), r("said")
    q1, q2 = r('"The dam holds,"'), r('"for now."')
    assert lines[0] == f"T1\tSource {s[0]} {s[1]}\tengineer Ila Marsh"
    assert lines[2] == f'T3\tContent {q1[0]} {q1[1]};{q2[0]} {q2[1]}\t"The dam holds," "for now."'
    assert lines[3] == f"T4\tAttribution {c[0]} {c[1]}\tsaid"
    assert lines[4] == "E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3"
    assert lines[-1] == "E2\tAttribution-no-source:T7 Cue:T5 Content:T6"


def test_trigger_falls_back_to_content_without_a_cue():
    lines = format_ann(CASES[2:], TEXT).splitlines()
    assert lines[2].startswith("T3\tAttribution ") and lines[2].endswith("\train is coming")


def test_covered_text_stays_on_one_line():
    ann = format_ann([A(content=((r("now")[0], r("Officials")[1]),))], TEXT)
    assert len(ann.splitlines()) == 3


@pytest.mark.parametrize("text", [TEXT, None])
def test_round_trip_through_parse_ann(tmp_path, text):
    path = write_ann(tmp_path / "sub" / "doc.ann", CASES, text=text)
    assert parse_ann(path.read_text(encoding="utf-8")) == tuple(CASES)


def test_empty_attributions_are_skipped():
    assert format_ann([A()], TEXT) == ""
    assert parse_ann(format_ann([A(), CASES[0]], TEXT)) == (CASES[0],)
