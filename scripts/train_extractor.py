"""Train the extractor's candidate scorer on a gold file, report cross-validated scores, save the model.

    python scripts/train_extractor.py ../shared/gold/dev.jsonl [--extra training/extract/*.jsonl]
        [--folds 5] [--threshold 0.5] [--save]

Cross-validation trains on k−1 folds of the gold passages (plus every ``--extra`` passage, the project's own
annotated training text) and scores the held-out fold with the same code as `oversight eval` (repeated over 20
shufflings), so the printed figures estimate quality on unseen passages; leave-one-out (each passage scored by a
model trained on all the others) is the closest estimate for the model that ``--save`` writes. ``--save`` trains
on everything (the own passages weighing ``EXTRA_WEIGHT`` each). With ``--extra``, it also prints how a model
trained on the gold set alone scores the own passages: a check on text written by other hands.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from oversight.extract.evaluate import file_hash, read_gold
from oversight.extract.model import LinearModel, train
from oversight.extract.training import EXTRA_WEIGHT, cross_validate, leave_one_out, samples, score_elsewhere

MODEL_PATH = Path(__file__).resolve().parents[1] / "src" / "oversight" / "extract" / "model.json"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("gold", type=Path)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--threshold", type=float, default=0.5)
    parser.add_argument("--extra", type=Path, nargs="*", default=[])
    parser.add_argument("--save", action="store_true")
    args = parser.parse_args()
    passages = read_gold(args.gold)
    extra = [p for path in args.extra for p in read_gold(path)]
    cv = cross_validate(passages, extra=extra, folds=args.folds, threshold=args.threshold)
    report: dict[str, object] = {
        "cross_validated": {k: cv[k] for k in ("precision", "recall", "f1")},
        "by_language": {k: v["f1"] for k, v in cv["by_language"].items()},
        "fields": cv["fields"],
    }
    loo = leave_one_out(passages, extra=extra, threshold=args.threshold)
    report["leave_one_out"] = {k: loo[k] for k in ("precision", "recall", "f1")} | {
        "by_language": {k: v["f1"] for k, v in loo["by_language"].items()}
    }
    if extra:
        own = score_elsewhere(passages, extra, threshold=args.threshold)
        report["own_passages_scored_by_a_gold_trained_model"] = {k: own[k] for k in ("precision", "recall", "f1")}
    print(json.dumps(report))
    if args.save:
        gold_rows, extra_rows = samples(passages), samples(extra)
        weights = [1.0] * len(gold_rows) + [EXTRA_WEIGHT] * len(extra_rows)
        model = train(gold_rows + extra_rows, weights=weights)
        trained_on = " + ".join(f"{path.name} sha256:{file_hash(path)}" for path in [args.gold, *args.extra])
        LinearModel(weights=model.weights, threshold=args.threshold, trained_on=trained_on).save(MODEL_PATH)
        print(f"saved {MODEL_PATH}")


if __name__ == "__main__":
    main()
