"""Page furniture: promo, navigation, video, copyright and artifact lines around a story.

Each furniture line gets a machine-readable reason and a human detail, so a reader can
see what was dropped and why. Rules are general (patterns over SHORT lines), not
keyed to one outlet. Furniture is short and does not end like a sentence; a line that
ends with a full stop is body unless a "strong" rule matches (an imperative addressed
to the reader: "Follow us on ...", "Sign up for our newsletter.", a copyright notice).

Passes, in order:

1. `classify_line`: context-free rules over one line (table `RULES`, first match wins);
2. newsletter title: a short title line directly above a newsletter line ("Harbor
   Brief" over "Our weekly newsletter ...") is part of the promo;
3. trailing block: after the last body paragraph, a short line among at least two
   furniture lines is furniture too (tag lists, promo titles the table cannot know).
"""

from __future__ import annotations

import re
from collections.abc import Sequence, Set
from dataclasses import dataclass
from typing import NamedTuple

from counterpoint.clean.metadata import ends_like_sentence


class Furniture(NamedTuple):
    reason: str
    detail: str


@dataclass(frozen=True)
class Rule:
    """One furniture pattern. `strong` rules also match lines ending with a full stop."""

    reason: str
    pattern: re.Pattern[str]
    detail: str
    strong: bool = False
    max_words: int = 12


def _r(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.I)


_NETWORKS = (
    r"facebook|twitter|x|whatsapp|telegram|linkedin|e-?mail|reddit|pinterest|instagram|"
    r"youtube|google news|viber|messenger|flipboard|tiktok|threads|bluesky|mastodon|vk|rss"
)
_CHANNELS = rf"(?:{_NETWORKS}|channel|page|feed|account|podcast)"

RULES: tuple[Rule, ...] = (
    # -- social promos
    Rule(
        "social_promo",
        _r(r"^(?:please\s+)?(?:follow|like|join|find|add|connect with|catch)\s+us\s+(?:on|at|in|via)\b"),
        "social media promo addressed to the reader",
        strong=True,
    ),
    Rule(
        "social_promo",
        _r(rf"^(?:subscribe|join|follow)\s+(?:to\s+)?(?:us\s+on|our)\s+(?:[\w-]+\s+){{0,2}}{_CHANNELS}\b"),
        "social media channel promo",
        strong=True,
    ),
    Rule(
        "social_promo",
        _r(r"^(?:share|tweet|post|send)\s+(?:this|on|to|via|the|it)\b"),
        "share button text",
    ),
    Rule(
        "social_promo",
        _r(rf"^(?:(?:share|{_NETWORKS}|copy(?:\s+link)?|print|save)(?:\s*[,|/•·]\s*|\s+|$)){{1,12}}$"),
        "share buttons (network names only)",
    ),
    # -- newsletter promos
    Rule(
        "newsletter_promo",
        _r(r"^(?:sign\s*up|subscribe)\b"),
        "newsletter sign-up prompt",
        strong=True,
    ),
    Rule(
        "newsletter_promo",
        _r(r"\bnewsletters?\b"),
        "newsletter promo",
        max_words=16,
    ),
    Rule(
        "newsletter_promo",
        _r(
            r"^(?:daily|weekly|monthly|weekdays|every\s+(?:day|morning|evening|week|weekday|\w+day))"
            r"(?:\s+(?:at|from)\s+\d{1,2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?)?$"
        ),
        "newsletter delivery schedule",
    ),
    Rule(
        "newsletter_promo",
        _r(
            r"^(?:enter your e-?mail|your e-?mail(?:\s+address)?\b|e-?mail address\b|thank you for "
            r"(?:subscribing|signing up)|by (?:signing up|subscribing|clicking)|you can unsubscribe|"
            r"unsubscribe at any time|privacy (?:policy|notice)$|terms (?:of use|of service|and conditions)$)"
        ),
        "newsletter form text",
        strong=True,
        max_words=40,
    ),
    # -- navigation
    Rule(
        "navigation",
        _r(r"^(?:show|load|see|view)\s+(?:more|all)(?:\s+(?:news|stories|articles|posts|comments|results|videos|photos|headlines))?$"),
        "navigation link",
    ),
    Rule(
        "navigation",
        _r(r"^(?:read|see)\s+(?:more|also|next|the full (?:story|article))\b(?:\s*:.*)?$"),
        "link to another article",
        max_words=25,
    ),
    Rule(
        "navigation",
        _r(
            r"^(?:related(?:\s+(?:news|stories|articles|topics|coverage))?|see also|also read|also see|"
            r"more on (?:this|that)(?: story| topic)?|more from [\w ]{1,30}|more|recommended(?: for you)?|"
            r"trending(?: now)?|most read|most popular|most viewed|top stories|latest news|latest stories|"
            r"latest|editor'?s picks|you may also like|you might also like|what to read next|"
            r"don'?t miss|in other news|further reading|more stories|more news|more headlines|"
            r"(?:previous|next) (?:article|story|post)|back to top|skip to (?:main )?content|"
            r"click here|tap here|comments?|\d+\s+comments?|leave a comment|show comments|"
            r"tags?|topics?|filed under|categories|category)\b(?:\s*:.*)?$"
        ),
        "navigation or related-content link",
        max_words=25,
    ),
    Rule(
        "advertisement",
        _r(
            r"^(?:advertisement|advertising|ad|sponsored(?: content)?|promoted(?: content)?|paid (?:post|content)|"
            r"partner content|story continues below(?: advertisement)?|continue reading(?: below)?|"
            r"scroll (?:down )?to continue(?: with content)?|skip advert(?:isement)?)$"
        ),
        "advertisement marker",
    ),
    # -- video furniture
    Rule(
        "video_furniture",
        _r(
            r"^(?:videos?|(?:top |featured )?video of (?:the )?day|watch(?: now| live| again| the video| video)?|"
            r"play(?: video)?|listen(?: to (?:this|the) (?:article|story))?|video player|now playing)"
            r"(?:\s*:.*)?$"
        ),
        "video player furniture",
        max_words=20,
    ),
    # -- copyright
    Rule(
        "copyright",
        _r(r"^(?:©|\(c\)\s|copyright\s*(?:©|\(c\)|\d{4}|by\b))|\ball rights reserved\b"),
        "copyright notice",
        strong=True,
        max_words=40,
    ),
    Rule(
        "copyright",
        _r(r"^this (?:article|story|material|content) (?:may|must) not be (?:published|reproduced|redistributed|rewritten)"),
        "reproduction notice",
        strong=True,
        max_words=40,
    ),
    # -- artifacts
    Rule("artifact", _r(r"^\d{1,4}$"), "a stray number (page number or scrape artifact)"),
    Rule(
        "artifact",
        _r(r"^(?:page\s+\d+(?:\s*(?:/|of)\s*\d+)?|\d+\s*(?:/|of)\s*\d+|[-–—]\s*\d+\s*[-–—])$"),
        "page number",
    ),
    Rule("artifact", _r(r"^\d{1,2}:\d{2}(?::\d{2})?$"), "a media duration (player artifact)"),
    Rule("artifact", _r(r"^[\W_]+$"), "punctuation or symbols only, no words"),
)

