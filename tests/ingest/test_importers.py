from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest
from sqlalchemy import select

from oversight.errors import InputError
from oversight.ingest.importers import IMPORTERS, ImportContext, TabularImporter, load_mapping
from oversight.model import ReviewState
from oversight.reference import reference
from oversight.store import Store
from oversight.store.records import load_claims, load_deployments, load_history
from oversight.store.tables import vendors
from oversight.store.vendors import VendorDirectory
from tests.conftest import SHARED, run_cli

SII = SHARED / "data" / "sii" / "transfers.json"
CENTRAL_ASIA = {"KAZ", "KGZ", "TJK", "TKM", "UZB"}
needs_sii = pytest.mark.skipif(not SII.exists(), reason="../shared/data/sii is not beside the project")


def _context(store: Store) -> ImportContext:
    return ImportContext(store=store, reference=reference())


@needs_sii
def test_sii_imports_every_transfer_or_says_why(store: Store) -> None:
    transfers = json.loads(SII.read_text("utf-8"))
    summary = IMPORTERS["sii"].run(_context(store), str(SII))
    assert summary.records == len(transfers) == 688
    with store.transaction() as connection:
        claims = load_claims(connection, origin="sii")
        created = connection.execute(select(vendors.c.id, vendors.c.review, vendors.c.country)).all()
    assert len(claims) == summary.claims > 700
    assert len(summary.errors) == 4
    assert all(e["error"] for e in summary.errors)
    # Every transfer is accounted for: it gave at least one claim, or an error names it and says why.
    assert summary.records_imported + len(summary.errors) == 688
    reasons = {e["record"]: e["error"] for e in summary.errors}
    assert reasons["transfer _Kosovo_2012"] == "unknown recipient country 'Kosovo'"
    # Unknown suppliers became unreviewed vendors with a home country.
    assert created and all(review == "unreviewed" and len(country) == 3 for _id, review, country in created)
    assert summary.unused_fields["title"] == 688


@needs_sii
def test_sii_central_asian_transfers_are_attributed(store: Store) -> None:
    transfers = json.loads(SII.read_text("utf-8"))
    IMPORTERS["sii"].run(_context(store), str(SII))
    by_name = {"Kazakhstan": "KAZ", "Tajikistan": "TJK", "Turkmenistan": "TKM", "Uzbekistan": "UZB"}
    source_transfers = [t for t in transfers if t["recipient_country"] in by_name]
    assert len(source_transfers) == 28
    with store.transaction() as connection:
        claims = [c for c in load_claims(connection, origin="sii") if c.facts.recipient_country in CENTRAL_ASIA]
        directory = VendorDirectory(reference(), connection)
    facts = {(c.facts.recipient_country, c.facts.vendor_id, c.facts.technology) for c in claims}
    for transfer in source_transfers:
        country = by_name[transfer["recipient_country"]]
        assert any(f[0] == country for f in facts)
        for supplier in filter(None, (s.strip() for s in (transfer["supplier_company"] or "").split(","))):
            vendor = directory.resolve(supplier)
            assert vendor is not None, supplier
            assert any(f[:2] == (country, vendor.id) for f in facts), (transfer["unique_id"], vendor.id)
    vendors_by_country = defaultdict(set)
    for country, vendor_id, _technology in facts:
        vendors_by_country[country].add(vendor_id)
    # Read off transfers.json by hand: the suppliers of each Central Asian country, normalised.
    assert vendors_by_country == {
        "KAZ": {
            "alcatel-shanghai-bell",
            "broadsoft",
            "ericsson",
            "finfisher",
            "gamma-group",
            "hacking-team",
            "mfi-soft",
            "nice",
            "protei",
            "ronex",
            "tns-service",
            "verint",
        },
        "TJK": {"mfi-soft", "protei", "trovicor", "utimaco"},
        "TKM": {None, "dreamlab", "finfisher", "gamma-group", "siemens"},
        "UZB": {"alcatel-shanghai-bell", "ericsson", "hacking-team", "mfi-soft", "nice", "verint"},
    }
    assert ("KAZ", "protei", "lawful_interception") in facts
    assert ("UZB", "hacking-team", "spyware") in facts
    blank = [c for c in claims if c.facts.vendor_id is None]
    assert {(c.facts.vendor_country, c.facts.technology) for c in blank} == {("GBR", "imsi_catcher"), ("DEU", "other")}


@needs_sii
def test_sii_reimport_changes_nothing(store: Store) -> None:
    first = IMPORTERS["sii"].run(_context(store), str(SII))
    second = IMPORTERS["sii"].run(_context(store), str(SII))
    assert first.claims > 700
    assert (second.claims, second.vendors_created, second.skipped) == (0, 0, first.claims)


