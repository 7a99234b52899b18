"""Consolidation, corroboration, review and history on a real database (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import func, select

from oversight.curate import review
from oversight.curate.consolidate import curate
from oversight.curate.published import published_deployments
from oversight.ids import sha256_text
from oversight.model import Claim, ClaimFacts, Corroboration, Document, Evidence, ReviewState, Status
from oversight.reference import reference
from oversight.store import Store
from oversight.store import documents as docs
from oversight.store.records import load_claims, load_deployments, load_history, save_claims
from oversight.store.tables import history

NOW = datetime(2026, 11, 28, tzinfo=UTC)
STORY = "Sergek installed traffic cameras in Astana for the city administration in 2017 (test fixture)."


def _document(text: str, *, url: str, publisher: str, duplicate_of: str | None = None) -> Document:
    digest = sha256_text(text)
    return Document(
        id=f"doc-{digest[:20]}",
        url=url,
        publisher=publisher,
        sha256=digest,
        fetched_at=NOW,
        published=date(2024, 5, 1),
        duplicate_of=duplicate_of,
    )


def _claim(document: Document, text: str, *, status: str = "delivered", year: int | None = 2017) -> Claim:
    facts = ClaimFacts(
        vendor_id="sergek",
        vendor_name="Sergek",
        vendor_country="KAZ",
        recipient_country="KAZ",
        technology="cctv_safe_city",
        status=status,
        year=year,
        buyer="Astana city administration",
    )
    evidence = Evidence(document_id=document.id, start=0, end=len(text), quote=text)
    return Claim(
        id=Claim.make_id(facts=facts, evidence=evidence, source_urls=(), origin="test"),
        facts=facts,
        evidence=evidence,
        origin="test",
        origin_version="1",
        confidence=0.9,
        created_at=NOW,
    )


def _store_claims(store: Store, items: list[tuple[Document, str, str]]) -> None:
    with store.transaction() as connection:
        for document, text, status in items:
            docs.save_document(connection, document, text)
            save_claims(connection, [_claim(document, text, status=status)])


def _history_rows(store: Store) -> int:
    with store.transaction() as connection:
        return int(connection.execute(select(func.count()).select_from(history)).scalar_one())


def test_syndicated_copies_count_once_and_an_independent_report_corroborates(store: Store) -> None:
    original = _document(STORY, url="https://daily.example/a", publisher="Exampleton Daily")
    copy_text = STORY.replace("(test fixture)", "(test fixture, syndicated)")
    copy = _document(copy_text, url="https://wire.example/a", publisher="Regional Wire", duplicate_of=original.id)
    _store_claims(store, [(original, STORY, "delivered"), (copy, copy_text, "delivered")])
    (alone,) = curate(store, reference()).created
    assert (alone.corroboration, len(alone.claim_ids)) == (Corroboration.SINGLE_SOURCE, 2)
    other_text = "Independent report: Sergek cameras operate in Astana (test fixture)."
    other = _document(other_text, url="https://other.example/b", publisher="Other News")
    _store_claims(store, [(other, other_text, "delivered")])
    result = curate(store, reference())
    (changed,) = result.changed
    assert changed.id == alone.id
    assert (changed.corroboration, len(changed.claim_ids), changed.facts.status) == (
        Corroboration.CORROBORATED,
        3,
        Status.DELIVERED,
    )
    rows = _history_rows(store)
    assert curate(store, reference()).as_json() == []
    assert _history_rows(store) == rows  # nothing changed, nothing written


def test_a_later_denial_disputes_and_both_claims_stay(store: Store) -> None:
    original = _document(STORY, url="https://daily.example/a", publisher="Exampleton Daily")
    denial_text = "The city administration denied that Sergek cameras were installed (test fixture)."
    denial = _document(denial_text, url="https://gov.example/d", publisher="City Hall")
    _store_claims(store, [(original, STORY, "delivered")])
    curate(store, reference())
    _store_claims(store, [(denial, denial_text, "denied")])
    (changed,) = curate(store, reference()).changed
    assert changed.corroboration is Corroboration.DISPUTED
    assert changed.facts.status is Status.DELIVERED
    with store.transaction() as connection:
        statuses = sorted(c.facts.status.value for c in load_claims(connection, ids=list(changed.claim_ids)))
    assert statuses == ["delivered", "denied"]


def test_review_actions_leave_history_and_rejection_unpublishes(store: Store) -> None:
    first = _document(STORY, url="https://daily.example/a", publisher="Exampleton Daily")
    second_text = "Sergek signed a contract for cameras in Almaty with the police (test fixture)."
    second = _document(second_text, url="https://other.example/c", publisher="Other News")
    _store_claims(store, [(first, STORY, "delivered")])
    (deployment,) = curate(store, reference()).created
    ref = reference()
    accepted = review.set_state(store, deployment.id, ReviewState.ACCEPTED, who="ana", note="checked the source")
    assert accepted.last_checked == date.today()
    edited = review.edit(
        store,
        ref,
        deployment.id,
        {"year": "2018", "buyer": "Akimat of Astana"},
        who="ana",
        note="contract year per the akimat",
    )
    assert (edited.facts.year, edited.facts.buyer, edited.overrides["year"]) == (2018, "Akimat of Astana", 2018)
    with store.transaction() as connection:
        docs.save_document(connection, second, second_text)
        facts = ClaimFacts(
            vendor_id="sergek",
            vendor_country="KAZ",
            recipient_country="KAZ",
            technology="cctv_safe_city",
            status=Status.AGREED,
            year=2016,
            buyer="Almaty police",
        )
        evidence = Evidence(document_id=second.id, start=0, end=len(second_text), quote=second_text)
        save_claims(
            connection,
            [
                Claim(
                    id="clm-split-test",
                    facts=facts,
                    evidence=evidence,
                    origin="test",
                    origin_version="1",
                    confidence=0.9,
                    created_at=NOW,
                )
            ],
        )
    (other,) = curate(store, ref).created  # a different buyer: a second deployment
    merged = review.merge(store, ref, deployment.id, other.id, who="ana", note="same city-wide contract")
    assert len(merged.claim_ids) == 2
    assert merged.facts.year == 2018  # the reviewer's value still wins
    kept, moved = review.split(store, ref, deployment.id, ["clm-split-test"], who="ana", note="two contracts")
    assert (len(kept.claim_ids), len(moved.claim_ids)) == (1, 1)
    review.set_state(store, moved.id, ReviewState.REJECTED, who="ana", note="not a surveillance contract")
    with store.transaction() as connection:
        published = {d.id for d in published_deployments(connection)}
        everything = {d.id for d in published_deployments(connection, include_unreviewed=True)}
        entries = load_history(connection, deployment.id)
        rejected_history = load_history(connection, moved.id)
    assert deployment.id in published and moved.id not in published and moved.id not in everything
    fields = {e.field for e in entries}
    assert {"review_state", "year", "buyer", "correction", "merged_from", "split_into"} <= fields
    assert [e.new for e in rejected_history if e.field == "review_state"] == ["rejected"]
    assert all(e.who == "ana" for e in entries if e.field != "*")


def test_marking_a_claim_wrong_recomputes(store: Store) -> None:
    first = _document(STORY, url="https://daily.example/a", publisher="Exampleton Daily")
    ended_text = "Sergek cameras in Astana were dismantled (test fixture)."
    ended = _document(ended_text, url="https://other.example/e", publisher="Other News")
    _store_claims(store, [(first, STORY, "delivered"), (ended, ended_text, "ended")])
    (deployment,) = curate(store, reference()).created
    assert deployment.facts.status is Status.ENDED
    with store.transaction() as connection:
        wrong = next(c for c in load_claims(connection, ids=list(deployment.claim_ids)) if c.facts.status == "ended")
    (after,) = review.mark_claim_wrong(store, reference(), wrong.id, who="ana", note="misread: it was a pilot")
    assert after.facts.status is Status.DELIVERED
    assert after.corroboration is Corroboration.SINGLE_SOURCE
    with store.transaction() as connection:
        assert [e.field for e in load_history(connection, wrong.id)] == ["wrong"]
        assert len(load_deployments(connection)) == 1
