"""Inputs split into records: one per document, streamed so memory stays bounded whatever the input's size.

A single-document file is one record; a JSON Lines file one record per line; a WARC file one per HTML response.
A record that cannot be read becomes a :class:`BadRecord` and the others go on.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from oversight.errors import InputError
from oversight.ingest.detect import Kind
from oversight.ingest.text import Extracted, HtmlExtractor, extract, finish


@dataclass(frozen=True)
class Record:
    """The raw bytes of one document, where they came from, and how to read them."""

    name: str
    raw: bytes
    kind: Kind
    url: str | None = None
    fetched_at: datetime | None = None
    given: Extracted | None = None  # text and metadata supplied by the input itself (JSON Lines)

    def read(self, *, html: HtmlExtractor = "trafilatura") -> Extracted:
        """The record's text and metadata; InputError if it has none."""
        if self.given is not None:
            return finish(self.given)
        found = extract(self.raw, self.kind, url=self.url, html=html)
        return found if found.url or not self.url else Extracted(**{**found.__dict__, "url": self.url})


@dataclass(frozen=True)
class BadRecord:
    """A record that could not be read, with the reason."""

    name: str
    error: str
    raw: bytes | None = None


@dataclass(frozen=True)
class Unchanged:
    """A URL the server reports as not modified since the last fetch."""

    name: str


def jsonl_records(stream: BinaryIO, name: str, *, max_bytes: int) -> Iterator[Record | BadRecord]:
    """One record per line of a JSON Lines file: url, title, text or html, published, language."""
    for number, line in enumerate(_lines(stream, max_bytes=max_bytes), start=1):
        label = f"{name}:{number}"
        if isinstance(line, BadRecord):
            yield BadRecord(name=label, error=line.error)
            continue
        if not line.strip():
            continue
        try:
            yield _jsonl_record(line, label)
        except InputError as exc:
            yield BadRecord(name=label, error=str(exc), raw=line)


def _lines(stream: BinaryIO, *, max_bytes: int) -> Iterator[bytes | BadRecord]:
    while True:
        line = stream.readline(max_bytes + 1)
        if not line:
            return
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while (rest := stream.readline(max_bytes)) and not rest.endswith(b"\n"):
                pass  # skip to the end of the over-long line without holding it
            yield BadRecord(name="", error=f"line longer than {max_bytes:,} bytes")
            continue
        yield line


def _jsonl_record(line: bytes, label: str) -> Record:
    try:
        item = json.loads(line)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"malformed JSON line: {exc}") from exc
    if not isinstance(item, dict):
        raise InputError("a JSON line must be an object with `text` or `html`")
    url = _optional_str(item, "url")
    if isinstance(item.get("html"), str) and not isinstance(item.get("text"), str):
        return Record(name=label, raw=line, kind=Kind.HTML, url=url, given=None)
    text = item.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError("a JSON line needs a non-empty `text` or `html` string")
    given = Extracted(
        text=text,
        title=_optional_str(item, "title"),
        published=_parse_date(item.get("published")),
        language=_optional_str(item, "language"),
        url=url,
    )
    return Record(name=label, raw=line, kind=Kind.TEXT, url=url, given=given)


def _optional_str(item: dict[str, object], key: str) -> str | None:
    value = item.get(key)
    return value.strip() or None if isinstance(value, str) else None


def _parse_date(value: object) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def warc_records(stream: BinaryIO, name: str, *, max_bytes: int) -> Iterator[Record | BadRecord]:
    """One record per HTML response of a WARC or WARC.GZ file; a truncated file ends with a BadRecord."""
    number = 0
    try:
        for entry in ArchiveIterator(stream):
            if entry.rec_type != "response" or entry.http_headers is None:
                continue
            content_type = (entry.http_headers.get_header("Content-Type") or "").lower()
            if "html" not in content_type:
                continue
            number += 1
            label = f"{name}#{number}"
            payload = entry.content_stream().read(max_bytes + 1)
            if len(payload) > max_bytes:
                yield BadRecord(name=label, error=f"response larger than {max_bytes:,} bytes")
                continue
            if getattr(entry.raw_stream, "limit", 0) > 0:  # the file ended before the record's declared length
                yield BadRecord(name=label, error="truncated or corrupt WARC record: the file ends inside it")
                return
            yield Record(
                name=label,
                raw=payload,
                kind=Kind.HTML,
                url=entry.rec_headers.get_header("WARC-Target-URI"),
                fetched_at=_warc_date(entry.rec_headers.get_header("WARC-Date")),
            )
    except (ArchiveLoadFailed, OSError, EOFError, ValueError) as exc:
        yield BadRecord(name=f"{name}#{number + 1}", error=f"truncated or corrupt WARC record: {exc}")


def _warc_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
