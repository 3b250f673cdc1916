"""The packaged alias table: general world knowledge that maps surface forms to entities.

The table (`counterpoint/data/aliases.json`) holds countries with their demonyms,
adjectives and capitals / seats of government ("Tehran", "Iranian", "the Kremlin"),
groups ("the West"), international organisations, news media and agencies, social
platforms and a few heads of state whose names are spelt many ways. It is world
knowledge, not a list keyed to any article.

Three views of it serve three callers:

* `lookup(text)` / `resolve_name(text)`: a mention (already found by spaCy or by the
  attribution stage) -> its entry. Matching is case-insensitive after normalization
  (quotes, possessive, leading "the", whitespace), except for short all-caps acronyms
  ("US", "AP", "WHO"), which match only as written so "us" and "who" never resolve.
* `scan_aliases(text)`: a dictionary (not regex-alternation, not spaCy) pass over a
  body that finds table surface forms the model missed, on word boundaries, longest
  match first.
* `canonical_key(name)`: the slug every canonical id is made of, so identity across
  articles needs no shared registry.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from dataclasses import dataclass
from importlib import resources

__all__ = [
    "AliasEntry",
    "AliasTable",
    "canonical_key",
    "clean_name",
    "load_aliases",
    "lookup",
    "resolve_name",
    "scan_aliases",
]

_THE = re.compile(r"^(?:the)\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’](?:s)?$")
_EDGE_PUNCT = "\"'“”‘’«»()[]{},;:!?"
# Abbreviations with dots ("U.S.", "E.U.") are one word; everything else is a run of
# letters/digits, so matches fall on word boundaries by construction.
_WORD = re.compile(r"(?:[A-Za-z]\.){2,}|[^\W_]+")
# Words that may precede a table name without making it part of a longer name.
_FUNCTION_WORDS = frozenset(
    "The A An And Or But In On At Of For From To By With As After Before Both "
    "While When Where If That This These Those Its Their His Her Our Why How "
    "Meanwhile However Also Since Under Over Between Against Amid".split()
)
# Titles precede names without being part of them ("President Vladimir Putin").
TITLES = frozenset(
    "Mr Mrs Ms Miss Dr Prof Sir Dame President Vice Premier Prime Minister Chancellor "
    "General Gen Lt Col Colonel Major Maj Capt Captain Admiral Adm Sen Senator Rep "
    "Representative Governor Gov Mayor King Queen Prince Princess Sheikh Ayatollah "
    "Judge Justice Secretary Spokesman Spokeswoman Spokesperson Ambassador Commander "
    "Leader Chief Director Speaker Deputy Foreign Defense Defence Interior".split()
)


@dataclass(frozen=True)
class AliasEntry:
    """One canonical entity of the table."""

    canonical_id: str
    canonical_name: str
    label: str
    kind: str  # country | group | media | government | organization | platform | person
    qualifier: str | None = None  # countries: the adjective for their bodies ("Iranian")


def canonical_key(name: str) -> str:
    """The slug of a canonical name: "The Wall Street Journal" -> "the-wall-street-journal".

    Diacritics are folded, apostrophes and dots dropped ("U.S." -> "us"), every other
    run of non-alphanumerics becomes one hyphen.
    """
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.lower().replace("&", " and ")
    text = re.sub(r"['’.]", "", text)
    text = re.sub(r"[^a-z0-9]+", "-", text)
    return text.strip("-") or "entity"


def clean_name(text: str) -> str:
    """A mention as a name: normalized quotes/space, no possessive, no leading "the"."""
    text = unicodedata.normalize("NFKC", text).replace("’", "'").replace("‘", "'")
    text = " ".join(text.split()).strip(_EDGE_PUNCT + " ")
    text = _POSSESSIVE.sub("", text).strip(_EDGE_PUNCT + " ")
    return _THE.sub("", text)


def _is_acronym(alias: str) -> bool:
    letters = alias.replace(".", "")
    return letters.isalpha() and letters.isupper() and len(letters) <= 5


def _norm_space(text: str) -> str:
    return " ".join(text.replace("’", "'").split())


class AliasTable:
    """The parsed table with its lookup and lexical indexes."""

    def __init__(self, data: dict) -> None:
        self.exact: dict[str, AliasEntry] = {}
        self.folded: dict[str, AliasEntry] = {}
        self.lexical: dict[str, AliasEntry] = {}
        self.no_compound = frozenset(clean_name(f) for f in data.get("no_compound", []))
        no_lexical = set(data.get("no_lexical", []))
        self.by_id: dict[str, AliasEntry] = {}
        for name, adjectives, capitals, others in data["countries"]:
            entry = AliasEntry(
                canonical_key(name), name, "GPE", "country", adjectives[0] if adjectives else None
            )
            self._add(entry, [name, *adjectives, *capitals, *others], no_lexical)
        for item in data["entities"]:
            entry = AliasEntry(
                canonical_key(item["name"]), item["name"], item["label"], item["kind"]
            )
            self._add(entry, [item["name"], *item["aliases"]], no_lexical)
        self.max_words = max(len(_WORD.findall(key)) for key in self.lexical)

    def _add(self, entry: AliasEntry, surfaces: list[str], no_lexical: set[str]) -> None:
        self.by_id.setdefault(entry.canonical_id, entry)
        for surface in surfaces:
            key = clean_name(surface)
            self.exact.setdefault(key, entry)
            if not _is_acronym(key):
                self.folded.setdefault(key.casefold(), entry)
            if surface in no_lexical:
                continue
            for form in _lexical_forms(surface):
                self.lexical.setdefault(form, entry)

    def lookup(self, text: str) -> AliasEntry | None:
        """The entry a mention names, or None (acronyms only match as written)."""
        key = clean_name(text)
        if not key:
            return None
        return self.exact.get(key) or self.folded.get(key.casefold())


def _lexical_forms(surface: str) -> list[str]:
    form = _norm_space(surface)
    if form[:4] == "the ":
        return [form, "The " + form[4:]]
    return [form]


@functools.lru_cache(maxsize=1)
def load_aliases() -> AliasTable:
    """The packaged table, parsed once per process."""
    raw = resources.files("counterpoint").joinpath("data/aliases.json").read_text("utf-8")
    return AliasTable(json.loads(raw))


def lookup(text: str) -> AliasEntry | None:
    """The table entry for a surface form ("Tehran" -> Iran), or None."""
    return load_aliases().lookup(text)


def resolve_name(text: str) -> tuple[str, str, str] | None:
    """`text` -> (canonical_id, canonical_name, label) from the alias table, or None.

    "Tehran" -> ("iran", "Iran", "GPE"); "the WSJ" -> ("the-wall-street-journal",
    "The Wall Street Journal", "ORG"); "us" -> None (acronyms match only as written).
    """
    entry = lookup(text)
    if entry is None:
        return None
    return entry.canonical_id, entry.canonical_name, entry.label


def _sentence_initial(text: str, pos: int) -> bool:
    i = pos - 1
    while i >= 0 and text[i] in " \t\"'“‘(":
        i -= 1
    return i < 0 or text[i] in ".!?\n:"


def _capitalized(word: str) -> bool:
    return word[:1].isupper()


def scan_aliases(text: str, table: AliasTable | None = None) -> list[tuple[int, int, AliasEntry]]:
    """Table surface forms in `text`, as (start, end, entry), longest match first.

    Guards against being a piece of a longer name the table does not know:
    1. the previous word is capitalized, adjacent, not sentence-initial and not a
       function word ("Latin American", "New Mexico") -> skip;
    2. for forms listed as `no_compound`, a capitalized next word ("West Bank",
       "Western Australia", "Moscow Metro") -> skip.
    """
    table = table or load_aliases()
    words = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    found: list[tuple[int, int, AliasEntry]] = []
    i = 0
    while i < len(words):
        hit = None
        for n in range(min(table.max_words, len(words) - i), 0, -1):
            start, end = words[i][0], words[i + n - 1][1]
            form = _norm_space(text[start:end])
            entry = table.lexical.get(form)
            if entry is not None:
                hit = (n, start, end, form, entry)
                break
        if hit is None:
            i += 1
            continue
        n, start, end, form, entry = hit
        if _guarded(text, words, i, i + n, form, table):
            i += 1
            # the rest of a longer capitalized name is not a table name either
            while i < len(words) and _capitalized(text[words[i][0] : words[i][1]]) and (
                text[words[i - 1][1] : words[i][0]] in (" ", "-")
            ):
                i += 1
            continue
        found.append((start, end, entry))
        i += n
    return found


def _guarded(
    text: str, words: list[tuple[int, int]], first: int, stop: int, form: str, table: AliasTable
) -> bool:
    if first > 0:
        p_start, p_end = words[first - 1]
        prev = text[p_start:p_end]
        gap = text[p_end : words[first][0]]
        if (
            gap == " "
            and _capitalized(prev)
            and prev not in _FUNCTION_WORDS
            and prev.rstrip('.') not in TITLES
            and not _sentence_initial(text, p_start)
        ):
            return True
    if clean_name(form) in table.no_compound and stop < len(words):
        n_start, n_end = words[stop]
        gap = text[words[stop - 1][1] : n_start]
        if gap in (" ", "-") and _capitalized(text[n_start:n_end]):
            return True
    return False
