"""Domain types shared by every stage of the pipeline."""

from oversight.model.records import Claim, ClaimFacts, Deployment, Document, Evidence, HistoryEntry
from oversight.model.reference import (
    Buyer,
    City,
    Country,
    Listing,
    OfficialSource,
    Region,
    Subdivision,
    Technology,
    Vendor,
)
from oversight.model.vocab import (
    ASSERTED_STATUSES,
    STATUS_RANK,
    BuyerKind,
    Corroboration,
    ListingKind,
    ReviewState,
    Status,
    VendorKind,
    VendorReview,
)

__all__ = [
    "ASSERTED_STATUSES",
    "STATUS_RANK",
    "Buyer",
    "BuyerKind",
    "City",
    "Claim",
    "ClaimFacts",
    "Corroboration",
    "Country",
    "Deployment",
    "Document",
    "Evidence",
    "HistoryEntry",
    "Listing",
    "ListingKind",
    "OfficialSource",
    "Region",
    "ReviewState",
    "Status",
    "Subdivision",
    "Technology",
    "Vendor",
    "VendorKind",
    "VendorReview",
]
