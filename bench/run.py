"""Throughput and memory of every stage over a generated corpus.

    python bench/run.py [--n 2000] [--seed 0] [--json OUT.json]

Generates N synthetic articles (bench/corpus.py), then runs each stage over all of
them in one process on one core, timing each stage separately: read+clean, spaCy
parse (fast path), entity recognizer, entities, attribution, claims, time expressions, store
writes (SQLite, one transaction per batch), story grouping, and comparison of each
story. Prints articles/s and words/s per stage and the peak resident memory.
This is a benchmark, not a test: figures depend on the machine.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import generate_articles  # noqa: E402

from counterpoint.attribution import extract_attributions  # noqa: E402
from counterpoint.claims import extract_claims  # noqa: E402
from counterpoint.clean import clean_document  # noqa: E402
from counterpoint.sources.text import read_text_bytes  # noqa: E402
from counterpoint.nlp.entities import find_entities  # noqa: E402
from counterpoint.nlp.model import add_entities, load_nlp, parse_fast  # noqa: E402
from counterpoint.pipeline import assemble_analysis  # noqa: E402
from counterpoint.records import Story  # noqa: E402
from counterpoint.store import open_store  # noqa: E402
from counterpoint.time import find_times  # noqa: E402


def bcubed_f1(gold: dict[str, str], pred: dict[str, str]) -> float:
    """B-cubed F1 of a grouping against the generator's true stories."""
    from collections import Counter

    pairs = Counter((gold[i], pred[i]) for i in gold)
    gold_size, pred_size = Counter(gold.values()), Counter(pred.values())
    precision = sum(n * n / pred_size[p] for (g, p), n in pairs.items()) / len(gold)
    recall = sum(n * n / gold_size[g] for (g, p), n in pairs.items()) / len(gold)
    return 2 * precision * recall / (precision + recall)


def peak_rss_mb() -> float:
    # ru_maxrss is KiB on Linux
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Timer:
    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)

    def run(self, stage: str, fn, *args, **kwargs):
        start = time.perf_counter()
        value = fn(*args, **kwargs)
        self.seconds[stage] += time.perf_counter() - start
        return value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=2000, help="articles to generate")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", type=Path, help="also write the figures as JSON here")
    args = parser.parse_args()

    generated = list(generate_articles(args.n, seed=args.seed))
    texts = [(g.filename, g.text) for g in generated]
    words = sum(len(text.split()) for _, text in texts)
    timer = Timer()
    nlp = timer.run("load spaCy model (once)", load_nlp)

    articles = []
    for name, text in texts:
        raw = timer.run("read + clean", read_text_bytes, text.encode("utf-8"), name)
        articles.append(timer.run("read + clean", clean_document, raw))

    analyses = []
    # The same steps as pipeline.analyze_article, one by one so each can be timed.
    for article in articles:
        doc = timer.run("spaCy parse (fast path, no NER)", parse_fast, article.body, nlp=nlp)
        speakers = timer.run("entities", find_entities, article, doc)
        attributions = timer.run("attribution", extract_attributions, article, doc, speakers)
        doc = timer.run("spaCy entity recognizer", add_entities, doc, nlp=nlp)
        entities = timer.run("entities", find_entities, article, doc)
        claims = timer.run("claims", extract_claims, article, doc, attributions)
        times = timer.run("time expressions", find_times, article, doc)
        analyses.append(assemble_analysis(article, doc, entities, attributions, claims, times))

    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(str(Path(tmp) / "bench.sqlite"))

        def write_all() -> None:
            for i in range(0, len(articles), 64):
                with store.unit_of_work():
                    store.put_articles(articles[i : i + 64])
                    store.put_analyses(analyses[i : i + 64])

        timer.run("store writes (SQLite)", write_all)
        store.close()

    from counterpoint.pipeline import compare_articles
    from counterpoint.stories import assign_stories

    by_id = {a.id: a for a in articles}
    stories = timer.run("story grouping", assign_stories, articles, [], by_id)
    gold = {a.id: g.story_id for a, g in zip(articles, generated)}
    grouping_f1 = bcubed_f1(gold, {i: s.id for s in stories for i in s.article_ids})

    # Compare each generated story (the generator knows the true grouping), so the
    # compare figure does not depend on how well the grouping did.
    analysis_by_id = {a.article_id: a for a in analyses}
    true_stories: dict[str, list[str]] = defaultdict(list)
    for article_id, sid in gold.items():
        true_stories[sid].append(article_id)
    for sid, ids in true_stories.items():
        story = Story(id=f"generated-{sid}", title=str(sid), article_ids=ids, produced_by="bench/1")
        timer.run(
            "compare (per story)", compare_articles, story, [by_id[i] for i in ids],
            [analysis_by_id[i] for i in ids],
        )

    analysis_total = sum(
        timer.seconds[s]
        for s in (
            "spaCy parse (fast path, no NER)", "spaCy entity recognizer", "entities", "attribution",
            "claims", "time expressions",
        )
    )
    rows = []
    for stage, seconds in timer.seconds.items():
        per_article = stage != "load spaCy model (once)"
        rows.append(
            {
                "stage": stage,
                "seconds": round(seconds, 3),
                "articles_per_s": round(len(articles) / seconds, 1) if per_article and seconds else None,
                "words_per_s": round(words / seconds) if per_article and seconds else None,
            }
        )
    rows.append(
        {
            "stage": "analysis total (parse+entities+attribution+claims+time)",
            "seconds": round(analysis_total, 3),
            "articles_per_s": round(len(articles) / analysis_total, 1),
            "words_per_s": round(words / analysis_total),
        }
    )
    summary = {
        "articles": len(articles),
        "words": words,
        "stories_true": len(true_stories),
        "stories_grouped": len(stories),
        "grouping_bcubed_f1_vs_generator": round(grouping_f1, 3),
        "peak_rss_mb": round(peak_rss_mb(), 1),
        "python": platform.python_version(),
        "machine": f"{platform.machine()}, 1 process",
        "stages": rows,
    }
    print(
        f"{len(articles)} articles, {words} words, {len(true_stories)} generated stories; "
        f"grouping found {len(stories)} (B-cubed F1 {grouping_f1:.3f}); one process, one core"
    )
    print(f"{'stage':58} {'seconds':>9} {'articles/s':>11} {'words/s':>10}")
    for row in rows:
        aps = "" if row["articles_per_s"] is None else f"{row['articles_per_s']:.1f}"
        wps = "" if row["words_per_s"] is None else f"{row['words_per_s']:,}"
        print(f"{row['stage']:58} {row['seconds']:9.2f} {aps:>11} {wps:>10}")
    print(f"peak resident memory: {summary['peak_rss_mb']} MB")
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
