"""The extractor on short texts written for these tests: claims they must and must not yield."""

from __future__ import annotations

from typing import Any

import pytest

from oversight.extract.candidates import SUPPLIER_VENDOR, Candidate
from oversight.extract.engine import MAX_QUOTE, Extractor, _list_mates, _prune
from oversight.extract.evaluate import read_gold
from oversight.extract.lexicon import lexicon
from oversight.extract.mentions import PLACE_KINDS, analyse
from tests.conftest import SHARED

GOLD = SHARED / "gold" / "dev.jsonl"


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def _claims(extractor: Extractor, text: str) -> set[tuple[object, ...]]:
    return {
        (e.facts.vendor_id, e.facts.recipient_country, e.facts.technology, e.facts.status.value)
        for e in extractor.extract(text)
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The Interior Ministry of Kyrgyzstan signed a contract with Huawei in 2019 to install Safe City cameras in "
            "Bishkek.",
            ("huawei", "KGZ", "cctv_safe_city"),
        ),
        (
            "В 2012 году компания «Протей» поставила оборудование СОРМ казахстанскому оператору в Алматы.",
            ("protei", "KAZ", "lawful_interception"),
        ),
        (
            "Израильская компания Cellebrite поставила комплексы для извлечения данных полиции Казахстана.",
            ("cellebrite", "KAZ", "mobile_forensics"),
        ),
    ],
)
def test_must_yield(extractor: Extractor, text: str, expected: tuple[str, str, str]) -> None:
    found = {claim[:3] for claim in _claims(extractor, text) if claim[3] in {"agreed", "delivered", "ended"}}
    assert expected in found


def test_supplier_named_only_by_country(extractor: Extractor) -> None:
    text = "Police in Uzbekistan have used facial recognition cameras supplied by a Chinese company since 2019."
    found = [e.facts for e in extractor.extract(text) if e.facts.technology == "facial_recognition"]
    assert [(f.vendor_id, f.vendor_country, f.recipient_country, f.year) for f in found] == [(None, "CHN", "UZB", 2019)]


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("NSO Group denied that it had ever sold Pegasus to the government of Kazakhstan.", "denied"),
        (
            "Officials are in talks with Hikvision about a possible Safe City project in Tajikistan next year.",
            "planned",
        ),
        ("Kazakhstan will install 10,000 Hikvision cameras next year.", "planned"),
        ("Власти Таджикистана планируют закупить камеры Hikvision.", "planned"),
    ],
)
def test_denials_and_plans_are_not_deployments(extractor: Extractor, text: str, status: str) -> None:
    statuses = {claim[3] for claim in _claims(extractor, text)}
    assert statuses <= {status}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The interior ministry of Kyrgyzstan cancelled its contract with Hikvision for Safe City cameras in 2021.",
            ("hikvision", "KGZ", "cctv_safe_city", "cancelled"),
        ),
        (
            "Тендер на поставку камер «Безопасный город» в Бишкеке, который выиграла компания Hikvision, был отменён.",
            ("hikvision", "KGZ", "cctv_safe_city", "cancelled"),
        ),
        (  # stopped after operating: ended, not cancelled
            "Узбекистан расторг контракт с Huawei на систему распознавания лиц, которая использовалась в Ташкенте с "
            "2019 года.",
            ("huawei", "UZB", "facial_recognition", "ended"),
        ),
        (  # the cancellation is of another tender: the contract stands
            "The first tender was annulled. In 2021 Huawei signed a contract for Safe City cameras in Dushanbe, "
            "Tajikistan.",
            ("huawei", "TJK", "cctv_safe_city", "agreed"),
        ),
    ],
)
def test_cancellations(extractor: Extractor, text: str, expected: tuple[str, str, str, str]) -> None:
    assert expected in _claims(extractor, text)


def test_russian_inflection_and_transliteration_are_recognised() -> None:
    analysis = analyse("Договор с компанией «Хуавэй» заключили в Кыргызстане, а у «Протея» — в Узбекистане.", lexicon())
    assert {"huawei", "protei"} <= set(analysis.vendors)
    assert {"KGZ", "UZB"} <= set(analysis.places)


@pytest.mark.parametrize(
    ("text", "technology"),
    [
        ("ICE spent $825,000 on vehicles equipped with cell-site simulators.", "imsi_catcher"),
        ("The ministry bought IMSI-catchers and fake base stations.", "imsi_catcher"),
        ("Полиция закупила IMSI-перехватчики.", "imsi_catcher"),  # not «перехват*», lawful interception
        ("В городе нашли ложные базовые станции.", "imsi_catcher"),
        ("The junta switched its national web filter to a foreign product.", "dpi_internet_filtering"),
        ("The ministry called for proposals for national URL filters.", "dpi_internet_filtering"),
        ("В Ташкенте запустили систему фото- и видеофиксации.", "cctv_safe_city"),  # traffic-enforcement cameras
        ("Комплексы фотовидеофиксации работают.", "cctv_safe_city"),
        ("Pakistan's national internet firewall was built by Geedge Networks.", "dpi_internet_filtering"),
        ("Its censorship platform was installed at internet providers in Myanmar.", "dpi_internet_filtering"),
        ("Национальный файрвол Пакистана построила Geedge Networks.", "dpi_internet_filtering"),
        ("The company's face-tracking system logged people's whereabouts in Xinjiang.", "facial_recognition"),
        ("The agency bought social media analytics from a Boston firm.", "social_media_monitoring"),
        ("The commission bought biometric voter registration kits from Safran.", "biometric_id"),
    ],
)
def test_technology_words_are_read(text: str, technology: str) -> None:
    """Keywords in the plural, traffic-enforcement cameras, national firewalls, face tracking, biometric kits…"""
    assert set(analyse(text, lexicon()).technologies) == {technology}


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("The Democratic Republic of Congo renewed the deal.", {"COD"}),  # "of the" written without the article
        ("Поставки в Эквадор начались в 2014 году.", {"ECU"}),  # not the Congolese province Équateur
        ("A Gulf company bought the cameras.", set()),  # the Gulf, not a province of Papua New Guinea
    ],
)
def test_country_names_are_not_taken_by_provinces_or_lost_to_an_article(text: str, places: set[str]) -> None:
    assert set(analyse(text, lexicon()).places) == places