def _write(path: Path, text: str) -> str:
    path.write_text(text, "utf-8")
    return str(path)


KAZ_CSV = """vendor,vendor_country,recipient_country,technology,status,year,buyer,review_state,source_url
Hikvision,CHN,KAZ,cctv_safe_city,delivered,2019,Akimat of Almaty,accepted,https://example.org/a
Dahua,,KAZ,cctv_safe_city,delivered,2020,,accepted,https://example.org/b
Huawei Technologies Co. Ltd.,,KAZ,facial_recognition,agreed,2021,,accepted,https://example.org/c
«Протей»,,KAZ,lawful_interception,delivered,2012,,accepted,https://example.org/d | https://example.org/e
NSO Group,ISR,KAZ,spyware,delivered,2019,,accepted,https://example.org/f
"""


def test_canonical_deployments_csv_round_trip(store: Store, tmp_path: Path) -> None:
    path = _write(tmp_path / "kaz.csv", KAZ_CSV)
    summary = IMPORTERS["deployments"].run(_context(store), path)
    assert (summary.records, summary.claims, summary.deployments, summary.errors) == (5, 5, 5, [])
    with store.transaction() as connection:
        deployments = load_deployments(connection)
        history = load_history(connection, deployments[0].id)
    countries = sorted(d.facts.vendor_country or "" for d in deployments)
    assert countries == ["CHN", "CHN", "CHN", "ISR", "RUS"]
    assert {d.facts.vendor_id for d in deployments} == {"hikvision", "dahua", "huawei", "protei", "nso-group"}
    assert all(d.review_state is ReviewState.ACCEPTED for d in deployments)
    assert history and history[0].who == "importer:deployments-csv"
    again = IMPORTERS["deployments"].run(_context(store), path)
    assert (again.claims, again.deployments, again.skipped) == (0, 0, 5)


def test_canonical_csv_bad_rows_are_reported(store: Store, tmp_path: Path) -> None:
    path = _write(
        tmp_path / "bad.csv",
        KAZ_CSV.splitlines()[0] + "\n"
        "Unknown Widgets Ltd,,KAZ,cctv_safe_city,delivered,2019,,accepted,\n"
        "Hikvision,CHN,Atlantis,cctv_safe_city,delivered,2019,,accepted,\n"
        "Hikvision,CHN,KAZ,teleportation,delivered,2019,,accepted,\n"
        "Hikvision,CHN,KAZ,cctv_safe_city,rumoured,2019,,accepted,\n"
        "Acme Vision,USA,KAZ,cctv_safe_city,delivered,,,proposed,\n",
    )
    summary = IMPORTERS["deployments"].run(_context(store), path)
    assert [e["record"] for e in summary.errors] == ["line 2", "line 3", "line 4", "line 5"]
    assert "give its vendor_country" in summary.errors[0]["error"]
    assert "Atlantis" in summary.errors[1]["error"]
    assert "teleportation" in summary.errors[2]["error"]
    assert "status" in summary.errors[3]["error"]
    assert (summary.deployments, summary.vendors_created) == (1, 1)
    with pytest.raises(InputError, match="missing column"):
        IMPORTERS["deployments"].run(_context(store), _write(tmp_path / "x.csv", "a,b\n1,2\n"))


ATLAS_HEADER = (
    "AOSNUMBER,NEWAOSNUMBER (ORI9),City,County,State,Agency,Type of LEA,Summary,Type of Juris,Technology,"
    "TECH ABV,Vendor,Link 1,Link 1 Snapshot,Link 1 Source,Link 1 Type,Link 1 Date,Link 2,Link 2 Snapshot,"
    "Link 2 Source,Link 2 Type,Link 2 Date,Link 3,Link 3 Snapshot,Link 3 Source,Link 3 Type,Link 3 Date,"
    "Other Links"
)


def _atlas_row(number: str, city: str, agency: str, technology: str, vendor: str, link: str) -> str:
    cells = [
        number,
        "",
        city,
        "Test County",
        "CA",
        agency,
        "Police",
        "test fixture",
        "Municipal",
        technology,
        "",
        vendor,
        link,
        "",
        "Example",
        "",
        "1/2/2020",
    ] + [""] * 11
    return ",".join(f'"{c}"' for c in cells)


