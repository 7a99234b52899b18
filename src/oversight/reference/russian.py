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


_HUSHING_OR_VELAR = frozenset("гкхжшчщ")
#: After these an unstressed ending is written -ей, not -ой ("Польшей", "Камбоджей", "Подгорицей").
_HUSHING_OR_TS = frozenset("жшчщц")
#: Names whose last vowel drops when they decline (the only one among the registry's countries and cities).
_FLEETING_VOWEL = {"Египет": "Египт"}


def noun_forms(word: str) -> tuple[str, ...]:
    """The singular case forms of a Russian proper noun (and plural ones for names in -ы/-и), given its nominative.

    Used for names the dictionary does not know (companies, cities, countries): "Протей" → "Протея", "Протею",
    "Протеем", "Протее"; "Астана" → "Астаны", "Астане", "Астану", "Астаной"; "Киргизия" → "Киргизии", ….
    Indeclinable endings (-о, -е, -и, -у, -ю, -э) and non-Cyrillic words are returned unchanged.
    """
    if not word or not ("\u0400" <= word[-1] <= "\u04ff"):
        return (word,)
    last = word[-1].lower()
    stem = word[:-1]
    forms: list[str] = [word]
    if word.lower().endswith("ия"):
        forms += [stem + e for e in ("и", "ю", "ей")]
    elif word in _FLEETING_VOWEL:
        forms += [_FLEETING_VOWEL[word] + e for e in ("а", "у", "ом", "е")]
    elif last == "й":
        forms += [stem + e for e in ("я", "ю", "ем", "е")]
        if word.lower().endswith("ий"):
            forms.append(stem + "и")  # "в Маврикии"
    elif last == "ь":
        forms += [stem + e for e in ("я", "ю", "ем", "е", "и", "ью")]
    elif last == "а":
        genitive = "и" if stem[-1:].lower() in _HUSHING_OR_VELAR else "ы"
        endings = ("ей", "ею") if stem[-1:].lower() in _HUSHING_OR_TS else ("ой", "ою")
        forms += [stem + e for e in (genitive, "е", "у", *endings)]
    elif last == "я":
        forms += [stem + e for e in ("и", "е", "ю", "ей")]
    elif last == "ы" and len(word) > 3:
        forms += [stem + e for e in ("ов", "ам", "ами", "ах")]
    elif last in "оеиуюэ":
        pass
    elif last.isalpha():
        instrumental = "ем" if last in "жшчщц" else "ом"
        forms += [word + e for e in ("а", "у", instrumental, "е")]
    return tuple(dict.fromkeys(forms))


def phrase_forms(phrase: str) -> tuple[str, ...]:
    """Case forms of a multi-word name: the last word declines; a feminine adjective before it agrees with it."""
    words = phrase.split(" ")
    if len(words) == 1:
        return noun_forms(phrase)
    head = noun_forms(words[-1])
    prefix = " ".join(words[:-1])
    forms = [f"{prefix} {form}" for form in head]
    if len(words) == 2 and words[0].lower().endswith("ая") and words[1][-1:].lower() in "ая":
        adjective = words[0][:-2]
        for ending, noun in zip(
            ("ой", "ую", "ой"), (head[1:2] or head, head[3:4] or head, head[4:5] or head), strict=True
        ):
            forms.append(f"{adjective}{ending} {noun[0]}")
        forms += [f"{adjective}ой {form}" for form in head]
    return tuple(dict.fromkeys(forms))
