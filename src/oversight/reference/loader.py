"""Load and validate the reference data files shipped in ``oversight/reference/data``."""

from __future__ import annotations

import logging
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, Field, HttpUrl, ValidationError

from oversight.errors import ReferenceDataError
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
from oversight.reference.russian import adjective_forms

log = logging.getLogger(__name__)

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
T = TypeVar("T", bound=BaseModel)


class _Demonyms(BaseModel):
    """One row of demonyms.yaml: how English and Russian texts refer to a country's state and people."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    country: str
    en: tuple[str, ...] = ()
    ru_adjectives: tuple[str, ...] = ()
    ru_demonyms: tuple[str, ...] = ()
    sources: tuple[HttpUrl, ...]


class _CountryNames(BaseModel):
    """One row of country_names.yaml: common short names and abbreviations in English and Russian news."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    country: str
    en: tuple[str, ...] = ()
    ru: tuple[str, ...] = ()
    sources: tuple[HttpUrl, ...]


class _CountryRow(BaseModel):
    """One row of the generated countries.yaml."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    alpha3: str
    alpha2: str
    numeric: str
    name_en: str
    name_ru: str
    name_kk: str | None = None
    official_name_en: str | None = None
    aliases: tuple[str, ...] = ()
    m49_subregion: str | None = None
    adjectives_en: tuple[str, ...] = ()
    sources: tuple[HttpUrl, ...] = ()


def data_dir() -> Path:
    """The folder of the shipped reference data files."""
    return Path(str(resources.files("oversight.reference") / "data"))


def read_yaml_list(path: Path) -> list[dict[str, Any]]:
    """A YAML file holding a list of mappings, or a clear error naming the file."""
    try:
        with path.open(encoding="utf-8") as handle:
            rows = yaml.load(handle, Loader=_Loader)
    except (OSError, yaml.YAMLError) as exc:
        raise ReferenceDataError(f"cannot read reference file {path}: {exc}") from exc
    if rows is None:
        return []
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise ReferenceDataError(f"reference file {path} must hold a list of mappings")
    return rows


def _parse(model: type[T], rows: list[dict[str, Any]], path: Path) -> list[T]:
    parsed = []
    for index, row in enumerate(rows):
        try:
            parsed.append(model.model_validate(row))
        except ValidationError as exc:
            label = row.get("id") or row.get("alpha3") or row.get("country") or f"entry {index + 1}"
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            raise ReferenceDataError(f"{path.name}: {label}: {where}: {first['msg']}") from exc
    return parsed


def _paradigms(lemmas: tuple[str, ...], *, where: str) -> tuple[str, ...]:
    """Every case form of the Russian adjectives given in dictionary form; a clear error naming ``where``."""
    forms: list[str] = []
    for lemma in lemmas:
        try:
            forms.extend(adjective_forms(lemma))
        except ValueError as exc:
            raise ReferenceDataError(f"{where}: {exc}") from exc
    return tuple(dict.fromkeys(forms))


def load_countries(folder: Path) -> list[Country]:
    """Countries from countries.yaml, merged with demonyms.yaml and region memberships."""
    rows = _parse(_CountryRow, read_yaml_list(folder / "countries.yaml"), folder / "countries.yaml")
    demonym_path = folder / "demonyms.yaml"
    demonyms = {d.country: d for d in _parse(_Demonyms, read_yaml_list(demonym_path), demonym_path)}
    names_path = folder / "country_names.yaml"
    common = {n.country: n for n in _parse(_CountryNames, read_yaml_list(names_path), names_path)}
    regions = load_regions(folder)
    countries = []
    for row in rows:
        extra = demonyms.pop(row.alpha3, None)
        names = common.pop(row.alpha3, None)
        adjectives_ru = _paradigms(extra.ru_adjectives if extra else (), where=f"demonyms.yaml: {row.alpha3}")
        countries.append(
            Country(
                alpha3=row.alpha3,
                alpha2=row.alpha2,
                numeric=row.numeric,
                name_en=row.name_en,
                name_ru=row.name_ru,
                name_kk=row.name_kk,
                official_name_en=row.official_name_en,
                aliases=tuple(dict.fromkeys((*row.aliases, *(names.en + names.ru if names else ())))),
                regions=tuple(r.id for r in regions if row.alpha3 in r.members),
                adjectives_en=tuple(dict.fromkeys((*row.adjectives_en, *(extra.en if extra else ())))),
                adjectives_ru=adjectives_ru,
                demonyms_ru=extra.ru_demonyms if extra else (),
                sources=(*row.sources, *(extra.sources if extra else ()), *(names.sources if names else ())),
            )
        )
    if demonyms or common:
        unknown = ", ".join(sorted({*demonyms, *common}))
        raise ReferenceDataError(f"demonyms.yaml or country_names.yaml names unknown countries: {unknown}")
    return countries


def load_regions(folder: Path) -> list[Region]:
    """Regions from regions.yaml."""
    return _parse(Region, read_yaml_list(folder / "regions.yaml"), folder / "regions.yaml")


class _CityAdjectives(BaseModel):
    """One row of city_adjectives.yaml: the Russian adjectives of a city ("бишкекский")."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    city: str
    country: str
    ru_adjectives: tuple[str, ...]
    sources: tuple[HttpUrl, ...] = Field(min_length=1)


