"""`counterpoint eval stories`: story grouping scored with B-cubed on a labelled folder.

The folder holds `documents.csv` with the columns `story_id,doc_type,doc_id,text`
(the `story_clusters_fnc1` format). Each document becomes an `Article` (id = doc_id,
body = text) and all of them go, in file order (or a seeded shuffle of it), through
`counterpoint.stories.assign_stories` -- the same incremental grouping that
`counterpoint analyze` runs on the store -- starting from no stories.

B-cubed (Bagga & Baldwin 1998): for each document, precision = share of its predicted
cluster that shares its gold story, recall = share of its gold story that is in its
predicted cluster; both averaged over documents; F1 is their harmonic mean.

`part` selects the documents: "all", or one half of the stories drawn with
`split_seed` ("tune" -- the half parameters were chosen on -- or "test", the other).
"""

from __future__ import annotations

import csv
import json
import random
import sys
import time
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from counterpoint.errors import CounterpointError
from counterpoint.eval.predictions import write_csv
from counterpoint.records import Article

EVAL_PRODUCER = "eval/1"
SPLIT_SEED = 5
PARTS = ("all", "tune", "test")


@dataclass(frozen=True)
class LabelledDoc:
    doc_id: str
    story_id: str
    doc_type: str
    text: str


def load_documents(root: Path) -> list[LabelledDoc]:
    """The rows of `root/documents.csv` (or of `root` itself when it is the file)."""
    path = root / "documents.csv" if root.is_dir() else root
    if not path.is_file():
        raise CounterpointError(f"no documents.csv in {root}", reason="eval_data")
    csv.field_size_limit(sys.maxsize)
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        missing = {"story_id", "doc_id", "text"} - set(reader.fieldnames or ())
        if missing:
            raise CounterpointError(f"{path} lacks column(s) {', '.join(sorted(missing))}",
                                    reason="eval_data")
        return [LabelledDoc(r["doc_id"], r["story_id"], r.get("doc_type") or "", r["text"])
                for r in reader if r["text"].strip()]


def split_stories(docs: Sequence[LabelledDoc], seed: int = SPLIT_SEED) -> tuple[set[str], set[str]]:
    """(tune, test): the story ids, halved at random with `seed` (sorted first, so the
    split depends only on the set of stories)."""
    stories = sorted({d.story_id for d in docs})
    random.Random(seed).shuffle(stories)
    half = len(stories) // 2
    return set(stories[:half]), set(stories[half:])


def select(docs: Sequence[LabelledDoc], part: str, seed: int = SPLIT_SEED) -> list[LabelledDoc]:
    if part not in PARTS:
        raise CounterpointError(f"unknown part {part!r}; known: {', '.join(PARTS)}", reason="eval_part")
    if part == "all":
        return list(docs)
    tune, test = split_stories(docs, seed)
    keep = tune if part == "tune" else test
    return [d for d in docs if d.story_id in keep]


def bcubed(gold: Mapping[str, str], predicted: Mapping[str, str]) -> dict[str, float]:
    """B-cubed precision, recall, F1 over the documents of `gold` (a document missing
    from `predicted` counts as a cluster of its own)."""
    if not gold:
        return {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    pred = {d: predicted.get(d, f"\0{d}") for d in gold}
    both = Counter((pred[d], gold[d]) for d in gold)
    pred_size = Counter(pred.values())
    gold_size = Counter(gold.values())
    p = sum(n * n / pred_size[pc] for (pc, _), n in both.items()) / len(gold)
    r = sum(n * n / gold_size[gc] for (_, gc), n in both.items()) / len(gold)
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f1}


def predict(docs: Sequence[LabelledDoc], *, threshold: float | None = None,
            embeddings: bool = False, embedding_check: bool = False) -> dict[str, str]:
    """doc_id -> story id, from the product's incremental grouping fed in this order
    (with `embeddings`: the embedding-assisted variant; with `embedding_check`: the
    embedding check of borderline decisions; both refused without the extra)."""
    from counterpoint.stories import assign_stories
    from counterpoint.stories.embed import load_embedder

    articles = [Article(id=d.doc_id, source=d.doc_id, body=d.text, produced_by=EVAL_PRODUCER)
                for d in docs]
    kwargs: dict = {} if threshold is None else {"threshold": threshold}
    if embeddings or embedding_check:
        embedder = load_embedder()
        if embedder is None:
            raise CounterpointError("--embeddings and --embedding-check need the `embeddings` extra "
                                    "(sentence-transformers)", reason="model_unavailable")
        kwargs["embedder" if embeddings else "checker"] = embedder
    stories = assign_stories(articles, [], {}, **kwargs)
    return {aid: s.id for s in stories for aid in s.article_ids}


def evaluate_stories(
    root: Path,
    *,
    threshold: float | None = None,
    part: str = "all",
    split_seed: int = SPLIT_SEED,
    shuffle_seed: int | None = None,
    out: Path | None = None,
    embeddings: bool = False,
    embedding_check: bool = False,
) -> dict:
    """Group the documents of `part` (file order, or shuffled with `shuffle_seed`) and
    score them. Returns {"documents", "stories", "clusters", "precision", "recall",
    "bcubed_f1", "seconds", "docs_per_s", "part", "threshold"}; `out` gets
    `doc_id,story_id` rows in input order."""
    docs = select(load_documents(Path(root)), part, split_seed)
    if shuffle_seed is not None:
        docs = list(docs)
        random.Random(shuffle_seed).shuffle(docs)
    start = time.perf_counter()
    predicted = predict(docs, threshold=threshold, embeddings=embeddings, embedding_check=embedding_check)
    seconds = time.perf_counter() - start
    scores = bcubed({d.doc_id: d.story_id for d in docs}, predicted)
    if out is not None:
        write_csv(out, ["doc_id", "story_id"], ([d.doc_id, predicted.get(d.doc_id, "")] for d in docs))
    return {
        "part": part,
        "split_seed": split_seed if part != "all" else None,
        "shuffle_seed": shuffle_seed,
        "threshold": threshold,
        "embeddings": embeddings,
        "embedding_check": embedding_check,
        "documents": len(docs),
        "stories": len({d.story_id for d in docs}),
        "clusters": len(set(predicted.values())),
        "precision": round(scores["precision"], 4),
        "recall": round(scores["recall"], 4),
        "seconds": round(seconds, 2),
        "docs_per_s": round(len(docs) / seconds, 1) if seconds else None,
        "bcubed_f1": round(scores["f1"], 4),
    }


def format_report(result: dict) -> str:
    """The result as JSON, then the main figure alone on the last line."""
    return json.dumps(result, indent=2) + f"\nbcubed_f1={result['bcubed_f1']:.4f}"
