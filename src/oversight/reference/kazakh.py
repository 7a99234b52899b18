"""Kazakh inflection for the names of countries and places ("Қазақстан" → "Қазақстанда", "қазақстандық", …).

Kazakh adds case endings to the word, in a form chosen by vowel harmony (the word's last vowel is back or front)
and by its last sound (a vowel, a voiced or nasal consonant, or a voiceless one). The forms are generated here so
the extractor can match them with one multi-pattern scan, as it does the Russian ones (`reference/russian.py`).
"""

from __future__ import annotations

_BACK = frozenset("аоұыуя")
_FRONT = frozenset("әеөүіэи")
_VOWELS = _BACK | _FRONT | frozenset("ёю")
_VOICELESS = frozenset("пфкқтсшщхцчһ")
_NASAL = frozenset("мнң")
#: Sonorants: after them the endings start with д-, ғ-, м- (-дың, -ға, -мен) and the adjective with л- (-лық).
_SONORANT = frozenset("лрйу")


def _front(word: str) -> bool:
    """Whether the word's last vowel is a front vowel (the endings then use е, і, ге, ке)."""
    for letter in reversed(word.lower()):
        if letter in _FRONT:
            return True
        if letter in _BACK:
            return False
    return False


def _last_sound(word: str) -> str:
    """ "vowel", "nasal", "sonorant", "voiceless" or "voiced" for the word's last letter."""
    letter = word[-1].lower()
    if letter in _VOWELS:
        return "vowel"
    if letter in _NASAL:
        return "nasal"
    if letter in _SONORANT:
        return "sonorant"
    if letter in _VOICELESS:
        return "voiceless"
    return "voiced"


# Endings by the last sound, back-vowel form; the front form swaps а→е, ы→і, ғ→г, қ→к.
_CASES = {
    #          genitive  dative  accusative  locative  ablative  instrumental
    "vowel": ("ның", "ға", "ны", "да", "дан", "мен"),
    "nasal": ("ның", "ға", "ды", "да", "нан", "мен"),
    "sonorant": ("дың", "ға", "ды", "да", "дан", "мен"),
    "voiced": ("дың", "ға", "ды", "да", "дан", "бен"),
    "voiceless": ("тың", "қа", "ты", "та", "тан", "пен"),
}
_ADJECTIVE = {"vowel": "лық", "nasal": "дық", "sonorant": "лық", "voiced": "дық", "voiceless": "тық"}
_TO_FRONT = str.maketrans("аығқ", "еігк")


def _ending(word: str, back_form: str) -> str:
    return back_form.translate(_TO_FRONT) if _front(word) else back_form


#: The cases `case_forms` generates, in the order of the endings above.
CASES = ("genitive", "dative", "accusative", "locative", "ablative", "instrumental")


def case_forms(name: str) -> dict[str, str]:
    """Each case form of a Kazakh name given in the nominative, with its case: "Ресей" → "Ресейдің" (genitive),
    "Ресейге" (dative), "Ресейді", "Ресейде" (locative), "Ресейден" (ablative), "Ресеймен" (instrumental). A
    multi-word name ending in a possessive ("Корея Республикасы") inflects differently and is given only in the
    nominative, as are non-Cyrillic names."""
    forms = {name: "nominative"}
    if not name or not ("\u0400" <= name[-1] <= "\u04ff") or (" " in name and name[-1] in "ыі"):
        return forms
    for case, ending in zip(CASES, _CASES[_last_sound(name)], strict=True):
        forms.setdefault(name + _ending(name, ending), case)
    return forms


def adjective_forms(name: str) -> tuple[str, ...]:
    """The adjective a Kazakh name forms with -лық/-дық/-тық ("Қытай" → "қытайлық", "Қазақстан" → "қазақстандық"),
    lower-cased, with its plural ("қытайлықтар": Chinese people or firms); empty for multi-word or non-Cyrillic
    names."""
    if not name or " " in name or not ("\u0400" <= name[-1] <= "\u04ff"):
        return ()
    adjective = (name + _ending(name, _ADJECTIVE[_last_sound(name)])).lower()
    return (adjective, adjective + _ending(adjective, "тар"))
