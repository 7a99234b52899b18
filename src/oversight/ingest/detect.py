"""What kind of file an input is, judged from its bytes (the file name only breaks ties)."""

from __future__ import annotations

import gzip
import io
import json
import zipfile
from enum import StrEnum

from oversight.errors import InputError


class Kind(StrEnum):
    """The input formats ingestion reads."""

    HTML = "html"
    TEXT = "text"
    MARKDOWN = "markdown"
    PDF = "pdf"
    DOCX = "docx"
    JSONL = "jsonl"
    WARC = "warc"


HEAD_BYTES = 65536
_HTML_MARKERS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<article", b"<p>", b"<div", b"<meta")
_MARKDOWN_SUFFIXES = (".md", ".markdown")


def detect(head: bytes, *, name: str = "") -> Kind:
    """The kind of a document from its first bytes (:data:`HEAD_BYTES` of them when available).

    Raises:
        InputError: the bytes are not any of the readable kinds (binary junk, an unknown archive).
    """
    if head.startswith(b"%PDF-"):
        return Kind.PDF
    if head.startswith(b"WARC/"):
        return Kind.WARC
    if head.startswith(b"\x1f\x8b"):
        return _gzipped(head)
    if head.startswith(b"PK\x03\x04"):
        return _zipped(head, name)
    if b"\x00" in head[:8192]:
        raise InputError("binary content that is not a PDF, DOCX or WARC file")
    text = _decode_head(head)
    stripped = text.lstrip("\ufeff \t\r\n")
    lowered = stripped[:4096].lower().encode("utf-8", "ignore")
    if stripped.startswith("{") and (
        _first_line_is_json_object(stripped) or name.lower().endswith((".jsonl", ".ndjson"))
    ):
        return Kind.JSONL
    if any(marker in lowered for marker in _HTML_MARKERS):
        return Kind.HTML
    if name.lower().endswith(_MARKDOWN_SUFFIXES):
        return Kind.MARKDOWN
    return Kind.TEXT


def _gzipped(head: bytes) -> Kind:
    try:
        inner = gzip.GzipFile(fileobj=io.BytesIO(head)).read(5)
    except (OSError, EOFError) as exc:
        raise InputError(f"unreadable gzip data: {exc}") from exc
    if inner.startswith(b"WARC/"):
        return Kind.WARC
    raise InputError("gzip-compressed data that is not a WARC file")


def _zipped(head: bytes, name: str) -> Kind:
    # The head alone may not hold the central directory; DOCX files name word/document.xml early in the
    # local headers, so a look at the raw bytes decides, and the DOCX reader validates fully later.
    if b"word/" in head or name.lower().endswith(".docx"):
        return Kind.DOCX
    try:
        names = zipfile.ZipFile(io.BytesIO(head)).namelist()
    except zipfile.BadZipFile as exc:
        raise InputError("a ZIP archive that is not a DOCX document") from exc
    if "word/document.xml" in names:
        return Kind.DOCX
    raise InputError("a ZIP archive that is not a DOCX document")


def _decode_head(head: bytes) -> str:
    try:
        return head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A multi-byte character may be cut at the end of the head; anything earlier is a real decoding error.
        if exc.start >= len(head) - 4:
            return head[: exc.start].decode("utf-8")
        text = head.decode("cp1251", errors="replace")
        printable = sum(ch.isprintable() or ch in "\r\n\t" for ch in text)
        if printable < 0.95 * len(text):
            raise InputError("binary or undecodable content") from exc
        return text


def _first_line_is_json_object(text: str) -> bool:
    line = text.split("\n", 1)[0]
    try:
        return isinstance(json.loads(line), dict)
    except json.JSONDecodeError:
        return False
