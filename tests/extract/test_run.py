"""Extraction over the archive: claims stored with evidence, re-runs skip, a new version replaces its claims."""

from __future__ import annotations

from pathlib import Path

import pytest

from oversight.curate import vendors as vendor_ops
from oversight.errors import InputError
from oversight.extract import attributes, run
from oversight.extract.engine import Extractor
from oversight.extract.run import extract_documents, origin_of
from oversight.ingest import Ingestor
from oversight.reference import reference
from oversight.store import Store
from oversight.store import documents as docs
from oversight.store.records import load_claims
from tests.builders import jsonl_bytes
from tests.conftest import run_cli

ARTICLES = [
    {
        "url": "https://news.example.org/1",
        "title": "Safe City (test fixture)",
        "text": "The Interior Ministry of Kyrgyzstan signed a contract with Huawei in 2019 to install Safe City "
        "cameras in Bishkek.\n\nThe city council also discussed road repairs and the school budget for next year.",
    },
    {
        "url": "https://news.example.org/2",
        "title": "СОРМ (test fixture)",
        "text": "В 2012 году компания «Протей» поставила оборудование СОРМ казахстанскому оператору в Алматы.",
    },
    {
        "url": "https://news.example.org/3",
        "title": "Weather (test fixture)",
        "text": "Rain is expected across the region on Thursday, with temperatures falling at night.",
    },
]