def test_eff_atlas_mapping(store: Store, tmp_path: Path) -> None:
    rows = [
        _atlas_row(
            "AOS000001",
            "Testville",
            "Testville Police Department",
            "Face Recognition",
            "Clearview AI",
            "https://example.org/1",
        ),
        _atlas_row(
            "AOS000002",
            "Testville",
            "Testville Police Department",
            "Body-worn Cameras",
            "Axon",
            "https://example.org/2",
        ),
        _atlas_row("AOS000003", "Sampletown", "Sampletown Sheriff", "Cell-site Simulator", "", "https://example.org/3"),
        _atlas_row(
            "AOS000004",
            "Sampletown",
            "Sampletown Sheriff",
            "Automated License Plate Readers",
            "Vigilant Solutions, Flock Safety",
            "https://example.org/4",
        ),
        _atlas_row("AOS000005", "Sampletown", "Sampletown Sheriff", "Teleporters", "", "https://example.org/5"),
    ]
    path = _write(tmp_path / "atlas.csv", "\n".join([ATLAS_HEADER, *rows]) + "\n")
    summary = TabularImporter(load_mapping("eff-atlas")).run(_context(store), path)
    # Row 3 names no vendor: a claim with an unknown supplier.
    assert summary.records == 5
    assert summary.skipped == 1  # "Teleporters" is not in the mapping
    assert summary.unused_fields["County"] == 5
    with store.transaction() as connection:
        claims = load_claims(connection, origin="csv:eff-atlas")
    by_tech = defaultdict(list)
    for claim in claims:
        by_tech[claim.facts.technology].append(claim)
    assert [c.facts.vendor_id for c in by_tech["facial_recognition"]] == ["clearview-ai"]
    assert by_tech["facial_recognition"][0].facts.buyer == "Testville Police Department"
    assert by_tech["facial_recognition"][0].source_urls == ("https://example.org/1",)
    assert by_tech["facial_recognition"][0].facts.year is None  # the link date is not a deployment year
    assert len(by_tech["cctv_safe_city"]) == 2  # two vendors in one cell
    assert summary.errors == []
    (unknown,) = by_tech["imsi_catcher"]
    assert (unknown.facts.vendor_id, unknown.facts.vendor_country) == (None, None)
    second = TabularImporter(load_mapping("eff-atlas")).run(_context(store), path)
    assert second.claims == 0


def test_mapping_layout_mismatch_is_a_clear_error(store: Store, tmp_path: Path) -> None:
    path = _write(tmp_path / "other.csv", "country,company\nKazakhstan,Huawei\n")
    with pytest.raises(InputError, match="missing column"):
        TabularImporter(load_mapping("eff-atlas")).run(_context(store), path)
    with pytest.raises(InputError, match="no mapping"):
        load_mapping("carnegie-guess")


@needs_sii
def test_cli_import_json_summary(tmp_path: Path) -> None:
    db = str(tmp_path / "cli.db")
    run_cli("init", "--db", db)
    result = run_cli("import", "sii", str(SII), "--db", db, "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) >= {"records", "claims", "skipped", "unused_fields", "errors"}
    assert data["records"] == 688


def test_rows_of_one_deployment_merge_to_its_most_advanced_status(store: Store, tmp_path: Path) -> None:
    header = KAZ_CSV.splitlines()[0]
    path = _write(
        tmp_path / "timeline.csv",
        header + "\n"
        "Hikvision,CHN,KAZ,cctv_safe_city,delivered,2019,,accepted,https://example.org/2\n"
        "Hikvision,CHN,KAZ,cctv_safe_city,agreed,2018,,accepted,https://example.org/1\n"
        "Hikvision,CHN,KAZ,cctv_safe_city,ended,2024,,accepted,https://example.org/3\n",
    )
    first = IMPORTERS["deployments"].run(_context(store), path)
    assert (first.claims, first.deployments) == (3, 1)
    with store.transaction() as connection:
        (deployment,) = load_deployments(connection)
    assert (deployment.facts.status, deployment.facts.year, len(deployment.claim_ids)) == ("ended", 2024, 3)
    again = IMPORTERS["deployments"].run(_context(store), path)
    assert (again.claims, again.deployments, again.skipped) == (0, 0, 1)
    with store.transaction() as connection:
        assert len(load_history(connection, deployment.id)) == 1


def test_demo_database_builds_and_rebuilds_identically(tmp_path: Path) -> None:
    db = str(tmp_path / "demo.db")
    first = run_cli("demo", "--db", db, "--json")
    assert first.returncode == 0, first.stderr
    data = json.loads(first.stdout)
    assert data["imported"]["errors"] == []
    assert data["rows"]["deployments"] >= 40
    second = json.loads(run_cli("demo", "--db", db, "--json").stdout)
    assert second["rows"] == data["rows"]
    assert second["imported"]["deployments"] == 0