@pytest.mark.skipif(not GOLD.exists(), reason="../shared/gold is not beside the project")
def test_evidence_offsets_always_reproduce_the_quote(extractor: Extractor) -> None:
    checked = 0
    for passage in read_gold(GOLD):
        for extraction in extractor.extract(passage.text):
            quote = passage.text[extraction.start : extraction.end]
            assert quote.strip() == quote
            assert 0 < len(quote) <= MAX_QUOTE
            assert 0.0 < extraction.confidence <= 1.0
            checked += 1
    assert checked > 100


def test_prefilter_reads_triggered_paragraphs_and_the_context_they_lean_on(extractor: Extractor) -> None:
    filler = "The council discussed the budget for road repairs on Tuesday."
    paragraphs = [
        filler,  # 0: nothing to read
        "Officials in Bishkek met on Monday.",  # 1: a place, before a triggered paragraph
        "The company Huawei installed Safe City cameras there in 2019.",  # 2: triggered
        filler,  # 3: between two triggered paragraphs
        "Hikvision supplied cameras as well.",  # 4: triggered
        filler,  # 5
        filler,  # 6: before a triggered paragraph, but names no place
        "Vocord added facial recognition.",  # 7: triggered
    ]
    text = "\n\n".join(paragraphs)
    blocks = extractor.blocks(text)
    assert [text[a:b] for a, b in blocks] == [
        "\n\n".join(paragraphs[1:5]),
        paragraphs[7],
    ]
    assert blocks[0][0] == text.index(paragraphs[1])  # offsets are those of the whole text
    claims = _claims(extractor, text)
    assert ("huawei", "KGZ", "cctv_safe_city", "delivered") in claims


@pytest.mark.parametrize(
    ("text", "buyer"),
    [
        (
            "In 2015 Huawei installed Safe City cameras in Nairobi, working with Safaricom and the National Police "
            "Service.",
            "National Police Service",
        ),
        (
            "Hikvision cameras were bought in 2020 by the Almaty Department of Internal Affairs of Kazakhstan.",
            "Almaty Department of Internal Affairs of Kazakhstan",
        ),
    ],
)
def test_buyer_is_the_agency_phrase_not_the_words_before_it(extractor: Extractor, text: str, buyer: str) -> None:
    buyers = {e.facts.buyer for e in extractor.extract(text) if e.facts.recipient_country in {"KEN", "KAZ"}}
    assert buyer in buyers, buyers


@pytest.mark.parametrize(
    ("text", "country", "buyer"),
    [
        # The Russian name ends where its genitive words end, and its head noun is given in the nominative.
        (
            "Российская компания NtechLab поставила алгоритмы распознавания лиц для камер Москвы; контракт с мэрией "
            "принёс ей около 3 млн долларов.",
            "RUS",
            "мэрия",
        ),
        (
            "В 2019 году Huawei установила систему «Безопасный город» для Министерства внутренних дел Кыргызской "
            "Республики в Бишкеке.",
            "KGZ",
            "Министерство внутренних дел Кыргызской Республики",
        ),
        # Named two sentences after the contract: still found, in the sentences naming the supplier or the country.
        (
            "Huawei signed a contract in 2018 to install Safe City cameras in Kenya. The deal was reported in May. "
            "The live video goes to the control room of the Kenya National Police.",
            "KEN",
            "Kenya National Police",
        ),
        # No agency named, but the country itself signs or buys: its government.
        ("Uganda has agreed to purchase a Huawei CCTV network with facial recognition.", "UGA", "government of Uganda"),
        ("В 2019 году Узбекистан закупил у Huawei систему видеонаблюдения.", "UZB", "правительство Узбекистана"),
    ],
)
def test_buyer_cut_to_its_name_and_looked_for_beyond_the_supporting_sentences(
    extractor: Extractor, text: str, country: str, buyer: str
) -> None:
    buyers = {e.facts.buyer for e in extractor.extract(text) if e.facts.recipient_country == country}
    assert buyer in buyers, buyers


def test_an_agency_of_another_country_is_not_the_buyer(extractor: Extractor) -> None:
    text = (
        "Hikvision installed Safe City cameras in Almaty in 2019, the US Commerce Department said when it listed "
        "the company."
    )
    buyers = {e.facts.buyer for e in extractor.extract(text) if e.facts.recipient_country == "KAZ"}
    assert buyers and "US Commerce Department" not in buyers, buyers


@pytest.mark.parametrize(
    ("text", "year"),
    [
        (
            "The New York Times reported in June 2017 that Mexican federal agencies had bought Pegasus spyware from "
            "NSO Group since 2011.",
            2011,
        ),
        ("Area says its MCR system had 300 installations as of 2022. In 2011 Area sold the system to Syria.", 2011),
    ],
)
def test_the_year_of_the_reporting_is_not_the_year_of_the_deal(extractor: Extractor, text: str, year: int) -> None:
    years = {e.facts.year for e in extractor.extract(text) if e.facts.recipient_country in {"MEX", "SYR"}}
    assert years == {year}, years


def test_a_contract_with_delivery_still_to_come_is_agreed(extractor: Extractor) -> None:
    text = (
        "In March 2019 Kyrgyzstan's Interior Ministry signed an agreement with CEIEC, which will install Safe City "
        "cameras in Bishkek."
    )
    statuses = {e.facts.status.value for e in extractor.extract(text) if e.facts.recipient_country == "KGZ"}
    assert statuses == {"agreed"}, statuses


@pytest.mark.parametrize(
    ("text", "status"),
    [
        (
            "Officials of Tajikistan held talks with Hikvision on the second phase of the Safe City project in "
            "Dushanbe. At the end of the talks an agreement on the Safe City system was signed.",
            "agreed",
        ),
        (
            "В Душанбе министр внутренних дел Таджикистана провёл переговоры с компанией Hikvision о второй очереди "
            "системы «Безопасный город». По итогам встречи был подписан меморандум о внедрении этой очереди "
            "«Безопасного города».",
            "agreed",
        ),
        (  # the talks alone
            "Officials of Tajikistan held talks with Hikvision on the second phase of the Safe City project in "
            "Dushanbe.",
            "planned",
        ),
    ],
)
def test_talks_followed_by_a_signing_on_the_technology_are_agreed(extractor: Extractor, text: str, status: str) -> None:
    assert _claims(extractor, text) == {("hikvision", "TJK", "cctv_safe_city", status)}


