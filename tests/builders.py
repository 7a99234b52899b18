"""Builders of test documents in every format ingestion reads, written by this project for its tests.

The texts are short invented news items marked as test fixtures; they state no real facts.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

STORY = (
    "Exampleton city council confirmed on Tuesday that a new camera network will cover the central districts "
    "by the end of the year. Officials said the contract covers four hundred cameras, a control room and "
    "training for municipal staff. Civil-society groups asked the council to publish the contract and an "
    "assessment of its effect on privacy before the cameras are switched on. The council said a public "
    "hearing would take place next month and that the data would be kept for thirty days."
)
OTHER_STORIES = [
    "Riverside regional parliament debated a draft law on data retention for telecom operators. Deputies "
    "disagreed on how long operators should keep subscriber records and on who may request access to them.",
    "A report by a research group compared procurement rules for public-security technology in ten countries "
    "and found that few publish tenders for monitoring equipment or the results of audits.",
    "The national statistics office released figures on internet use showing growth in mobile broadband "
    "subscriptions in rural areas, while fixed-line connections declined slightly over the same period.",
]

WARC_STORIES = [
    "The harbour authority began dredging the northern channel so that larger container ships can dock. The work "
    "is expected to last eight months and to close two berths to ferries while it continues.",
    "Primary schools in the eastern district will serve free lunches from September, the education department "
    "said, after a pilot scheme in four schools raised attendance and was judged affordable.",
]


def article_html(title: str, body: str, *, site: str, boilerplate: str, published: str = "2024-03-05") -> str:
    """A news page with navigation, the article and a footer."""
    paragraphs = "".join(f"<p>{sentence.strip()}.</p>" for sentence in body.split(". ") if sentence.strip())
    return (
        f"<!DOCTYPE html><html><head><title>{title} | {site}</title>"
        f'<meta property="og:site_name" content="{site}">'
        f'<meta property="article:published_time" content="{published}">'
        f"</head><body><nav>{boilerplate}</nav><article><h1>{title}</h1>{paragraphs}</article>"
        f"<footer>{boilerplate} — {site}</footer></body></html>"
    )


def pdf_bytes(lines: list[str]) -> bytes:
    """A valid one-page PDF whose text layer holds ``lines``."""
    ops = ["BT", "/F1 11 Tf", "14 TL", "72 760 Td"]
    for line in lines:
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        ops.append(f"({escaped}) Tj T*")
    ops.append("ET")
    stream = "\n".join(ops).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def docx_bytes(paragraphs: list[str], *, title: str | None = None, inflate: int = 0) -> bytes:
    """A minimal DOCX; ``inflate`` pads word/document.xml with that many highly compressible bytes."""
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    padding = "<!--" + " " * inflate + "-->" if inflate else ""
    document = (
        f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{_W}">'
        f"<w:body>{body}</w:body>{padding}</w:document>"
    )
    core = (
        '<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties '
        'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        f'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>{title or ""}</dc:title></cp:coreProperties>'
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("word/document.xml", document)
        archive.writestr("docProps/core.xml", core)
    return out.getvalue()


def warc_bytes(pages: list[tuple[str, str]], *, gzip: bool = True) -> bytes:
    """A WARC file with one HTML response record per (url, html), plus a request record that must be ignored."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzip)
    for url, html in pages:
        payload = html.encode("utf-8")
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(url, "response", payload=io.BytesIO(payload), http_headers=headers)
        )
        request = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example.org")], is_http_request=True)
        writer.write_record(writer.create_warc_record(url, "request", http_headers=request))
    return out.getvalue()


def jsonl_bytes(items: Sequence[Mapping[str, object]]) -> bytes:
    """JSON Lines, one object per line."""
    return b"".join(json.dumps(item, ensure_ascii=False).encode("utf-8") + b"\n" for item in items)


def write_mixed_folder(folder: Path) -> Path:
    """The folder of the ingest acceptance test: 9 good documents (one near-duplicate) and 2 bad files."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "article.html").write_text(
        article_html(
            "Council approves camera network (test fixture)",
            STORY,
            site="Exampleton Daily",
            boilerplate="Home | Politics | Economy | Weather",
        ),
        "utf-8",
    )
    (folder / "syndicated.htm").write_text(
        article_html(
            "Cameras to watch city centre, council says (test fixture)",
            STORY,
            site="Regional Wire",
            boilerplate="Top stories | Sport | Culture | Subscribe now",
        ),
        "utf-8",
    )
    (folder / "report.pdf").write_bytes(
        pdf_bytes(
            [
                "Procurement of monitoring equipment: a comparison (test fixture).",
                "Few of the ten countries reviewed publish tenders for monitoring equipment.",
                "None publishes the results of audits of deployed systems.",
            ]
        )
    )
    (folder / "memo.docx").write_bytes(
        docx_bytes(
            [
                "Memo on data retention (test fixture).",
                "The draft law would oblige operators to keep subscriber records for three years.",
            ],
            title="Data retention memo",
        )
    )
    (folder / "batch.jsonl").write_bytes(
        jsonl_bytes(
            [
                {
                    "url": f"https://news.example.org/{i}",
                    "title": f"Item {i} (test fixture)",
                    "text": text,
                    "published": f"2024-02-0{i + 1}",
                    "language": "en",
                }
                for i, text in enumerate(OTHER_STORIES)
            ]
        )
    )
    (folder / "crawl.warc.gz").write_bytes(
        warc_bytes(
            [
                (
                    "https://crawl.example.org/one",
                    article_html(
                        "Port upgrade (test fixture)", WARC_STORIES[0], site="Harbour News", boilerplate="Menu"
                    ),
                ),
                (
                    "https://crawl.example.org/two",
                    article_html(
                        "School meals (test fixture)", WARC_STORIES[1], site="Town Review", boilerplate="Menu"
                    ),
                ),
            ]
        )
    )
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage that ends too early")
    (folder / "noise.bin").write_bytes(bytes(range(256)) * 64)
    return folder
