"""Text and metadata out of one document's bytes: HTML (trafilatura), PDF (pypdf), DOCX, plain text, Markdown."""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, replace
from datetime import date
from typing import Literal

import ftfy
import py3langid
import trafilatura
from lxml import etree
from pypdf import PdfReader
from pypdf.errors import PyPdfError
from resiliparse.extract.html2text import extract_plain_text
from resiliparse.parse.html import HTMLTree

from oversight.errors import InputError
from oversight.ingest.detect import Kind

#: DOCX parts larger than this, uncompressed, or compressed more than 200:1, are refused (zip bombs).
MAX_DOCX_PART = 50 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"
_BLANK_LINES = re.compile(r"\n[ \t]*\n[\s]*")
_SPACES = re.compile(r"[ \t\u00a0]+")


@dataclass(frozen=True)
class Extracted:
    """The text of one document and what could be learnt about it."""

    text: str
    title: str | None = None
    publisher: str | None = None
    published: date | None = None
    language: str | None = None
    url: str | None = None


HtmlExtractor = Literal["trafilatura", "resiliparse"]


def extract(data: bytes, kind: Kind, *, url: str | None = None, html: HtmlExtractor = "trafilatura") -> Extracted:
    """Extract and normalise the text of a single-document kind (not JSONL or WARC).

    ``html`` picks the HTML extractor: trafilatura (text and metadata: title, site name, date) or resiliparse
    (several times faster, main text and title only), for WARC-scale input.

    Raises:
        InputError: the document is corrupt, empty or not readable as ``kind``.
    """
    if kind is Kind.HTML:
        found = _html(data, url=url) if html == "trafilatura" else _html_fast(data, url=url)
    elif kind is Kind.PDF:
        found = _pdf(data)
    elif kind is Kind.DOCX:
        found = _docx(data)
    elif kind in (Kind.TEXT, Kind.MARKDOWN):
        found = _plain(data, markdown=kind is Kind.MARKDOWN)
    else:
        raise InputError(f"{kind} holds many documents and is read record by record")
    return finish(found)


def finish(found: Extracted) -> Extracted:
    """Normalise the text (ftfy, NFC, white space) and detect its language when not given."""
    text = normalise(found.text)
    if not text:
        raise InputError("no text found in the document")
    language = found.language or detect_language(text)
    title = normalise(found.title) if found.title else None
    return replace(found, text=text, title=title or None, language=language)


def normalise(text: str) -> str:
    """Repair mojibake, compose Unicode, collapse runs of spaces and of blank lines."""
    fixed = unicodedata.normalize("NFC", ftfy.fix_text(text))
    lines = [_SPACES.sub(" ", line).strip() for line in fixed.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language (py3langid)."""
    language, _score = py3langid.classify(text[:3000])  # a few paragraphs decide; more only costs time
    return str(language)


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1251"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError("text that is neither UTF-8 nor Windows-1251")


def _html(data: bytes, *, url: str | None) -> Extracted:
    html = _decode(data)
    # No extensive date search: it guesses a publication date from any year in the text ("in 2019 …").
    result = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        favor_recall=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    text = getattr(result, "text", None) if result is not None else None
    if not text:
        raise InputError("no article text found in the HTML (empty, boilerplate only, or nested too deep)")
    published = None
    if raw_date := getattr(result, "date", None):
        try:
            published = date.fromisoformat(str(raw_date)[:10])
        except ValueError:
            published = None
    return Extracted(
        text=text,
        title=getattr(result, "title", None),
        publisher=getattr(result, "sitename", None) or getattr(result, "hostname", None),
        published=published,
        url=getattr(result, "url", None) or url,
    )


def _html_fast(data: bytes, *, url: str | None) -> Extracted:
    html = _decode(data)
    tree = HTMLTree.parse(html)
    text = extract_plain_text(tree, main_content=True, alt_texts=False, links=False)
    if not text.strip():
        raise InputError("no article text found in the HTML (empty, boilerplate only, or nested too deep)")
    return Extracted(text=text, title=tree.title or None, url=url)


def _pdf(data: bytes) -> Extracted:
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        pages = [page.extract_text() or "" for page in reader.pages]
        title = reader.metadata.title if reader.metadata else None
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as exc:
        raise InputError(f"corrupt or unreadable PDF: {exc}") from exc
    return Extracted(text="\n\n".join(pages), title=str(title) if title else None)


def _docx_part(archive: zipfile.ZipFile, name: str) -> bytes | None:
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    if info.file_size > MAX_DOCX_PART or info.file_size > MAX_COMPRESSION_RATIO * max(info.compress_size, 1):
        raise InputError(f"DOCX part {name} would expand to {info.file_size:,} bytes: refused as a zip bomb")
    with archive.open(info) as handle:
        content = handle.read(MAX_DOCX_PART + 1)
    if len(content) > MAX_DOCX_PART:  # the header lied about the size
        raise InputError(f"DOCX part {name} is larger than {MAX_DOCX_PART:,} bytes: refused")
    return content


def _docx(data: bytes) -> Extracted:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        body = _docx_part(archive, "word/document.xml")
        core = _docx_part(archive, "docProps/core.xml")
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise InputError(f"corrupt DOCX file: {exc}") from exc
    if body is None:
        raise InputError("a ZIP archive without word/document.xml is not a DOCX document")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(body, parser)
        paragraphs = ["".join(t.text or "" for t in p.iter(f"{_W}t")) for p in root.iter(f"{_W}p")]
        title = etree.fromstring(core, parser).findtext(f".//{_DC_TITLE}") if core else None
    except etree.XMLSyntaxError as exc:
        raise InputError(f"corrupt DOCX XML: {exc}") from exc
    return Extracted(text="\n\n".join(p for p in paragraphs if p.strip()), title=title or None)


def _plain(data: bytes, *, markdown: bool) -> Extracted:
    text = _decode(data)
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    title = first.lstrip("#").strip() if markdown else None
    return Extracted(text=text, title=title or None)
