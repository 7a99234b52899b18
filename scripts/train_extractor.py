"""Train the extractor's candidate scorer on a gold file, report cross-validated scores, save the model.

    python scripts/train_extractor.py ../shared/gold/dev.jsonl [--extra training/extract/*.jsonl]
        [--folds 5] [--threshold 0.5] [--save]

Cross-validation trains on k−1 folds of the gold passages (plus every ``--extra`` passage, the project's own
annotated training text) and scores the held-out fold with the same code as `oversight eval` (repeated over three
shufflings), so the printed figures estimate quality on unseen passages. ``--save`` trains on everything.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from oversight.extract.evaluate import file_hash, read_gold
from oversight.extract.model import LinearModel, train
from oversight.extract.training import cross_validate, samples

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
    print(
        json.dumps(
            {
                "cross_validated": {k: cv[k] for k in ("precision", "recall", "f1")},
                "by_language": {k: v["f1"] for k, v in cv["by_language"].items()},
                "fields": cv["fields"],
            }
        )
    )
    if args.save:
        model = train(samples(passages + extra))
        trained_on = " + ".join(f"{path.name} sha256:{file_hash(path)}" for path in [args.gold, *args.extra])
        LinearModel(weights=model.weights, threshold=args.threshold, trained_on=trained_on).save(MODEL_PATH)
        print(f"saved {MODEL_PATH}")


if __name__ == "__main__":
    main()
