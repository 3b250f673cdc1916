"""Photo/video caption lines: recognize one and split it into (caption text, credit).

A line is a caption when it carries a picture credit. Checks, in order (first wins):

1. a parenthesized credit at the end: "(Photo: AGENCY/Name)", "(Photo by Name)",
   "(Getty Images)", "(REUTERS/Name)", "(AP Photo/Name)";
2. a labelled credit after the caption: "... Photo: Name", "... | Credit: Name", or
   a line that is only a label and a credit ("Photo: Name": empty caption text);
3. a bare agency credit at the end: "... REUTERS/Name", "... AFP via Getty Images";
4. a "File photo" / "FILE PHOTO:" lead-in (wire-service style).

Body sentences are protected: a credit must END the line (a sentence that mentions
Reuters ends with its own words and a period), and long lines are never captions.
"""

from __future__ import annotations

import re
from typing import NamedTuple

MAX_CAPTION_CHARS = 400

# Agencies and picture desks whose name (alone or as "AGENCY/Name") marks a credit.
AGENCIES = (
    r"REUTERS|Reuters|AFP|AP|AP Photo|EPA|EPA-EFE|EFE|Getty Images|Getty|Shutterstock|"
    r"Alamy|Anadolu(?: Agency)?|Xinhua|TASS|Sputnik|RIA Novosti|UNIAN|Ukrinform|"
    r"Bloomberg|NurPhoto|SOPA Images|ZUMA Wire|Pool|PA|PA Images|PA Wire|WENN|"
    r"Imago|dpa|DPA|ANSA|Kyodo|Yonhap|WANA|IRNA|Tasnim|Mehr|ISNA|Wikimedia Commons|"
    r"Unsplash|Pexels|iStock|Handout|Courtesy"
)
# Names that are a credit even without "/Name" in parentheses; short acronyms that
# also name other things ("(EPA)" the US agency, "(PA)") need the slash form.
AGENCIES_ALONE = (
    r"REUTERS|Reuters|AFP|AP|AP Photo|Getty Images|Shutterstock|Alamy|Anadolu Agency|"
    r"Xinhua|Sputnik|UNIAN|Ukrinform|NurPhoto|SOPA Images|ZUMA Wire|PA Images|"
    r"PA Wire|Wikimedia Commons|Unsplash|iStock|EPA-EFE"
)
_LABEL = r"(?:photo(?:graph)?s?|pictures?|pics?|images?|video|footage|illustration|credit|credits|source|collage|screenshot|photo\s+credit|photo\s+illustration)"
_CREDIT_BODY = r"[^()\n]{1,80}"

_PAREN_RE = re.compile(
    rf"\s*\(\s*(?:(?P<label>{_LABEL})\s*(?::|by\b|-|—)\s*(?P<c1>{_CREDIT_BODY})"
    rf"|(?P<c2>(?:{AGENCIES})\s*(?:/|\bvia\b)\s*{_CREDIT_BODY}|(?:{AGENCIES_ALONE})))\s*\)\.?$",
    re.I,
)
_LABELLED_RE = re.compile(
    rf"(?P<sep>^|\s*[|/•·—–-]\s*|\s+)(?P<label>{_LABEL})\s*(?::|\s+by\b)\s*(?P<credit>{_CREDIT_BODY})$",
    re.I,
)
# Bare "AGENCY/Name" (or "AGENCY via Getty Images") ending the line, no final period.
_BARE_RE = re.compile(
    rf"(?:^|\s+|\s*[|—–-]\s*)(?P<credit>(?:{AGENCIES})\s*(?:/|\bvia\b)\s*[^\s/][^/.\n]{{0,60}}(?:/[^/.\n]{{1,40}})?)$"
)
_FILE_PHOTO_RE = re.compile(r"^(?:FILE\s+PHOTO|File\s+photo|File\s+picture|FILE)\s*[:\-–—]\s*", re.I)
_FILE_PHOTO_START_RE = re.compile(r"^file\s+(?:photo|picture|image)\b", re.I)


class CaptionParts(NamedTuple):
    """A caption split into its text (may be empty for a credit-only line) and credit."""

    text: str
    credit: str | None


def parse_caption(line: str) -> CaptionParts | None:
    """(caption text, credit) when the line is a photo/video caption, else None."""
    text = " ".join(line.split())
    if not text or len(text) > MAX_CAPTION_CHARS:
        return None
    m = _PAREN_RE.search(text)
    if m:
        credit = (m["c1"] or m["c2"] or "").strip()
        return CaptionParts(_strip_caption(text[: m.start()]), credit or None)
    m = _LABELLED_RE.search(text)
    # In running prose ("he posted a photo: ..."), a label is lowercase and set apart
    # by a space only; a caption's label starts the line, follows a separator or a full
    # stop, or is capitalized ("... Bakhmut Photo: AFP" from a scraped page).
    if m and _is_credit(m["credit"]) and (m["sep"].strip() or m.start() == 0 or m["label"][0].isupper()):
        return CaptionParts(_strip_caption(text[: m.start()]), m["credit"].strip())
    m = _BARE_RE.search(text)
    if m:
        return CaptionParts(_strip_caption(text[: m.start()]), m["credit"].strip())
    if _FILE_PHOTO_RE.match(text):
        return CaptionParts(_strip_caption(_FILE_PHOTO_RE.sub("", text, count=1)), None)
    if _FILE_PHOTO_START_RE.match(text) and not re.search(r"[a-z]{2,}[.!?]$", text):
        # "File photo of the ferry terminal": the words are the caption itself.
        return CaptionParts(_strip_caption(text), None)
    return None


def _is_credit(credit: str) -> bool:
    """A credit is a name, not a sentence: short, no final period after a lowercase word."""
    credit = credit.strip()
    if not credit or len(credit.split()) > 10:
        return False
    return not re.search(r"[a-z]{3,}[.!?]$", credit)


def _strip_caption(text: str) -> str:
    text = _FILE_PHOTO_RE.sub("", text.strip(), count=1)
    return text.strip().rstrip("|/•·—–-:").strip()
