"""Vendor resolution: names nobody knows, clustered and matched to registry vendors; merging, adding, aliasing."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime

from rapidfuzz import fuzz, process
from sqlalchemy import delete, select, update

from oversight.curate.consolidate import _entry
from oversight.errors import InputError, NotFoundError
from oversight.model import Vendor, VendorKind, VendorReview
from oversight.reference import Reference, fold
from oversight.store import Store
from oversight.store.records import append_history
from oversight.store.rows import insert_ignore
from oversight.store.tables import claims, vendor_aliases, vendor_merges, vendors
from oversight.store.vendors import VendorDirectory, supplier_fields

#: A suggested match needs at least this similarity (token set, folded and transliterated names).
SUGGEST_AT = 85


@dataclass(frozen=True)
class Suggestion:
    """An unreviewed vendor (or unresolved name) and the registry vendors it may be."""

    name: str
    vendor_id: str | None  # the unreviewed vendor's id, if one was created
    claims: int
    matches: tuple[tuple[str, str, float], ...]  # (vendor id, name, similarity)


def suggestions(store: Store, ref: Reference) -> list[Suggestion]:
    """Unreviewed vendors and vendor names without a vendor, each with the registry vendors it resembles."""
    choices = {fold(name): v for v in ref.vendors for name in (v.name, *v.aliases)}
    with store.transaction() as connection:
        unreviewed = connection.execute(
            select(vendors.c.id, vendors.c.name).where(vendors.c.review == VendorReview.UNREVIEWED.value)
        ).all()
        counts = Counter(connection.execute(select(claims.c.vendor_id)).scalars())
        loose = Counter(
            connection.execute(
                select(claims.c.vendor_name).where(claims.c.vendor_id.is_(None), claims.c.vendor_name.is_not(None))
            ).scalars()
        )
    items = [(name, vendor_id, counts.get(vendor_id, 0)) for vendor_id, name in unreviewed]
    items += [(name, None, n) for name, n in loose.items()]
    out = []
    for name, vendor_id, n in items:
        found = process.extract(
            fold(name), list(choices), scorer=fuzz.token_set_ratio, limit=3, score_cutoff=SUGGEST_AT
        )
        matches = tuple(dict.fromkeys((choices[key].id, choices[key].name, round(score, 1)) for key, score, _ in found))
        out.append(Suggestion(name=name, vendor_id=vendor_id, claims=n, matches=matches))
    return sorted(out, key=lambda s: (-s.claims, s.name))


def merge(store: Store, ref: Reference, from_id: str, into_id: str, *, who: str, note: str | None) -> None:
    """Merge a vendor into another: its claims name the other, its name becomes an alias, the merge is recorded.

    Deployments are regrouped by the next `oversight curate`.
    """
    if from_id == into_id:
        raise InputError("cannot merge a vendor into itself")
    with store.transaction() as connection:
        directory = VendorDirectory(ref, connection)
        source, target = directory.get(from_id), directory.get(into_id)
        if source is None or target is None:
            raise NotFoundError(f"unknown vendor {from_id if source is None else into_id!r}")
        if ref.vendor_by_id(from_id) is not None:
            raise InputError(f"{from_id} is in the shipped registry: edit its data file instead")
        now = datetime.now(UTC)
        insert_ignore(connection, vendor_merges, [{"from_id": from_id, "into_id": into_id, "who": who, "at": now}])
        connection.execute(update(claims).where(claims.c.vendor_id == from_id).values(**supplier_fields(target)))
        for name in {source.name, *source.aliases}:
            insert_ignore(connection, vendor_aliases, [{"vendor_id": into_id, "alias": name, "folded": fold(name)}])
        connection.execute(delete(vendors).where(vendors.c.id == from_id))
        append_history(
            connection, [_entry(from_id, "merged_into", None, into_id, who=who, why=note, entity_type="vendor")]
        )


def add(store: Store, ref: Reference, *, name: str, country: str, kind: str, source: str, who: str) -> Vendor:
    """Add a vendor with its home country and the source that states it (curated: a person checked it)."""
    if not source.startswith(("http://", "https://")):
        raise InputError("a vendor needs --source, the URL of a page that states its name and home country")
    alpha3 = ref.country(country).alpha3
    with store.transaction() as connection:
        directory = VendorDirectory(ref, connection)
        if directory.resolve(name) is not None:
            raise InputError(f"{name!r} is already known as {directory.resolve(name).id}")  # type: ignore[union-attr]
        vendor = directory.ensure(connection, name, country=alpha3, source=source)
        connection.execute(
            update(vendors)
            .where(vendors.c.id == vendor.id)
            .values(review=VendorReview.CURATED.value, kind=VendorKind(kind).value)
        )
        append_history(
            connection,
            [_entry(vendor.id, "*", None, f"added: {name} ({alpha3})", who=who, why=source, entity_type="vendor")],
        )
    return vendor.model_copy(update={"review": VendorReview.CURATED, "kind": VendorKind(kind)})


def alias(store: Store, ref: Reference, vendor_id: str, name: str, *, who: str, note: str | None) -> None:
    """Record another name of a vendor."""
    with store.transaction() as connection:
        directory = VendorDirectory(ref, connection)
        if directory.get(vendor_id) is None:
            raise NotFoundError(f"unknown vendor {vendor_id!r}")
        other = directory.resolve(name)
        if other is not None and other.id != vendor_id:
            raise InputError(f"{name!r} already names {other.id}; merge the vendors instead")
        insert_ignore(connection, vendor_aliases, [{"vendor_id": vendor_id, "alias": name, "folded": fold(name)}])
        append_history(connection, [_entry(vendor_id, "alias", None, name, who=who, why=note, entity_type="vendor")])


def link_claims(store: Store, ref: Reference) -> int:
    """Link the claims that name a vendor only as written (a company the extractor found and the registry lacked)
    to the vendor their name now resolves to, after a reviewer added it or recorded the name as an alias; how many.

    Deployments are regrouped by the next `oversight curate`.
    """
    with store.transaction() as connection:
        directory = VendorDirectory(ref, connection)
        loose = connection.execute(
            select(claims.c.id, claims.c.vendor_name).where(
                claims.c.vendor_id.is_(None), claims.c.vendor_name.is_not(None)
            )
        ).all()
        linked = 0
        for claim_id, name in loose:
            vendor = directory.resolve(name)
            if vendor is not None:
                connection.execute(update(claims).where(claims.c.id == claim_id).values(**supplier_fields(vendor)))
                linked += 1
    return linked
