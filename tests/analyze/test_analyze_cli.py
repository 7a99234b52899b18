"""`oversight analyze`, `whatif` and `diversify` on a real database, as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from oversight.analyze.report import Query, analyze
from oversight.ingest.importers import IMPORTERS, ImportContext
from oversight.reference import reference
from oversight.store import Store
from oversight.store.records import load_deployments
from tests.conftest import run_cli
from tests.ingest.test_importers import KAZ_CSV


def _db(tmp_path: Path) -> str:
    db = str(tmp_path / "a.db")
    csv = tmp_path / "kaz.csv"
    csv.write_text(KAZ_CSV, "utf-8")
    assert run_cli("init", "--db", db).returncode == 0
    assert run_cli("import", "deployments", str(csv), "--db", db).returncode == 0
    return db


def test_analyze_whatif_and_diversify(tmp_path: Path) -> None:
    db = _db(tmp_path)
    report = json.loads(run_cli("analyze", "KAZ", "--db", db, "--json").stdout)
    assert report["country"] == "KAZ" and report["deployments"] == 5
    assert report["supplier_country_shares"] == {"CHN": 0.6, "ISR": 0.2, "RUS": 0.2}
    assert report["hhi_supplier_country"] == 4400.0
    assert report["concentration"] == "high"
    assert report["top_supplier_country"] == "CHN"
    assert set(report) >= {"hhi_vendor", "series", "alerts", "risk", "safeguards"}
    assert set(report["risk"]) == {"low", "high"} and report["risk"]["low"] <= report["risk"]["high"]
    store = Store.open(db)
    with store.transaction() as connection:
        chinese = [d.id for d in load_deployments(connection) if d.facts.vendor_id in ("hikvision", "dahua")]
    store.close()
    removal = [arg for d in chinese for arg in ("--remove", d)]
    after = json.loads(run_cli("whatif", "KAZ", *removal, "--db", db, "--json").stdout)
    assert after["before"]["hhi_supplier_country"] == 4400.0
    assert after["after"]["hhi_supplier_country"] == 3333.3
    added = json.loads(
        run_cli("whatif", "KAZ", "--add", "vendor=hikvision technology=facial_recognition", "--db", db, "--json").stdout
    )
    assert added["after"]["deployments"] == 6
    assert added["after"]["supplier_country_shares"]["CHN"] == pytest.approx(4 / 6, abs=1e-4)
    plan = json.loads(run_cli("diversify", "KAZ", "--technology", "cctv_safe_city", "--db", db, "--json").stdout)
    assert plan["reached"] and plan["steps"] and plan["steps"][-1]["hhi_after"] < 1800
    assert all(step["vendors"] for step in plan["steps"])
    region = json.loads(run_cli("analyze", "central-asia", "--db", db, "--json").stdout)
    assert region["country"] == "central-asia" and set(region["countries"]) == {"KAZ", "KGZ", "TJK", "TKM", "UZB"}
    explained = run_cli("analyze", "KAZ", "--db", db, "--explain")
    assert "HHI: sum of squared percentage shares" in explained.stdout
    bad = run_cli("analyze", "Atlantis", "--db", db)
    assert bad.returncode == 2 and "unknown country" in bad.stderr


def test_rejected_and_unreviewed_deployments(store: Store, tmp_path: Path) -> None:
    csv = tmp_path / "mixed.csv"
    csv.write_text(
        KAZ_CSV.replace("ISR,KAZ,spyware,delivered,2019,,accepted", "ISR,KAZ,spyware,delivered,2019,,rejected").replace(
            "«Протей»,,KAZ,lawful_interception,delivered,2012,,accepted",
            "«Протей»,,KAZ,lawful_interception,delivered,2012,,proposed",
        ),
        "utf-8",
    )
    IMPORTERS["deployments"].run(ImportContext(store=store, reference=reference()), str(csv))
    with store.transaction() as connection:
        accepted = analyze(connection, reference(), Query("KAZ"))
        everything = analyze(connection, reference(), Query("KAZ", include_unreviewed=True))
    assert accepted["deployments"] == 3 and accepted["supplier_country_shares"] == {"CHN": 1.0}
    assert everything["deployments"] == 4  # the proposed one joins; the rejected one never does
    assert everything["supplier_country_shares"] == {"CHN": 0.75, "RUS": 0.25}


def test_value_weighting_converts_with_the_yearly_average(store: Store, tmp_path: Path) -> None:
    csv = tmp_path / "values.csv"
    csv.write_text(
        "vendor,vendor_country,recipient_country,technology,status,year,value,currency,review_state\n"
        "Hikvision,CHN,KAZ,cctv_safe_city,delivered,2019,3000000,USD,accepted\n"
        "Protei,RUS,KAZ,lawful_interception,delivered,2019,382750000,KZT,accepted\n"
        "NSO Group,ISR,KAZ,spyware,delivered,2019,,,accepted\n",
        "utf-8",
    )
    IMPORTERS["deployments"].run(ImportContext(store=store, reference=reference()), str(csv))
    rate = reference().to_usd(382750000, "KZT", 2019)
    assert rate is not None
    with store.transaction() as connection:
        report = analyze(connection, reference(), Query("KAZ", weight="value"))
    assert report["unvalued"] == 1
    expected = 3_000_000 / (3_000_000 + rate)
    assert report["supplier_country_shares"]["CHN"] == pytest.approx(expected, abs=1e-4)
