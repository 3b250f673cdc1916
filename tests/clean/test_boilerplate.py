"""Page furniture rules: each kind removed with its reason; body lines never removed."""

from __future__ import annotations

import pytest

from counterpoint.clean.boilerplate import classify_line, find_furniture

FURNITURE = [
    # social promos
    ("Follow us on Twitter, Facebook and Google News", "social_promo"),
    ("Follow us on Telegram.", "social_promo"),
    ("Join us on Facebook", "social_promo"),
    ("Share on Facebook", "social_promo"),
    ("Share this article", "social_promo"),
    ("Subscribe to our Telegram channel", "social_promo"),
    ("Subscribe to our YouTube", "social_promo"),
    ("Facebook Twitter WhatsApp Email", "social_promo"),
    ("Share | Print | Copy link", "social_promo"),
    # newsletter promos
    ("Sign up", "newsletter_promo"),
    ("Sign up for our free newsletter.", "newsletter_promo"),
    ("Subscribe now", "newsletter_promo"),
    ("Our weekly newsletter with the best of local reporting", "newsletter_promo"),
    ("Daily at 9am EST", "newsletter_promo"),
    ("Weekly", "newsletter_promo"),
    ("Every Monday at 7:30 am", "newsletter_promo"),
    ("Enter your email address", "newsletter_promo"),
    ("By signing up you agree to our terms and privacy policy.", "newsletter_promo"),
    # navigation
    ("Show more news", "navigation"),
    ("Load more", "navigation"),
    ("Read more", "navigation"),
    ("Read more...", "navigation"),
    ("Read more: Harbor council delays pier vote", "navigation"),
    ("Related: Ferry strike enters third week", "navigation"),
    ("Related", "navigation"),
    ("Most read", "navigation"),
    ("Also read", "navigation"),
    ("Tags: ferry, harbor, Varnholt", "navigation"),
    ("Back to top", "navigation"),
    ("Advertisement", "advertisement"),
    ("ADVERTISEMENT", "advertisement"),
    ("Story continues below advertisement", "advertisement"),
    # video furniture
    ("Video of day", "video_furniture"),
    ("Video of the day", "video_furniture"),
    ("Watch:", "video_furniture"),
    ("WATCH: Ferry leaves the harbor for the last time", "video_furniture"),
    ("Video", "video_furniture"),
    # copyright
    ("\u00a9 2023 Harbor Daily. All rights reserved.", "copyright"),
    ("Copyright 2023 Harbor Daily", "copyright"),
    ("All rights reserved.", "copyright"),
    ("This article may not be reproduced without permission.", "copyright"),
    # artifacts
    ("002", "artifact"),
    ("17", "artifact"),
    ("Page 2 of 5", "artifact"),
    ("3/7", "artifact"),
    ("- 4 -", "artifact"),
    ("***", "artifact"),
    ("\u2014", "artifact"),
    ("1:42", "artifact"),
]


@pytest.mark.parametrize(("line", "reason"), FURNITURE)
def test_furniture_kinds(line: str, reason: str) -> None:
    hit = classify_line(line)
    assert hit is not None, line
    assert hit.reason == reason
    assert hit.detail  # a human explanation is always given


BODY = [
    "He said the ferry company would follow the council's decision on Twitter and in print.",
    "The mayor, who has 40,000 followers on Twitter, shared a photo of the pier on Monday.",
    "Read the full council report, she urged residents at the meeting.",
    "The newsletter, founded in 2019, is read by most dock workers.",
    "Related talks between the unions and the port authority broke down in March.",
    "Most read newspapers in the region ran the story on their front page.",
    "Video footage shared online showed the pier partly collapsed into the water.",
    "Watch the tides carefully, the harbor master told visitors.",
    "Share prices of the ferry operator fell 4% after the vote.",
    "Copyright disputes have slowed the archive project for years.",
    "Daily ferry traffic fell by half in 2022.",
    "Sign language interpreters attended the session.",
    "\u201cWe will not give up,\u201d said Ina Falk.",
    "In 2019 the council spent 2.4 million on repairs.",
    "Ferry workers gathered outside city hall",
]


@pytest.mark.parametrize("line", BODY)
def test_body_lines_are_not_furniture(line: str) -> None:
    assert classify_line(line) is None


def test_newsletter_title_joins_the_promo_block() -> None:
    lines = [
        "Harbor council votes to close the pier",
        "",
        "The council voted on Tuesday to close the pier after inspectors found damage.",
        "",
        "Harbor Brief",
        "Our weekly newsletter on everything along the coast",
        "Sign up",
    ]
    found = find_furniture(lines, claimed={0})
    assert sorted(found) == [4, 5, 6]
    assert found[4].reason == "newsletter_promo"
    assert "title" in found[4].detail


def test_newsletter_title_needs_to_be_directly_above() -> None:
    lines = [
        "The council voted on Tuesday to close the pier after inspectors found damage.",
        "Ferry workers gathered outside",
        "",
        "Our weekly newsletter on everything along the coast",
    ]
    found = find_furniture(lines)
    assert sorted(found) == [3]


def test_trailing_block_of_short_lines() -> None:
    lines = [
        "The council voted on Tuesday to close the pier after inspectors found damage.",
        "",
        "Follow us on Facebook",
        "Harbor, ferries, Varnholt",
        "Show more news",
    ]
    found = find_furniture(lines)
    assert found[3].reason == "trailing_furniture"
    assert sorted(found) == [2, 3, 4]


def test_trailing_block_needs_two_furniture_lines() -> None:
    lines = [
        "The council voted on Tuesday to close the pier after inspectors found damage.",
        "Ferry workers gathered outside",
        "Show more news",
    ]
    assert sorted(find_furniture(lines)) == [2]


def test_short_lines_before_the_last_paragraph_are_kept() -> None:
    lines = [
        "Follow us on Facebook",
        "A quiet harbor",
        "Show more news",
        "The council voted on Tuesday to close the pier after inspectors found damage.",
    ]
    assert sorted(find_furniture(lines)) == [0, 2]


def test_claimed_lines_are_left_alone() -> None:
    lines = ["Advertisement", "Body text goes here and is long enough to be a sentence."]
    assert find_furniture(lines, claimed={0}) == {}
