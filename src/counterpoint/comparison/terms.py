"""Content terms of a proposition, for aligning claims that say the same thing.

A proposition becomes a set of *terms*:

1. Entity surfaces known in the story ("Tehran", "Iranian", "The Wall Street
   Journal") are replaced by their canonical id ("@iran"), longest surface first, so
   "Moscow and Tehran" and "Russia and Iran" share terms.
2. Multi-word concepts ("unmanned aerial vehicles") become one word.
3. Words are lowercased, stop words dropped, and a light suffix-stripping stem is
   applied ("production", "produce" -> "produc").
4. Stems are mapped to a small concept vocabulary of news paraphrases ("plant",
   "factory", "facility" -> "factory"; "supply", "deliver", "provide" -> "supply").

Numbers are kept as terms ("#6000") and separately as (number, unit) quantities, so
alignment can see them and contradictions can compare them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

STOP = set(ENGLISH_STOP_WORDS) | {
    "said", "says", "say", "saying", "told", "according", "also", "would", "could",
    "might", "may", "must", "shall", "will", "going", "regard", "including", "mr", "ms",
    "least", "just", "like", "make", "made", "new", "one", "two", "year", "years", "s",
    "aim", "aiming", "trying", "try", "advanced", "deepening", "continue", "continues",
}

PHRASES = {
    r"unmanned aerial vehicles?|unmanned aircraft|uavs?|drones?": "drone",
    r"weapons? and drones?": "weapon drone",
    r"air defen[cs]es?": "airdefense",
    r"prime minister": "primeminister",
    r"warships?": "military vessel",
    r"(?:take|takes|took|taking|taken|hand|hands|handed|handing)\s+over": "lease",
    r"rents?\s+out|renting\s+out|rented\s+out": "lease",
    r"calls?\s+at|called\s+at|calling\s+at": "dock at",
    r"human rights": "humanrights",
}

# Paraphrase groups common in news: every member maps to the group's first word.
CONCEPT_GROUPS = [
    ("factory", "plant", "facility", "factories", "plants", "facilities"),
    ("produce", "production", "manufacture", "manufacturing", "build", "construct", "assemble"),
    ("supply", "deliver", "delivery", "provide", "send", "transfer", "export",
     "sell", "sold", "sale", "sales", "supplying", "supplies", "delivering", "deliveries",
     "shipment", "shipments"),
    # handing control of a place to someone for a time
    ("lease", "rent", "hand", "handover", "cede", "concession", "leasing", "rental"),
    ("vessel", "ship", "ships", "boat", "tanker", "frigate", "destroyer", "warship", "submarine"),
    ("dock", "refuel", "berth", "moor", "docking", "refuelling", "refueling", "port call"),
    ("military", "navy", "naval", "army", "armed forces", "troops"),
    ("deny", "reject", "dismiss", "refute", "denial", "rejection"),
    ("inspection", "inspect", "check", "checks", "screening", "control", "controls"),
    ("truck", "lorry", "lorries", "trucks"),
    ("wait", "stuck", "queue", "stranded", "waiting", "queued"),
    ("plan", "project", "scheme", "program", "programme", "plans", "projects", "intend",
     "intention"),
    ("participate", "participation", "involve", "involvement", "take part", "engage"),
    ("weapon", "arms", "armament", "munition", "munitions"),
    ("attack", "strike", "raid", "assault", "bombardment", "shelling"),
    ("kill", "killed", "dead", "death", "deaths", "die", "died", "fatalities"),
    ("injure", "wounded", "wound", "injured", "injury", "injuries", "hurt"),
    ("cooperation", "cooperate", "collaboration", "collaborate", "partnership", "working"),
    ("sanction", "sanctions", "penalty", "penalties", "embargo"),
    ("meet", "meeting", "talks", "summit"),
    ("talk", "negotiation", "negotiate", "dialogue"),
    ("fast", "faster", "quicker", "speedier"),
    ("agreement", "deal", "accord", "pact", "treaty"),
]


def stem(word: str) -> str:
    """A light suffix stripper: enough to join 'production', 'produces' and 'produce'.

    Inflection first ("participates" -> "participate"), then one derivational suffix
    ("participate", "participation" -> "particip"), then a final "e".
    """
    w = word.lower()
    w = re.sub(r"'s$", "", w)
    for suffix in ("ies", "ing", "ed", "es", "s"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            if suffix == "ies":
                w = w[:-3] + "y"
            elif suffix == "es":
                # "produces" -> "produce", "boxes" -> "box"
                w = w[:-2] if re.search(r"(?:sh|ch|x|z|ss)es$", w) else w[:-1]
            elif suffix == "s" and w.endswith(("ss", "us", "is")):
                pass
            else:
                w = w[: -len(suffix)]
            break
    for suffix in ("ational", "ation", "ition", "tion", "ment", "ate", "er", "ly"):
        # "ly" needs a longer stem so that "supply" and "apply" stay whole.
        if w.endswith(suffix) and len(w) - len(suffix) >= (5 if suffix == "ly" else 4):
            w = w[: -len(suffix)]
            break
    w = w.rstrip("e") if len(w) > 4 else w
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "aeiou":
        w = w[:-1]  # planned -> plann -> plan
    return w


# Concepts that name an action or event: two claims about different actions
# ("supplying" vs "producing") are different claims even when their actors match.
EVENT_CONCEPTS = {
    "produce", "supply", "plan", "participate", "attack", "kill", "injure",
    "cooperation", "sanction", "meet", "talk", "agreement", "lease", "dock", "inspection",
}

# Suffixes that turn a place name into its adjective or people ("Kestrian", "Dolmari").
DEMONYM_SUFFIXES = ("ian", "ean", "an", "n", "i", "ese", "ish", "ic")


def fold_entities(ids: Iterable[str]) -> dict[str, str]:
    """Canonical id -> the story id it stands for, where the entity stage kept two.

    Rules, in order: a demonym folds onto its place ("dolmari" -> "dolmar",
    "kestrian" -> "kestria", "ukrainian" -> "ukraine"); a one-word id folds onto the
    only longer id ending with that word ("veyl" -> "port-veyl", "ledger" ->
    "meridian-ledger"). Ids that fold nowhere map to themselves.
    """
    known = set(ids)
    out: dict[str, str] = {}
    for cid in sorted(known):
        target = cid
        if "-" not in cid:
            for suffix in DEMONYM_SUFFIXES:
                if cid.endswith(suffix) and len(cid) - len(suffix) >= 3:
                    base = cid[: -len(suffix)]
                    hit = next((b for b in (base, base + "e", base + "a") if b in known and b != cid), None)
                    if hit:
                        target = hit
                        break
            if target == cid:
                longer = [k for k in known if k != cid and k.endswith("-" + cid)]
                if len(longer) == 1:
                    target = longer[0]
        out[cid] = target
    # one more pass so that chains ("veyl" -> "port-veyl") settle on the final id
    return {k: out.get(v, v) for k, v in out.items()}

CONCEPTS: dict[str, str] = {}
for _group in CONCEPT_GROUPS:
    for _word in _group:
        CONCEPTS[stem(_word)] = _group[0]

# Finite auxiliaries and modals that open a predicate (subject_terms).
FINITE_AUX = {
    "is", "are", "was", "were", "has", "have", "had", "will", "would", "can", "could",
    "may", "might", "shall", "should", "must", "does", "did", "do",
}
SUBJECT_SPAN = 8

NUMBER = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\w])")


def _entity_pattern(surfaces: Mapping[str, str]) -> re.Pattern[str] | None:
    keys = sorted((s for s in surfaces if s.strip()), key=len, reverse=True)
    if not keys:
        return None
    return re.compile(r"(?<!\w)(?:the\s+)?(" + "|".join(re.escape(k) for k in keys) + r")(?:'s)?(?!\w)", re.I)


class Termer:
    """Turns propositions into term sets, with the story's entity surfaces."""

    def __init__(self, surfaces: Mapping[str, str] | None = None) -> None:
        # surface (lowercase) -> canonical id
        self.surfaces = {k.lower(): v for k, v in (surfaces or {}).items()}
        self._pattern = _entity_pattern(self.surfaces)
        # a story's claims are termed several times (grouping, row text, numbers)
        self._cache: dict[str, list[str]] = {}

    def normalize(self, text: str) -> str:
        # "@" and "#" mark entities and numbers below; a literal hashtag or handle in the
        # text ("#6DaysOfDarkness") must not pass for one of those markers.
        out = text.replace("’", "'").replace("#", " ").replace("@", " ")
        if self._pattern is not None:
            out = self._pattern.sub(
                lambda m: " @" + re.sub(r"\W+", "_", self.surfaces[m.group(1).lower()]) + " ",
                out,
            )
        out = NUMBER.sub(lambda m: " #" + m.group(1).replace(",", "") + " ", out)
        for rx, repl in PHRASES.items():
            out = re.sub(rf"(?<!\w)(?:{rx})(?!\w)", f" {repl} ", out, flags=re.I)
        return out

    def terms(self, text: str) -> list[str]:
        """Ordered content terms (duplicates kept) of a proposition."""
        cached = self._cache.get(text)
        if cached is None:
            cached = self._cache[text] = self._terms(text)
        return list(cached)

    def subject_terms(self, text: str) -> list[str]:
        """Terms of the proposition's subject: the words before its first finite
        auxiliary or modal ("the ministry | would ask ...", "Dolmari tankers | have
        refuelled"). Empty when no auxiliary opens the predicate within the first
        `SUBJECT_SPAN` words (the subject is then unknown, not absent), or when the
        text opens with the auxiliary ("there is", "it was")."""
        words = text.replace("’", "'").split()
        for n, word in enumerate(words[:SUBJECT_SPAN]):
            low = word.lower().strip(",;:")
            if low in FINITE_AUX and n > 0 and words[n - 1].lower() != "to":
                head = " ".join(words[:n])
                if head.lower() in ("there", "it", "this", "that", "they", "he", "she", "we", "i"):
                    return []
                return self.terms(head)
        return []

    def _terms(self, text: str) -> list[str]:
        out: list[str] = []
        for tok in re.findall(r"[@#]?[\w'-]+", self.normalize(text)):
            if tok.startswith(("@", "#")):
                out.append(tok.lower())
                continue
            low = tok.lower().strip("'-")
            for part in low.split("-"):
                if not part or part in STOP or part.isdigit() or len(part) < 2:
                    continue
                s = stem(part)
                out.append(CONCEPTS.get(s, CONCEPTS.get(part, s)))
        return out

    def quantities(self, text: str) -> list[tuple[float, frozenset[str]]]:
        """(number, unit terms) pairs: the next two content terms after each number.

        Two quantities measure the same thing when their unit sets overlap
        ("300 armored tanks" and "500 tanks" share "tank").
        """
        terms = self.terms(text)
        out: list[tuple[float, frozenset[str]]] = []
        for i, term in enumerate(terms):
            if term.startswith("#"):
                unit: list[str] = []
                for t in terms[i + 1 :]:
                    if t.startswith("#") or len(unit) == 2:
                        break
                    if t.startswith("@"):
                        continue  # "500 Kestrian trucks": the demonym is not the unit
                    unit.append(t)
                if unit:
                    out.append((float(term[1:]), frozenset(unit)))
        return out


def verb_key(word: str) -> str:
    """A verb's comparison key: its concept or light stem, final -y/-i dropped, so the
    lemma "carry" and the written "carried" meet, and "build"/"construct" on their concept."""
    s = stem(word)
    for key in (s, re.sub(r"i$", "y", s), word.lower()):
        if key in CONCEPTS:
            return CONCEPTS[key]
    return re.sub(r"[iy]$", "", s)


def surfaces_from(entities: Iterable[tuple[str, str]]) -> dict[str, str]:
    """(surface text, canonical id) pairs -> a lowercase surface map."""
    out: dict[str, str] = {}
    for text, cid in entities:
        key = text.strip().lower()
        key = re.sub(r"^the\s+", "", key)
        key = re.sub(r"'s$", "", key.replace("’", "'"))
        if len(key) >= 2:
            out.setdefault(key, cid)
    return out