def test_products_placed_in_a_city_do_not_give_the_vendor_its_nationality(extractor: Extractor) -> None:
    text = "Hikvision cameras in Tashkent were dismantled and replaced in 2022."
    claims = [e.facts for e in extractor.extract(text)]
    assert [(c.vendor_id, c.vendor_country, c.recipient_country, c.status.value, c.city) for c in claims] == [
        ("hikvision", "CHN", "UZB", "ended", "Tashkent")
    ]


def test_a_country_adjective_is_not_read_as_a_city(extractor: Extractor) -> None:
    text = "In 2021 the Kazakh police bought a facial recognition system from Hikvision."
    assert [m.kind for m in lexicon().scan(text) if m.text == "Kazakh"] == ["country"]
    assert {(e.facts.recipient_country, e.facts.city) for e in extractor.extract(text)} == {("KAZ", None)}


@pytest.mark.parametrize(
    ("text", "status"),
    [
        (
            "The government of Kyrgyzstan signed a contract with Huawei for the installation of Safe City cameras in "
            "2019.",
            "agreed",
        ),
        (
            "В 2019 году МВД Кыргызстана подписало контракт с компанией Huawei на поставку камер «Безопасный город».",
            "agreed",
        ),
        ("Правительство Кыргызстана заключило договор о поставке камер видеонаблюдения с Huawei.", "agreed"),
        (  # the contract, then the delivery
            "Huawei signed a contract with Kyrgyzstan in 2017 and installed Safe City cameras in Bishkek in 2018.",
            "delivered",
        ),
    ],
)
def test_a_delivery_named_as_what_a_contract_is_for_is_agreed(extractor: Extractor, text: str, status: str) -> None:
    assert _claims(extractor, text) == {("huawei", "KGZ", "cctv_safe_city", status)}


def test_russian_past_and_passive_forms_of_selling_and_buying_are_deliveries(extractor: Extractor) -> None:
    for text in (
        "NSO Group продала Pegasus Казахстану, Руанде и Мексике.",
        "Pegasus компании NSO Group был куплен спецслужбами Казахстана.",
        "Программа Pegasus израильской NSO Group приобретена Казахстаном.",
    ):
        assert ("nso-group", "KAZ", "spyware", "delivered") in _claims(extractor, text), text


def test_an_agency_name_two_countries_share_goes_to_the_one_named(extractor: Extractor) -> None:
    """Kyrgyzstan and Tajikistan each have a GKNB: the country named with it decides."""
    claims = extractor.extract("Tajikistan's GKNB bought Pegasus from NSO Group in 2019.")
    assert [(e.facts.recipient_country, e.facts.buyer) for e in claims] == [
        ("TJK", "GKNB (State Committee for National Security of the Republic of Tajikistan)")
    ]


@pytest.mark.parametrize(
    ("text", "country", "buyer"),
    [
        (
            "По данным МВД Кыргызстана, китайская компания CEIEC поставила камеры с распознаванием лиц.",
            "KGZ",
            "МВД Кыргызстана (Ministry of Internal Affairs of the Kyrgyz Republic)",
        ),
        (
            "Hikvision supplied facial recognition cameras to Kazakhstan's KNB in 2021.",
            "KAZ",
            "KNB (National Security Committee of the Republic of Kazakhstan)",
        ),
    ],
)
def test_a_registered_buyer_is_given_as_written_and_by_its_registry_name(
    extractor: Extractor, text: str, country: str, buyer: str
) -> None:
    """The words of the source (with the country they name, "МВД Кыргызстана") and the body they resolve to."""
    buyers = {e.facts.buyer for e in extractor.extract(text) if e.facts.recipient_country == country}
    assert buyers == {buyer}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Turkmenistan bought Israeli spyware in 2010.", (None, "ISR", "TKM", "spyware")),
        ("Узбекистан закупил китайские камеры видеонаблюдения в 2019 году.", (None, "CHN", "UZB", "cctv_safe_city")),
        (
            "Uzbekistan purchased facial recognition cameras from China in 2020.",
            (None, "CHN", "UZB", "facial_recognition"),
        ),
        ("Узбекистан закупил камеры видеонаблюдения у Китая.", (None, "CHN", "UZB", "cctv_safe_city")),
    ],
)
def test_a_supplier_named_by_the_country_its_products_come_from(
    extractor: Extractor, text: str, expected: tuple[str | None, str, str, str]
) -> None:
    found = {
        (e.facts.vendor_id, e.facts.vendor_country, e.facts.recipient_country, e.facts.technology)
        for e in extractor.extract(text)
    }
    assert expected in found


@pytest.mark.parametrize(
    "text",
    [
        "Hikvision replaced Dahua as the supplier of Safe City cameras in Bishkek in 2021.",
        "Dahua cameras in Bishkek were replaced by Hikvision in 2021.",
        "The Kyrgyz authorities replaced the Dahua system in Bishkek with cameras from Hikvision.",
        "Hikvision took over from Dahua in Bishkek in 2021, installing 20,000 cameras.",
        "Мэрия Бишкека не продлила договор с Dahua. Вместо них в Бишкеке установят камеры Hikvision.",
        "Вместо камер Dahua в Бишкеке установили камеры Hikvision.",
    ],
)
def test_in_a_replacement_the_one_replaced_ended_and_the_newcomer_did_not(extractor: Extractor, text: str) -> None:
    statuses = {claim[0]: claim[3] for claim in _claims(extractor, text) if claim[1] == "KGZ"}
    assert statuses == {"dahua": "ended", "hikvision": "delivered"}, statuses


@pytest.mark.parametrize(
    "text",
    [
        "Министерство внутренних дел Узбекистана сообщило, что камеры Hikvision работают в Ташкенте с 2021 года.",
        "The Interior Ministry of Uzbekistan said Hikvision cameras had been working in Tashkent since 2021.",
    ],
)
def test_an_agency_name_qualified_by_another_country_is_that_countrys(extractor: Extractor, text: str) -> None:
    """«Министерство внутренних дел» alone is Russia's in the registry; followed by «Узбекистана» it is Uzbekistan's."""
    assert {claim[1] for claim in _claims(extractor, text)} == {"UZB"}


@pytest.mark.parametrize(
    ("text", "city"),
    [
        ("The Chinese firm Dahua won a contract in 2020 to install 800 cameras in Osh.", "Osh"),
        ("В 2021 году в Оше установили камеры Dahua.", "Osh"),
        ("В СОШ №5 и ОШ №2 установили камеры Dahua.", None),  # a school's abbreviation, not Osh
    ],
)
def test_short_city_names_are_read_as_written(extractor: Extractor, text: str, city: str | None) -> None:
    assert {e.facts.city for e in extractor.extract(text)} == ({city} if city else set())


