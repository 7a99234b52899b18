from __future__ import annotations

from datetime import UTC, datetime

import pytest
from pydantic import ValidationError

from oversight.ids import content_id, sha256_text
from oversight.model import Claim, ClaimFacts, Evidence, Status


def _facts(**overrides: object) -> ClaimFacts:
    values: dict[str, object] = {
        "vendor_id": "huawei",
        "recipient_country": "KGZ",
        "technology": "cctv_safe_city",
        "status": "delivered",
        "year": 2019,
    }
    return ClaimFacts.model_validate(values | overrides)


def test_evidence_offsets_must_span_the_quote() -> None:
    Evidence(document_id="d", start=10, end=15, quote="Hello")
    with pytest.raises(ValidationError, match="offsets do not span"):
        Evidence(document_id="d", start=10, end=14, quote="Hello")


def test_claim_supplier_may_be_a_country_or_unknown() -> None:
    assert _facts(vendor_id=None, vendor_country="CHN").vendor_country == "CHN"
    unknown = _facts(vendor_id=None)
    assert (unknown.vendor_id, unknown.vendor_name, unknown.vendor_country) == (None, None, None)


def test_status_vocabulary_is_closed() -> None:
    assert _facts(status="agreed").status is Status.AGREED
    with pytest.raises(ValidationError):
        _facts(status="rumoured")


def test_claim_ids_derive_from_content() -> None:
    evidence = Evidence(document_id="doc-1", start=0, end=5, quote="Words")
    first = Claim.make_id(facts=_facts(), evidence=evidence, source_urls=(), origin="extractor:rules")
    again = Claim.make_id(facts=_facts(), evidence=evidence, source_urls=(), origin="extractor:rules")
    other_year = Claim.make_id(facts=_facts(year=2020), evidence=evidence, source_urls=(), origin="extractor:rules")
    other_origin = Claim.make_id(facts=_facts(), evidence=evidence, source_urls=(), origin="importer:sii")
    assert first == again
    assert len({first, other_year, other_origin}) == 3
    assert first.startswith("clm-")
    claim = Claim(
        id=first,
        facts=_facts(),
        evidence=evidence,
        origin="extractor:rules",
        origin_version="1",
        confidence=0.9,
        created_at=datetime(2026, 1, 1, tzinfo=UTC),
    )
    assert claim.facts.vendor_id == "huawei"


def test_content_id_and_sha256() -> None:
    assert content_id("x", ["a", 1]) == content_id("x", ["a", 1])
    assert content_id("x", ["a", 1]) != content_id("x", [1, "a"])
    assert sha256_text("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
