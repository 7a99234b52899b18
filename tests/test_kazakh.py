"""Kazakh case forms of place names, and their use by the extractor's scan."""

from __future__ import annotations

from oversight.extract.lexicon import lexicon
from oversight.reference import kazakh


def test_case_forms_follow_vowel_harmony_and_the_last_sound() -> None:
    assert kazakh.case_forms("Қазақстан") == {
        "Қазақстан": "nominative",
        "Қазақстанның": "genitive",
        "Қазақстанға": "dative",
        "Қазақстанды": "accusative",
        "Қазақстанда": "locative",
        "Қазақстаннан": "ablative",
        "Қазақстанмен": "instrumental",
    }
    assert list(kazakh.case_forms("Ресей"))[1:] == ["Ресейдің", "Ресейге", "Ресейді", "Ресейде", "Ресейден", "Ресеймен"]
    assert kazakh.adjective_forms("Қытай") == ("қытайлық", "қытайлықтар")
    assert kazakh.adjective_forms("Қазақстан") == ("қазақстандық", "қазақстандықтар")
    assert kazakh.case_forms("Корея Республикасы") == {"Корея Республикасы": "nominative"}
    assert kazakh.case_forms("Kazakhstan") == {"Kazakhstan": "nominative"}


def test_the_scan_reads_kazakh_country_forms_cues_and_case_roles() -> None:
    lex = lexicon()
    text = "Қытайлық компания Қазақстанда бейнебақылау камераларын орнатты."
    found = {(m.kind, m.value, m.detail) for m in lex.scan(text)}
    assert ("country", "CHN", "adjective") in found
    assert ("country", "KAZ", "name") in found
    assert ("tech", "cctv_safe_city", "keyword") in found
    assert ("cue", "delivered", "kk") in found
    assert lex.case_roles["Қазақстанда"] == "in"
    assert lex.case_roles["Өзбекстанмен"] == "with"
