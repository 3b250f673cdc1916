"""The trained attribution tagger: features, Viterbi decoding and records.

A linear-chain CRF tags every spaCy token of a sequence unit (a paragraph, cut at
sentence ends to at most MAX_UNIT_TOKENS tokens) with BIO tags for SOURCE, CUE and
CONTENT (PolNeAR is univocal: one label per token). It is trained by
`counterpoint.train.attribution` with python-crfsuite and exported to a safe format:

  <dir>/weights.npz   state (n_attributes x n_labels, float32), transitions (n_labels^2)
  <dir>/vocab.json    {"labels": [...], "attributes": [...], "format": 1}

Runtime needs only numpy and spaCy: `Tagger.tag` scores each token as the sum of the
weights of its attribute strings and runs its own Viterbi (crfsuite's CRF1d has no
start/end transitions, so neither does this one). Features come from the Doc's arrays
once per Doc (`doc_features`; the entity feature from the article's `Entity` records,
so no entity recognizer is needed); the stage scores a unit with `Tagger.tag_base`,
which looks neighbour attributes up per offset instead of building their strings
(equal to `tag(unit_features(...))`, which training uses).

Decoding to records (`predict_attributions`), per unit: every CUE span anchors one
attribution; each SOURCE and CONTENT span joins the nearest cue of its unit (content
may lie before or after the cue, in several pieces); sources are resolved with
speakers.SpeakerResolver (so names become canonical entities) but keep the tagged
span; polarity from the cue lemma (cues.cue_polarity); kind from quotes.classify_content.
A cue without content, and content with no cue in its unit, are dropped. Refused too,
as the rules refuse them (so the tagger adds recall, not the junk the rules avoid):
  - a cue in a relative clause whose subject is not the relative pronoun ("the letters
    she says she wrote": a gap, no statement);
  - characterisations ("describe", "call", ...: reported.CHARACTERISE), left to the rules,
    which take them only when both object and predicate are there;
  - a cue outside the cue lexicon whose source is missing or unresolved ("data show",
    "X toured ..."): only someone who can speak makes a statement.
"""

from __future__ import annotations

import bisect
import functools
import json
from itertools import repeat
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from counterpoint.nlp.model import doc_text
from counterpoint.attribution.cues import CUES, cue_polarity
from counterpoint.attribution.quotes import classify_content, find_quotes
from counterpoint.attribution.reported import CHARACTERISE
from counterpoint.attribution.speakers import SpeakerResolver
from counterpoint.attribution.units import Unit, split_units, trim
from counterpoint.provenance import stamp
from counterpoint.records import Attribution, AttributionKind, Entity, SourceKind, SourceRef, Span

PRODUCED_BY = stamp("attribution.crf", 2)  # 2: retrained on the fast parse
MODEL_DIR = Path(__file__).resolve().parent.parent / "data" / "models" / "attribution-crf"
ROLES = ("SOURCE", "CUE", "CONTENT")
LABELS = ("O", *(f"{p}-{r}" for r in ROLES for p in ("B", "I")))
MAX_UNIT_TOKENS = 200
QUOTE_CHARS = "\"“”«»‘’'`"
OPEN_QUOTES = "“«"
CLOSE_QUOTES = "”»"
# dependency labels through which a cue verb carries its content
_CONTENT_DEPS = {"ccomp", "xcomp", "advcl", "dobj", "parataxis", "conj", "pobj"}
_RELATIVE = {"who", "that", "which", "whom"}
_SPEAKING_KINDS = {SourceKind.PERSON, SourceKind.ORGANIZATION, SourceKind.GOVERNMENT,
                   SourceKind.MEDIA, SourceKind.ANONYMOUS}


# ---------------------------------------------------------------------------- units
def sequence_units(doc: Any) -> list[tuple[int, int]]:
    """Token ranges [start, end): paragraphs (split on line breaks), cut at sentence
    ends so that none is longer than MAX_UNIT_TOKENS (unless one sentence is)."""
    from spacy.attrs import IS_SPACE

    paragraphs: list[tuple[int, int]] = []
    start = 0
    spaces = np.nonzero(doc.to_array([IS_SPACE]).reshape(-1))[0].tolist() if len(doc) else []
    for i in spaces:  # only whitespace tokens can break a paragraph
        if "\n" in doc[i].text:
            if i > start:
                paragraphs.append((start, i))
            start = i + 1
    if start < len(doc):
        paragraphs.append((start, len(doc)))
    out: list[tuple[int, int]] = []
    for s, e in paragraphs:
        if e - s <= MAX_UNIT_TOKENS:
            out.append((s, e))
            continue
        cur = s
        for sent in doc[s:e].sents:
            send = min(sent.end, e)
            if send - cur > MAX_UNIT_TOKENS and sent.start > cur:
                out.append((cur, sent.start))
                cur = sent.start
        out.append((cur, e))
    return [(s, e) for s, e in out if any(not t.is_space for t in doc[s:e])]


