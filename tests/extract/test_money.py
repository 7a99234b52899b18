"""Amounts of money, and the city and contract value a claim carries."""

from __future__ import annotations

import pytest

from oversight.extract.engine import Extractor
from oversight.extract.lexicon import language_data
from oversight.extract.money import MoneyReader


@pytest.fixture(scope="module")
def reader() -> MoneyReader:
    return MoneyReader(language_data())


@pytest.mark.parametrize(
    ("text", "amount", "value", "currency"),
    [
        ("whose price tag was roughly $240 million.", "$240 million", 240e6, "USD"),
        ("costing Kshs 1.6 billion, or so", "Kshs 1.6 billion", 1.6e9, "KES"),
        ("spent upwards of $860,000 on software", "$860,000", 860_000, "USD"),
        ("a €10m deal", "€10m", 10e6, "EUR"),
        ("контракт принёс ей около 3,2 млн долларов.", "3,2 млн долларов", 3.2e6, "USD"),
        ("стоимостью 1,5 млрд рублей", "1,5 млрд рублей", 1.5e9, "RUB"),
        ("обошлась в 1 500 000 тенге", "1 500 000 тенге", 1.5e6, "KZT"),
        ("50 млн сомов из бюджета", "50 млн сомов", 50e6, "KGS"),
    ],
)
def test_amounts_in_english_and_russian(
    reader: MoneyReader, text: str, amount: str, value: float, currency: str
) -> None:
    [found] = reader.amounts(text)
    assert text[found.start : found.end] == amount
    assert found.value == pytest.approx(value)
    assert found.currency == currency


@pytest.mark.parametrize("text", ["In 2019 the 1,800 cameras went up.", "20 of these devices", "a sum of 300"])
def test_numbers_without_a_currency_are_not_money(reader: MoneyReader, text: str) -> None:
    assert reader.amounts(text) == []


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def test_claim_carries_city_and_contract_value(extractor: Extractor) -> None:
    text = (
        "Huawei installed Safe City cameras in Nairobi for the Kenya National Police in 2015; the contract was worth "
        "$160 million."
    )
    [claim] = [e.facts for e in extractor.extract(text) if e.facts.recipient_country == "KEN"]
    assert (claim.city, claim.value, claim.currency) == ("Nairobi", 160e6, "USD")


def test_city_is_given_by_its_registry_name(extractor: Extractor) -> None:
    text = "В 2019 году Huawei установила систему «Безопасный город» в Бишкеке стоимостью 60 млн долларов."
    [claim] = [e.facts for e in extractor.extract(text) if e.facts.recipient_country == "KGZ"]
    assert (claim.city, claim.value, claim.currency) == ("Bishkek", 60e6, "USD")


def test_revenue_is_not_a_contract_value(extractor: Extractor) -> None:
    text = "Hikvision, whose revenue reached $8 billion, supplied Safe City cameras to Almaty in 2018."
    claims = [e.facts for e in extractor.extract(text) if e.facts.recipient_country == "KAZ"]
    assert claims and all(c.value is None and c.currency is None for c in claims)


def test_version_follows_the_model(extractor: Extractor) -> None:
    from oversight.extract.engine import VERSION
    from oversight.extract.model import LinearModel

    other = Extractor(model=LinearModel(weights={"bias": 1.0}), lex=extractor.lexicon, ref=extractor.reference)
    assert extractor.version.startswith(f"{VERSION}.") and other.version != extractor.version
