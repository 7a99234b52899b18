"""Expand command-line inputs (files, folders, ``-``, URLs) into records."""

from __future__ import annotations

import io
import shutil
import sys
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

from oversight.errors import InputError
from oversight.ingest.detect import HEAD_BYTES, Kind, detect
from oversight.ingest.fetch import Fetched
from oversight.ingest.records import BadRecord, Record, jsonl_records, warc_records


def is_url(value: str) -> bool:
    """Whether a command-line input names a URL rather than a path."""
    return "://" in value


def files_of(path: Path) -> Iterator[Path]:
    """The path itself, or every non-hidden file below a folder, in a stable order."""
    if path.is_dir():
        for child in sorted(path.rglob("*")):
            if child.is_file() and not any(part.startswith(".") for part in child.relative_to(path).parts):
                yield child
    elif path.is_file():
        yield path
    else:
        raise InputError(f"no such file or folder: {path}")


def stream_records(
    stream: BinaryIO, name: str, *, max_bytes: int, url: str | None = None, fetched_at: datetime | None = None
) -> Iterator[Record | BadRecord]:
    """The records of one seekable input stream, its kind detected from its first bytes."""
    head = stream.read(HEAD_BYTES)
    stream.seek(0)
    try:
        kind = detect(head, name=name)
    except InputError as exc:
        yield BadRecord(name=name, error=str(exc), raw=head)
        return
    if kind is Kind.JSONL:
        yield from jsonl_records(stream, name, max_bytes=max_bytes)
    elif kind is Kind.WARC:
        yield from warc_records(stream, name, max_bytes=max_bytes)
    else:
        data = stream.read(max_bytes + 1)
        if len(data) > max_bytes:
            yield BadRecord(name=name, error=f"larger than the {max_bytes:,}-byte limit (see --max-bytes)")
            return
        yield Record(name=name, raw=data, kind=kind, url=url, fetched_at=fetched_at)


def file_records(path: Path, *, max_bytes: int) -> Iterator[Record | BadRecord]:
    """The records of one file."""
    try:
        with path.open("rb") as stream:
            yield from stream_records(stream, str(path), max_bytes=max_bytes)
    except OSError as exc:
        yield BadRecord(name=str(path), error=f"cannot read: {exc.strerror or exc}")


def stdin_records(*, max_bytes: int) -> Iterator[Record | BadRecord]:
    """The records of standard input, spooled to disk past 8 MiB so that large streams stay out of memory."""
    with tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024) as spool:
        shutil.copyfileobj(sys.stdin.buffer, spool)
        spool.seek(0)
        yield from stream_records(spool, "<stdin>", max_bytes=max_bytes)  # type: ignore[arg-type]


def fetched_records(fetched: Fetched, *, max_bytes: int) -> Iterator[Record | BadRecord]:
    """The records of a fetched page (one, unless the URL served a WARC or JSON Lines file)."""
    if fetched.content is None:
        return
    yield from stream_records(
        io.BytesIO(fetched.content), fetched.url, max_bytes=max_bytes, url=fetched.url, fetched_at=datetime.now(UTC)
    )