def test_a_decade_is_not_a_year() -> None:
    text = "Since the 2000s, and in the 1990s; в 2000-е годы, в 2010-х и 2000-ых; in 2019 and 2021's tender."
    assert [value for value, _, _ in analyse(text, lexicon()).years] == [2019, 2021]


@pytest.mark.parametrize(
    ("text", "local"),
    [
        ("Hikvision, the Chinese camera maker, has won surveillance projects in Xinjiang since 2016.", True),
        ("Hikvision, the Chinese camera maker, said China's rules on surveillance cameras had changed.", False),
        ("Китайская компания Hikvision поставила камеры видеонаблюдения для пекинской полиции.", True),
    ],
)
def test_a_deployment_at_home_is_told_with_a_place_inside_the_country(
    extractor: Extractor, text: str, local: bool
) -> None:
    _, candidates = extractor.candidates(text)
    home = [c for c in candidates if c.vendor_id == "hikvision" and c.recipient == "CHN"]
    assert home and all(c.features.get("recipient_is_home") == 1.0 for c in home)
    assert all(("home_local" in c.features) is local for c in home)


def test_a_supplier_named_by_country_is_not_paired_with_that_country(extractor: Extractor) -> None:
    text = (
        "Switzerland granted 16 export licences for IMSI catchers destined for Serbia; "
        "one device was bought from a Swiss company."
    )
    _, candidates = extractor.candidates(text)
    by_country = {(c.vendor_country, c.recipient) for c in candidates if c.kind == "country"}
    assert ("CHE", "SRB") in by_country and ("CHE", "CHE") not in by_country


def test_a_city_after_in_is_a_place_not_the_home_of_the_vendor_named_next() -> None:
    analysis = analyse("Камеры видеонаблюдения установлены в Самарканде компанией Dahua.", lexicon())
    assert analysis.nationality == {} and "UZB" in analysis.places


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Amnesty, the London-based group, said Verint supplied interception gear to South Sudan.", "London"),
        ("A US research company, IPVM, said Hikvision supplied cameras to Kazakhstan.", "US"),
        ("A Dutch member of the European Parliament asked about the Moroccan business.", "Dutch"),
        ("Вопрос о поставках задали казахстанские депутаты.", "казахстанские"),
        ("The court upheld the UK's Russia-related sanctions on the firm.", "Russia"),
    ],
)
def test_words_after_a_country_that_set_it_aside_are_read_where_it_stands(text: str, country: str) -> None:
    """The pattern was anchored at the start of the text, so it never matched at a mention's end."""
    after = lexicon().aside_after
    assert after.match(text, text.index(country) + len(country)) is not None


@pytest.mark.parametrize(
    ("before", "aside"),
    [
        ("The Intellexa companies are registered in Greece, Ireland, Hungary and ", True),
        ("Компании зарегистрированы в Греции, Ирландии и ", True),
        # a list only carries the aside up to the country named next, not across a clause
        ("The firm, based in Moscow, sold SORM to ", False),
        ("The firm, based in Moscow, sold it to ", False),
    ],
)
def test_a_seat_before_a_list_sets_every_country_of_the_list_aside(before: str, aside: bool) -> None:
    assert (lexicon().aside_before.search(before) is not None) is aside


def test_a_city_adjective_stands_for_its_country(extractor: Extractor) -> None:
    text = "В 2019 году бишкекская мэрия подписала договор с Huawei о поставке камер видеонаблюдения."
    claims = [e.facts for e in extractor.extract(text)]
    assert [(c.recipient_country, c.city) for c in claims] == [("KGZ", "Bishkek")], claims


@pytest.mark.parametrize(
    ("text", "places", "suppliers", "nationality"),
    [
        # "the Chinese group" after Huawei is Huawei, not a place the cameras went to
        ("France signed a deal with Huawei, and the Chinese group handed over 200 cameras.", {"FRA"}, set(), "CHN"),
        # "Chinese-built": the country that supplied the network
        ("The Argentine province of Jujuy has its Chinese-built camera network in place.", {"ARG"}, {"CHN"}, None),
        # a hyphenated qualifier still describes the company
        ("The base removed Hikvision cameras, made by the Chinese state-linked manufacturer.", set(), set(), "CHN"),
        ("The US firm Palantir sold its software to Greece.", {"GRC"}, set(), "USA"),
        # a country's name where something is, right before a vendor, is a place, not the vendor's home
        ("In Kazakhstan, Huawei installed Safe City cameras in 2019.", {"KAZ"}, set(), None),
        ("В Казахстане Huawei установила камеры видеонаблюдения.", {"KAZ"}, set(), None),
        ("Қазақстанда Hikvision компаниясы бейнебақылау камераларын орнатты.", {"KAZ"}, set(), None),
        ("Uzbekistan: Hikvision installed cameras in Samarkand.", {"UZB"}, set(), None),
        # products placed in a city do not give the vendor its home
        ("Hikvision cameras in Tashkent were dismantled and replaced in 2022.", {"UZB"}, set(), None),
        # an apposition after the vendor's other name in brackets still describes the vendor
        ("In 2019 Sandvine (Procera Networks), a US technology firm, sold DPI to Belarus.", {"BLR"}, set(), "USA"),
        # a brand, like a firm, is described by its nationality
        ("Police in Bolivia rely on cameras from the Chinese brand Hikvision.", {"BOL"}, set(), "CHN"),
        ("Полиция Боливии закупила камеры китайского бренда Hikvision.", {"BOL"}, set(), "CHN"),
        # "non-" names every country but this one
        ("Kazakhstan ranked IDEMIA among non-Russian and non-Chinese vendors.", {"KAZ"}, set(), None),
    ],
)
def test_country_words_that_describe_the_supplier_are_not_places(
    text: str, places: set[str], suppliers: set[str], nationality: str | None
) -> None:
    analysis = analyse(text, lexicon())
    assert set(analysis.places) == places
    assert set(analysis.supplier_countries) == suppliers
    assert next(iter(analysis.nationality.values()), None) == nationality


def _candidate(vendor: str, country: str, score: float, home: str | None = None) -> Candidate:
    return Candidate(SUPPLIER_VENDOR, vendor, home, country, "facial_recognition", {0}, score=score)


