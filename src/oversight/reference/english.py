"""English inflection for keyword phrases: the plural of a phrase's last word ("IMSI catcher" → "IMSI catchers")."""

from __future__ import annotations

_SIBILANT_ENDINGS = ("s", "x", "z", "ch", "sh")


def plural_phrase(phrase: str) -> str | None:
    """The phrase with its last word in the plural, or None when there is none to make.

    Only phrases of two or more words (or hyphenated ones) are given a plural: a single keyword is often a
    product name ("Predator", "Hermit") whose plural is another word. A last word already ending in -s is taken as
    plural or uncountable ("surveillance cameras", "mobile forensics"); one that is not a plain word ("sorm-3", a
    starred stem "faceprint*") has none.
    """
    words = phrase.replace("-", " ").split()
    if len(words) < 2:
        return None
    text, word = phrase.rstrip(), words[-1]
    if not word.isalpha() or not word.isascii() or word.endswith(("s", "ing")):
        return None
    if word.endswith(_SIBILANT_ENDINGS):
        return text + "es"
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return text[:-1] + "ies"
    return text + "s"
