"""Amounts of money in a text: "$240 million", "US $160 million", "3,2 млн долларов", "1,5 млрд рублей".

The currency signs, codes, words and multipliers of each language come from the `money` section of its file in
``languages/``; one regular expression built from all of them finds every amount with its offsets. Amounts written
in words ("two million Swiss francs") are not read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

T = TypeVar("T")

_NUMBER = r"\d{1,3}(?:[ \u00a0\u202f,.]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"
_DIGIT = re.compile(r"\d")
_THOUSANDS = re.compile(r"[ \u00a0\u202f]|[,.](?=\d{3}(?:\D|$))")


@dataclass(frozen=True)
class Amount:
    """An amount of money as the text states it: its span, its value in units of the currency, the currency."""

    start: int
    end: int
    value: float
    currency: str


def _alternation(forms: Iterable[str]) -> str:
    """A regex alternation of the forms, longest first; a trailing * matches any continuation of the word."""
    parts = []
    for form in sorted(set(forms), key=len, reverse=True):
        stem = form.removesuffix("*")
        escaped = re.escape(stem).replace(r"\ ", r"\s+")
        parts.append(escaped + (r"\w*" if form.endswith("*") else ""))
    return "|".join(parts)


class MoneyReader:
    """Finds amounts of money with the currency and multiplier words of the shipped languages."""

    def __init__(self, languages: Mapping[str, Mapping[str, Any]]) -> None:
        self._before: dict[str, str] = {}
        self._after: dict[str, str] = {}
        self._multipliers: dict[str, float] = {}
        for data in languages.values():
            money = data.get("money") or {}
            for code, forms in (money.get("before") or {}).items():
                self._before.update((str(f).lower(), str(code)) for f in forms)
            for code, forms in (money.get("after") or {}).items():
                self._after.update((str(f).lower(), str(code)) for f in forms)
            for factor, words in (money.get("multipliers") or {}).items():
                self._multipliers.update((str(w).lower(), float(factor)) for w in words)
        before, after = _alternation(self._before), _alternation(self._after)
        multiplier = _alternation(self._multipliers)
        edge = r"(?![\w$€£¥₽₸₪₹])"
        self._pattern = re.compile(
            rf"(?<![\w.,])(?:(?P<pre>{before})\s?(?P<n1>{_NUMBER})(?:\s?(?P<m1>{multiplier}){edge})?"
            rf"(?:\s(?P<post1>{after}){edge})?"
            rf"|(?P<n2>{_NUMBER})(?:\s?(?P<m2>{multiplier}){edge})?\s?(?P<post2>{after}){edge})",
            re.IGNORECASE,
        )

    def amounts(self, text: str) -> list[Amount]:
        """Every amount of money in ``text``, in text order."""
        if not _DIGIT.search(text):
            return []
        found = []
        for match in self._pattern.finditer(text):
            number = match.group("n1") or match.group("n2")
            multiplier = match.group("m1") or match.group("m2")
            code = _lookup(self._before, match.group("pre")) or _lookup(
                self._after, match.group("post1") or match.group("post2")
            )
            if code is None:
                continue
            value = _number(number) * (_lookup(self._multipliers, multiplier) or 1.0)
            found.append(Amount(match.start(), match.end(), value, code))
        return found


def _lookup(table: Mapping[str, T], written: str | None) -> T | None:
    """What a currency or multiplier word stands for; a starred form ("доллар*") stands for the words it begins."""
    if not written:
        return None
    key = " ".join(written.lower().split())
    if key in table:
        return table[key]
    for form in sorted(table, key=len, reverse=True):
        if form.endswith("*") and key.startswith(form[:-1]):
            return table[form]
    return None


def _number(written: str) -> float:
    """ "1,800" → 1800, "3,2" → 3.2, "1 500 000" → 1500000, "2.5" → 2.5."""
    return float(_THOUSANDS.sub("", written).replace(",", "."))
