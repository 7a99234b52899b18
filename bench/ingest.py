"""Benchmark: WARC ingestion with trafilatura (the default) against resiliparse (--fast-html).

Generates a deterministic gzipped WARC of news-like HTML pages (fixed seed), ingests it into a fresh SQLite
database once per extractor, each in its own process so that peak memory is its own, and prints one JSON line:
pages, MB, seconds, documents/s, MB/s and peak RSS for each, and the speed ratio resiliparse/trafilatura.

    python bench/ingest.py [--pages 1500]
"""

from __future__ import annotations

import argparse
import io
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WORDS = [
    "council",
    "ministry",
    "contract",
    "cameras",
    "network",
    "police",
    "city",
    "system",
    "data",
    "security",
    "operator",
    "project",
    "installed",
    "officials",
    "agreement",
    "company",
    "supplier",
    "surveillance",
    "public",
    "district",
    "region",
    "report",
    "monitoring",
    "equipment",
    "budget",
    "tender",
    "licence",
    "traffic",
    "centre",
    "citizens",
    "privacy",
    "court",
    "law",
    "parliament",
    "technology",
    "platform",
]


def make_warc(path: Path, pages: int, seed: int = 7) -> int:
    """Write a gzipped WARC of ``pages`` HTML responses; returns its size in bytes."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    rng = random.Random(seed)
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for number in range(pages):
            paragraphs = "".join(
                "<p>" + " ".join(rng.choice(WORDS) for _ in range(rng.randint(25, 60))).capitalize() + ".</p>"
                for _ in range(rng.randint(4, 12))
            )
            html = (
                f"<html><head><title>Story {number}</title><meta property='og:site_name' content='Bench News'>"
                f"</head><body><nav>Home | World | Business</nav><article><h1>Story {number}</h1>{paragraphs}"
                "</article><footer>About | Contact</footer></body></html>"
            ).encode()
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(
                    f"https://bench.example/{number}", "response", payload=io.BytesIO(html), http_headers=headers
                )
            )
    return path.stat().st_size


def run_one(warc: str, extractor: str) -> dict[str, float]:
    """Ingest the WARC into a fresh database with one extractor (run in a child process)."""
    from oversight.ingest import IngestOptions, Ingestor
    from oversight.store import Store

    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(f"{folder}/bench.db", migrate_schema=True)
        start = time.perf_counter()
        summary = Ingestor(store, IngestOptions(html_extractor=extractor)).run([warc])  # type: ignore[arg-type]
        seconds = time.perf_counter() - start
        store.close()
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "documents": summary.ingested + summary.near_duplicates,
        "errors": len(summary.errors),
        "seconds": round(seconds, 3),
        "peak_rss_mb": round(peak_kb / 1024, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=1500)
    parser.add_argument("--child", nargs=2, metavar=("WARC", "EXTRACTOR"))
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_one(*args.child)))
        return
    with tempfile.TemporaryDirectory() as folder:
        warc = Path(folder) / "bench.warc.gz"
        size = make_warc(warc, args.pages)
        results = {}
        for extractor in ("trafilatura", "resiliparse"):
            out = subprocess.run(
                [sys.executable, __file__, "--child", str(warc), extractor], capture_output=True, text=True, check=True
            )
            figures = json.loads(out.stdout)
            figures["docs_per_s"] = round(figures["documents"] / figures["seconds"], 1)
            figures["mb_per_s"] = round(size / 1e6 / figures["seconds"], 3)
            results[extractor] = figures
    print(
        json.dumps(
            {
                "benchmark": "ingest-warc",
                "pages": args.pages,
                "warc_mb": round(size / 1e6, 2),
                **results,
                "ratio_resiliparse_over_trafilatura": round(
                    results["resiliparse"]["docs_per_s"] / results["trafilatura"]["docs_per_s"], 2
                ),
            }
        )
    )


if __name__ == "__main__":
    main()