# ---------------------------------------------------------------------------- features
def is_cue(tok: Any) -> bool:
    lemma = tok.lemma_.lower()
    if lemma == "according":
        return True
    return lemma in CUES and tok.pos_ in {"VERB", "NOUN", "AUX"}


def _shape(text: str) -> str:
    out = []
    for ch in text[:6]:
        c = "X" if ch.isupper() else "x" if ch.isalpha() else "d" if ch.isdigit() else ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)


def _bucket(n: int) -> str:
    a = abs(n)
    b = str(a) if a <= 3 else "4-6" if a <= 6 else "7-12" if a <= 12 else "13+"
    return ("-" if n < 0 else "+") + b


def _lex_features(text: str, low: str) -> tuple[str, ...]:
    return ("w=" + low, "sh=" + _shape(text), "pre=" + low[:3], "suf=" + low[-3:],
            "q=" + ("1" if any(c in QUOTE_CHARS for c in text) else "0"))


# features of a word form alone, per process (news repeats its words)
_LEX_CACHE: dict[str, tuple[str, ...]] = {}


def token_labels(doc: Any, entities: Sequence[Entity]) -> list[tuple[str, str]]:
    """(entity label, B/I) per token from the article's entities ("-" outside them).

    The entities are those of `nlp.entities.find_entities`, so the feature is the same
    whether the Doc carries the recognizer's entities or not (the fast path has none)."""
    out = [("-", "-")] * len(doc)
    if not entities or len(doc) == 0:
        return out
    starts = [t.idx for t in doc]
    for ent in entities:
        first = bisect.bisect_left(starts, ent.span.start)
        last = bisect.bisect_left(starts, ent.span.end)
        for i in range(first, last):
            out[i] = (ent.label, "B" if i == first else "I")
    return out


@dataclass
class DocFeatures:
    """Per-token features of a whole Doc that do not depend on the sequence unit."""

    static: list[list[str]]
    cue: list[bool]
    quote_moves: list[str]  # the quote characters of each token, in order
    sent_start: list[bool]
    near: list[list[str]] = None  # type: ignore[assignment]  # static features copied to neighbours

    def __post_init__(self) -> None:
        if self.near is None:
            self.near = [[f for f in feats if f.startswith(_NEIGHBOUR_PREFIXES)]
                         for feats in self.static]


def doc_features(doc: Any, entities: Sequence[Entity] = ()) -> DocFeatures:
    """The unit-independent features of every token, from the Doc's arrays (one
    `to_array` call, strings looked up once per hash: Token objects are slow)."""
    from spacy.attrs import DEP, HEAD, LEMMA, LOWER, ORTH, POS, SENT_START, TAG

    n = len(doc)
    if n == 0:
        return DocFeatures([], [], [], [])
    arr = doc.to_array([ORTH, LOWER, LEMMA, POS, TAG, DEP, SENT_START]).astype("uint64")
    strings = doc.vocab.strings

    def column(k: int) -> list[str]:
        cache: dict[int, str] = {}
        out = []
        for h in arr[:, k].tolist():
            v = cache.get(h)
            if v is None:
                v = cache[h] = strings[h] if h else ""
            out.append(v)
        return out

    orth, lower, lemma, tag, dep = column(0), column(1), column(2), column(4), column(5)
    lemma = [x.lower() for x in lemma]
    pos = [doc.vocab.strings[int(h)] if h else "" for h in arr[:, 3].tolist()]
    starts = [v == 1 for v in arr[:, 6].astype("int64").tolist()]
    heads = (doc.to_array([HEAD]).astype("int64").reshape(-1) + np.arange(n)).tolist()
    cue = [lm == "according" or (lm in CUES and p in _CUE_POS) for lm, p in zip(lemma, pos)]
    labels = token_labels(doc, entities)
    static: list[list[str]] = []
    moves: list[str] = []
    for i in range(n):
        text = orth[i]
        lex = _LEX_CACHE.get(text)
        if lex is None:
            if len(_LEX_CACHE) > 200_000:
                _LEX_CACHE.clear()
            lex = _LEX_CACHE[text] = _lex_features(text, lower[i])
        h = heads[i]
        rel, cue_lemma = _cue_path_at(i, heads, dep, cue, lemma)
        relr = rel.split(":")[0]
        feats = [
            *lex,
            "l=" + lemma[i], "p=" + pos[i], "t=" + tag[i], "d=" + dep[i],
            "hl=" + lemma[h], "hd=" + dep[h], "hp=" + pos[h], "dhd=" + dep[i] + "|" + dep[h],
            "e=" + labels[i][0], "eb=" + labels[i][1],
            "cue=" + ("1" if cue[i] else "0"), "hcue=" + ("1" if cue[h] else "0"),
            "path=" + rel, "pathr=" + relr,
        ]
        if cue_lemma:
            feats.append("pathl=" + relr + "|" + cue_lemma)
        if starts[i]:
            feats.append("ss")
        if i + 1 >= n or starts[i + 1]:
            feats.append("se")
        static.append(feats)
        moves.append("".join(c for c in text if c in _QUOTE_MOVES) if lex[-1] == "q=1" else "")
    return DocFeatures(static, cue, moves, starts)


