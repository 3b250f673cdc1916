"""Attribution throughput against spaCy's full pipeline on the same text.

    python bench/attribution.py [--polnear ../shared/eval/polnear] [--n 300]

On each text: (1) spaCy's full pipeline alone (`nlp(text)`), and (2) the whole
attribution stage as the product and `counterpoint eval polnear` run it
(`counterpoint.attribution.stage.attribute_article`: fast parse + entities + rules +
tagger). Each is timed over all texts once, after one warm-up text, in wall-clock time
and in this process's CPU time (the machine is shared: CPU time is the steadier of
the two). The stage runs cold: its POS/lemma cache (nlp.model.fill_pos_lemma) starts
with the warm-up text only. Prints
words/s of both and their ratio. Issue 3 aims for the attribution stage at twice the
full pipeline's throughput (by parsing only what can hold an attribution) while losing
no more than one point of F1; this script is the measure. Texts: PolNeAR's dev
compartment when the folder is given and present, else N generated articles.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from counterpoint.attribution.stage import attribute_article  # noqa: E402
from counterpoint.nlp.model import load_nlp, parse_fast  # noqa: E402
from counterpoint.records import Article  # noqa: E402


def texts_from(polnear: Path | None, n: int) -> tuple[str, list[str]]:
    if polnear is not None and (polnear / "text").is_dir():
        from counterpoint.eval.polnear_data import load_polnear

        return "PolNeAR dev", [d.text for d in load_polnear(polnear, {"dev"})]
    from corpus import generate_corpus

    return f"{n} generated articles", [text for _, text in generate_corpus(n)]


def _timed(fn, items) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process) for fn over items."""
    wall, cpu = time.perf_counter(), time.process_time()
    for item in items:
        fn(item)
    return time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--polnear", type=Path, default=None)
    parser.add_argument("--n", type=int, default=300)
    args = parser.parse_args()
    label, texts = texts_from(args.polnear, args.n)
    words = sum(len(t.split()) for t in texts)
    nlp = load_nlp()
    articles = [Article(id=f"{n:032d}", source="bench", body=text, produced_by="bench/1")
                for n, text in enumerate(texts)]
    nlp(texts[0])  # warm up both paths on the first text
    attribute_article(articles[0])

    full = _timed(nlp, texts)
    stage = _timed(attribute_article, articles)
    fast = _timed(parse_fast, texts)  # after the stage: its POS/lemma cache is warm

    print(f"{label}: {len(texts)} texts, {words} words, one process")
    print(f"{'':34s}{'wall words/s':>14s}{'CPU words/s':>14s}")
    for name, (wall, cpu) in (("spaCy full pipeline", full), ("attribution stage (all in)", stage),
                              ("  of which the fast parse (warm)", fast)):
        print(f"{name:34s}{words / wall:14,.0f}{words / cpu:14,.0f}")
    print(f"{'ratio attribution/spaCy':34s}{full[0] / stage[0]:14.2f}{full[1] / stage[1]:14.2f}"
          "  (issue 3 aims for >= 2.0)")


if __name__ == "__main__":
    main()