@pytest.mark.parametrize(
    ("scored", "kept"),
    [
        # two vendors, two countries: the weaker pairings cross the stronger ones
        ([("a", "GBR", 0.9), ("b", "RUS", 0.9), ("a", "RUS", 0.6), ("b", "GBR", 0.55)], {("a", "GBR"), ("b", "RUS")}),
        # a customer list crosses nothing
        ([("a", "GBR", 0.9), ("a", "RUS", 0.7), ("a", "KAZ", 0.6)], {("a", "GBR"), ("a", "RUS"), ("a", "KAZ")}),
        # equally strong pairings stand together ("A and B supplied X and Y")
        (
            [("a", "GBR", 0.8), ("a", "RUS", 0.8), ("b", "GBR", 0.8), ("b", "RUS", 0.8)],
            {("a", "GBR"), ("a", "RUS"), ("b", "GBR"), ("b", "RUS")},
        ),
        # the country's other vendor is stronger, but the vendor has no stronger country: kept
        ([("a", "GBR", 0.9), ("b", "GBR", 0.6)], {("a", "GBR"), ("b", "GBR")}),
        # the vendor's home gives way to a stronger pairing abroad, not to a weaker one
        ([("a", "GBR", 0.9, "CHN"), ("a", "CHN", 0.7, "CHN")], {("a", "GBR")}),
        ([("a", "GBR", 0.6, "CHN"), ("a", "CHN", 0.7, "CHN")], {("a", "GBR"), ("a", "CHN")}),
    ],
)
def test_a_pairing_crossing_two_stronger_ones_gives_way(
    scored: list[tuple[Any, ...]], kept: set[tuple[str, str]]
) -> None:
    result = _prune([_candidate(*row) for row in scored])
    assert {(c.vendor_id, c.recipient) for c in result} == kept


@pytest.mark.parametrize(
    ("scores", "kept"),
    [
        # "НЦИ, структура ГК «Ростех»": the owner named beside the subsidiary that scores higher gives way
        ({"nci": 0.9, "rostec": 0.7}, {"nci"}),
        # the parent that sells what its subsidiary developed scores higher and stays
        ({"nci": 0.6, "rostec": 0.8}, {"nci", "rostec"}),
    ],
)
def test_a_parent_gives_way_to_a_stronger_subsidiary(scores: dict[str, float], kept: set[str]) -> None:
    candidates = [_candidate(vendor, "RUS", score) for vendor, score in scores.items()]
    assert {c.vendor_id for c in _prune(candidates, {"nci": "rostec"})} == kept


@pytest.mark.parametrize(
    ("aside", "kept"),
    [
        # the target's residence gives way to the country the operator is linked to, however it scores
        ({"TUR"}, {"EGY"}),
        # with no other country, a country named only aside stands (the scorer has weighed it)
        ({"TUR", "EGY"}, {"TUR", "EGY"}),
    ],
)
def test_a_country_named_only_aside_gives_way_to_one_named_otherwise(aside: set[str], kept: set[str]) -> None:
    candidates = [_candidate("a", "TUR", 0.8), _candidate("a", "EGY", 0.6)]
    for c in candidates:
        if c.recipient in aside:
            c.features["c_all_sidelined"] = 1.0
    assert {c.recipient for c in _prune(candidates)} == kept


@pytest.mark.parametrize(
    ("scored", "kept"),
    [
        # a technology named in passing scores well below the supplier's main one: it gives way
        ([("mobile_forensics", 0.88), ("spyware", 0.52)], {"mobile_forensics"}),
        # cameras with face recognition: two technologies that score alike both stand
        ([("cctv_safe_city", 0.82), ("facial_recognition", 0.76)], {"cctv_safe_city", "facial_recognition"}),
    ],
)
def test_a_much_weaker_second_technology_gives_way(scored: list[tuple[str, float]], kept: set[str]) -> None:
    result = _prune([Candidate(SUPPLIER_VENDOR, "a", None, "KEN", tech, {0}, score=s) for tech, s in scored])
    assert {c.technology for c in result} == kept


@pytest.mark.parametrize(
    ("text", "uses"),
    [
        ("In Kazakhstan the police identified protesters with facial recognition cameras.", True),
        ("Полиция Казахстана установила личность участника акции с помощью распознавания лиц.", True),
        ("In Kazakhstan a bank tested facial recognition at its branches.", False),
    ],
)
def test_a_state_body_in_the_technology_sentence_is_a_feature(extractor: Extractor, text: str, uses: bool) -> None:
    """ "The police used facial recognition": no vendor is named, but a state body uses the technology."""
    _, candidates = extractor.candidates(text)
    unnamed = [c for c in candidates if c.kind == "none" and c.technology == "facial_recognition"]
    assert unnamed and all(("none_state_uses" in c.features) is uses for c in unnamed)


@pytest.mark.parametrize(
    "text",
    [
        "Officials stopped authorising video surveillance cameras from Hikvision on national security grounds, "
        "so new models cannot be approved for sale in the United States.",
        "Камеры видеонаблюдения Hikvision попали под запрет: их больше нельзя продавать в США.",
    ],
)
def test_a_regulators_words_mark_the_country_as_a_jurisdiction_not_a_buyer(extractor: Extractor, text: str) -> None:
    """ "stopped authorising … for sale in the United States": the country regulates, it does not buy."""
    _, candidates = extractor.candidates(text)
    usa = [c for c in candidates if c.vendor_id == "hikvision" and c.recipient == "USA"]
    assert usa and all(c.features.get("cue_location", 0) > 0 for c in usa)


def test_an_agency_abbreviation_of_two_countries_goes_to_the_one_named(extractor: Extractor) -> None:
    """Spain's and Mexico's intelligence centres are both "CNI": with Spain named, Mexico is not a recipient."""
    claims = extractor.extract(
        "Spain's National Intelligence Centre (CNI) admitted using Pegasus, the spyware of NSO Group, against "
        "Catalan politicians; the CNI said a judge had authorised each operation."
    )
    assert {e.facts.recipient_country for e in claims} == {"ESP"}


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Hikvision installed facial recognition cameras across Shanghai in 2019.", "CHN"),
        ("В Санкт-Петербурге компания NtechLab запустила систему распознавания лиц.", "RUS"),
        ("Huawei built a Safe City system in Lahore.", "PAK"),
    ],
)
def test_a_city_of_a_million_people_names_its_country(extractor: Extractor, text: str, country: str) -> None:
    assert country in {e.facts.recipient_country for e in extractor.extract(text)}