_QUOTE_MOVES = frozenset(OPEN_QUOTES + CLOSE_QUOTES + '"')
_CUE_POS = frozenset({"VERB", "NOUN", "AUX"})


def _cue_path_at(i: int, heads: list[int], dep: list[str], cue: list[bool], lemma: list[str]
                 ) -> tuple[str, str]:
    """`_cue_path` over the Doc's arrays."""
    if cue[i]:
        return "self", lemma[i]
    child, node, steps = i, heads[i], 0
    while node != child and steps < 12:
        if cue[node]:
            d = dep[child]
            rel = ("subj" if d in {"nsubj", "nsubjpass", "agent"}
                   else "content" if d in _CONTENT_DEPS else "other")
            return rel + ":" + d, lemma[node]
        child, node, steps = node, heads[node], steps + 1
    return "none", ""


def _unit_near(start: int, base: list[list[str]], feats: DocFeatures) -> list[list[str]]:
    """`_neighbour_part(base)` from the Doc's precomputed static part (plus inq=)."""
    return [[*feats.near[start + k], own[-2]] for k, own in enumerate(base)]


def unit_base(start: int, end: int, feats: DocFeatures) -> list[list[str]]:
    """Every token's own features in doc[start:end]: the static ones plus the
    inside-quotes state and the distance to the nearest cue, which depend on the unit."""
    cue_idx = [i for i in range(start, end) if feats.cue[i]]
    base: list[list[str]] = []
    inq = 0
    for i in range(start, end):
        if i == start or feats.sent_start[i]:
            inq = 0 if inq > 1 else inq  # quotes may run over sentences
        in_now = inq
        for ch in feats.quote_moves[i]:
            if ch in OPEN_QUOTES:
                inq += 1
            elif ch in CLOSE_QUOTES:
                inq = max(0, inq - 1)
            else:
                inq = 0 if inq else 1
        if cue_idx:
            nearest = min(cue_idx, key=lambda c: abs(c - i))
            dist = _bucket(nearest - i)
        else:
            dist = "none"
        base.append([*feats.static[i], "inq=" + str(min(in_now, 2)), "cd=" + dist])
    return base


# features copied to neighbours (kept few so the attribute count stays bounded)
_NEIGHBOUR_PREFIXES = ("w=", "p=", "d=", "cue=", "q=", "inq=", "pathr=")
_OFFSETS = (-2, -1, 1, 2)


def _neighbour_part(base: list[list[str]]) -> list[list[str]]:
    return [[f for f in feats if f.startswith(_NEIGHBOUR_PREFIXES)] for feats in base]


def unit_features(doc: Any, start: int, end: int, feats: DocFeatures | None = None
                  ) -> list[list[str]]:
    """crfsuite-style attribute strings for every token of doc[start:end]."""
    feats = feats or doc_features(doc)
    base = unit_base(start, end, feats)
    near = _neighbour_part(base)
    out: list[list[str]] = []
    n = len(base)
    for k, own in enumerate(base):
        row = ["bias", *own]
        for off in _OFFSETS:
            j = k + off
            if 0 <= j < n:
                row.extend(f"{off}:{f}" for f in near[j])
            else:
                row.append(f"{off}:pad")
        out.append(row)
    return out


