"""Attribution throughput against spaCy's full pipeline on the same text.

    python bench/attribution.py [--polnear ../shared/eval/polnear] [--n 300]

On each text: (1) spaCy's full pipeline alone (`nlp(text)`), and (2) the whole
attribution stage as the product runs it (parse + entities + rules + tagger). Prints
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

from counterpoint.attribution import extract_attributions  # noqa: E402
from counterpoint.nlp.entities import find_entities  # noqa: E402
from counterpoint.nlp.model import load_nlp  # noqa: E402
from counterpoint.records import Article  # noqa: E402


def texts_from(polnear: Path | None, n: int) -> tuple[str, list[str]]:
    if polnear is not None and (polnear / "text").is_dir():
        from counterpoint.eval.polnear_data import load_polnear

        return "PolNeAR dev", [d.text for d in load_polnear(polnear, {"dev"})]
    from corpus import generate_corpus

    return f"{n} generated articles", [text for _, text in generate_corpus(n)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--polnear", type=Path, default=None)
    parser.add_argument("--n", type=int, default=300)
    args = parser.parse_args()
    label, texts = texts_from(args.polnear, args.n)
    words = sum(len(t.split()) for t in texts)
    nlp = load_nlp()
    nlp(texts[0])  # warm up

    start = time.perf_counter()
    for text in texts:
        nlp(text)
    full = time.perf_counter() - start

    start = time.perf_counter()
    for n, text in enumerate(texts):
        article = Article(id=f"{n:032d}", source="bench", body=text, produced_by="bench/1")
        doc = nlp(text)
        extract_attributions(article, doc, find_entities(article, doc))
    stage = time.perf_counter() - start

    print(f"{label}: {len(texts)} texts, {words} words, one process, one core")
    print(f"spaCy full pipeline        {words / full:10,.0f} words/s")
    print(f"attribution stage (all in) {words / stage:10,.0f} words/s")
    print(f"ratio attribution/spaCy    {full / stage:10.2f}  (issue 3 aims for >= 2.0)")


if __name__ == "__main__":
    main()
