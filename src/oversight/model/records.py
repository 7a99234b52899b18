"""Records that the pipeline produces: documents, claims, deployments and history entries."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field, model_validator

from oversight.ids import content_id
from oversight.model.vocab import Corroboration, ReviewState, Status


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Document(_Record):
    """A text that was read: an article, a report, a data-set page. Its id is the sha256 of its text."""

    id: str
    url: str | None = None
    canonical_url: str | None = None
    title: str | None = None
    publisher: str | None = None
    published: date | None = None
    language: str | None = None
    sha256: str
    fetched_at: datetime
    duplicate_of: str | None = None


class Evidence(_Record):
    """The exact words that support a claim, as character offsets into its document's archived text."""

    document_id: str
    start: int = Field(ge=0)
    end: int
    quote: str

    @model_validator(mode="after")
    def _offsets_fit_quote(self) -> Evidence:
        if self.end - self.start != len(self.quote):
            raise ValueError("evidence offsets do not span the quote")
        return self


class ClaimFacts(_Record):
    """What a claim states: who supplied which technology to whom, when, in what state.

    The supplier may be a vendor, only the vendor's home country ("Chinese firms"), or unknown (a deployment
    reported without its supplier); analyses count unknown suppliers apart.
    """

    vendor_id: str | None = None
    vendor_name: str | None = None
    vendor_country: str | None = None
    recipient_country: str
    buyer: str | None = None
    city: str | None = None
    technology: str
    status: Status
    year: int | None = None
    value: float | None = None
    currency: str | None = None


class Claim(_Record):
    """One statement that a supply or deployment happened, made by an extractor, an importer or a person."""

    id: str
    facts: ClaimFacts
    evidence: Evidence | None = None
    source_urls: tuple[str, ...] = ()
    origin: str
    origin_version: str
    confidence: float = Field(ge=0.0, le=1.0)
    created_at: datetime
    wrong: bool = False  # marked wrong by a reviewer: kept, but no longer supports its deployment

    @staticmethod
    def make_id(*, facts: ClaimFacts, evidence: Evidence | None, source_urls: tuple[str, ...], origin: str) -> str:
        """The content id of a claim: the same origin stating the same facts from the same words."""
        where: list[object] = (
            [evidence.document_id, evidence.start, evidence.end] if evidence else [*sorted(source_urls)]
        )
        return content_id("clm", [origin, facts.model_dump(mode="json"), where])


class Deployment(_Record):
    """The curated fact built from one or more claims."""

    id: str
    facts: ClaimFacts
    review_state: ReviewState = ReviewState.PROPOSED
    corroboration: Corroboration = Corroboration.SINGLE_SOURCE
    claim_ids: tuple[str, ...] = ()
    first_seen: date | None = None
    last_seen: date | None = None
    last_checked: date | None = None
    overrides: dict[str, str | int | float | None] = Field(default_factory=dict)  # reviewer-set field values


class HistoryEntry(_Record):
    """One change to a deployment, claim, vendor or review state: who, when, what, from what, to what, why."""

    entity_type: str
    entity_id: str
    field: str
    old: str | None
    new: str | None
    who: str
    at: datetime
    why: str | None = None