def test_a_city_variant_that_is_a_given_name_is_not_a_place(extractor: Extractor) -> None:
    """«Питер» is Saint Petersburg in speech, and Peter in «Питер Тиль» (Palantir's founder)."""
    analysis, _ = extractor.candidates("Сооснователь Palantir Питер Тиль рассказал о системе анализа данных.")
    assert "RUS" not in analysis.places


def test_a_suppliers_sentence_about_another_country_tells_another_deal(extractor: Extractor) -> None:
    """The contract with Britain does not make the licensed destinations agreed, nor date them."""
    text = (
        "Germany granted Rohde & Schwarz export licences for IMSI catchers to Argentina and India. "
        "In 2009 Rohde & Schwarz won a contract to supply IMSI catchers to the United Kingdom."
    )
    facts = {e.facts.recipient_country: e.facts for e in extractor.extract(text)}
    assert facts["GBR"].status.value == "agreed" and facts["GBR"].year == 2009
    assert all(facts[c].status.value == "planned" and facts[c].year is None for c in ("ARG", "IND") if c in facts)
    assert {"ARG", "IND"} & set(facts), facts


@pytest.mark.parametrize(
    "text",
    [
        "Cyberbit gave demonstrations of its spyware to potential clients in Thailand and Zambia.",
        "Cyberbit проводила демонстрации шпионской программы для потенциальных клиентов в Таиланде и Замбии.",
    ],
)
def test_demonstrations_to_potential_clients_are_not_sales(extractor: Extractor, text: str) -> None:
    statuses = {e.facts.status.value for e in extractor.extract(text)}
    assert statuses and statuses <= {"planned"}, statuses


def test_the_country_a_contract_is_signed_with_is_not_taken_for_the_supplier(extractor: Extractor) -> None:
    """ "China signed an agreement with Kyrgyzstan": "with" names the other party whichever side it is on."""
    analysis, _ = extractor.candidates("China signed an agreement with Kyrgyzstan on a Safe City project in 2019.")
    assert "KGZ" not in analysis.supplier_countries


def test_internet_providers_of_a_country_are_buyers_not_suppliers(extractor: Extractor) -> None:
    """ "Kazakh internet providers" buy interception equipment; the Russian suppliers sell it."""
    text = "Kazakh internet providers must install interception equipment from Russian suppliers."
    claims = {(e.facts.vendor_country, e.facts.recipient_country) for e in extractor.extract(text)}
    assert ("RUS", "KAZ") in claims and not any(supplier == "KAZ" for supplier, _ in claims), claims


@pytest.mark.parametrize(
    "text",
    [
        "Major Russian SORM suppliers such as Protei sell abroad and exhibit at trade fairs in Africa.",
        "Российский телеком-поставщик «Протей» продаёт оборудование СОРМ за рубеж.",
    ],
)
def test_a_nationality_before_technology_words_and_a_company_noun_is_not_a_place(
    extractor: Extractor, text: str
) -> None:
    analysis, _ = extractor.candidates(text)
    assert "RUS" not in analysis.places


def test_a_newsroom_or_project_is_not_a_company(extractor: Extractor) -> None:
    """ "Paris-based Forbidden Stories" coordinated reporting; it sold nothing."""
    analysis, _ = extractor.candidates(
        "Rwandan authorities used Pegasus of NSO Group, according to a consortium of journalists coordinated by "
        "Paris-based Forbidden Stories."
    )
    assert set(analysis.vendors) == {"nso-group"}


def test_a_buying_company_from_a_country_is_not_a_supplier(extractor: Extractor) -> None:
    """Only a noun for a seller ("supplier", «поставщик») makes the country after "from" the supplier's."""
    text = "A telecom company from Kazakhstan bought deep packet inspection equipment from Sandvine in 2019."
    assert ("sandvine", "KAZ") in {(e.facts.vendor_id, e.facts.recipient_country) for e in extractor.extract(text)}


@pytest.mark.parametrize(
    ("text", "supplier"),
    [
        (
            "Kazakhstan will get AI cameras from a technology supplier from the United Arab Emirates, Presight said.",
            "ARE",
        ),
        ("Камеры для Казахстана поставит поставщик из ОАЭ, сообщила Presight.", "ARE"),
    ],
)
def test_a_company_from_a_country_names_a_supplier_not_a_place(extractor: Extractor, text: str, supplier: str) -> None:
    analysis, _ = extractor.candidates(text)
    assert supplier in analysis.supplier_countries and supplier not in analysis.places


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("A banner greeted the visitors, in Spanish and Chinese, at ECU 911's command centre in Ecuador.", {"ECU"}),
        ("The manual was published (in Chinese) by Hikvision.", set()),
        ("Инструкцию на китайском языке опубликовала Hikvision.", set()),
        ("Hikvision advertised in the Russian-language press.", set()),
        ("Hikvision sold cameras in Kazakh, Russian and Chinese cities.", {"KAZ", "RUS", "CHN"}),
    ],
)
def test_a_country_adjective_that_names_a_language_is_not_a_place(
    extractor: Extractor, text: str, places: set[str]
) -> None:
    analysis, _ = extractor.candidates(text)
    assert set(analysis.places) == places


def test_a_later_denial_by_the_supplier_about_the_same_country_makes_the_claim_denied(extractor: Extractor) -> None:
    text = (
        "Papers found in Egypt's security headquarters included an offer from Gamma Group for FinFisher spyware. "
        "Gamma said it had not supplied any of its products to the Egyptian government."
    )
    statuses = {e.facts.status.value for e in extractor.extract(text) if e.facts.recipient_country == "EGY"}
    assert statuses and statuses <= {"denied", "planned"}, statuses


@pytest.mark.parametrize(
    ("text", "technology"),
    [
        ("Sergek supplied licence plate recognition to the Almaty police.", "cctv_safe_city"),
        ("Verint sold wiretap equipment to Uzbekistan's security service.", "lawful_interception"),
        ("Mühlbauer delivered e-passports and identity cards to Uganda.", "biometric_id"),
        ("Компания Sergek внедрила в Алматы систему распознавания номеров.", "cctv_safe_city"),
        ("Researchers found Sandvine middleboxes on Telecom Egypt's network injecting ads.", "dpi_internet_filtering"),
    ],
)
def test_technology_keywords(extractor: Extractor, text: str, technology: str) -> None:
    analysis, _ = extractor.candidates(text)
    assert technology in analysis.technologies


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("Phones of journalists at El Faro were infected with Pegasus in El Salvador.", {"SLV"}),
        ("Le Monde reported that Hikvision cameras were installed in Tashkent.", {"UZB"}),
        ("Hikvision cameras were installed in Los Angeles.", {"USA"}),
    ],
)
def test_a_place_name_after_a_foreign_article_is_a_title(extractor: Extractor, text: str, places: set[str]) -> None:
    analysis, _ = extractor.candidates(text)
    assert set(analysis.places) == places


