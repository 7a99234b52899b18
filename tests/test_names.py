from __future__ import annotations

import pytest

from oversight.reference.names import fold, transliterate


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Huawei Technologies Co., Ltd.", "huawei technologies"),
        ("«Протей»", "protey"),
        ("ООО «Вокорд»", "vokord"),
        ("NSO Group", "nso"),
        (
            "China National Electronics Import & Export Corporation",
            "china national electronics import and export",
        ),
        ("Group", "group"),  # a name that is only a suffix keeps it
    ],
)
def test_fold(name: str, key: str) -> None:
    assert fold(name) == key


def test_transliterate_keeps_case_and_other_scripts() -> None:
    assert transliterate("Хуавэй 华为") == "Khuavey 华为"
    assert transliterate("Қазақстан") == "Qazaqstan"


def test_fold_strips_accents_after_transliteration() -> None:
    assert fold("Côte d’Ivoire") == fold("Cote d'ivoire")
    assert fold("Хуавэй") == "khuavey"  # й is transliterated, not reduced to и
    assert fold("Mühlbauer") == "muhlbauer"
