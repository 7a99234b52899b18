from __future__ import annotations

import io
import json
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import func, select

from oversight.errors import InputError
from oversight.ingest import IngestOptions, Ingestor
from oversight.ingest.detect import Kind, detect
from oversight.ingest.pipeline import IngestSummary
from oversight.ingest.records import jsonl_records
from oversight.store import Store
from oversight.store import documents as docs
from oversight.store.tables import document_urls, documents, ingest_errors, raw_inputs
from tests.builders import STORY, article_html, docx_bytes, jsonl_bytes, warc_bytes, write_mixed_folder


def _count(store: Store, table: object) -> int:
    with store.transaction() as connection:
        return int(connection.execute(select(func.count()).select_from(table)).scalar_one())  # type: ignore[arg-type]


def _snapshot(store: Store) -> dict[str, object]:
    with store.transaction() as connection:
        rows = connection.execute(
            select(documents.c.id, documents.c.duplicate_of, documents.c.url).order_by(documents.c.id)
        ).all()
        urls = connection.execute(select(document_urls).order_by(document_urls.c.url)).all()
        errors = connection.execute(select(ingest_errors.c.input).order_by(ingest_errors.c.input)).all()
    return {"documents": rows, "urls": urls, "errors": errors}


def test_mixed_folder_acceptance(store: Store, tmp_path: Path) -> None:
    folder = write_mixed_folder(tmp_path / "inbox")
    summary = Ingestor(store).run([str(folder)])
    assert summary.as_json() | {"errors": len(summary.errors)} == {
        "ingested": 8,
        "duplicates": 0,
        "near_duplicates": 1,
        "skipped": 0,
        "errors": 2,
    }
    assert sorted(Path(e["input"]).name for e in summary.errors) == ["broken.pdf", "noise.bin"]
    assert _count(store, documents) == 9
    assert _count(store, ingest_errors) == 2
    with store.transaction() as connection:
        original = docs.find_document(connection, str(folder / "article.html"))
        copy = docs.find_document(connection, str(folder / "syndicated.htm"))
        pdf = docs.find_document(connection, str(folder / "report.pdf"))
        docx = docs.find_document(connection, str(folder / "memo.docx"))
        warc_page = docs.find_document(connection, "https://crawl.example.org/two")
        assert original is not None and copy is not None and pdf is not None and docx is not None
        assert warc_page is not None
        assert copy.duplicate_of == original.id and original.duplicate_of is None
        assert original.publisher == "Exampleton Daily"
        assert str(original.published) == "2024-03-05"
        assert original.language == "en"
        pdf_text = docs.document_text(connection, pdf.id) or ""
        assert pdf_text.index("Few of the ten") < pdf_text.index("None publishes")  # reading order
        assert docx.title == "Data retention memo"
        assert "three years" in (docs.document_text(connection, docx.id) or "")
    again = Ingestor(store).run([str(folder)])
    assert (again.ingested, again.duplicates, again.near_duplicates, again.skipped) == (0, 0, 0, 9)
    assert _count(store, documents) == 9
    assert _count(store, ingest_errors) == 2


def test_a_killed_run_resumes_to_the_same_database(new_db_url: Callable[[], str], tmp_path: Path) -> None:
    folder = write_mixed_folder(tmp_path / "inbox")
    complete = Store.open(new_db_url(), migrate_schema=True)
    Ingestor(complete).run([str(folder)])
    expected = _snapshot(complete)
    complete.close()
    # A second database, interrupted after the third record, then run again from the start.
    resumed = Store.open(new_db_url(), migrate_schema=True)
    seen = 0

    def crash_after_three(_outcome: str) -> None:
        nonlocal seen
        seen += 1
        if seen == 3:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        Ingestor(resumed, on_record=crash_after_three).run([str(folder)])
    Ingestor(resumed).run([str(folder)])
    assert _snapshot(resumed) == expected
    resumed.close()