def load_cities(folder: Path) -> list[City]:
    """Cities from cities.yaml, merged with the Russian adjectives of city_adjectives.yaml."""
    cities = _parse(City, read_yaml_list(folder / "cities.yaml"), folder / "cities.yaml")
    path = folder / "city_adjectives.yaml"
    rows = _parse(_CityAdjectives, read_yaml_list(path), path) if path.exists() else []
    adjectives = {(row.city, row.country): row for row in rows}
    merged = []
    for city in cities:
        row = adjectives.pop((city.name, city.country), None)
        if row is None:
            merged.append(city)
            continue
        forms = _paradigms(row.ru_adjectives, where=f"{path.name}: {row.city}")
        merged.append(city.model_copy(update={"adjectives_ru": forms, "sources": row.sources}))
    if adjectives:
        unknown = ", ".join(f"{name} ({country})" for name, country in sorted(adjectives))
        raise ReferenceDataError(f"{path.name} names cities that cities.yaml does not have: {unknown}")
    return merged


def load_subdivisions(folder: Path) -> list[Subdivision]:
    """First-level subdivisions from subdivisions.yaml."""
    return _parse(Subdivision, read_yaml_list(folder / "subdivisions.yaml"), folder / "subdivisions.yaml")


def load_official_sources(folder: Path) -> list[OfficialSource]:
    """Official publishers' domains from official_sources.yaml."""
    return _parse(OfficialSource, read_yaml_list(folder / "official_sources.yaml"), folder / "official_sources.yaml")


def load_safeguards(folder: Path) -> list[SafeguardsProfile]:
    """Safeguards profiles, one file per country in safeguards/."""
    profiles = []
    for path in sorted((folder / "safeguards").glob("*.yaml")):
        try:
            data = yaml.load(path.read_text("utf-8"), Loader=_Loader)
        except (OSError, yaml.YAMLError) as exc:
            raise ReferenceDataError(f"cannot read reference file {path}: {exc}") from exc
        profiles.extend(_parse(SafeguardsProfile, [data], path))
    return profiles


def load_exchange_rates(folder: Path) -> list[ExchangeRates]:
    """Yearly average exchange rates to the US dollar from fx_rates.yaml (absent: no conversion)."""
    path = folder / "fx_rates.yaml"
    return _parse(ExchangeRates, read_yaml_list(path), path) if path.exists() else []


def load_technologies(folder: Path) -> list[Technology]:
    """The technology taxonomy from technologies.yaml."""
    return _parse(Technology, read_yaml_list(folder / "technologies.yaml"), folder / "technologies.yaml")


def load_many(model: type[T], folder: Path) -> list[T]:
    """Every ``*.yaml`` file of a sub-folder (vendors/, buyers/), in name order."""
    items: list[T] = []
    for path in sorted(folder.glob("*.yaml")):
        items.extend(_parse(model, read_yaml_list(path), path))
    return items


def load_vendors(folder: Path) -> list[Vendor]:
    """Vendors from every file of vendors/."""
    return load_many(Vendor, folder / "vendors")


def load_buyers(folder: Path) -> list[Buyer]:
    """Buyers from every file of buyers/."""
    return load_many(Buyer, folder / "buyers")
