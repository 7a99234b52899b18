from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from oversight.errors import StoreError
from oversight.ids import sha256_text
from oversight.model import Claim, ClaimFacts, Corroboration, Deployment, Document, Evidence, HistoryEntry
from oversight.store import Store, database_url, records
from oversight.store import documents as docs
from oversight.store.migrate import head_revision
from oversight.store.tables import metadata

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
TEXT_EN = "In 2019 Huawei installed Safe City cameras in Bishkek for the Ministry of Internal Affairs."
TEXT_RU = "В Кыргызстане компания «Вокорд» поставила систему распознавания лиц."


def _document(text: str, url: str) -> Document:
    digest = sha256_text(text)
    return Document(
        id=f"doc-{digest[:20]}",
        url=url,
        title=text[:30],
        sha256=digest,
        fetched_at=NOW,
        published=date(2019, 5, 1),
        language="en",
    )


def _claim(document: Document, text: str, *, year: int = 2019) -> Claim:
    start = text.index("Huawei")
    evidence = Evidence(document_id=document.id, start=start, end=start + 6, quote="Huawei")
    facts = ClaimFacts(
        vendor_id="huawei",
        recipient_country="KGZ",
        technology="cctv_safe_city",
        status="delivered",
        year=year,
        city="Bishkek",
    )
    return Claim(
        id=Claim.make_id(facts=facts, evidence=evidence, source_urls=(), origin="test"),
        facts=facts,
        evidence=evidence,
        origin="test",
        origin_version="1",
        confidence=0.8,
        created_at=NOW,
    )


def test_init_creates_the_schema_at_head_and_is_idempotent(db_url: str) -> None:
    first = Store.open(db_url, migrate_schema=True)
    assert first.revision() == head_revision()
    first.close()
    again = Store.open(db_url, migrate_schema=True)
    assert again.revision() == head_revision()
    assert again.counts() == {"documents": 0, "claims": 0, "deployments": 0, "vendors": 0, "history": 0}
    again.close()


def test_migrations_build_exactly_the_declared_schema(store: Store) -> None:
    def declared(obj: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
        # Full-text search objects are dialect-specific and live only in the migration.
        return not (name or "").startswith(("documents_fts", "ix_documents_fts"))

    with store.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_object": declared})
        diff = compare_metadata(context, metadata)
    assert diff == []


def test_uninitialised_database_is_refused_with_advice(db_url: str) -> None:
    with pytest.raises(StoreError, match="not initialised: run `oversight init`"):
        Store.open(db_url)


def test_unreachable_server_is_a_store_error() -> None:
    with pytest.raises(StoreError, match="cannot open database"):
        Store.open("postgresql+psycopg://nobody@127.0.0.1:1/none")


def test_missing_folder_is_a_store_error(tmp_path: object) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        Store.open(f"{tmp_path}/no/such/folder/x.db", migrate_schema=True)


def test_database_url_resolution(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OVERSIGHT_DATABASE_URL", raising=False)
    assert database_url(None) == "sqlite:///oversight.db"
    assert database_url("data/x.db") == "sqlite:///data/x.db"
    monkeypatch.setenv("OVERSIGHT_DATABASE_URL", "postgresql+psycopg://u@h/db")
    assert database_url(None) == "postgresql+psycopg://u@h/db"
    assert database_url("other.db") == "sqlite:///other.db"


def test_documents_are_content_addressed_and_searchable(store: Store) -> None:
    en = _document(TEXT_EN, "https://example.org/a")
    ru = _document(TEXT_RU, "https://example.org/ru")
    with store.transaction() as connection:
        assert docs.save_document(connection, en, TEXT_EN, raw=b"<html>raw</html>", media_type="text/html")
        assert docs.save_document(connection, ru, TEXT_RU)
        # The same text at another URL is the same document, with one more URL.
        copy = _document(TEXT_EN, "https://mirror.example.net/a")
        assert not docs.save_document(connection, copy, TEXT_EN)
    with store.transaction() as connection:
        assert docs.document_text(connection, en.id) == TEXT_EN
        loaded = docs.get_document(connection, en.id)
        assert loaded is not None
        assert loaded.published == date(2019, 5, 1)
        assert docs.raw_bytes(connection, docs.sha256_bytes(b"<html>raw</html>")) == b"<html>raw</html>"
        assert [h.document_id for h in docs.search_documents(connection, "safe city bishkek")] == [en.id]
        assert [h.document_id for h in docs.search_documents(connection, "Вокорд")] == [ru.id]
        assert docs.search_documents(connection, 'huawei" OR "x') == []  # query syntax is not interpreted
        assert docs.search_documents(connection, "   ") == []
    assert store.counts()["documents"] == 2


def test_text_must_match_its_sha256(store: Store) -> None:
    document = _document(TEXT_EN, "https://example.org/a")
    with store.transaction() as connection, pytest.raises(ValueError, match="sha256"):
        docs.save_document(connection, document, TEXT_EN + " changed")


def test_claims_round_trip_and_are_stored_once(store: Store) -> None:
    document = _document(TEXT_EN, "https://example.org/a")
    claim = _claim(document, TEXT_EN)
    with store.transaction() as connection:
        docs.save_document(connection, document, TEXT_EN)
        assert records.save_claims(connection, [claim, _claim(document, TEXT_EN, year=2020)]) == 2
        assert records.save_claims(connection, [claim]) == 0
    with store.transaction() as connection:
        loaded = records.load_claims(connection, document_id=document.id)
    assert len(loaded) == 2
    assert claim in loaded
    evidence = loaded[0].evidence
    assert evidence is not None
    assert TEXT_EN[evidence.start : evidence.end] == evidence.quote


def test_deployments_keep_their_claims_and_history_is_append_only(store: Store) -> None:
    document = _document(TEXT_EN, "https://example.org/a")
    claim = _claim(document, TEXT_EN)
    deployment = Deployment(id="dep-1", facts=claim.facts, claim_ids=(claim.id,), first_seen=date(2019, 5, 1))
    with store.transaction() as connection:
        docs.save_document(connection, document, TEXT_EN)
        records.save_claims(connection, [claim])
        records.save_deployment(connection, deployment)
        records.save_deployment(connection, deployment.model_copy(update={"corroboration": Corroboration.DISPUTED}))
        records.append_history(
            connection,
            [
                HistoryEntry(
                    entity_type="deployment",
                    entity_id="dep-1",
                    field="corroboration",
                    old="single-source",
                    new="disputed",
                    who="tester",
                    at=NOW,
                    why="a denial was published",
                ),
                HistoryEntry(
                    entity_type="deployment",
                    entity_id="dep-1",
                    field="review_state",
                    old="proposed",
                    new="accepted",
                    who="tester",
                    at=NOW.replace(hour=13),
                ),
            ],
        )
    with store.transaction() as connection:
        (loaded,) = records.load_deployments(connection)
        entries = records.load_history(connection, "dep-1")
    assert loaded.corroboration is Corroboration.DISPUTED
    assert loaded.claim_ids == (claim.id,)
    assert [e.field for e in entries] == ["corroboration", "review_state"]
    assert entries[0].why == "a denial was published"
