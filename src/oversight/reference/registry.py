"""The reference registry: every country, region, city, technology, vendor and buyer, indexed for look-up."""

from __future__ import annotations

import functools
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from oversight.errors import NotFoundError, ReferenceDataError
from oversight.model import (
    Buyer,
    City,
    Country,
    ExchangeRates,
    OfficialSource,
    Region,
    SafeguardsProfile,
    Subdivision,
    Technology,
    Vendor,
)
from oversight.reference import loader
from oversight.reference.names import fold

K = TypeVar("K")
V = TypeVar("V")


def _index(pairs: Iterable[tuple[K, V]]) -> dict[K, list[V]]:
    out: dict[K, list[V]] = defaultdict(list)
    for key, value in pairs:
        if value not in out[key]:
            out[key].append(value)
    return dict(out)


@dataclass(frozen=True)
class Reference:
    """All reference entities, validated against each other, with look-up by code, id, name or alias."""

    countries: tuple[Country, ...]
    regions: tuple[Region, ...]
    cities: tuple[City, ...]
    subdivisions: tuple[Subdivision, ...]
    technologies: tuple[Technology, ...]
    vendors: tuple[Vendor, ...]
    buyers: tuple[Buyer, ...]
    official_sources: tuple[OfficialSource, ...] = ()
    safeguards: tuple[SafeguardsProfile, ...] = ()
    exchange_rates: tuple[ExchangeRates, ...] = ()
    _country_keys: dict[str, list[Country]] = field(init=False, repr=False)
    _vendor_keys: dict[str, list[Vendor]] = field(init=False, repr=False)
    _buyer_keys: dict[str, list[Buyer]] = field(init=False, repr=False)
    _vendor_ids: dict[str, Vendor] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        _check_consistency(self)
        set_ = object.__setattr__
        set_(self, "_country_keys", _index((fold(n), c) for c in self.countries for n in _country_names(c)))
        set_(
            self,
            "_vendor_keys",
            _index((fold(n), v) for v in self.vendors for n in (v.id, v.name, *v.aliases)),
        )
        set_(self, "_buyer_keys", _index((fold(n), b) for b in self.buyers for n in _buyer_names(b)))
        set_(self, "_vendor_ids", {v.id: v for v in self.vendors})

    # -- exact look-ups -------------------------------------------------------------------------------------
    def country(self, code_or_name: str) -> Country:
        """The country with this alpha-3/alpha-2/numeric code or name; NotFoundError if there is none."""
        found = self.find_countries(code_or_name, exact=True)
        if not found:
            raise NotFoundError(f"unknown country {code_or_name!r}: give an ISO code (KAZ, KZ, 398) or a name")
        return found[0]

    def vendor(self, id_or_name: str) -> Vendor:
        """The vendor with this id, name or alias; NotFoundError if there is none."""
        found = self.find_vendors(id_or_name, exact=True)
        if not found:
            raise NotFoundError(f"unknown vendor {id_or_name!r}: see `oversight reference vendors`")
        return found[0]

    def vendor_by_id(self, vendor_id: str) -> Vendor | None:
        """The vendor with exactly this id, or None (no name matching)."""
        return self._vendor_ids.get(vendor_id)

    def to_usd(self, value: float, currency: str, year: int | None) -> float | None:
        """A value in US dollars at the year's average rate; None when the table lacks the currency or year."""
        if currency.upper() == "USD":
            return value
        table = next((t for t in self.exchange_rates if t.currency == currency.upper()), None)
        if table is None or year is None or year not in table.rates:
            return None
        return value / table.rates[year]

    def safeguards_of(self, alpha3: str) -> SafeguardsProfile | None:
        """The safeguards profile of a country, if one is shipped."""
        return next((p for p in self.safeguards if p.country == alpha3), None)

    def official_source(self, host: str | None) -> OfficialSource | None:
        """The official publisher a web host belongs to (its domain or a sub-domain), or None."""
        if not host:
            return None
        host = host.lower().removeprefix("www.")
        for official in self.official_sources:
            if host == official.domain or host.endswith("." + official.domain):
                return official
        return None

    def technology(self, technology_id: str) -> Technology:
        """The technology category with this id; NotFoundError if there is none."""
        for tech in self.technologies:
            if tech.id == technology_id:
                return tech
        known = ", ".join(t.id for t in self.technologies)
        raise NotFoundError(f"unknown technology {technology_id!r}: one of {known}")

    def region(self, id_or_name: str) -> Region:
        """The region with this id or name ("central-asia", "Central Asia")."""
        key = fold(id_or_name)
        for region in self.regions:
            if key in {
                fold(region.id),
                fold(region.name_en),
                fold(region.name_ru),
                *map(fold, region.aliases),
            }:
                return region
        raise NotFoundError(f"unknown region {id_or_name!r}: one of {', '.join(r.id for r in self.regions)}")

    # -- searches -------------------------------------------------------------------------------------------
    def find_countries(self, query: str, *, exact: bool = False) -> list[Country]:
        """Countries whose code, name, alias or adjective equals (or, unless ``exact``, contains) the query."""
        return _search(self._country_keys, query, exact=exact)

    def find_vendors(self, query: str, *, exact: bool = False) -> list[Vendor]:
        """Vendors whose id, name or alias equals (or, unless ``exact``, contains) the query."""
        return _search(self._vendor_keys, query, exact=exact)

    def find_buyers(self, query: str, *, exact: bool = False) -> list[Buyer]:
        """Buyers whose id, name or alias equals (or, unless ``exact``, contains) the query."""
        return _search(self._buyer_keys, query, exact=exact)

    def stats(self) -> dict[str, int]:
        """How many entities of each kind the registry holds."""
        central_asia = set(self.region("central-asia").members)
        return {
            "countries": len(self.countries),
            "regions": len(self.regions),
            "cities": len(self.cities),
            "subdivisions": len(self.subdivisions),
            "technologies": len(self.technologies),
            "vendors": len(self.vendors),
            "vendors_with_cyrillic_alias": sum(1 for v in self.vendors if any(_is_cyrillic(a) for a in v.aliases)),
            "vendors_with_listings": sum(1 for v in self.vendors if v.listings),
            "buyers": len(self.buyers),
            "central_asian_buyers": sum(1 for b in self.buyers if b.country in central_asia),
        }