def test_claims_keep_evidence_and_reruns_skip(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "news.jsonl"
    path.write_bytes(jsonl_bytes(ARTICLES))
    Ingestor(store).run([str(path)])
    extractor = Extractor()
    first = extract_documents(store, extractor)
    assert (first.documents, first.skipped) == (3, 0)
    assert first.claims >= 2
    with store.transaction() as connection:
        claims = load_claims(connection, origin=origin_of(extractor))
        for claim in claims:
            assert claim.evidence is not None
            text = docs.document_text(connection, claim.evidence.document_id) or ""
            assert text[claim.evidence.start : claim.evidence.end] == claim.evidence.quote
            assert claim.origin_version == extractor.version
    assert {(c.facts.vendor_id, c.facts.recipient_country) for c in claims} >= {("huawei", "KGZ"), ("protei", "KAZ")}
    again = extract_documents(store, extractor)
    assert (again.documents, again.skipped, again.claims) == (0, 3, 0)


class _FindsNothing(Extractor):
    """A newer version that finds nothing."""

    version = "test-2"

    def extract(self, text: str) -> list:  # type: ignore[type-arg]
        return []


def _ingest_copies(store: Store, tmp_path: Path, copies: int) -> tuple[list[dict[str, str]], Path]:
    """``copies`` distinct copies of each test article, ingested; the articles and their file."""
    articles = [
        {**article, "url": f"{article['url']}-{copy}", "text": f"{article['text']}\n\nCopy {copy}."}
        for copy in range(copies)
        for article in ARTICLES
    ]
    path = tmp_path / "news.jsonl"
    path.write_bytes(jsonl_bytes(articles))
    Ingestor(store).run([str(path)])
    return articles, path


def test_a_new_version_replaces_its_own_claims_only(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "news.jsonl"
    path.write_bytes(jsonl_bytes(ARTICLES[:1]))
    Ingestor(store).run([str(path)])
    extract_documents(store, Extractor())

    summary = extract_documents(store, _FindsNothing())
    assert summary.documents == 1 and summary.replaced >= 1
    with store.transaction() as connection:
        assert load_claims(connection, origin=origin_of(Extractor())) == []


def test_batches_replace_and_resume_like_single_documents(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Claims are stored a batch of documents per transaction: a new version replaces them across batches, and a
    run stopped after a batch goes on from the next one."""
    monkeypatch.setattr(run, "_BATCH", 2)
    articles, _ = _ingest_copies(store, tmp_path, 3)

    def stop_after_first_batch() -> None:
        raise KeyboardInterrupt  # the run stops once the first batch is stored

    with pytest.raises(KeyboardInterrupt):
        extract_documents(store, Extractor(), on_document=stop_after_first_batch)
    resumed = extract_documents(store, Extractor())
    assert (resumed.documents, resumed.skipped) == (len(articles) - 2, 2)

    summary = extract_documents(store, _FindsNothing())
    assert summary.documents == len(articles) and summary.replaced >= 6
    with store.transaction() as connection:
        assert load_claims(connection, origin=origin_of(Extractor())) == []


def test_cli_extract(tmp_path: Path) -> None:
    db = str(tmp_path / "x.db")
    source = tmp_path / "news.jsonl"
    source.write_bytes(jsonl_bytes(ARTICLES))
    assert run_cli("init", "--db", db).returncode == 0
    assert run_cli("ingest", str(source), "--db", db).returncode == 0
    result = run_cli("extract", "--db", db, "--json")
    assert result.returncode == 0, result.stderr
    assert '"documents": 3' in result.stdout
    bad = run_cli("extract", "--db", db, "--since", "yesterday")
    assert bad.returncode == 2 and "--since takes a date" in bad.stderr
    missing = run_cli("extract", "--db", db, "--doc", "no-such-document")
    assert missing.returncode == 2 and "no document 'no-such-document'" in missing.stderr


def test_a_company_a_reviewer_added_is_linked_when_extracted(store: Store, tmp_path: Path) -> None:
    """The extractor finds a company the registry lacks (made up here); once a reviewer has added it, claims that
    name it carry its id."""
    path = tmp_path / "news.jsonl"
    text = (
        "The Interior Ministry of Ghana signed a contract with the Dutch firm Korvexa Industrial Systems in 2021 to "
        "install facial recognition cameras in Accra."
    )
    path.write_bytes(jsonl_bytes([{"url": "https://news.example.org/k", "title": "Korvexa", "text": text}]))
    Ingestor(store).run([str(path)])
    vendor = vendor_ops.add(
        store,
        reference(),
        name="Korvexa Industrial Systems",
        country="NLD",
        kind="manufacturer",
        source="https://example.org/k",
        who="test",
    )
    extract_documents(store, Extractor())
    with store.transaction() as connection:
        named = [c.facts for c in load_claims(connection) if "Korvexa" in (c.facts.vendor_name or "")]
    assert named and {(f.vendor_id, f.vendor_country) for f in named} == {(vendor.id, "NLD")}


def test_workers_store_the_same_claims_as_one_process(store: Store, tmp_path: Path) -> None:
    """Two worker processes read the documents; the claims stored are those one process stores."""
    articles, path = _ingest_copies(store, tmp_path, 12)
    single = tmp_path / "single.db"
    with Store.open(str(single), migrate_schema=True) as alone:
        Ingestor(alone).run([str(path)])
        extract_documents(alone, Extractor())
        with alone.transaction() as connection:
            expected = sorted((c.id, c.evidence.quote if c.evidence else None) for c in load_claims(connection))
    summary = extract_documents(store, Extractor(), workers=2)
    assert summary.documents == len(articles)
    with store.transaction() as connection:
        stored = sorted((c.id, c.evidence.quote if c.evidence else None) for c in load_claims(connection))
    assert stored == expected and len(stored) >= 24
    assert extract_documents(store, Extractor(), workers=2).skipped == len(articles)
    with pytest.raises(InputError, match="at least 1"):
        extract_documents(store, Extractor(), workers=0)


class _FailsOnWeather(Extractor):
    """An extractor with a bug that only one document triggers."""

    def extract(self, text: str) -> list:  # type: ignore[type-arg]
        if "Rain is expected" in text:
            raise ValueError("a bug this document triggers")
        return super().extract(text)


@pytest.mark.parametrize("workers", [1, 2])
def test_a_document_the_extractor_fails_on_is_reported_and_left_for_the_next_run(
    store: Store, tmp_path: Path, workers: int
) -> None:
    path = tmp_path / "news.jsonl"
    path.write_bytes(jsonl_bytes(ARTICLES))
    Ingestor(store).run([str(path)])
    first = extract_documents(store, _FailsOnWeather(), workers=workers)
    assert first.documents == 2 and len(first.failed) == 1
    assert "ValueError: a bug this document triggers" in next(iter(first.failed.values()))
    again = extract_documents(store, Extractor(), workers=workers)
    assert (again.documents, again.skipped, again.failed) == (1, 2, {})


def test_prepare_loads_the_morphology_before_first_use() -> None:
    """Workers forked after `prepare` share the dictionary instead of each loading its own."""
    attributes._morph.cache_clear()
    Extractor().prepare()
    assert attributes._morph.cache_info().currsize == 1
