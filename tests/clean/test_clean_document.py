"""clean_document end to end on fixture articles from a fictional outlet."""

from __future__ import annotations

from pathlib import Path

import pytest

from counterpoint.clean import article_id, clean_document
from counterpoint.errors import Rejected
from counterpoint.sources import RawDocument, read_text_bytes, read_text_file

ARTICLE = """Harbor council votes to close the old ferry pier

12 May, 08:15 AM
Dock workers outside city hall in Varnholt (Photo: HARBORWIRE/Lena Moor)

Dock workers outside city hall in Varnholt (Photo: HARBORWIRE/Lena Moor)

The Varnholt harbor council voted on Tuesday to close the old ferry pier, citing \u201cserious   structural damage\u201d found by inspectors.

Video of the day

Mayor Ina Falk said the town would follow the inspectors' advice and post updates on Twitter.

Advertisement

\u201cWe will not give up on the ferry,\u201d said union leader Piet Arno.

Follow us on Facebook and Telegram

Harbor Brief
Our weekly newsletter on everything along the coast
Every Friday at 8am
Show more news
"""

FURNITURE_LINES = {
    "Video of the day": "video_furniture",
    "Advertisement": "advertisement",
    "Follow us on Facebook and Telegram": "social_promo",
    "Harbor Brief": "newsletter_promo",
    "Our weekly newsletter on everything along the coast": "newsletter_promo",
    "Every Friday at 8am": "newsletter_promo",
    "Show more news": "navigation",
}


def _raw(text: str, source: str = "mem://story.txt", **meta: str) -> RawDocument:
    return read_text_bytes(text.encode("utf-8"), source, meta=meta)


@pytest.fixture()
def article():
    return clean_document(_raw(ARTICLE))


def test_title_and_dateline(article) -> None:
    assert article.title == "Harbor council votes to close the old ferry pier"
    p = article.published
    assert (p.year, p.month, p.day, p.hour, p.minute) == (None, 5, 12, 8, 15)
    assert p.text == "12 May, 08:15 AM"
    reasons = {r.text: r.reason for r in article.removed}
    assert reasons["12 May, 08:15 AM"] == "dateline"
    assert reasons["Harbor council votes to close the old ferry pier"] == "headline"


def test_caption_kept_once(article) -> None:
    assert len(article.captions) == 1
    cap = article.captions[0]
    assert cap.text == "Dock workers outside city hall in Varnholt"
    assert cap.credit == "HARBORWIRE/Lena Moor"
    assert cap.line_no == 3
    assert [r.reason for r in article.removed if "Dock workers" in r.text] == [
        "caption",
        "duplicate_caption",
    ]
    assert "Dock workers outside" not in article.body


def test_furniture_removed_with_reasons(article) -> None:
    removed = {r.text: r for r in article.removed}
    for line, reason in FURNITURE_LINES.items():
        assert removed[line].reason == reason
        assert removed[line].detail
        assert line not in article.body
    lines = ARTICLE.split("\n")
    for r in article.removed:
        assert lines[r.line_no] == r.text  # line numbers point into the raw text


def test_body_paragraphs(article) -> None:
    assert article.body.split("\n\n") == [
        "The Varnholt harbor council voted on Tuesday to close the old ferry pier, citing "
        "\u201cserious structural damage\u201d found by inspectors.",
        "Mayor Ina Falk said the town would follow the inspectors' advice and post updates on Twitter.",
        "\u201cWe will not give up on the ferry,\u201d said union leader Piet Arno.",
    ]
    # Nothing else was removed: headline, dateline, 2 captions, 7 furniture lines.
    assert len(article.removed) == 2 + 2 + len(FURNITURE_LINES)


def test_record_fields(article) -> None:
    assert article.source == "mem://story.txt"
    assert article.produced_by == "clean.text_rules/1"
    assert article.outlet is None and article.url is None
    assert len(article.id) == 32
    assert article.language == "en"


