"""Stance model throughput: (claim, body) pairs per second on one core.

    python bench/stance.py [--fnc1 ../shared/eval/fnc1] [--n 4000] [--model DIR]

Pairs: the first N rows of an FNC-1-format folder when given (bodies recur across
headlines there, as in any batch of claims against one story's articles), else N pairs
built from the synthetic corpus (bench/corpus.py). Two batches are timed for each
variant: "as given" (the batch de-duplicates repeated bodies) and "distinct bodies"
(every pair has a body of its own: the worst case). Threads are pinned to one before
numpy (and torch) load. Issue 4 asks for at least 2,000 pairs/s without embeddings.

Each batch is timed `--repeat` times (default 3) and the median is reported, as wall-clock
pairs/s and as pairs per CPU-second of this process (steadier when other jobs share the
cores); the 1-minute load average at the start is printed with them.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import json  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))


def pairs_from(fnc1: Path | None, n: int) -> tuple[str, list[tuple[str, str]]]:
    if fnc1 is not None and (fnc1 / "stances.csv").exists():
        from counterpoint.eval.fnc1 import load_fnc1

        rows = load_fnc1(fnc1)[:n]
        return f"first {len(rows)} FNC-1 rows", [(r.headline, r.body) for r in rows]
    from corpus import generate_corpus

    texts = [text for _, text in generate_corpus(max(50, n // 20))]
    heads = [t.strip().split("\n")[0][:120] for t in texts]
    return f"{n} synthetic pairs", [(heads[i % len(heads)], texts[(i * 7) % len(texts)]) for i in range(n)]


def distinct(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The same pairs with every body made unique (a marker word appended)."""
    return [(h, f"{b} Ref{i}.") for i, (h, b) in enumerate(pairs)]


def time_batch(model, pairs: list[tuple[str, str]], variant: str, repeat: int = 1) -> tuple[float, float]:  # noqa: ANN001
    """Median wall-clock and CPU pairs/s over `repeat` runs of one batch."""
    wall, cpu = [], []
    for _ in range(max(repeat, 1)):
        t0, c0 = time.perf_counter(), time.process_time()
        model.predict_proba([c for c, _ in pairs], [b for _, b in pairs], kind="body", variant=variant)
        wall.append(len(pairs) / (time.perf_counter() - t0))
        cpu.append(len(pairs) / max(time.process_time() - c0, 1e-9))
    return statistics.median(wall), statistics.median(cpu)


def rates(model, pairs: list[tuple[str, str]], variant: str, repeat: int) -> dict[str, float]:  # noqa: ANN001
    out: dict[str, float] = {}
    for name, batch in (("as_given", pairs), ("distinct_bodies", distinct(pairs))):
        wall, cpu = time_batch(model, batch, variant, repeat)
        out[f"{name}_pairs_per_s"] = round(wall, 1)
        out[f"{name}_cpu_pairs_per_s"] = round(cpu, 1)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--fnc1", type=Path, default=None)
    parser.add_argument("--n", type=int, default=4000)
    parser.add_argument("--n-embeddings", type=int, default=300, help="pairs for the (slow) embeddings variant")
    parser.add_argument("--model", type=Path, default=None)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each batch; the median is reported")
    args = parser.parse_args()

    from counterpoint.stance import embed
    from counterpoint.stance.model import load_model

    model = load_model(args.model)
    label, pairs = pairs_from(args.fnc1, args.n)
    model.predict_proba([pairs[0][0]], [pairs[0][1]], variant="lexical")  # warm-up
    result = {"pairs": label, "load_avg_1min": round(os.getloadavg()[0], 2), "repeat": args.repeat,
              "lexical": rates(model, pairs, "lexical", args.repeat)}
    if args.n_embeddings > 0 and "embeddings" in model.trees and embed.available():
        import torch

        torch.set_num_threads(1)
        sub = pairs[: args.n_embeddings]
        model.predict_proba([sub[0][0]], [sub[0][1]], variant="embeddings")
        result["embeddings"] = {"pairs": len(sub), **rates(model, sub, "embeddings", 1)}
    print(json.dumps(result, indent=2))
    print(f"lexical_pairs_per_s={result['lexical']['distinct_bodies_pairs_per_s']}")


if __name__ == "__main__":
    main()
