"""Closed vocabularies of the domain: statuses, review states, kinds."""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    """What a claim says happened to a supply or deployment."""

    PLANNED = "planned"
    AGREED = "agreed"
    DELIVERED = "delivered"
    ENDED = "ended"
    CANCELLED = "cancelled"
    DENIED = "denied"


#: Statuses that assert a deployment happened (the gold scoring rules count only these).
ASSERTED_STATUSES: frozenset[Status] = frozenset({Status.AGREED, Status.DELIVERED, Status.ENDED})


#: How far along its life a status puts a deployment; a timeline keeps its most advanced status.
STATUS_RANK: dict[Status, int] = {
    Status.DENIED: 0,
    Status.CANCELLED: 0,
    Status.PLANNED: 1,
    Status.AGREED: 2,
    Status.DELIVERED: 3,
    Status.ENDED: 4,
}


class ReviewState(StrEnum):
    """Where a deployment stands in human review."""

    PROPOSED = "proposed"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    NEEDS_EVIDENCE = "needs-evidence"


class Corroboration(StrEnum):
    """How well a deployment is supported by independent sources."""

    SINGLE_SOURCE = "single-source"
    CORROBORATED = "corroborated"
    OFFICIAL = "official"
    DISPUTED = "disputed"


class VendorKind(StrEnum):
    """What part a vendor plays in a supply chain."""

    MANUFACTURER = "manufacturer"
    INTEGRATOR = "integrator"
    RESELLER = "reseller"
    STATE_BODY = "state_body"


class BuyerKind(StrEnum):
    """What sort of body buys or operates surveillance technology."""

    POLICE = "police"
    INTELLIGENCE = "intelligence"
    MINISTRY = "ministry"
    MUNICIPALITY = "municipality"
    TELECOM_OPERATOR = "telecom_operator"
    OTHER = "other"


class VendorReview(StrEnum):
    """Whether a registry vendor was checked by a person or created by an importer."""

    CURATED = "curated"
    UNREVIEWED = "unreviewed"


class ListingKind(StrEnum):
    """Sanctions and export-control lists a vendor can be on."""

    US_ENTITY_LIST = "us_entity_list"
    US_SDN = "us_sdn"
    EU_SANCTIONS = "eu_sanctions"
    UK_SANCTIONS = "uk_sanctions"
    OTHER = "other"


#: The 13 International Principles on the Application of Human Rights to Communications Surveillance
#: ("Necessary and Proportionate", https://necessaryandproportionate.org/principles/).
PRINCIPLES: tuple[str, ...] = (
    "legality",
    "legitimate_aim",
    "necessity",
    "adequacy",
    "proportionality",
    "competent_judicial_authority",
    "due_process",
    "user_notification",
    "transparency",
    "public_oversight",
    "integrity_of_communications_and_systems",
    "safeguards_for_international_cooperation",
    "safeguards_against_illegitimate_access",
)


class Assessment(StrEnum):
    """How far a country's law and practice meet one principle."""

    MET = "met"
    PARTLY = "partly"
    NOT_MET = "not-met"
    UNKNOWN = "unknown"
