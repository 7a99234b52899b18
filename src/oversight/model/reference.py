"""Reference entities: countries, regions, cities, technologies, vendors and buyers.

These are loaded from the data files in :mod:`oversight.reference` and validated on load; every fact carries
the URL of the source that states it.
"""

from __future__ import annotations

import datetime as dt
import re

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, field_validator, model_validator

from oversight.model.vocab import PRINCIPLES, Assessment, BuyerKind, ListingKind, VendorKind, VendorReview

_ALPHA3 = re.compile(r"^[A-Z]{3}$")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


def _check_alpha3(value: str) -> str:
    if not _ALPHA3.match(value):
        raise ValueError(f"{value!r} is not an ISO 3166-1 alpha-3 code")
    return value


class Country(_Frozen):
    """A country of ISO 3166-1, with the names and adjectives texts use for it."""

    alpha3: str
    alpha2: str
    numeric: str
    name_en: str
    name_ru: str
    name_kk: str | None = None
    official_name_en: str | None = None
    aliases: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    adjectives_en: tuple[str, ...] = ()
    adjectives_ru: tuple[str, ...] = ()
    demonyms_ru: tuple[str, ...] = ()
    sources: tuple[HttpUrl, ...] = ()

    _alpha3 = field_validator("alpha3")(_check_alpha3)


class Region(_Frozen):
    """A named group of countries ("Central Asia")."""

    id: str
    name_en: str
    name_ru: str
    aliases: tuple[str, ...] = ()
    members: tuple[str, ...]
    source: HttpUrl


class City(_Frozen):
    """A city that reports name, standing for its country."""

    geonameid: int
    name: str
    country: str
    population: int
    capital: bool = False
    aliases: tuple[str, ...] = ()
    adjectives_ru: tuple[str, ...] = ()  # every case form ("бишкекская", "бишкекской"…), from city_adjectives.yaml
    sources: tuple[HttpUrl, ...] = ()  # of the adjectives


class Subdivision(_Frozen):
    """A first-level division of a country (province, oblast, state), standing for its country."""

    code: str
    country: str
    names: tuple[str, ...]


class OfficialSource(_Frozen):
    """A web domain whose statements are a government's or a vendor's own."""

    domain: str
    country: str | None = None
    vendor: str | None = None
    source: HttpUrl


class PrincipleAssessment(_Frozen):
    """One principle's assessment for a country, with the law or report that supports it."""

    assessment: Assessment
    note: str = Field(max_length=400)
    sources: tuple[HttpUrl, ...] = ()

    @model_validator(mode="after")
    def _sourced(self) -> PrincipleAssessment:
        if self.assessment is not Assessment.UNKNOWN and not self.sources:
            raise ValueError("an assessment other than unknown needs a source URL")
        return self


class SafeguardsProfile(_Frozen):
    """A country's safeguards against the 13 Necessary & Proportionate principles."""

    country: str
    assessed: dt.date
    framework: HttpUrl
    principles: dict[str, PrincipleAssessment]

    @field_validator("principles")
    @classmethod
    def _all_principles(cls, value: dict[str, PrincipleAssessment]) -> dict[str, PrincipleAssessment]:
        unknown = set(value) - set(PRINCIPLES)
        if unknown:
            raise ValueError(f"unknown principle(s): {', '.join(sorted(unknown))}")
        return value

    def assessments(self) -> dict[str, str]:
        """Principle → assessment, ``unknown`` for principles the profile leaves out."""
        return {p: (self.principles[p].assessment.value if p in self.principles else "unknown") for p in PRINCIPLES}


class ExchangeRates(_Frozen):
    """Yearly average units of a currency per US dollar, with the source that publishes them."""

    currency: str
    source: HttpUrl
    rates: dict[int, float]


class Technology(_Frozen):
    """A category of the surveillance-technology taxonomy."""

    id: str
    label_en: str
    label_ru: str
    intrusiveness: float = Field(ge=0.0, le=1.0)
    rationale: str
    keywords_en: tuple[str, ...]
    keywords_ru: tuple[str, ...]
    keywords_kk: tuple[str, ...] = ()
    sources: tuple[HttpUrl, ...] = ()


class Listing(_Frozen):
    """A sanctions or export-control listing of a vendor."""

    list: ListingKind
    date: dt.date | None = None
    source: HttpUrl


class Vendor(_Frozen):
    """A company or state body that supplies surveillance technology."""

    id: str
    name: str
    aliases: tuple[str, ...] = ()
    country: str
    kind: VendorKind = VendorKind.MANUFACTURER
    parent: str | None = None
    technologies: tuple[str, ...] = ()
    listings: tuple[Listing, ...] = ()
    review: VendorReview = VendorReview.CURATED
    sources: tuple[HttpUrl, ...] = ()

    _alpha3 = field_validator("country")(_check_alpha3)

    @field_validator("id")
    @classmethod
    def _slug(cls, value: str) -> str:
        if not _SLUG.match(value):
            raise ValueError(f"vendor id {value!r} must be a lowercase slug (letters, digits, hyphens)")
        return value


class Buyer(_Frozen):
    """A government body or operator that buys or runs surveillance technology."""

    id: str
    name: str
    name_ru: str | None = None
    aliases: tuple[str, ...] = ()
    country: str
    kind: BuyerKind
    parent: str | None = None
    sources: tuple[HttpUrl, ...] = Field(min_length=1)

    _alpha3 = field_validator("country")(_check_alpha3)