# ---------------------------------------------------------------------------- tagger
@dataclass
class Tagger:
    """A linear-chain CRF in numpy: attribute weights per label plus transitions."""

    labels: list[str]
    index: dict[str, int]
    state: np.ndarray  # (n_attributes, n_labels)
    transitions: np.ndarray  # (n_labels, n_labels): from -> to

    @classmethod
    def load(cls, directory: Path) -> Tagger:
        vocab = json.loads((directory / "vocab.json").read_text(encoding="utf-8"))
        with np.load(directory / "weights.npz", allow_pickle=False) as arrays:
            state = arrays["state"].astype(np.float64)
            transitions = arrays["transitions"].astype(np.float64)
        attributes = vocab["attributes"]
        return cls(list(vocab["labels"]), {a: i for i, a in enumerate(attributes)},
                   state, transitions)

    def scores(self, xseq: list[list[str]]) -> np.ndarray:
        out = np.zeros((len(xseq), len(self.labels)))
        for t, feats in enumerate(xseq):
            rows = [self.index[f] for f in feats if f in self.index]
            if rows:
                out[t] = self.state[rows].sum(axis=0)
        return out

    @functools.cached_property
    def _near(self) -> dict[int, dict[str, int]]:
        """Per neighbour offset: the feature string -> the row of "<offset>:<feature>"."""
        out: dict[int, dict[str, int]] = {off: {} for off in _OFFSETS}
        for attr, row in self.index.items():
            head, sep, rest = attr.partition(":")
            if sep and head.lstrip("-").isdigit() and int(head) in out:
                out[int(head)][rest] = row
        return out

    @functools.cached_property
    def _padded(self) -> np.ndarray:
        return np.vstack([self.state, np.zeros((1, self.state.shape[1]))])

    def base_scores(self, base: list[list[str]], part: list[list[str]] | None = None
                    ) -> np.ndarray:
        """`scores(unit_features(...))` from the unit's own features (`unit_base`):
        neighbour attributes are looked up per offset instead of built as strings."""
        index, near = self.index, self._near
        zero = len(self.state)  # the padding row: every token has at least one row
        bias = index.get("bias", zero)
        pads = {off: index.get(f"{off}:pad", zero) for off in _OFFSETS}
        part = part if part is not None else _neighbour_part(base)
        n = len(base)
        flat: list[int] = []
        starts: list[int] = []
        get = index.get
        gets = {off: near[off].get for off in _OFFSETS}
        for k, own in enumerate(base):
            starts.append(len(flat))
            flat.append(bias)
            # unknown attributes map to the zero row (map + dict.get: the loop runs in C)
            flat.extend(map(get, own, repeat(zero)))
            for off in _OFFSETS:
                j = k + off
                if 0 <= j < n:
                    flat.extend(map(gets[off], part[j], repeat(zero)))
                else:
                    flat.append(pads[off])
        return np.add.reduceat(self._padded[flat], starts, axis=0)

    def tag_base(self, base: list[list[str]], part: list[list[str]] | None = None
                 ) -> list[str]:
        """`tag(unit_features(...))` from the unit's own features (and, when given,
        their neighbour part, `_unit_near`)."""
        return self.viterbi(self.base_scores(base, part)) if base else []

    def tag(self, xseq: list[list[str]]) -> list[str]:
        """The best label sequence (Viterbi)."""
        return self.viterbi(self.scores(xseq)) if xseq else []

    def viterbi(self, emit: np.ndarray) -> list[str]:
        """The best label sequence for per-token label scores."""
        n, k = emit.shape
        best = emit[0].copy()
        back = np.zeros((n, k), dtype=np.int64)
        for t in range(1, n):
            cand = best[:, None] + self.transitions  # from x to
            back[t] = cand.argmax(axis=0)
            best = cand.max(axis=0) + emit[t]
        path = [int(best.argmax())]
        for t in range(n - 1, 0, -1):
            path.append(int(back[t, path[-1]]))
        return [self.labels[i] for i in reversed(path)]


@functools.lru_cache(maxsize=4)
def load_tagger(directory: Path = MODEL_DIR) -> Tagger | None:
    """The shipped tagger, or None when its files are absent (rules only then)."""
    if not (directory / "weights.npz").is_file() or not (directory / "vocab.json").is_file():
        return None
    return Tagger.load(directory)


def tag_doc(tagger: Tagger, doc: Any, entities: Sequence[Entity] = ()
            ) -> list[tuple[tuple[int, int], list[str]]]:
    """(unit token range, tags) for every sequence unit of the doc."""
    feats = doc_features(doc, entities)
    out = []
    for s, e in sequence_units(doc):
        base = unit_base(s, e, feats)
        out.append(((s, e), tagger.tag_base(base, _unit_near(s, base, feats))))
    return out


