"""Story grouping: throughput, peak memory and B-cubed at growing corpus sizes.

    python bench/stories.py [--sizes 10000,30000,100000] [--per-story 20] [--seed 0] [--json OUT]

For each size N, a fresh subprocess (so peak memory is that size's own) generates N
synthetic articles telling N / per-story stories (bench/corpus.py), turns them into
`Article` records (headline as title, dated) and feeds them, in generation order, to
`counterpoint.stories.assign_stories` -- the incremental grouping `counterpoint
analyze` runs. It reports articles/s of the grouping alone, the peak resident memory
of the process (corpus included), and B-cubed against the generator's story ids;
articles per CPU second as well (wall-clock figures on a shared machine mostly
measure the neighbours).
Linear growth shows as a flat articles/s column. This is a benchmark, not a test.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def run_one(n: int, per_story: int, seed: int) -> dict:
    """Group N generated articles in this process; the figures for one size."""
    import datetime as dt

    from corpus import generate_articles

    from counterpoint.eval.stories import bcubed
    from counterpoint.records import Article, PartialDate
    from counterpoint.stories import assign_stories

    stories = max(1, n // per_story)
    articles, gold = [], {}
    for art in generate_articles(n, seed=seed, stories=stories):
        title, _, body = art.text.partition("\n")
        p: dt.datetime = art.published
        articles.append(Article(
            id=art.filename, source=art.filename, outlet=art.outlet, title=title.strip(), body=body,
            published=PartialDate(year=p.year, month=p.month, day=p.day), produced_by="bench/1"))
        gold[art.filename] = str(art.story_id)
    words = sum(len(a.body.split()) for a in articles)
    start, cpu_start = time.perf_counter(), time.process_time()
    grouped = assign_stories(articles, [], {})
    seconds = time.perf_counter() - start
    # CPU time too: on a shared machine wall-clock throughput says more about the
    # neighbours than about the grouper
    cpu_seconds = time.process_time() - cpu_start
    predicted = {aid: s.id for s in grouped for aid in s.article_ids}
    scores = bcubed(gold, predicted)
    return {
        "articles": n,
        "gold_stories": stories,
        "clusters": len(grouped),
        "seconds": round(seconds, 1),
        "articles_per_s": round(n / seconds, 1),
        "cpu_seconds": round(cpu_seconds, 1),
        "articles_per_cpu_s": round(n / cpu_seconds, 1),
        "words_per_s": round(words / seconds),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "bcubed_precision": round(scores["precision"], 4),
        "bcubed_recall": round(scores["recall"], 4),
        "bcubed_f1": round(scores["f1"], 4),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,30000,100000", help="comma-separated corpus sizes")
    parser.add_argument("--per-story", type=int, default=20, help="articles per story (default 20)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", type=Path, help="also write the rows as JSON here")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # child process: one size
    args = parser.parse_args(argv)
    if args.one is not None:
        sys.stdout.write(json.dumps(run_one(args.one, args.per_story, args.seed)) + "\n")
        return 0

    rows = []
    header = ("articles", "stories", "clusters", "s", "articles/s", "CPU s", "articles/CPU s",
              "peak RSS MB", "B3 P", "B3 R", "B3 F1")
    print(f"story grouping on {platform.processor() or platform.machine()}, python {platform.python_version()}")
    print(" | ".join(header))
    for n in [int(x) for x in args.sizes.split(",") if x]:
        child = subprocess.run(
            [sys.executable, __file__, "--one", str(n), "--per-story", str(args.per_story),
             "--seed", str(args.seed)], capture_output=True, text=True, check=True)
        row = json.loads(child.stdout.strip().splitlines()[-1])
        rows.append(row)
        print(" | ".join(str(v) for v in (
            row["articles"], row["gold_stories"], row["clusters"], row["seconds"], row["articles_per_s"],
            row["cpu_seconds"], row["articles_per_cpu_s"], row["peak_rss_mb"], row["bcubed_precision"],
            row["bcubed_recall"], row["bcubed_f1"])), flush=True)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