def _search(keys: dict[str, list[V]], query: str, *, exact: bool) -> list[V]:
    needle = fold(query)
    if not needle:
        return []
    hits = list(keys.get(needle, []))
    if not exact:
        for key, items in keys.items():
            if needle in key:
                hits.extend(i for i in items if i not in hits)
    return hits


def _country_names(country: Country) -> tuple[str, ...]:
    return (
        country.alpha3,
        country.alpha2,
        country.numeric,
        country.name_en,
        country.name_ru,
        *((country.name_kk,) if country.name_kk else ()),
        *country.aliases,
        *country.adjectives_en,
        *country.adjectives_ru,
        *country.demonyms_ru,
    )


def _buyer_names(buyer: Buyer) -> tuple[str, ...]:
    return (buyer.id, buyer.name, *((buyer.name_ru,) if buyer.name_ru else ()), *buyer.aliases)


def _is_cyrillic(text: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in text)


def _check_consistency(ref: Reference) -> None:
    codes = {c.alpha3 for c in ref.countries}
    techs = {t.id for t in ref.technologies}
    problems: list[str] = []
    for kind, ids in (("vendor", [v.id for v in ref.vendors]), ("buyer", [b.id for b in ref.buyers])):
        problems += [f"duplicate {kind} id {i!r}" for i, n in Counter(ids).items() if n > 1]
    vendor_ids = {v.id for v in ref.vendors}
    buyer_ids = {b.id for b in ref.buyers}
    for v in ref.vendors:
        if v.country not in codes:
            problems.append(f"vendor {v.id}: unknown country {v.country}")
        if v.parent and v.parent not in vendor_ids:
            problems.append(f"vendor {v.id}: unknown parent {v.parent}")
        problems += [f"vendor {v.id}: unknown technology {t}" for t in v.technologies if t not in techs]
        if not v.sources:
            problems.append(f"vendor {v.id}: no source URL")
    for b in ref.buyers:
        if b.country not in codes:
            problems.append(f"buyer {b.id}: unknown country {b.country}")
        if b.parent and b.parent not in buyer_ids:
            problems.append(f"buyer {b.id}: unknown parent {b.parent}")
    owners: dict[str, set[str]] = defaultdict(set)
    for v in ref.vendors:
        for name in (v.name, *v.aliases):
            owners[fold(name)].add(v.id)
    problems += [
        f"name {key!r} is given to several vendors: {', '.join(sorted(ids))}"
        for key, ids in owners.items()
        if len(ids) > 1
    ]
    for r in ref.regions:
        problems += [f"region {r.id}: unknown member {m}" for m in r.members if m not in codes]
    for c in ref.cities:
        if c.country not in codes:
            problems.append(f"city {c.name}: unknown country {c.country}")
    if problems:
        raise ReferenceDataError("inconsistent reference data: " + "; ".join(problems[:10]))


def load_reference(folder: Path | None = None) -> Reference:
    """Load, validate and index the reference data (the shipped files unless ``folder`` is given)."""
    base = folder or loader.data_dir()
    return Reference(
        countries=tuple(loader.load_countries(base)),
        regions=tuple(loader.load_regions(base)),
        cities=tuple(loader.load_cities(base)),
        subdivisions=tuple(loader.load_subdivisions(base)),
        technologies=tuple(loader.load_technologies(base)),
        vendors=tuple(loader.load_vendors(base)),
        buyers=tuple(loader.load_buyers(base)),
        official_sources=tuple(loader.load_official_sources(base)),
        safeguards=tuple(loader.load_safeguards(base)),
        exchange_rates=tuple(loader.load_exchange_rates(base)),
    )


@functools.cache
def reference() -> Reference:
    """The shipped reference registry, loaded once per process."""
    return load_reference()