def test_exact_duplicate_adds_a_url_not_a_document(store: Store) -> None:
    page = article_html("Same story (test fixture)", STORY, site="A", boilerplate="x")
    lines = jsonl_bytes([{"url": "https://a.example/1", "html": page}, {"url": "https://b.example/1", "html": page}])
    source = io.BytesIO(lines)
    ingestor = Ingestor(store)
    summary = IngestSummary()
    outcomes = [ingestor.ingest(r, summary) for r in jsonl_records(source, "two.jsonl", max_bytes=10**6)]
    assert outcomes == ["ingested", "duplicates"]
    third = jsonl_bytes([{"url": "https://c.example/1", "html": page.replace("<nav>x</nav>", "<nav>y</nav>")}])
    (outcome,) = [ingestor.ingest(r, summary) for r in jsonl_records(io.BytesIO(third), "three.jsonl", max_bytes=10**6)]
    assert outcome == "duplicates"
    assert _count(store, documents) == 1
    with store.transaction() as connection:
        (doc_id,) = connection.execute(select(documents.c.id)).scalars()
        assert docs.document_urls_of(connection, doc_id) == [
            "https://a.example/1",
            "https://b.example/1",
            "https://c.example/1",
        ]
    again = [ingestor.ingest(r, summary) for r in jsonl_records(io.BytesIO(lines), "two.jsonl", max_bytes=10**6)]
    assert again == ["skipped", "skipped"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bomb.docx", docx_bytes(["tiny"], inflate=60 * 1024 * 1024), "zip bomb"),
        (
            "deep.html",
            ("<html><body>" + "<div>" * 100_000 + "x" + "</div>" * 100_000 + "</body></html>").encode(),
            "no article text",
        ),
        ("mixed.txt", "caf\xe9 ".encode("latin-1") * 50 + bytes([0x98]) * 10, "neither UTF-8 nor Windows-1251"),
        (
            "cut.warc",
            warc_bytes([("https://x.example/", article_html("t", STORY, site="s", boilerplate="b"))], gzip=False)[:700],
            "truncated or corrupt WARC",
        ),
        ("empty.html", b"<html><body></body></html>", "no article text"),
    ],
)
def test_bad_documents_are_recorded_and_the_batch_goes_on(
    store: Store, tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    (tmp_path / name).write_bytes(content)
    (tmp_path / "good.txt").write_text(STORY, "utf-8")
    summary = Ingestor(store).run([str(tmp_path / name), str(tmp_path / "good.txt")])
    assert summary.ingested == 1
    assert len(summary.errors) == 1
    assert message in summary.errors[0]["error"]
    assert summary.errors[0]["input"].startswith(str(tmp_path / name))


def test_malformed_jsonl_line_is_one_error(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_bytes(
        jsonl_bytes([{"text": STORY, "url": "https://a.example/"}])
        + b'{"text": "unterminated\n'
        + jsonl_bytes([{"title": "no text"}, {"text": "A second valid item about cameras (test)."}])
    )
    summary = Ingestor(store).run([str(path)])
    assert summary.ingested == 2
    assert [e["input"] for e in summary.errors] == [f"{path}:2", f"{path}:3"]
    assert "malformed JSON line" in summary.errors[0]["error"]


def test_size_limit_and_strict_mode(store: Store, tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text(STORY * 50, "utf-8")
    summary = Ingestor(store, IngestOptions(max_bytes=1000)).run([str(big)])
    assert "limit" in summary.errors[0]["error"]
    with pytest.raises(InputError, match="stopped by --strict"):
        Ingestor(store, IngestOptions(max_bytes=1000, strict=True)).run([str(big)])


def test_missing_path_is_an_error_not_a_crash(store: Store, tmp_path: Path) -> None:
    summary = Ingestor(store).run([str(tmp_path / "nowhere")])
    assert "no such file or folder" in summary.errors[0]["error"]


def test_skipped_inputs_are_recorded_once(store: Store, tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("# Cameras (test fixture)\n\n" + STORY, "utf-8")
    Ingestor(store).run([str(tmp_path)])
    Ingestor(store).run([str(tmp_path)])
    assert _count(store, raw_inputs) == 1
    with store.transaction() as connection:
        document = docs.find_document(connection, str(tmp_path / "a.md"))
    assert document is not None and document.title == "Cameras (test fixture)"


@pytest.mark.parametrize(
    ("head", "name", "kind"),
    [
        (b"%PDF-1.7\n", "x", Kind.PDF),
        (b"WARC/1.1\r\n", "x", Kind.WARC),
        (b'{"text": "a"}\n', "x", Kind.JSONL),
        (b"<!doctype html><p>x", "x.txt", Kind.HTML),
        (b"# Title\n\ntext", "x.md", Kind.MARKDOWN),
        (b"Just words.", "x.html", Kind.TEXT),
        (warc_bytes([("https://a/", "<p>x</p>")])[:200], "y", Kind.WARC),
        (docx_bytes(["x"]), "file.bin", Kind.DOCX),
    ],
)
def test_kind_is_detected_from_content(head: bytes, name: str, kind: Kind) -> None:
    assert detect(head, name=name) is kind


def test_stdin_input(db_url: str, tmp_path: Path) -> None:
    import subprocess

    Store.open(db_url, migrate_schema=True).close()
    result = subprocess.run(
        [sys.executable, "-m", "oversight", "ingest", "-", "--db", db_url, "--json"],
        input=jsonl_bytes([{"text": STORY, "url": "https://stdin.example/"}]),
        capture_output=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["ingested"] == 1


def test_fast_html_extractor_reads_the_same_article(store: Store, tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(article_html("Fast path (test fixture)", STORY, site="Bench", boilerplate="Home | News"), "utf-8")
    summary = Ingestor(store, IngestOptions(html_extractor="resiliparse")).run([str(page)])
    assert summary.ingested == 1
    with store.transaction() as connection:
        document = docs.find_document(connection, str(page))
        assert document is not None
        text = docs.document_text(connection, document.id) or ""
    assert "four hundred cameras" in text
    assert "Home | News" not in text


def test_cli_strict_stops_with_one_line(tmp_path: Path) -> None:
    from tests.conftest import run_cli

    db = str(tmp_path / "s.db")
    (tmp_path / "noise.bin").write_bytes(bytes(range(256)) * 8)
    run_cli("init", "--db", db)
    result = run_cli("ingest", str(tmp_path / "noise.bin"), "--db", db, "--strict")
    assert result.returncode == 2
    assert "stopped by --strict" in result.stderr
    assert "Traceback" not in result.stderr
