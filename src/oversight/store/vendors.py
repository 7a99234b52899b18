"""The vendor directory: shipped registry vendors plus the vendors and aliases stored in the database.

Importers and extractors resolve a supplier's name here; a name nobody knows becomes an ``unreviewed`` vendor
in the database, for a reviewer to merge into a known vendor or to promote into the registry with a source.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from sqlalchemy import Connection, select

from oversight.model import ClaimFacts, Vendor, VendorKind, VendorReview
from oversight.reference import Reference, fold
from oversight.store.rows import insert_ignore
from oversight.store.tables import vendor_aliases, vendors

_PARENTHESES = re.compile(r"\s*[\(\[](.*?)[\)\]]\s*")
_NON_SLUG = re.compile(r"[^a-z0-9]+")


def name_variants(name: str) -> list[str]:
    """A name, the name without its parenthetical, and the parenthetical ("«Протей» (Protei)" → both parts)."""
    variants = [name]
    inner = _PARENTHESES.findall(name)
    outer = _PARENTHESES.sub(" ", name).strip()
    variants += [outer, *inner]
    return [v for v in dict.fromkeys(v.strip(" «»\"'") for v in variants) if v]


class VendorDirectory:
    """Every vendor known to this database, with look-up by any name or alias."""

    def __init__(self, reference: Reference, connection: Connection) -> None:
        self.reference = reference
        self._by_id: dict[str, Vendor] = {v.id: v for v in reference.vendors}
        self._keys: dict[str, str] = {}
        for vendor in reference.vendors:
            for name in (vendor.id, vendor.name, *vendor.aliases):
                self._keys.setdefault(fold(name), vendor.id)
        for row in connection.execute(select(vendors)).mappings():
            self._remember(_vendor_from_row(row))
        for vendor_id, alias in connection.execute(select(vendor_aliases.c.vendor_id, vendor_aliases.c.alias)):
            self._keys.setdefault(fold(alias), vendor_id)

    def get(self, vendor_id: str) -> Vendor | None:
        """The vendor with this id, shipped or stored."""
        return self._by_id.get(vendor_id)

    def resolve(self, name: str) -> Vendor | None:
        """The vendor a name (or its parenthetical, or the name without it) refers to, or None."""
        for variant in name_variants(name):
            vendor_id = self._keys.get(fold(variant))
            if vendor_id:
                return self._by_id[vendor_id]
        return None

    def ensure(self, connection: Connection, name: str, *, country: str, source: str | None = None) -> Vendor:
        """The vendor a name refers to, created as ``unreviewed`` in the database when nobody knows it."""
        if found := self.resolve(name):
            return found
        display = name_variants(name)[1] if len(name_variants(name)) > 1 else name.strip()
        vendor_id = self._new_id(display, country)
        vendor = Vendor(
            id=vendor_id,
            name=display,
            country=country,
            kind=VendorKind.MANUFACTURER,
            review=VendorReview.UNREVIEWED,
            sources=(source,) if source else (),
        )
        insert_ignore(connection, vendors, [{
            "id": vendor.id, "name": vendor.name, "country": vendor.country, "kind": vendor.kind.value,
            "parent": None, "review": vendor.review.value, "sources": [str(s) for s in vendor.sources],
            "created_at": datetime.now(UTC),
        }])  # fmt: skip
        if fold(name) != fold(display):
            insert_ignore(connection, vendor_aliases, [{"vendor_id": vendor.id, "alias": name, "folded": fold(name)}])
            self._keys.setdefault(fold(name), vendor.id)
        self._remember(vendor)
        return vendor

    def _new_id(self, name: str, country: str) -> str:
        base = _NON_SLUG.sub("-", fold(name)).strip("-") or "vendor"
        candidate = base
        if candidate in self._by_id:
            candidate = f"{base}-{country.lower()}"
        suffix = 2
        while candidate in self._by_id:
            candidate = f"{base}-{country.lower()}-{suffix}"
            suffix += 1
        return candidate

    def _remember(self, vendor: Vendor) -> None:
        self._by_id[vendor.id] = vendor
        for name in (vendor.id, vendor.name, *vendor.aliases):
            self._keys.setdefault(fold(name), vendor.id)


def _vendor_from_row(row: object) -> Vendor:
    data = dict(row)  # type: ignore[call-overload]
    return Vendor(
        id=data["id"],
        name=data["name"],
        country=data["country"],
        kind=data["kind"],
        parent=data["parent"],
        review=data["review"],
        sources=tuple(data["sources"]),
    )


def supplier_fields(vendor: Vendor) -> dict[str, str | None]:
    """The claim and deployment fields that name a vendor as the supplier."""
    return {"vendor_id": vendor.id, "vendor_name": vendor.name, "vendor_country": vendor.country}


def named_by(directory: VendorDirectory, facts: ClaimFacts) -> ClaimFacts:
    """Facts naming a vendor only as written, linked to the vendor that name now resolves to (one a reviewer added,
    or an alias recorded), if any."""
    vendor = directory.resolve(facts.vendor_name) if facts.vendor_name and not facts.vendor_id else None
    return facts if vendor is None else facts.model_copy(update=supplier_fields(vendor))