@pytest.mark.parametrize(
    "text",
    [
        "The Swedish non-profit Qurium found that Sandvine equipment was used to block websites in Egypt.",
        "Шведская некоммерческая организация Qurium установила, что через системы Sandvine в Египте блокировали сайты.",
    ],
)
def test_the_country_of_a_non_profit_is_not_a_recipient(extractor: Extractor, text: str) -> None:
    assert {(e.facts.vendor_id, e.facts.recipient_country) for e in extractor.extract(text)} == {("sandvine", "EGY")}


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("ZTE denied any wrongdoing, saying it had delivered the CCTV project to Nigeria.", "delivered"),
        ("ZTE denied that it had delivered the CCTV project to Nigeria.", "denied"),
        ("Компания ZTE отрицает нарушения: систему видеонаблюдения в Нигерии она установила.", "delivered"),
        # refusing to lift sanctions says nothing of the deal
        ("A court refused to lift sanctions on ZTE, which installed the CCTV project in Nigeria.", "delivered"),
        ("ZTE отвергла санкции как несправедливые; систему видеонаблюдения в Нигерии она установила.", "delivered"),
    ],
)
def test_a_denial_of_wrongdoing_is_not_a_denial_of_the_deal(extractor: Extractor, text: str, status: str) -> None:
    assert [(e.facts.recipient_country, e.facts.status.value) for e in extractor.extract(text)] == [("NGA", status)]


@pytest.mark.parametrize(
    "text",
    [
        "Национальная полиция Дании по итогам тендера выбрала поставщика биометрических паспортов — немецкую Veridos.",
        "Veridos was selected as the supplier of new biometric passports for Denmark's national police.",
    ],
)
def test_a_supplier_selected_after_a_tender_has_a_contract(extractor: Extractor, text: str) -> None:
    found = [(e.facts.vendor_id, e.facts.recipient_country, e.facts.status.value) for e in extractor.extract(text)]
    assert found == [("veridos", "DNK", "agreed")]


@pytest.mark.parametrize(
    "text",
    [
        "The UK has opened a £20 million competition for technology companies to supply live facial recognition "
        "software to police forces.",
        "India's National Crime Records Bureau has pushed back the bid deadline for its facial recognition system.",
        "«Ростех» предложил российским регионам внедрить систему распознавания лиц компании NtechLab.",
        "МВД объявило аукцион на поставку системы распознавания лиц в Казахстане.",
    ],
)
def test_calls_for_bids_and_proposals_are_plans(extractor: Extractor, text: str) -> None:
    statuses = {e.facts.status.value for e in extractor.extract(text)}
    assert statuses <= {"planned"}, statuses


def test_a_companys_founders_country_is_named_aside(extractor: Extractor) -> None:
    text = "See Egypt won the contract to supply a monitoring system to Egypt, beating the Israeli-founded Narus."
    assert "ISR" not in {e.facts.recipient_country for e in extractor.extract(text)}


@pytest.mark.parametrize(
    ("text", "status"),
    [
        (
            "The Botswana Police Service used forensic software from Cellebrite to empty the phone of a reporter, "
            "although she was never charged.",
            "delivered",
        ),
        ("Prosecutors charged FinFisher's directors with selling its spyware to Turkey.", "delivered"),
    ],
)
def test_charges_and_sales_read_for_status(extractor: Extractor, text: str, status: str) -> None:
    assert {e.facts.status.value for e in extractor.extract(text)} == {status}


def test_bidders_in_a_void_auction_are_not_suppliers(extractor: Extractor) -> None:
    text = (
        "Kyrgyzstan's State Committee for Information Technologies declared the auction for its Safe City project "
        "void. Three bidders had taken part: Mega-Line, Russia's Vega Radio Engineering group and Kyrgyztelecom."
    )
    assert {e.facts.status.value for e in extractor.extract(text)} <= {"planned", "cancelled"}


@pytest.mark.parametrize(
    "text",
    [
        "FinFisher sold its spyware to Turkey's intelligence agency. The deal was routed through a shell company in "
        "Bulgaria.",
        "FinFisher продала шпионскую программу спецслужбам Турции; сделку провели через подставную компанию "
        "в Болгарии.",
    ],
)
def test_a_country_an_intermediary_sits_in_is_not_the_recipient(extractor: Extractor, text: str) -> None:
    assert {e.facts.recipient_country for e in extractor.extract(text)} == {"TUR"}


@pytest.mark.parametrize(
    "text",
    [
        "Речь идёт о возможном внедрении в Кыргызстане системы распознавания лиц компании CEIEC.",
        "Reports spoke of the possible installation of CEIEC facial recognition cameras in Kyrgyzstan.",
    ],
)
def test_a_possible_deployment_is_a_plan(extractor: Extractor, text: str) -> None:
    assert {e.facts.status.value for e in extractor.extract(text)} <= {"planned"}


def test_agreeing_to_pay_a_penalty_is_not_a_contract(extractor: Extractor) -> None:
    text = (
        "Computerlinks has agreed to pay a $2.8 million civil penalty for routing Blue Coat Systems web-filtering "
        "appliances to Syria."
    )
    found = {(e.facts.recipient_country, e.facts.status.value) for e in extractor.extract(text)}
    assert found == {("SYR", "delivered")}


def test_cutting_off_customers_ends_a_deployment(extractor: Extractor) -> None:
    text = "Paragon Solutions has cut off its Italian government customers, which had used its Graphite spyware."
    assert {(e.facts.recipient_country, e.facts.status.value) for e in extractor.extract(text)} == {("ITA", "ended")}


def test_russian_republics_are_read_by_their_short_names(extractor: Extractor) -> None:
    analysis, _ = extractor.candidates("Власти Татарстана закупили камеры Hikvision; в Башкортостане их тоже ставят.")
    assert {code: len(found) for code, found in analysis.places.items()} == {"RUS": 2}