def tag_spans(tags: list[str], offset: int = 0) -> list[tuple[str, int, int]]:
    """(role, first token, last token exclusive) runs; an I- without a B- starts a run."""
    out: list[tuple[str, int, int]] = []
    cur: list[Any] | None = None
    for i, tag in enumerate(tags + ["O"]):
        prefix, _, role = tag.partition("-")
        if cur is not None and (prefix != "I" or role != cur[0]):
            out.append((cur[0], cur[1] + offset, i + offset))
            cur = None
        if prefix in {"B", "I"} and cur is None:
            cur = [role, i]
    return out


# ---------------------------------------------------------------------------- records
def _chars(doc: Any, s: int, e: int, chars: str = " \t\n") -> tuple[int, int]:
    start, end = doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text)
    return trim(doc_text(doc), start, end, chars)


def _unit_of(units: list[Unit], tok: Any) -> Unit:
    for u in units:
        if u.has(tok):
            return u
    return units[-1]


def predict_attributions(
    doc: Any,
    entities: list[Entity],
    tagger: Tagger | None = None,
    resolver: SpeakerResolver | None = None,
) -> list[Attribution]:
    """The tagger's attributions for the doc (ids are f"crf{n}": callers renumber)."""
    tagger = tagger or load_tagger()
    if tagger is None or len(doc) == 0:
        return []
    resolver = resolver or SpeakerResolver(doc, entities)
    quotes = find_quotes(doc_text(doc))
    units = split_units(doc)
    out: list[Attribution] = []
    for (s, _e), tags in tag_doc(tagger, doc, entities):
        spans = tag_spans(tags, offset=s)
        cues = [sp for sp in spans if sp[0] == "CUE"]
        if not cues:
            continue
        groups: dict[int, dict[str, list[tuple[int, int]]]] = {
            k: {"SOURCE": [], "CONTENT": []} for k in range(len(cues))}
        for role, a, b in spans:
            if role == "CUE":
                continue
            k = min(range(len(cues)), key=lambda j: min(abs(cues[j][1] - b), abs(a - cues[j][2])))
            groups[k][role].append((a, b))
        for k, (_, ca, cb) in enumerate(cues):
            sources, contents = groups[k]["SOURCE"], groups[k]["CONTENT"]
            if not contents:
                continue
            att = _record(doc, units, resolver, quotes, (ca, cb), sources, contents,
                          len(out) + 1)
            if not refused(_cue_token(doc, (ca, cb)), att):
                out.append(att)
    return out


def _cue_token(doc: Any, cue: tuple[int, int]) -> Any:
    span = doc[cue[0]:cue[1]]
    return next((t for t in span if is_cue(t)), span.root)


def refused(cue: Any, att: Attribution) -> bool:
    """The refusals listed in the module docstring."""
    lemma = cue.lemma_.lower()
    if cue.dep_ in {"relcl", "acl"} and not any(
            c.dep_.startswith("nsubj") and c.lower_ in _RELATIVE for c in cue.children):
        return True
    if lemma in CHARACTERISE:
        return True
    return not is_cue(cue) and att.source.kind not in _SPEAKING_KINDS


def _record(
    doc: Any, units: list[Unit], resolver: SpeakerResolver, quotes: list[Any],
    cue: tuple[int, int], sources: list[tuple[int, int]], contents: list[tuple[int, int]],
    n: int,
) -> Attribution:
    text = doc_text(doc)
    cs, ce = _chars(doc, *cue)
    lemma = _cue_token(doc, cue).lemma_.lower()
    if sources:
        # the source nearest the cue
        a, b = min(sources, key=lambda ab: min(abs(ab[0] - cue[1]), abs(cue[0] - ab[1])))
        head = doc[a:b].root
        ss, se = _chars(doc, a, b, " \t\n,;:")  # "X, the mayor," names X, the mayor
        ref = resolver.resolve(head, _unit_of(units, head))
        ref = ref.model_copy(update={"span": Span(start=ss, end=se, text=text[ss:se])})
    else:
        ref = SourceRef(name="unknown", kind=SourceKind.UNKNOWN)
    content = [_chars(doc, a, b) for a, b in sorted(contents)]
    content = [(a, b) for a, b in content if b > a]
    kind = classify_content(text, quotes, content) if content else AttributionKind.INDIRECT
    return Attribution(
        id=f"crf{n}",
        source=ref,
        cue=Span(start=cs, end=ce, text=text[cs:ce]),
        cue_lemma=lemma,
        polarity=cue_polarity(lemma),
        content=[Span(start=a, end=b, text=text[a:b]) for a, b in content],
        kind=kind,
        produced_by=PRODUCED_BY,
    )
