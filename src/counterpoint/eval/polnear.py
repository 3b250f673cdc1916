"""`counterpoint eval polnear`: attribution extraction scored on a PolNeAR-format folder.

Each system turns a document's text into attributions as character ranges
(`GoldAttribution` records) and is timed; `counterpoint.eval.metrics` scores them
against the gold annotations. Systems:

- `counterpoint`: the real per-article pipeline (`pipeline.analyze_article`) on an
  `Article` whose body is the `.txt` as is. The cleaning stage is *not* run: PolNeAR
  texts are already clean and gold offsets are into the `.txt`. Its attributions are
  those of `attribution.stage.attribute_article` (fast parse, entities, rules, tagger),
  the path bench/attribution.py times. Where a later stage of that pipeline fails on a
  document, the attribution stage alone stands in and the failure
  is listed under "errors". Outlet-voice attributions (`source.kind == "outlet"`) are
  dropped, since PolNeAR does not annotate the author's own voice. Roles: source =
  `source.span`, cue = `cue_parts` when the cue is in pieces (written as a
  discontinuous brat span), else `cue`; content = `content`.
- `textacy`: `textacy.extract.triples.direct_quotations` on the spaCy doc, the reference
  baseline (direct quotes only). Where textacy refuses a document (an odd number of
  quotation marks) it predicts nothing for it. Needs the `eval` extra.

Both timings include the spaCy parse (counterpoint parses inside `analyze_article`).
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
from collections.abc import Callable, Sequence
from itertools import islice
from pathlib import Path
from typing import Any

from counterpoint.errors import CounterpointError
from counterpoint.eval.brat import write_ann
from counterpoint.eval.metrics import DocumentCounts, score_document, summarize
from counterpoint.eval.polnear_data import GoldAttribution, PolnearDoc, Ranges, load_polnear

EVAL_PRODUCER = "eval/1"
System = Callable[[str, Any], tuple[GoldAttribution, ...]]


def _span_ranges(span: Any) -> Ranges:
    return ((span.start, span.end),) if span is not None and span.end > span.start else ()


class StageFailure(Exception):
    """A pipeline stage failed on a document; `predicted` is what the fallback gave."""

    def __init__(self, message: str, predicted: tuple[GoldAttribution, ...]) -> None:
        super().__init__(message)
        self.predicted = predicted


def _attributions_only(article: Any, nlp: Any) -> list[Any]:
    from counterpoint.attribution.stage import attribute_article

    return attribute_article(article, nlp).attributions


def counterpoint_system(text: str, nlp: Any) -> tuple[GoldAttribution, ...]:
    """counterpoint's attributions of `text`, outlet voice left out, as ranges.

    Cascade: `analyze_article` (the whole per-article pipeline) -> on an exception, the
    attribution stage alone, raised as `StageFailure` carrying its predictions.
    """
    from counterpoint.pipeline import analyze_article
    from counterpoint.records import Article

    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]
    article = Article(id=digest, source="polnear", body=text, produced_by=EVAL_PRODUCER)
    try:
        attributions = analyze_article(article, nlp).attributions
    except Exception as exc:  # noqa: BLE001 - a later stage's bug must not hide attribution's score
        predicted = attribution_ranges(_attributions_only(article, nlp))
        raise StageFailure(f"{type(exc).__name__}: {exc}"[:160], predicted) from exc
    return attribution_ranges(attributions)


def attribution_ranges(attributions: Sequence[Any]) -> tuple[GoldAttribution, ...]:
    """`Attribution` records as role ranges; outlet-voice ones dropped (PolNeAR has none)."""
    from counterpoint.records import SourceKind

    out = []
    for attribution in attributions:
        if attribution.source.kind == SourceKind.OUTLET:
            continue
        out.append(
            GoldAttribution(
                source=_span_ranges(attribution.source.span),
                cue=tuple(r for span in (attribution.cue_parts or [attribution.cue])
                          for r in _span_ranges(span)),
                content=tuple(r for span in attribution.content for r in _span_ranges(span)),
            )
        )
    return tuple(out)


def _token_ranges(tokens: Sequence[Any]) -> Ranges:
    """Character ranges of a token list, consecutive tokens merged into one range."""
    out: list[tuple[int, int]] = []
    last_i = None
    for tok in sorted(tokens, key=lambda t: t.i):
        start, end = tok.idx, tok.idx + len(tok.text)
        if out and last_i is not None and tok.i == last_i + 1:
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
        last_i = tok.i
    return tuple(out)


def textacy_system(text: str, nlp: Any) -> tuple[GoldAttribution, ...]:
    """textacy's direct quotations of `text` as ranges (nothing where textacy refuses)."""
    try:
        from textacy.extract.triples import direct_quotations
    except ImportError as exc:  # optional: only the evaluation needs it
        raise CounterpointError(
            "the textacy baseline needs textacy (pip install 'counterpoint[eval]')", reason="eval_dependency"
        ) from exc
    doc = nlp(text)
    out = []
    try:
        for speaker, cue, content in direct_quotations(doc):
            out.append(
                GoldAttribution(
                    source=_token_ranges(speaker), cue=_token_ranges(cue), content=_token_ranges(content)
                )
            )
    except ValueError:
        # textacy refuses documents with unbalanced quotation marks; keep what it gave.
        pass
    return tuple(out)


