from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from oversight.errors import NotFoundError, ReferenceDataError
from oversight.extract.lexicon import is_cyrillic
from oversight.reference import load_reference, reference
from oversight.reference.loader import data_dir

CENTRAL_ASIA = {"KAZ", "KGZ", "TJK", "TKM", "UZB"}


def test_knowledge_base_meets_its_coverage_floor() -> None:
    stats = reference().stats()
    assert stats["countries"] >= 249
    assert stats["vendors"] >= 100
    assert stats["vendors_with_cyrillic_alias"] >= 40
    assert stats["central_asian_buyers"] >= 25
    assert stats["technologies"] == 11


def test_every_vendor_has_a_home_country_and_a_source() -> None:
    codes = {c.alpha3 for c in reference().countries}
    for vendor in reference().vendors:
        assert vendor.country in codes, vendor.id
        assert vendor.sources, vendor.id
        for listing in vendor.listings:
            assert str(listing.source).startswith("http"), vendor.id


def test_every_buyer_and_demonym_carries_a_source() -> None:
    assert all(b.sources for b in reference().buyers)
    kaz = reference().country("KAZ")
    assert any("porimol" not in str(s) and "pycountry" not in str(s) for s in kaz.sources)


@pytest.mark.parametrize(
    ("query", "vendor_id"),
    [
        ("протей", "protei"),
        ("PROTEI", "protei"),
        ("Хуавэй", "huawei"),
        ("Huawei Technologies Co., Ltd.", "huawei"),
        ("hikvision", "hikvision"),
        ("NSO Group", "nso-group"),
        ("ShotSpotter", "soundthinking"),
        ("Hanwha Techwin", "hanwha-vision"),
        ("Pen-Link", "penlink"),
    ],
)
def test_vendor_lookup_by_any_alias(query: str, vendor_id: str) -> None:
    assert vendor_id in [v.id for v in reference().find_vendors(query)]


@pytest.mark.parametrize(
    ("query", "alpha3"),
    [
        ("KAZ", "KAZ"),
        ("kz", "KAZ"),
        ("398", "KAZ"),
        ("Казахстан", "KAZ"),
        ("казахстанские", "KAZ"),
        ("Kyrgyzstan", "KGZ"),
        ("Kyrgyz", "KGZ"),
        ("узбекской", "UZB"),
        ("Chinese", "CHN"),
        ("российский", "RUS"),
    ],
)
def test_country_lookup(query: str, alpha3: str) -> None:
    assert reference().country(query).alpha3 == alpha3


def test_unknown_country_is_a_clear_error() -> None:
    with pytest.raises(NotFoundError, match="unknown country 'Atlantis'"):
        reference().country("Atlantis")


def test_buyers_of_central_asia_by_abbreviation() -> None:
    found = {b.country for b in reference().find_buyers("ГКНБ", exact=True)}
    assert {"KGZ", "TJK"} <= found
    countries = {c.alpha3 for c in reference().countries}
    assert all(b.country in countries for b in reference().buyers)


def test_regions_and_cities() -> None:
    assert set(reference().region("Central Asia").members) == CENTRAL_ASIA
    assert "central-asia" in reference().country("TJK").regions
    cities = {c.name: c for c in reference().cities}
    assert cities["Bishkek"].country == "KGZ"
    assert cities["Bishkek"].capital
    assert "Алматы" in cities["Almaty"].aliases
    central_asian = [c for c in reference().cities if c.country in CENTRAL_ASIA]
    assert all(c.population > 100_000 or c.capital for c in central_asian)
    assert len(central_asian) >= 40


def test_russian_regions_have_their_russian_names() -> None:
    """Read back from pycountry's romanisation where the morphological dictionary knows the adjective («Свердловская
    область»), or from its Russian locale («Республика Татарстан», and «Татарстан» as news writes it)."""
    names = {d.code: set(d.names) for d in reference().subdivisions}
    assert "Свердловская область" in names["RU-SVE"]
    assert "Приморский край" in names["RU-PRI"]
    assert {"Республика Татарстан", "Татарстан"} <= names["RU-TA"]
    russian = [d for d in reference().subdivisions if d.country == "RUS" and any(is_cyrillic(n) for n in d.names)]
    assert len(russian) >= 60


