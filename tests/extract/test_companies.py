"""Companies the registry lacks, read from how a text introduces them (the company names here are made up)."""

from __future__ import annotations

import pytest

from oversight.extract.engine import Extractor
from oversight.extract.mentions import analyse
from oversight.model import ClaimFacts, Status
from oversight.model.canonical import deployment_id


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def _companies(extractor: Extractor, text: str) -> dict[str, tuple[str, str | None, int]]:
    """Unregistered companies found: name → (vendor id, stated home country, number of mentions)."""
    analysis = analyse(text, extractor.lexicon)
    return {
        name: (vendor_id, analysis.nationality.get(vendor_id), len(analysis.vendors[vendor_id]))
        for vendor_id, name in analysis.names.items()
    }


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        (
            "Police in Ghana bought the cameras from the Dutch firm Korvexa Industrial Systems in 2020.",
            "Korvexa Industrial Systems",
            "NLD",
        ),
        ("The software came from Lyon-based Lumetrix, officials said.", "Lumetrix", None),
        ("Velora Analytics, a Boston software company, sold its tool to the ministry.", "Velora Analytics", None),
        ("The contract went to Tarnex Technologies last year.", "Tarnex Technologies", None),
        ("Систему поставила литовская компания «Тенгри Видео».", "Тенгри Видео", "LTU"),
        ("Паспорта печатает эстонская «Балтик Вижн» по договору с министерством.", "Балтик Вижн", "EST"),
        ("Её разработчик — Lumetrix, дочерняя компания французского холдинга.", "Lumetrix", None),
    ],
)
def test_a_company_the_registry_lacks_is_read_from_how_the_text_introduces_it(
    extractor: Extractor, text: str, name: str, country: str | None
) -> None:
    found = _companies(extractor, text)
    assert list(found) == [name]
    vendor_id, home, _ = found[name]
    assert vendor_id.startswith("~")
    assert home == country


def test_later_bare_uses_of_the_name_are_mentions_of_the_same_company(extractor: Extractor) -> None:
    found = _companies(
        extractor,
        "The firm Tarnex Technologies won the tender. Tarnex installed the cameras; the Tarnex deal was secret.",
    )
    assert found == {"Tarnex Technologies": ("~tarnex", None, 3)}


@pytest.mark.parametrize(
    "text",
    [
        "Huawei, the Chinese firm, built the system in Bishkek.",  # registered: not a second, unknown company
        "The State Committee of Communications and Information Technologies signed the order.",  # an agency's name
        "According to the developer Ivan Petrov, the system works.",  # a person, not a company
        "Разработчик — Иван Петров, сообщили в министерстве.",
        "Систему поставил ИП М. С. Кудайбергенов.",
        "The company said on Monday that the cameras were installed.",  # no name follows the noun
        "Yossi Levin, the company said, will step down.",  # "the company" opens a clause, not an apposition
    ],
)
def test_no_company_is_read_from_agencies_people_or_registered_names(extractor: Extractor, text: str) -> None:
    assert _companies(extractor, text) == {}


def test_a_place_inside_a_company_name_is_part_of_the_name(extractor: Extractor) -> None:
    text = "Cameras in Yangon were supplied by the company Myanmar Vision Group."
    analysis = analyse(text, extractor.lexicon)
    assert list(analysis.names.values()) == ["Myanmar Vision Group"]
    places = [p.mention.text for places in analysis.places.values() for p in places]
    assert "Myanmar" not in places and "Yangon" in places


def test_a_claim_names_an_unregistered_vendor_without_a_registry_id(extractor: Extractor) -> None:
    text = (
        "The Interior Ministry of Ghana signed a contract with the Dutch firm Korvexa Industrial Systems in 2021 to "
        "install facial recognition cameras in Accra."
    )
    claims = [e.facts for e in extractor.extract(text) if e.facts.vendor_name == "Korvexa Industrial Systems"]
    assert claims, extractor.extract(text)
    facts = claims[0]
    assert (facts.vendor_id, facts.vendor_country, facts.recipient_country) == (None, "NLD", "GHA")
    assert facts.technology == "facial_recognition"


def test_two_unregistered_vendors_of_one_country_are_two_deployments() -> None:
    def facts(name: str) -> ClaimFacts:
        return ClaimFacts(
            vendor_name=name,
            vendor_country="NLD",
            recipient_country="GHA",
            technology="cctv_safe_city",
            status=Status.DELIVERED,
        )

    assert deployment_id(facts("Korvexa")) != deployment_id(facts("Lumetrix"))
    country_only = ClaimFacts(
        vendor_country="NLD", recipient_country="GHA", technology="cctv_safe_city", status=Status.DELIVERED
    )
    assert deployment_id(facts("Korvexa")) != deployment_id(country_only)


@pytest.mark.parametrize(
    ("text", "buyer", "country"),
    [
        (
            "Netsweeper filters were installed on the network of Ruritania Telecommunication Company Limited.",
            "Ruritania Telecommunication Company Limited",
            None,
        ),
        (
            "Netsweeper filters were installed on the network of Pakistan Telecommunication Company Limited.",
            "Pakistan Telecommunication Company Limited",
            "PAK",
        ),
    ],
)
def test_an_operator_named_after_its_country_is_a_buyer_not_a_supplier(
    extractor: Extractor, text: str, buyer: str, country: str | None
) -> None:
    analysis = analyse(text, extractor.lexicon)
    buyers = {(p.mention.text, p.mention.detail) for p in analysis.buyers}
    if country is None:  # no country in the name: a company like any other
        assert buyers == set() and buyer in analysis.names.values()
    else:
        assert buyers == {(buyer, country)} and buyer not in analysis.names.values()
        claims = [e.facts for e in extractor.extract(text)]
        assert {(c.vendor_id, c.recipient_country, c.buyer) for c in claims} >= {("netsweeper", "PAK", buyer)}


def test_a_legal_form_is_not_a_name_and_a_noun_inside_a_name_opens_none() -> None:
    """ "… Electronics Service Company Limited": "Limited" after "Company" is not a second company."""
    analysis, _ = Extractor().candidates(
        "The system was built by China National Electronics Service Company Limited for Bolivia's police."
    )
    assert list(analysis.names.values()) == ["China National Electronics"]
