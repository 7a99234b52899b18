"""The curation commands, run as a user would (subprocesses on a SQLite file)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from oversight.store import Store
from oversight.store.records import load_claims
from tests.builders import jsonl_bytes
from tests.conftest import SHARED, run_cli
from tests.extract.test_run import ARTICLES


def _db_with_deployments(tmp_path: Path) -> str:
    db = str(tmp_path / "c.db")
    source = tmp_path / "news.jsonl"
    source.write_bytes(jsonl_bytes(ARTICLES))
    for args in (("init",), ("ingest", str(source)), ("extract",)):
        assert run_cli(*args, "--db", db).returncode == 0
    return db


def test_curate_review_history_stale(tmp_path: Path) -> None:
    db = _db_with_deployments(tmp_path)
    first = json.loads(run_cli("curate", "--db", db, "--json").stdout)
    assert first and all(
        {"id", "vendor", "vendor_country", "recipient_country", "technology", "status", "corroboration", "claims"}
        <= set(d)
        for d in first
    )
    assert json.loads(run_cli("curate", "--db", db, "--json").stdout) == []
    target = first[0]["id"]
    accepted = run_cli("review", "accept", target, "--db", db, "--note", "read the article", "--who", "ana", "--json")
    assert json.loads(accepted.stdout)["review_state"] == "accepted"
    edited = run_cli("review", "edit", target, "--set", "year=2020", "--db", db, "--note", "per ministry", "--json")
    assert json.loads(edited.stdout)["year"] == 2020
    entries = json.loads(run_cli("history", target, "--db", db, "--json").stdout)
    assert {"review_state", "year", "correction"} <= {e["field"] for e in entries}
    corrections = json.loads(run_cli("corrections", "--db", db, "--json").stdout)
    assert corrections and corrections[0]["entity_id"] == target
    stale = json.loads(run_cli("stale", "--older-than", "1d", "--db", db, "--json").stdout)
    assert isinstance(stale, list)
    bad = run_cli("review", "edit", target, "--set", "colour=red", "--db", db)
    assert bad.returncode == 2 and "cannot edit colour" in bad.stderr
    missing = run_cli("history", "dep-nothing", "--db", db)
    assert missing.returncode == 2 and "no history" in missing.stderr


def test_interactive_queue_reads_keys_from_a_script(tmp_path: Path) -> None:
    db = _db_with_deployments(tmp_path)
    ids = sorted(d["id"] for d in json.loads(run_cli("curate", "--db", db, "--json").stdout))
    assert len(ids) >= 2
    # accept the first, reject the second (each followed by its note), then quit
    script = "a\nfirst looks right\nr\nnot surveillance\nq\n"
    result = subprocess.run(
        [sys.executable, "-m", "oversight", "review", "--db", db, "--who", "ben"],
        input=script,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "deployment(s) proposed" in result.stdout
    assert "[a]ccept" in result.stdout
    first = json.loads(run_cli("history", ids[0], "--db", db, "--json").stdout)
    second = json.loads(run_cli("history", ids[1], "--db", db, "--json").stdout)
    assert [(e["new"], e["who"], e["why"]) for e in first if e["field"] == "review_state"] == [
        ("accepted", "ben", "first looks right")
    ]
    assert [e["new"] for e in second if e["field"] == "review_state"] == ["rejected"]


def test_vendor_commands(tmp_path: Path) -> None:
    db = str(tmp_path / "v.db")
    run_cli("init", "--db", db)
    sii = SHARED / "data" / "sii" / "transfers.json"
    if sii.exists():
        run_cli("import", "sii", str(sii), "--db", db)
        found = json.loads(run_cli("vendors", "suggest", "--db", db, "--json").stdout)
        assert any(s["vendor_id"] for s in found)
    added = run_cli(
        "vendors",
        "add",
        "Example Vision",
        "--country",
        "KAZ",
        "--source",
        "https://example.org/ev",
        "--db",
        db,
        "--json",
    )
    assert json.loads(added.stdout)["review"] == "curated"
    assert run_cli("vendors", "alias", "example-vision", "Экзампл Вижн", "--db", db).returncode == 0
    refused = run_cli("vendors", "add", "No Source Ltd", "--country", "KAZ", "--source", "nowhere", "--db", db)
    assert refused.returncode == 2 and "needs --source" in refused.stderr
    history = json.loads(run_cli("history", "example-vision", "--db", db, "--json").stdout)
    assert [e["field"] for e in history] == ["*", "alias"]


def test_a_company_the_extractor_found_is_linked_once_a_reviewer_adds_it(tmp_path: Path) -> None:
    """An extracted claim names a company the registry lacks; adding that company links the claim, and so does
    every later extraction (the company here is made up)."""
    db = str(tmp_path / "u.db")
    source = tmp_path / "news.jsonl"
    text = (
        "The Interior Ministry of Ghana signed a contract with the Dutch firm Korvexa Industrial Systems in 2021 to "
        "install facial recognition cameras in Accra."
    )
    source.write_bytes(jsonl_bytes([{"url": "https://news.example.org/k", "title": "Korvexa", "text": text}]))
    for args in (("init",), ("ingest", str(source)), ("extract",)):
        assert run_cli(*args, "--db", db).returncode == 0

    def korvexa() -> list[tuple[str | None, str | None]]:
        with Store.open(db) as store, store.transaction() as connection:
            return [
                (c.facts.vendor_id, c.facts.vendor_country)
                for c in load_claims(connection)
                if "Korvexa" in (c.facts.vendor_name or "")
            ]

    assert korvexa() and all(vendor_id is None for vendor_id, _ in korvexa())
    names = [s["name"] for s in json.loads(run_cli("vendors", "suggest", "--db", db, "--json").stdout)]
    assert "Korvexa Industrial Systems" in names
    added = run_cli(
        "vendors",
        "add",
        "Korvexa Industrial Systems",
        "--country",
        "NLD",
        "--source",
        "https://example.org/k",
        "--db",
        db,
        "--json",
    )
    assert json.loads(added.stdout)["claims_linked"] == len(korvexa()) >= 1
    assert {vendor_id for vendor_id, _ in korvexa()} == {json.loads(added.stdout)["id"]}
    assert "Korvexa Industrial Systems" not in [
        s["name"]
        for s in json.loads(run_cli("vendors", "suggest", "--db", db, "--json").stdout)
        if s["vendor_id"] is None
    ]