def test_no_city_alias_is_a_country_word_or_another_city() -> None:
    """GeoNames lists "Kazakh" for Petropavl, «Бразилия» for Brasília and "Samarkand" for Temirtau; such a word in a
    text means the country, or the other city."""
    ref = reference()
    taken = {
        w.casefold()
        for c in ref.countries
        for w in (c.name_en, c.name_ru, *c.aliases, *c.adjectives_en, *c.adjectives_ru, *c.demonyms_ru)
    } | {city.name.casefold() for city in ref.cities}
    clashes = [
        (city.name, alias)
        for city in ref.cities
        for alias in city.aliases
        if alias.casefold() in taken and alias.casefold() != city.name.casefold()
    ]
    assert clashes == []


def test_technologies_have_weights_and_keywords_in_both_languages() -> None:
    for tech in reference().technologies:
        assert 0 < tech.intrusiveness <= 1
        assert tech.keywords_en
        assert tech.keywords_ru
    assert reference().technology("spyware").intrusiveness == 1.0


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(data_dir(), target)
    return target


def test_unknown_parent_is_rejected(data_copy: Path) -> None:
    path = data_copy / "vendors" / "zz.yaml"
    path.write_text(
        "- {id: orphan-co, name: Orphan Co, country: RUS, parent: nobody, sources: [https://example.org]}\n"
    )
    with pytest.raises(ReferenceDataError, match="vendor orphan-co: unknown parent nobody"):
        load_reference(data_copy)


def test_bad_country_code_names_file_and_entry(data_copy: Path) -> None:
    path = data_copy / "vendors" / "zz.yaml"
    path.write_text("- {id: bad-co, name: Bad Co, country: Russia, sources: [https://example.org]}\n")
    with pytest.raises(ReferenceDataError, match=r"zz.yaml: bad-co: country: .*alpha-3"):
        load_reference(data_copy)


def test_duplicate_vendor_id_is_rejected(data_copy: Path) -> None:
    path = data_copy / "vendors" / "zz.yaml"
    path.write_text("- {id: protei, name: Protei again, country: RUS, sources: [https://example.org]}\n")
    with pytest.raises(ReferenceDataError, match="duplicate vendor id 'protei'"):
        load_reference(data_copy)


def test_malformed_yaml_is_a_clear_error(data_copy: Path) -> None:
    (data_copy / "technologies.yaml").write_text("- id: [unclosed\n")
    with pytest.raises(ReferenceDataError, match=r"cannot read reference file .*technologies\.yaml"):
        load_reference(data_copy)


def test_safeguards_profiles_cover_central_asia_russia_and_china() -> None:
    from oversight.model import PRINCIPLES

    for code in ("KAZ", "KGZ", "TJK", "TKM", "UZB", "RUS", "CHN"):
        profile = reference().safeguards_of(code)
        assert profile is not None, code
        assert set(profile.principles) == set(PRINCIPLES), code
        for name, assessment in profile.principles.items():
            assert assessment.assessment.value == "unknown" or assessment.sources, (code, name)
            assert len(assessment.note) <= 400


def test_exchange_rates_convert_with_the_years_average() -> None:
    usd = reference().to_usd(100.0, "USD", None)
    assert usd == 100.0
    assert reference().to_usd(1.0, "XXX", 2020) is None
    kzt = next(t for t in reference().exchange_rates if t.currency == "KZT")
    year, rate = next(iter(kzt.rates.items()))
    assert reference().to_usd(rate * 10, "kzt", year) == pytest.approx(10.0)


def test_city_adjectives_are_inflected_and_must_name_a_known_city(data_copy: Path) -> None:
    path = data_copy / "city_adjectives.yaml"
    path.write_text("- {city: Bishkek, country: KGZ, ru_adjectives: [бишкекский], sources: [https://example.org]}\n")
    bishkek = next(c for c in load_reference(data_copy).cities if c.name == "Bishkek")
    assert {"бишкекская", "бишкекской", "бишкекские"} <= set(bishkek.adjectives_ru)
    path.write_text("- {city: Atlantis, country: KGZ, ru_adjectives: [атлантидский], sources: [https://example.org]}\n")
    with pytest.raises(ReferenceDataError, match="Atlantis"):
        load_reference(data_copy)
