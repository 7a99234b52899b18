from __future__ import annotations

import pytest

from oversight.reference.english import plural_phrase


@pytest.mark.parametrize(
    ("phrase", "plural"),
    [
        ("imsi catcher", "imsi catchers"),  # -ch takes -es
        ("imsi-catcher", "imsi-catchers"),
        ("fake base station", "fake base stations"),
        ("smart city", "smart cities"),  # consonant + y
        ("web proxy", "web proxies"),
        ("monitoring centre", "monitoring centres"),
        ("analysis box", "analysis boxes"),
    ],
)
def test_plural_of_a_phrase_inflects_its_last_word(phrase: str, plural: str) -> None:
    assert plural_phrase(phrase) == plural


@pytest.mark.parametrize(
    "phrase",
    [
        "predator",  # one word: often a product name whose plural is another word
        "surveillance cameras",  # already plural
        "mobile forensics",  # uncountable
        "location tracking",  # a gerund
        "sorm-3",  # not a word
        "face print*",  # a starred stem: the matcher takes any ending already
    ],
)
def test_no_plural_where_there_is_none_to_make(phrase: str) -> None:
    assert plural_phrase(phrase) is None