def test_single_newline_lines_are_paragraphs() -> None:
    text = (
        "Ferry strike ends\n"
        "The strike at Varnholt harbor ended on Friday.\n"
        "Workers returned to the docks on Saturday morning.\n"
        "A union spokesman welcomed the deal.\n"
    )
    art = clean_document(_raw(text))
    assert art.title == "Ferry strike ends"
    assert art.body.split("\n\n") == [
        "The strike at Varnholt harbor ended on Friday.",
        "Workers returned to the docks on Saturday morning.",
        "A union spokesman welcomed the deal.",
    ]
    assert art.published is None


def test_hard_wrapped_lines_are_joined() -> None:
    text = (
        "Ferry strike ends\n\n"
        "The strike at Varnholt harbor ended on Friday after\n"
        "three weeks of talks between the union and the port.\n\n"
        "Workers returned on Saturday.\n"
    )
    art = clean_document(_raw(text))
    assert art.body.split("\n\n") == [
        "The strike at Varnholt harbor ended on Friday after three weeks of talks between "
        "the union and the port.",
        "Workers returned on Saturday.",
    ]


def test_no_headline_when_first_line_is_a_sentence() -> None:
    text = "The strike at Varnholt harbor ended on Friday.\n\nWorkers returned on Saturday.\n"
    art = clean_document(_raw(text))
    assert art.title is None
    assert art.removed == []


def test_dateline_before_headline() -> None:
    text = "2023-05-12\nFerry strike ends\n\nThe strike at Varnholt harbor ended on Friday after talks.\n"
    art = clean_document(_raw(text))
    assert art.title == "Ferry strike ends"
    assert art.published is not None and art.published.year == 2023


def test_date_in_body_is_not_a_dateline() -> None:
    text = "Ferry strike ends\n\nThe strike ended on 12 May, 08:15 AM, the union said.\n\n12 May\n"
    art = clean_document(_raw(text))
    # "12 May" is far below the first paragraph: not the dateline, left in the body.
    assert art.published is None
    assert art.body.endswith("12 May")


def test_sidecar_overrides_title_and_published(tmp_path: Path) -> None:
    path = tmp_path / "pier.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "pier.txt.meta.json").write_text(
        '{"outlet": "Harbor Daily", "url": "https://harbor.example/pier", '
        '"published": "2023-05-12T08:15:00+02:00", "title": "Pier to close"}',
        encoding="utf-8",
    )
    art = clean_document(read_text_file(path))
    assert art.title == "Pier to close"
    assert art.outlet == "Harbor Daily"
    assert art.url == "https://harbor.example/pier"
    assert (art.published.year, art.published.month, art.published.day) == (2023, 5, 12)
    assert art.published.utc_offset_minutes == 120
    # The dateline and headline lines still leave the body.
    assert "12 May, 08:15 AM" not in art.body
    assert not art.body.startswith("Harbor council")


@pytest.mark.parametrize(
    "text",
    [
        "Ferry strike ends\n\nShort.\n\nShow more news\n",
        "Ferry strike ends\n\nAdvertisement\nFollow us on Facebook\n",
    ],
)
def test_empty_body_rejected(text: str) -> None:
    with pytest.raises(Rejected) as info:
        clean_document(_raw(text, source="short.txt"))
    assert info.value.reason == "empty_body"
    assert info.value.source == "short.txt"


def test_min_body_chars_is_configurable() -> None:
    text = "Ferry strike ends\n\nShort but real.\n"
    assert clean_document(_raw(text), min_body_chars=5).body == "Short but real."


def test_id_is_stable_and_content_based(tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    b = tmp_path / "sub" / "b.txt"
    b.parent.mkdir()
    a.write_text(ARTICLE, encoding="utf-8")
    b.write_bytes(ARTICLE.replace("\n", "\r\n").encode("utf-8"))
    first = clean_document(read_text_file(a))
    again = clean_document(read_text_file(a))
    other_path = clean_document(read_text_file(b))
    assert first.id == again.id == other_path.id
    assert first.id == article_id(ARTICLE)
    changed = clean_document(_raw(ARTICLE.replace("Tuesday", "Wednesday")))
    assert changed.id != first.id


def test_id_ignores_trailing_whitespace() -> None:
    assert article_id("Title\n\nBody.\n") == article_id("Title  \n\nBody.")
