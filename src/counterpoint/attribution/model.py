"""The trained attribution tagger: features, Viterbi decoding and records.

A linear-chain CRF tags every spaCy token of a sequence unit (a paragraph, cut at
sentence ends to at most MAX_UNIT_TOKENS tokens) with BIO tags for SOURCE, CUE and
CONTENT (PolNeAR is univocal: one label per token). It is trained by
`counterpoint.train.attribution` with python-crfsuite and exported to a safe format:

  <dir>/weights.npz   state (n_attributes x n_labels, float32), transitions (n_labels^2)
  <dir>/vocab.json    {"labels": [...], "attributes": [...], "format": 1}

Runtime needs only numpy and spaCy: `Tagger.tag` scores each token as the sum of the
weights of its attribute strings and runs its own Viterbi (crfsuite's CRF1d has no
start/end transitions, so neither does this one).

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

import functools
import json
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

PRODUCED_BY = stamp("attribution.crf", 1)
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
    paragraphs: list[tuple[int, int]] = []
    start = 0
    for tok in doc:
        if tok.is_space and "\n" in tok.text:
            if tok.i > start:
                paragraphs.append((start, tok.i))
            start = tok.i + 1
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


def _cue_path(tok: Any) -> tuple[str, str]:
    """How the token hangs under the nearest cue ancestor: (relation, cue lemma).

    relation: "self" (the cue), "subj" (inside the cue's subject), "content" (below a
    ccomp/xcomp/... of the cue), "other" (elsewhere below it) or "none"."""
    if is_cue(tok):
        return "self", tok.lemma_.lower()
    child, node, steps = tok, tok.head, 0
    while node.i != child.i and steps < 12:
        if is_cue(node):
            dep = child.dep_
            rel = ("subj" if dep in {"nsubj", "nsubjpass", "agent"}
                   else "content" if dep in _CONTENT_DEPS else "other")
            return rel + ":" + dep, node.lemma_.lower()
        child, node, steps = node, node.head, steps + 1
    return "none", ""


def _token_features(tok: Any, inq: int, cue_dist: str) -> list[str]:
    low = tok.lower_
    rel, cue_lemma = _cue_path(tok)
    feats = [
        "w=" + low,
        "l=" + tok.lemma_.lower(),
        "p=" + tok.pos_,
        "t=" + tok.tag_,
        "d=" + tok.dep_,
        "hl=" + tok.head.lemma_.lower(),
        "hd=" + tok.head.dep_,
        "hp=" + tok.head.pos_,
        "dhd=" + tok.dep_ + "|" + tok.head.dep_,
        "sh=" + _shape(tok.text),
        "pre=" + low[:3],
        "suf=" + low[-3:],
        "e=" + (tok.ent_type_ or "-"),
        "eb=" + (tok.ent_iob_ or "-"),
        "q=" + ("1" if any(c in QUOTE_CHARS for c in tok.text) else "0"),
        "inq=" + str(min(inq, 2)),
        "cue=" + ("1" if is_cue(tok) else "0"),
        "hcue=" + ("1" if is_cue(tok.head) else "0"),
        "cd=" + cue_dist,
        "path=" + rel,
        "pathr=" + rel.split(":")[0],
    ]
    if cue_lemma:
        feats.append("pathl=" + rel.split(":")[0] + "|" + cue_lemma)
    if tok.is_sent_start:
        feats.append("ss")
    if tok.i + 1 >= len(tok.doc) or tok.doc[tok.i + 1].is_sent_start:
        feats.append("se")
    return feats


# features copied to neighbours (kept few so the attribute count stays bounded)
_NEIGHBOUR_PREFIXES = ("w=", "p=", "d=", "cue=", "q=", "inq=", "pathr=")


def unit_features(doc: Any, start: int, end: int) -> list[list[str]]:
    """crfsuite-style attribute strings for every token of doc[start:end]."""
    toks = list(doc[start:end])
    cue_idx = [t.i for t in toks if is_cue(t)]
    base: list[list[str]] = []
    inq = 0
    sent_start = None
    for tok in toks:
        sent = tok.sent.start
        if sent != sent_start:
            sent_start, inq = sent, 0 if inq > 1 else inq  # quotes may run over sentences
        in_now = inq
        for ch in tok.text:
            if ch in OPEN_QUOTES:
                inq += 1
            elif ch in CLOSE_QUOTES:
                inq = max(0, inq - 1)
            elif ch == '"':
                inq = 0 if inq else 1
        if cue_idx:
            nearest = min(cue_idx, key=lambda c: abs(c - tok.i))
            dist = _bucket(nearest - tok.i)
        else:
            dist = "none"
        base.append(_token_features(tok, in_now, dist))
    out: list[list[str]] = []
    n = len(toks)
    for k, feats in enumerate(base):
        row = ["bias", *feats]
        for off in (-2, -1, 1, 2):
            j = k + off
            if 0 <= j < n:
                row.extend(f"{off}:{f}" for f in base[j] if f.startswith(_NEIGHBOUR_PREFIXES))
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

    def tag(self, xseq: list[list[str]]) -> list[str]:
        """The best label sequence (Viterbi)."""
        if not xseq:
            return []
        emit = self.scores(xseq)
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


def tag_doc(tagger: Tagger, doc: Any) -> list[tuple[tuple[int, int], list[str]]]:
    """(unit token range, tags) for every sequence unit of the doc."""
    return [((s, e), tagger.tag(unit_features(doc, s, e))) for s, e in sequence_units(doc)]


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
    for (s, _e), tags in tag_doc(tagger, doc):
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
