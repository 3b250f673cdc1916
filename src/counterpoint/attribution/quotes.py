"""Direct quotations: where quoted words start and end in an article body.

`find_quotes(text)` pairs quotation marks line by line (a line is a paragraph here):

  1. curly marks are directional: “ opens, ” closes; a “ while a quote is open
     means the earlier opening was never closed: that one is refused;
  2. straight " marks toggle (open when none is open, else close), so mixed pairs
     such as `"... ”` still pair;
  3. a line that ends inside a quote continues only when the next non-empty line
     starts with an opening mark (the multi-paragraph convention: the closing mark
     is left out until the quotation ends); the quote then has one piece per line;
  4. anything else left open at the end of a line is refused, not guessed.

Single quotes are ignored: they are mostly apostrophes.

`classify_content` decides whether reported content is DIRECT (entirely quoted),
MIXED (partly quoted) or INDIRECT (no quoted part). Scare quotes (one or two words
right after "so-called": the so-called “leak”) are the writer's distance from a word,
not someone's quoted words, and do not count.
"""

from __future__ import annotations

from dataclasses import dataclass

from counterpoint.records import AttributionKind

OPENING = "“"
CLOSING = "”"
STRAIGHT = '"'
QUOTE_CHARS = OPENING + CLOSING + STRAIGHT


@dataclass(frozen=True)
class Quote:
    """A quotation: `pieces` are the quoted text spans (marks excluded), one per line.

    `start`/`end` cover the marks too (`end` exclusive).
    """

    pieces: tuple[tuple[int, int], ...]
    start: int
    end: int

    def overlaps(self, start: int, end: int) -> bool:
        return self.start < end and start < self.end

    def inside(self, start: int, end: int) -> bool:
        """True when the quote lies entirely inside [start, end)."""
        return start <= self.start and self.end <= end


def _lines(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def find_quotes(text: str) -> list[Quote]:
    """Every closed quotation in `text`, in order (see the module docstring)."""
    quotes: list[Quote] = []
    pending: list[tuple[int, int]] = []  # pieces of a quote that spans lines
    pending_start = -1
    for line_start, line_end in _lines(text):
        line = text[line_start:line_end]
        if not line.strip():
            continue
        open_at: int | None = None
        first = len(line) - len(line.lstrip())
        if pending and not (line[first:first + 1] in (OPENING, STRAIGHT)):
            pending, pending_start = [], -1  # refused: the previous line never closed
        for offset, ch in enumerate(line):
            pos = line_start + offset
            if ch not in QUOTE_CHARS:
                continue
            if open_at is None:
                if ch == CLOSING:
                    continue  # a stray closing mark: nothing to pair
                open_at = pos
                if not pending:
                    pending_start = pos
            elif ch == OPENING:
                pending, pending_start = [], pos  # the earlier opening is refused
                open_at = pos
            else:
                pieces = (*pending, (open_at + 1, pos))
                quotes.append(Quote(pieces=pieces, start=pending_start, end=pos + 1))
                pending, pending_start, open_at = [], -1, None
        if open_at is not None:
            pending = [*pending, (open_at + 1, line_end)]
    return [q for q in quotes if any(e > s for s, e in q.pieces)]


def quote_pieces(text: str, quote: Quote) -> list[tuple[int, int]]:
    """The quote's pieces trimmed of surrounding whitespace (empty pieces dropped)."""
    out = []
    for s, e in quote.pieces:
        while s < e and text[s].isspace():
            s += 1
        while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:"):
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def close_quotes(
    text: str, quotes: list[Quote], spans: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Extend spans that stop inside a quote just before its closing mark ("lies.”")."""
    out = []
    for s, e in spans:
        for q in quotes:
            if q.start < e < q.end and not text[e : q.end - 1].strip(" .,;:!?"):
                e = q.end
        out.append((s, e))
    return out


def quotes_in(quotes: list[Quote], start: int, end: int) -> list[Quote]:
    """The quotes overlapping [start, end)."""
    return [q for q in quotes if q.overlaps(start, end)]


def inside_quote(quotes: list[Quote], pos: int) -> bool:
    """True when character `pos` lies inside a quotation (marks included)."""
    return any(q.start <= pos < q.end for q in quotes)


def scare_quote(text: str, quote: Quote) -> bool:
    """One or two quoted words right after "so-called" (see the module docstring)."""
    words = " ".join(text[s:e] for s, e in quote.pieces).split()
    before = text[max(0, quote.start - 12) : quote.start].rstrip().lower()
    return len(words) <= 2 and before.endswith("so-called")


def classify_content(
    text: str, quotes: list[Quote], spans: list[tuple[int, int]]
) -> AttributionKind:
    """DIRECT when every content character that is a word character lies inside a
    quote, MIXED when some do, INDIRECT when none do (scare quotes ignored)."""
    # merged quote intervals (nested quotes overlap); counts per interval, not per char
    merged: list[list[int]] = []
    for q in sorted((q for q in quotes if not scare_quote(text, q)), key=lambda q: q.start):
        if merged and q.start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], q.end)
        else:
            merged.append([q.start, q.end])
    quoted = unquoted = 0
    for s, e in spans:
        inside = 0
        for qs, qe in merged:
            a, b = max(s, qs), min(e, qe)
            if a < b:
                inside += sum(ch.isalnum() for ch in text[a:b])
        quoted += inside
        unquoted += sum(ch.isalnum() for ch in text[s:e]) - inside
    if quoted and not unquoted:
        return AttributionKind.DIRECT
    if quoted:
        return AttributionKind.MIXED
    return AttributionKind.INDIRECT