def test_a_registered_vendor_in_quotes_after_an_unregistered_prefix_is_kept(extractor: Extractor) -> None:
    """«НТЦ «Протей»»: the quoted name is the registered company; "НТЦ" is not a second vendor."""
    analysis, _ = extractor.candidates("СОРМ от российской компании НТЦ «Протей» используют спецслужбы Никарагуа.")
    assert set(analysis.vendors) == {"protei"}


@pytest.mark.parametrize(
    "text",
    [
        "Системой «Катюша» пользуется Минобороны, а МВД, ФСБ и Генпрокуратура к ней пока не подключились.",
        "The MOI said that Hikvision cameras were installed in 2019.",
    ],
)
def test_generic_names_of_bodies_stand_for_no_one_country(extractor: Extractor, text: str) -> None:
    """«Генпрокуратура», "MOI": every state has one; alone they name no country."""
    found = extractor.lexicon.scan(text)
    assert not [m for m in found if m.kind == "buyer" and m.text in ("Генпрокуратура", "MOI")]


@pytest.mark.parametrize(
    ("text", "recipients"),
    [
        ("The Ministry of Internal Affairs installed Hikvision facial recognition cameras.", set()),
        ("Министерство внутренних дел установило камеры Hikvision с распознаванием лиц.", set()),
        ("Kazakhstan's Ministry of Internal Affairs installed Hikvision facial recognition cameras.", {"KAZ"}),
        # a registered body's own name needs no country beside it
        ("Kazakhtelecom installed Hikvision facial recognition cameras.", {"KAZ"}),
    ],
)
def test_a_bodys_common_name_stands_for_its_country_only_beside_it(
    extractor: Extractor, text: str, recipients: set[str]
) -> None:
    _, candidates = extractor.candidates(text)
    assert {c.recipient for c in candidates} == recipients


def test_capabilities_are_not_possibilities(extractor: Extractor) -> None:
    """«возможности» also means capabilities: «расширила возможности спецслужб» states a delivery, not a plan."""
    text = "СОРМ российской компании «Протей» расширила возможности спецслужб Никарагуа."
    assert {(e.facts.recipient_country, e.facts.status.value) for e in extractor.extract(text)} == {
        ("NIC", "delivered")
    }


def test_a_customer_list_gives_every_listed_country(extractor: Extractor) -> None:
    """Names further down a list score lower on their own; a confidently accepted one carries the rest."""
    text = (
        "Leaked emails show that Hacking Team, the Milan spyware maker, sold its Remote Control System to police "
        "forces in Brazil, Chile, Colombia, Ecuador, Honduras, Mexico and Panama."
    )
    found = {e.facts.recipient_country for e in extractor.extract(text) if e.facts.vendor_id == "hacking-team"}
    assert found == {"BRA", "CHL", "COL", "ECU", "HND", "MEX", "PAN"}


@pytest.mark.parametrize(("kept", "mates"), [({"ETH", "IRN"}, {"TUR", "SYR"}), ({"ETH"}, set())])
def test_two_kept_countries_of_a_list_carry_the_rest(extractor: Extractor, kept: set[str], mates: set[str]) -> None:
    """Two pairings of one supply kept in a list anchor it as one confident pairing does; one weak one does not."""
    text = "Sandvine's DPI equipment was found in Ethiopia, Iran, Turkey and Syria."
    analysis, candidates = extractor.candidates(text)
    vendor = [c for c in candidates if c.vendor_id == "sandvine"]
    for c in candidates:
        c.score = 0.55 if c in vendor and c.recipient in kept else 0.48 if c in vendor else 0.0
    found = _list_mates(analysis, candidates, [c for c in vendor if c.recipient in kept])
    assert {c.recipient for c in found} == mates


def test_the_countries_of_victims_named_beside_a_customer_are_not_customers(extractor: Extractor) -> None:
    text = (
        "Candiru's spyware was sold to Saudi Arabia. Microsoft counted victims in Palestine, Iran, Lebanon, Yemen, "
        "Spain and Turkey, among them journalists and activists."
    )
    found = {e.facts.recipient_country for e in extractor.extract(text) if e.facts.status.value == "delivered"}
    assert found == {"SAU"}


@pytest.mark.parametrize(
    ("text", "supplier"),
    [
        ("Predator, a spyware tool made in France, reached Madagascar in 2020, where the police used it.", "FRA"),
        ("Камеры видеонаблюдения, произведённые в Китае, установили в Бишкеке.", "CHN"),
    ],
)
def test_where_a_technology_was_made_names_its_supplier(extractor: Extractor, text: str, supplier: str) -> None:
    analysis, _ = extractor.candidates(text)
    assert set(analysis.supplier_countries) == {supplier}


def test_regions_are_read_by_their_adjective_in_any_case(extractor: Extractor) -> None:
    """«в Воронежской области», «павлодарские власти»: a region named by its adjective stands for its country."""
    text = "Камеры Hikvision появились в Воронежской области; павлодарские власти тоже их купили."
    analysis, _ = extractor.candidates(text)
    assert {code: len(found) for code, found in analysis.places.items()} == {"RUS": 1, "KAZ": 1}


def test_the_fbi_is_read_in_russian(extractor: Extractor) -> None:
    analysis, _ = extractor.candidates("ФБР купило шпионскую программу Pegasus у израильской NSO Group.")
    assert {b.mention.value for b in analysis.buyers} == {"usa-fbi"}


@pytest.mark.parametrize(
    "text",
    [
        "Allot Communications shipped its traffic-inspection systems to Iran.",
        "The Dutch police have been relying for years on Dahua surveillance cameras in the Netherlands.",
        "Оборудование видеонаблюдения Hikvision поставлено в Узбекистан.",
        "Московская система распознавания лиц опирается на алгоритм компании NtechLab.",
    ],
)
def test_more_words_of_delivery(extractor: Extractor, text: str) -> None:
    analysis, _ = extractor.candidates(text)
    assert analysis.cues_in(set(range(len(analysis.sentences)))).get("delivered", 0) >= 1


@pytest.mark.parametrize(
    "text",
    [
        "Hikvision installed facial recognition cameras and signed a contract for more.",
        "Компания «Протей» поставила оборудование СОРМ, а Hikvision — камеры.",
    ],
)
def test_a_text_that_names_no_place_has_no_candidate(extractor: Extractor, text: str) -> None:
    """Why `Extractor.extract` skips a block whose scan finds no country, city or buyer."""
    assert not [m for m in extractor.lexicon.scan(text) if m.kind in PLACE_KINDS]
    assert extractor.candidates(text)[1] == []
    assert extractor.extract(text) == []
