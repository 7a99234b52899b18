"""Name normalisation shared by look-ups, vendor resolution and evaluation.

``fold`` turns a company or agency name into a comparison key: case-folded, Cyrillic transliterated to Latin,
punctuation and legal-form suffixes removed ("«Протей» ООО" and "Protei LLC" both fold to ``protei``).
"""

from __future__ import annotations

import re
import unicodedata

# A plain scientific-style transliteration; the exact scheme matters less than applying one scheme everywhere.
_CYRILLIC_TO_LATIN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z", "и": "i",
    "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "",
    "э": "e", "ю": "yu", "я": "ya", "і": "i", "ї": "yi", "є": "ye", "ґ": "g", "ә": "a", "ғ": "gh", "қ": "q",
    "ң": "ng", "ө": "o", "ұ": "u", "ү": "u", "һ": "h", "ў": "u",
}  # fmt: skip

LEGAL_SUFFIXES = frozenset(
    {
        "ltd", "llc", "inc", "co", "corp", "group", "corporation", "ag", "sa", "gmbh", "plc", "spa", "srl",
        "limited", "company", "jsc", "ojsc", "pjsc", "ooo", "ao", "pao", "zao", "oao", "too", "bv", "nv", "as",
    }
)  # fmt: skip
_PUNCT = re.compile(r"[^\w\s]+")
_SPACE = re.compile(r"\s+")


def transliterate(text: str) -> str:
    """Cyrillic letters (Russian, Ukrainian, Kazakh) to Latin; every other character unchanged."""
    out = []
    for char in text:
        lower = char.lower()
        latin = _CYRILLIC_TO_LATIN.get(lower)
        if latin is None:
            out.append(char)
        else:
            out.append(latin.capitalize() if char != lower else latin)
    return "".join(out)


def fold(name: str) -> str:
    """A comparison key for a name: case-folded, transliterated, without punctuation or legal suffixes."""
    text = transliterate(unicodedata.normalize("NFKC", name).casefold())
    # Accents go after transliteration, so that Cyrillic letters with marks (й, ё) are mapped first.
    text = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    text = _PUNCT.sub(" ", text.replace("&", " and "))
    tokens = [t for t in _SPACE.split(text) if t]
    while len(tokens) > 1 and tokens[-1] in LEGAL_SUFFIXES:
        tokens.pop()
    while len(tokens) > 1 and tokens[0] in LEGAL_SUFFIXES:
        tokens.pop(0)
    return " ".join(tokens)
