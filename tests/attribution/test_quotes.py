"""Quotation pairing: straight, curly, mixed, multi-paragraph, refused."""

from __future__ import annotations

import pytest

from counterpoint.attribution.quotes import classify_content, find_quotes, quote_pieces
from counterpoint.records import AttributionKind


def quoted(text: str) -> list[list[str]]:
    return [[text[s:e] for s, e in quote_pieces(text, q)] for q in find_quotes(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('He said "we will win" today.', [["we will win"]]),
        ("He said “we will win” today.", [["we will win"]]),
        ('He said "we will win” today.', [["we will win"]]),  # mixed marks still pair
        ('“One,” she said, “two.”', [["One"], ["two."]]),
        ('He said "we will win today.', []),  # unclosed: refused
        ("He said “we will “win” today.", [["win"]]),  # the first opening is refused
        ("It’s the mayor’s plan.", []),  # apostrophes are not quotes
        (
            "She said: “First part of it.\n“Second part of it.”\nAfter.",
            [["First part of it.", "Second part of it."]],
        ),
        ("She said: “First part of it.\nNo continuation here.", []),
    ],
)
def test_find_quotes(text: str, expected: list[list[str]]) -> None:
    assert quoted(text) == expected


@pytest.mark.parametrize(
    ("text", "span", "kind"),
    [
        ('"All is well," he said.', (1, 12), AttributionKind.DIRECT),
        ('He urged them to "stay calm" now.', (14, 33), AttributionKind.MIXED),
        ("He said all is well.", (8, 19), AttributionKind.INDIRECT),
    ],
)
def test_classify_content(text: str, span: tuple[int, int], kind: AttributionKind) -> None:
    assert classify_content(text, find_quotes(text), [span]) == kind
