"""Paragraphs and sentences of a text, as character spans (so evidence offsets index the original text)."""

from __future__ import annotations

import re
from dataclasses import dataclass

_PARAGRAPH = re.compile(r"\n\s*\n")
# A sentence ends at . ! ? … (and closing quotes/brackets) followed by white space and an upper-case letter,
# a digit or an opening quote; or at a line break.
_BOUNDARY = re.compile(r"(?<=[.!?…])[\"'»”)\]]*\s+(?=[\"'«“(\[]?[A-ZА-ЯЁ0-9])|\n+")
_ABBREVIATIONS = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|St|No|Co|Corp|Inc|Ltd|Jr|Sr|vs|etc|Gen|Col|Lt|Maj|Sgt|Jan|Feb|Mar|Apr|Jun|Jul|Aug|"
    r"Sep|Sept|Oct|Nov|Dec|т\.д|т\.е|г|гг|ул|им|млн|млрд|тыс|руб|долл|ст)|\b[A-ZА-Я]|\b(?:U\.S|U\.K|U\.N|E\.U))\.$"
)


@dataclass(frozen=True)
class Span:
    """A sentence: its character span and the paragraph it belongs to."""

    start: int
    end: int
    paragraph: int


def sentences(text: str) -> list[Span]:
    """The sentences of ``text`` in order, with their paragraph numbers; white space trimmed from each span."""
    spans: list[Span] = []
    paragraph_starts = [0] + [m.end() for m in _PARAGRAPH.finditer(text)]
    paragraph_ends = [m.start() for m in _PARAGRAPH.finditer(text)] + [len(text)]
    for number, (p_start, p_end) in enumerate(zip(paragraph_starts, paragraph_ends, strict=True)):
        cursor = p_start
        for boundary in _BOUNDARY.finditer(text, p_start, p_end):
            if _ABBREVIATIONS.search(text[max(cursor, boundary.start() - 8) : boundary.start()]):
                continue
            _add(spans, text, cursor, boundary.start(), number)
            cursor = boundary.end()
        _add(spans, text, cursor, p_end, number)
    return spans


def _add(spans: list[Span], text: str, start: int, end: int, paragraph: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append(Span(start, end, paragraph))
