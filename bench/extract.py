"""Benchmark: extraction speed against a mention-finding baseline (spaCy's PhraseMatcher on a blank pipeline).

Generates a deterministic corpus (fixed seed) of at least 20 MB of news-like English and Russian paragraphs from
templates and the reference vocabulary — most paragraphs about other things, some naming vendors, countries and
technologies — runs the full extractor over it, and, in the same run, spaCy's PhraseMatcher over the same
vocabulary doing mention finding only. Prints one JSON line: MB/s, documents/s and peak memory of each, and the
ratio ours/baseline.

    python bench/extract.py [--mb 20] [--deployment-share 0.17] [--workers 2]

``--deployment-share`` is the share of paragraphs that name a deployment (default about one in six, far denser
than a general news feed); a lower share shows how the speed depends on it. ``--workers N`` also times the
extractor in N processes (``oversight extract --workers``); the ratio above stays that of one process.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import time

EN_FILLER = [
    "The city council discussed the budget for road repairs and school buildings on Tuesday.",
    "Officials said the new bus routes would open in the spring after a public consultation.",
    "Farmers in the region reported a good harvest despite a dry summer.",
    "The central bank kept its main interest rate unchanged, citing stable inflation.",
    "A new hospital wing will add two hundred beds, the health ministry said.",
    "Parliament approved amendments to the tax code after a long debate.",
]
RU_FILLER = [
    "Городской совет обсудил бюджет на ремонт дорог и школ во вторник.",
    "Чиновники сообщили, что новые автобусные маршруты откроются весной.",
    "Фермеры региона собрали хороший урожай, несмотря на засушливое лето.",
    "Центральный банк сохранил ключевую ставку без изменений.",
    "Парламент одобрил поправки в налоговый кодекс после долгих дебатов.",
]
EN_TEMPLATES = [
    "{vendor} installed {tech} cameras in {city} for the Interior Ministry of {country} in {year}.",
    "The government of {country} signed a contract with {vendor} for a {tech} system in {year}.",
    "According to the report, {vendor} supplied {tech} equipment to the security service of {country}.",
    "Talks between {country} and {vendor} on a {tech} project have not produced an agreement.",
]
RU_TEMPLATES = [
    "Компания «{vendor}» установила систему {tech} в городе {city} в {year} году.",
    "Правительство подписало договор с {vendor} о поставке оборудования {tech}.",
    "По данным СМИ, {vendor} поставил систему {tech} для МВД.",
]
RU_TECH = ["распознавания лиц", "видеонаблюдения", "СОРМ", "«Безопасный город»"]
EN_TECH = ["facial recognition", "Safe City", "lawful interception", "deep packet inspection"]


def corpus(megabytes: float, seed: int = 11, deployment_share: float = 0.17) -> list[str]:
    """Deterministic documents of a few paragraphs each, ``deployment_share`` of the paragraphs (about 1 in 6 by
    default) naming a deployment."""
    from oversight.reference import reference

    ref = reference()
    rng = random.Random(seed)
    vendors = [v.name for v in ref.vendors]
    countries = [c.name_en for c in ref.countries]
    cities = [c.name for c in ref.cities]
    documents, size = [], 0
    while size < megabytes * 1_000_000:
        russian = rng.random() < 0.35
        paragraphs = []
        for _ in range(rng.randint(4, 9)):
            if rng.random() < deployment_share:
                template = rng.choice(RU_TEMPLATES if russian else EN_TEMPLATES)
                paragraphs.append(
                    template.format(
                        vendor=rng.choice(vendors),
                        country=rng.choice(countries),
                        city=rng.choice(cities),
                        year=rng.randint(2008, 2024),
                        tech=rng.choice(RU_TECH if russian else EN_TECH),
                    )
                )
            else:
                filler = RU_FILLER if russian else EN_FILLER
                paragraphs.append(" ".join(rng.choice(filler) for _ in range(rng.randint(3, 7))))
        document = "\n\n".join(paragraphs)
        documents.append(document)
        size += len(document.encode("utf-8"))
    return documents


def run_ours(documents: list[str]) -> dict[str, float]:
    from oversight.extract.engine import Extractor

    extractor = Extractor()
    extractor.prepare()  # build the lexicon and load the morphology outside the timing, as for the baseline's matcher
    extractor.extract(documents[0])
    claims = 0
    start = time.perf_counter()
    for document in documents:
        claims += len(extractor.extract(document))
    return {"seconds": time.perf_counter() - start, "claims": claims}


def run_workers(documents: list[str], workers: int) -> dict[str, float]:
    """The extractor in ``workers`` processes (`oversight extract --workers`), each with its own copy."""
    from oversight.extract.engine import Extractor
    from oversight.extract.run import extract_texts

    extractor = Extractor()
    extractor.prepare()
    extractor.extract(documents[0])
    start = time.perf_counter()
    claims = sum(len(found) for found in extract_texts(extractor, documents, workers=workers))
    return {"seconds": time.perf_counter() - start, "claims": claims}


def run_baseline(documents: list[str]) -> dict[str, float]:
    import spacy
    from spacy.matcher import PhraseMatcher

    from oversight.reference import reference

    ref = reference()
    nlp = spacy.blank("xx")
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    terms: set[str] = set()
    for vendor in ref.vendors:
        terms.update((vendor.name, *vendor.aliases))
    for country in ref.countries:
        terms.update((country.name_en, country.name_ru, *country.aliases, *country.adjectives_en))
    for city in ref.cities:
        terms.add(city.name)
    for tech in ref.technologies:
        terms.update(k.rstrip("*") for k in (*tech.keywords_en, *tech.keywords_ru))
    matcher.add("TERMS", [nlp.make_doc(t) for t in sorted(terms) if t])
    mentions = 0
    start = time.perf_counter()
    for document in documents:
        mentions += len(matcher(nlp.make_doc(document)))
    return {"seconds": time.perf_counter() - start, "mentions": mentions}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=float, default=20.0)
    parser.add_argument("--deployment-share", type=float, default=0.17)
    parser.add_argument("--workers", type=int, default=1, help="also time the extractor in this many processes")
    args = parser.parse_args()
    documents = corpus(args.mb, deployment_share=args.deployment_share)
    megabytes = sum(len(d.encode("utf-8")) for d in documents) / 1e6
    ours = run_ours(documents)
    ours_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    baseline = run_baseline(documents)
    result = {
        "benchmark": "extract",
        "mb": round(megabytes, 2),
        "deployment_share": args.deployment_share,
        "documents": len(documents),
        "ours": {
            "seconds": round(ours["seconds"], 2),
            "mb_per_s": round(megabytes / ours["seconds"], 3),
            "docs_per_s": round(len(documents) / ours["seconds"], 1),
            "claims": ours["claims"],
            "peak_rss_mb": round(ours_rss, 1),
        },
        "baseline_phrasematcher": {
            "seconds": round(baseline["seconds"], 2),
            "mb_per_s": round(megabytes / baseline["seconds"], 3),
            "docs_per_s": round(len(documents) / baseline["seconds"], 1),
            "mentions": baseline["mentions"],
        },
        "peak_rss_mb_with_baseline": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    result["ratio_ours_over_baseline"] = round(
        result["ours"]["mb_per_s"] / result["baseline_phrasematcher"]["mb_per_s"], 2
    )
    if args.workers > 1:
        parallel = run_workers(documents, args.workers)
        result["ours_workers"] = {
            "workers": args.workers,
            "seconds": round(parallel["seconds"], 2),
            "mb_per_s": round(megabytes / parallel["seconds"], 3),
            "mb_per_s_per_worker": round(megabytes / parallel["seconds"] / args.workers, 3),
            "claims": parallel["claims"],
            "ratio_over_baseline": round(
                megabytes / parallel["seconds"] / result["baseline_phrasematcher"]["mb_per_s"], 2
            ),
        }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
