from __future__ import annotations

import pymorphy3
import pytest

from oversight.reference import reference
from oversight.reference.loader import data_dir, read_yaml_list
from oversight.reference.russian import adjective_forms, noun_forms


def test_velar_adjective_paradigm() -> None:
    forms = adjective_forms("казахстанский")
    for form in (
        "казахстанский",
        "казахстанского",
        "казахстанские",
        "казахстанская",
        "казахстанской",
        "казахстанскую",
        "казахстанскими",
        "казахстанских",
    ):
        assert form in forms
    assert "казахстанскый" not in forms


def test_hard_and_stressed_adjectives() -> None:
    assert {"молодой", "молодые", "молодых"} <= set(adjective_forms("молодой"))
    assert {"новый", "новые", "новым"} <= set(adjective_forms("новый"))


def test_rejects_words_that_are_not_adjectives() -> None:
    with pytest.raises(ValueError, match="not a Russian adjective"):
        adjective_forms("Казахстан")


def test_every_shipped_adjective_matches_a_real_morphological_dictionary() -> None:
    """The rule-based paradigm agrees with pymorphy3 (OpenCorpora) for every adjective in demonyms.yaml."""
    morph = pymorphy3.MorphAnalyzer(lang="ru")
    lemmas = {a for row in read_yaml_list(data_dir() / "demonyms.yaml") for a in row.get("ru_adjectives", [])}
    assert len(lemmas) >= 50
    checked = 0
    for lemma in sorted(lemmas):
        parses = [p for p in morph.parse(lemma) if p.tag.POS == "ADJF" and p.normal_form == lemma]
        if not parses:
            continue  # not in the dictionary (rare coinages): nothing to compare with
        # The dictionary also lists hyphenated spellings ("южно-корейский"); compare the lemma's own spelling.
        dictionary = {
            p.word
            for p in parses[0].lexeme
            if p.tag.POS == "ADJF" and "Qual" not in p.tag and ("-" in p.word) == ("-" in lemma)
        }
        assert dictionary <= set(adjective_forms(lemma)), lemma
        checked += 1
    assert checked >= 0.8 * len(lemmas)


def test_inflected_forms_reach_the_registry() -> None:
    assert reference().country("киргизских").alpha3 == "KGZ"


@pytest.mark.parametrize(
    ("name", "forms", "not_forms"),
    [
        ("Египет", {"Египта", "Египте", "Египтом"}, {"Египета", "Египете"}),  # the vowel drops
        ("Польша", {"Польши", "Польшей"}, {"Польшой"}),  # -ей after a hushing consonant
        ("Подгорица", {"Подгорицы", "Подгорицей"}, {"Подгорицой"}),
        ("Маврикий", {"Маврикия", "Маврикии"}, set()),  # prepositional of -ий
        ("Астана", {"Астаны", "Астаной"}, {"Астаней"}),
    ],
)
def test_noun_forms_of_place_names(name: str, forms: set[str], not_forms: set[str]) -> None:
    assert forms <= set(noun_forms(name))
    assert not not_forms & set(noun_forms(name))
