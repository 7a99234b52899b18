"""Russian inflection for the adjectives that name countries ("казахстанский" → "казахстанские", …).

Country adjectives are regular: almost all end in -ский/-цкий (a velar stem) and the rest in -ый/-ой. The full
paradigm of the three genders and the plural is generated here so the extractor can match surface forms with
one multi-pattern scan instead of lemmatising every word.
"""

from __future__ import annotations

# Case endings after the stem, in the order: masculine (nom, gen, dat, ins, prep), feminine (nom, gen/dat/ins/prep,
# acc, ins variant), neuter (nom), plural (nom, gen/prep, dat, ins).
_VELAR = ("ий", "ого", "ому", "им", "ом", "ая", "ой", "ую", "ою", "ое", "ие", "их", "им", "ими")
_HARD = ("ый", "ого", "ому", "ым", "ом", "ая", "ой", "ую", "ою", "ое", "ые", "ых", "ым", "ыми")
_VELARS = frozenset("кгх")


def adjective_forms(lemma: str) -> tuple[str, ...]:
    """All case, gender and number forms of a Russian adjective given in its dictionary form.

    Raises:
        ValueError: the word does not end like a Russian adjective of the kinds country adjectives use.
    """
    word = lemma.strip().lower()
    if word.endswith(("ий", "ый", "ой")) and len(word) > 3:
        stem = word[:-2]
        endings = _VELAR if word.endswith("ий") and stem[-1] in _VELARS else _HARD
        if word.endswith("ой"):
            endings = ("ой", *endings[1:])
        forms = dict.fromkeys(stem + ending for ending in endings)
        return tuple(forms)
    raise ValueError(f"{lemma!r} is not a Russian adjective in its dictionary form (-ий, -ый, -ой)")
