"""Time the comparison of one story of many analysed articles.

    python bench/compare.py [--n 50] [--seed 0] [--repeats 5] [--profile] [--cache FILE]

Generates articles with bench/corpus.py `generate_articles`, keeps the first `--n`
articles of one generated story (story 0), analyses them once (clean, parse,
entities, attribution, claims, time: the full per-article pipeline), then times
`pipeline.compare_articles` over them `--repeats` times and prints seconds per story
(best and median). `--profile` adds a cProfile of one more run (top functions by
cumulative time). `--cache FILE` stores the analysed articles as JSON so that later
runs skip the analysis (delete it after changing an analysis stage).

The target (issue 5): under 2 s per story of 50 articles on one core.
This is a benchmark, not a test: figures depend on the machine.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import generate_articles  # noqa: E402

from counterpoint.records import Analysis, Article, Story  # noqa: E402


def story_articles(n: int, seed: int, story_id: int = 0) -> list[Article]:
    """The first `n` generated articles of one story, cleaned."""
    from counterpoint.clean import clean_document
    from counterpoint.sources.text import read_text_bytes

    out: list[Article] = []
    i = 0
    for art in generate_articles(n * 200, seed):
        i += 1
        if art.story_id != story_id:
            continue
        raw = read_text_bytes(art.text.encode("utf-8"), art.filename,
                              meta={"outlet": art.outlet, "url": art.url})
        out.append(clean_document(raw))
        if len(out) == n:
            break
    return out


def analysed(n: int, seed: int, cache: Path | None) -> tuple[list[Article], list[Analysis]]:
    if cache is not None and cache.exists():
        data = json.loads(cache.read_text(encoding="utf-8"))
        if data.get("n") == n and data.get("seed") == seed:
            return ([Article.model_validate(a) for a in data["articles"]],
                    [Analysis.model_validate(a) for a in data["analyses"]])
    from counterpoint.nlp.model import load_nlp
    from counterpoint.pipeline import analyze_article

    nlp = load_nlp()
    articles = story_articles(n, seed)
    analyses = [analyze_article(a, nlp) for a in articles]
    if cache is not None:
        cache.write_text(json.dumps({
            "n": n, "seed": seed,
            "articles": [a.model_dump(mode="json") for a in articles],
            "analyses": [a.model_dump(mode="json") for a in analyses],
        }), encoding="utf-8")
    return articles, analyses


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=50)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--cache", type=Path, default=None)
    args = parser.parse_args(argv)

    from counterpoint.pipeline import compare_articles

    t0 = time.perf_counter()
    articles, analyses = analysed(args.n, args.seed, args.cache)
    print(f"analysed {len(articles)} articles in {time.perf_counter() - t0:.1f} s "
          f"({sum(len(a.claims) for a in analyses)} claims)")
    story = Story(id="bench", title="bench", article_ids=[a.id for a in articles],
                  produced_by="bench/1")
    compare_articles(story, articles, analyses)  # warm caches (lexicon, imports)
    times: list[float] = []
    for _ in range(args.repeats):
        t = time.perf_counter()
        _, comparison = compare_articles(story, articles, analyses)
        times.append(time.perf_counter() - t)
    print(f"rows={len(comparison.rows)} contradictions={len(comparison.contradictions)} "
          f"framing={len(comparison.framing)}")
    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        compare_articles(story, articles, analyses)
        profiler.disable()
        buf = io.StringIO()
        pstats.Stats(profiler, stream=buf).sort_stats("cumulative").print_stats(25)
        print(buf.getvalue())
    print(f"compare: best {min(times):.3f} s/story, median {statistics.median(times):.3f} "
          f"s/story ({len(articles)} articles, {args.repeats} repeats)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
