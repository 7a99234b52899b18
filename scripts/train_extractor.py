"""Train the extractor's candidate scorer on a gold file, report k-fold cross-validated scores, save the model.

    python scripts/train_extractor.py ../shared/gold/dev.jsonl [--folds 5] [--save]

Cross-validation trains on k−1 folds of passages and scores the held-out fold with the same code as
`oversight eval`, so the printed figures estimate quality on unseen passages of the same kind.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path
from typing import Any

from oversight.extract.candidates import generate
from oversight.extract.engine import Extractor
from oversight.extract.evaluate import GoldPassage, evaluate, file_hash, read_gold
from oversight.extract.lexicon import lexicon
from oversight.extract.mentions import analyse
from oversight.extract.model import LinearModel, train
from oversight.extract.scoring import Score, matches, score_passage
from oversight.reference import reference

MODEL_PATH = Path(__file__).resolve().parents[1] / "src" / "oversight" / "extract" / "model.json"


def samples(passages: list[GoldPassage]) -> list[tuple[dict[str, float], bool]]:
    """(features, is-a-gold-deployment) for every candidate of every passage."""
    ref, lex = reference(), lexicon()
    out = []
    extractor = Extractor()
    for passage in passages:
        for start, end in extractor.blocks(passage.text):
            for candidate in generate(analyse(passage.text[start:end], lex), ref):
                vendor = ref.vendor_by_id(candidate.vendor_id) if candidate.vendor_id else None
                row = {
                    "vendor": vendor.name if vendor else None,
                    "vendor_country": candidate.vendor_country,
                    "recipient_country": candidate.recipient,
                    "technology": candidate.technology,
                }
                out.append((candidate.features, any(matches(row, gold) for gold in passage.deployments)))
    return out


def cross_validate(
    passages: list[GoldPassage], folds: int, *, seeds: tuple[int, ...] = (13, 29, 47), threshold: float = 0.5
) -> dict[str, Any]:
    """k-fold cross-validation repeated over several shufflings; the scores pool every held-out prediction."""
    features = {p.id: samples([p]) for p in passages}
    total = Score()
    for seed in seeds:
        order = list(range(len(passages)))
        random.Random(seed).shuffle(order)
        for fold in range(folds):
            held_out = set(order[fold::folds])
            train_rows = [row for i in order if i not in held_out for row in features[passages[i].id]]
            model = LinearModel(weights=train(train_rows).weights, threshold=threshold)
            test = [passages[i] for i in sorted(held_out)]
            _, predictions = evaluate(test, Extractor(model=model))
            for passage, predicted in zip(test, predictions, strict=True):
                score_passage(total, language=passage.language, predicted=predicted["claims"], gold=passage.deployments)
    return total.as_json()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("gold", type=Path)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--threshold", type=float, default=0.5)
    parser.add_argument("--save", action="store_true")
    args = parser.parse_args()
    passages = read_gold(args.gold)
    cv = cross_validate(passages, args.folds, threshold=args.threshold)
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
        model = train(samples(passages), trained_on=f"sha256:{file_hash(args.gold)}")
        LinearModel(weights=model.weights, threshold=args.threshold, trained_on=model.trained_on).save(MODEL_PATH)
        print(f"saved {MODEL_PATH}")


if __name__ == "__main__":
    main()