SYSTEMS: dict[str, System] = {"counterpoint": counterpoint_system, "textacy": textacy_system}


def _resolve_root(root: Path) -> Path:
    # Accept the eval folder itself as well as its polnear/ subfolder.
    root = Path(root)
    if not (root / "text").is_dir() and (root / "polnear" / "text").is_dir():
        return root / "polnear"
    return root


def evaluate_polnear(
    root: Path,
    *,
    compartments: Sequence[str] | None = ("dev",),
    out: Path | None = None,
    systems: Sequence[str] = ("counterpoint", "textacy"),
    limit: int | None = None,
    progress: bool = False,
    nlp: Any | None = None,
) -> dict:
    """Run each system over the documents of `compartments` (None: all) and score them.

    Returns {"documents", "compartments", "systems": {name: {source|cue|content|attribution:
    {"exact": {p,r,f1}, "overlap": {p,r,f1}, "predicted", "gold"}, "seconds", "words_per_s"}},
    "errors": [{"system", "document", "error"}] (stage failures, see the module docstring),
    "content_overlap_f1": counterpoint's content overlap F1 (None when not run)}. With `out`,
    writes `out/<system>/<document>.ann` predictions. `limit` keeps the first n documents
    (by name).
    """
    unknown = [s for s in systems if s not in SYSTEMS]
    if unknown:
        raise CounterpointError(
            f"unknown system(s) {', '.join(unknown)}; known: {', '.join(SYSTEMS)}", reason="eval_system"
        )
    if nlp is None:
        from counterpoint.nlp.model import load_nlp

        nlp = load_nlp()
    wanted = set(compartments) if compartments is not None else None
    docs: list[PolnearDoc] = list(islice(load_polnear(_resolve_root(root), wanted), limit))
    words = sum(len(d.text.split()) for d in docs)
    totals = {name: DocumentCounts() for name in systems}
    seconds = {name: 0.0 for name in systems}
    errors: list[dict[str, str]] = []
    for index, doc in enumerate(docs, 1):
        if progress:
            print(f"[{index}/{len(docs)}] {doc.name}", file=sys.stderr, flush=True)
        for name in systems:
            started = time.perf_counter()
            try:
                predicted = SYSTEMS[name](doc.text, nlp)
            except StageFailure as failure:
                predicted = failure.predicted
                errors.append({"system": name, "document": doc.name, "error": str(failure)})
            seconds[name] += time.perf_counter() - started
            totals[name] = totals[name] + score_document(doc.text, predicted, doc.attributions)
            if out is not None:
                write_ann(Path(out) / name / f"{doc.name}.ann", predicted, text=doc.text)
    results: dict[str, dict] = {}
    for name in systems:
        metrics: dict[str, Any] = summarize(totals[name])
        metrics["seconds"] = round(seconds[name], 2)
        metrics["words_per_s"] = round(words / seconds[name], 1) if seconds[name] else None
        results[name] = metrics
    return {
        "documents": len(docs),
        "compartments": sorted(wanted) if wanted is not None else sorted({d.compartment for d in docs}),
        "systems": results,
        "errors": errors,
        "content_overlap_f1": (
            results["counterpoint"]["content"]["overlap"]["f1"]
            if "counterpoint" in results
            else None
        ),
    }


def format_report(result: dict) -> str:
    """The metrics as JSON, then the main figure as the last line `content_overlap_f1=...`."""
    figure = result.get("content_overlap_f1")
    value = f"{figure:.3f}" if isinstance(figure, (int, float)) else "n/a"
    return json.dumps(result, indent=2, sort_keys=False) + f"\ncontent_overlap_f1={value}"