# Newsletter lines that pull a title line above them into the promo.
_NEWSLETTER_REASON = "newsletter_promo"
MAX_TITLE_WORDS = 6
MAX_TRAILING_WORDS = 8
BODY_LIKE_WORDS = 15


def is_sentence_like(line: str) -> bool:
    """Ends with a full stop, "?" or "!" (an ellipsis does not count: "Read more...")."""
    text = line.rstrip()
    return ends_like_sentence(text) and not text.endswith(("...", "…"))


def is_body_like(line: str) -> bool:
    """A line that reads as a body paragraph: sentence punctuation, or long."""
    return is_sentence_like(line) or len(line.split()) > BODY_LIKE_WORDS


def classify_line(line: str) -> Furniture | None:
    """The first context-free furniture rule the line matches, or None."""
    text = " ".join(line.split())
    if not text:
        return None
    words = len(text.split())
    sentence = is_sentence_like(text)
    # Strip a trailing full stop so "Sign up." and "Advertisement." match their rules.
    bare = text.rstrip(".!?…").strip() or text
    for rule in RULES:
        if words > rule.max_words or (sentence and not rule.strong):
            continue
        if rule.pattern.search(bare):
            return Furniture(rule.reason, f"{rule.detail}: {text!r}")
    return None


def find_furniture(lines: Sequence[str], claimed: Set[int] = frozenset()) -> dict[int, Furniture]:
    """Furniture lines of a whole text: line number (0-based) -> reason.

    `lines` are all raw lines (blank ones included); `claimed` are line numbers another
    rule already took (headline, dateline, captions) and that are left alone.
    """
    found: dict[int, Furniture] = {}
    for i, line in enumerate(lines):
        if i in claimed or not line.strip():
            continue
        hit = classify_line(line)
        if hit is not None:
            found[i] = hit
    _newsletter_titles(lines, claimed, found)
    _trailing_block(lines, claimed, found)
    return found


def _newsletter_titles(lines: Sequence[str], claimed: Set[int], found: dict[int, Furniture]) -> None:
    for i in sorted(found):
        if found[i].reason != _NEWSLETTER_REASON or i == 0:
            continue
        j = i - 1  # directly above, same block: a blank line would end the promo
        title = " ".join(lines[j].split())
        if (
            title
            and j not in found
            and j not in claimed
            and len(title.split()) <= MAX_TITLE_WORDS
            and not is_sentence_like(title)
            and not title.endswith((":", ","))
        ):
            found[j] = Furniture(_NEWSLETTER_REASON, f"title of a newsletter promo block: {title!r}")


def _trailing_block(lines: Sequence[str], claimed: Set[int], found: dict[int, Furniture]) -> None:
    kept = [i for i, line in enumerate(lines) if line.strip() and i not in claimed and i not in found]
    body = [i for i in kept if is_body_like(lines[i])]
    if not body:
        return  # no body paragraph to anchor the tail on: refuse to guess
    last_body = body[-1]
    tail_furniture = [i for i in found if i > last_body]
    if len(tail_furniture) < 2:
        return
    for i in kept:
        text = " ".join(lines[i].split())
        if i > last_body and len(text.split()) <= MAX_TRAILING_WORDS and not is_sentence_like(text):
            found[i] = Furniture(
                "trailing_furniture",
                f"short line among page furniture after the last paragraph: {text!r}",
            )
