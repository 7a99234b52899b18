"""Privacy International's Surveillance Industry Index (SII): the transfers table.

One claim per transfer, supplier and goods category. Suppliers are normalised to the vendor directory (unknown
ones become unreviewed vendors); a transfer that names no supplier gives claims with only the supplier's
country. Goods categories map to the technology taxonomy through ``sii.yaml``.
"""

from __future__ import annotations

import json
import logging
from importlib import resources
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict

from oversight.errors import InputError, NotFoundError
from oversight.ingest.importers.base import ImportContext, ImportSummary, load_directory, make_claim, read_source
from oversight.model import ClaimFacts, Status
from oversight.reference import fold
from oversight.store.records import save_claims
from oversight.store.vendors import VendorDirectory

log = logging.getLogger(__name__)

#: Fields of a transfer that the importer reads; every other field is reported as unused.
USED_FIELDS = frozenset({
    "supplier_company", "supplier_company_hq", "recipient_country", "enduser", "goods",
    "transfer_to_enduser_reported_as_complete", "order_year", "source_links", "unique_id",
    "export_data_or_open_source",
})  # fmt: skip


class SiiMapping(BaseModel):
    """The data-set specific knowledge: goods categories, statuses, and the data set's own country spellings."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    goods: dict[str, str]
    no_goods: str
    status: dict[str, str]
    countries: dict[str, str]
    confidence: dict[str, float]


def load_mapping() -> SiiMapping:
    """The shipped mapping of SII's vocabularies to Oversight's."""
    text = (resources.files("oversight.ingest.importers") / "mappings" / "sii.yaml").read_text("utf-8")
    return SiiMapping.model_validate(yaml.safe_load(text))


class SiiImporter:
    """Imports ``transfers.json`` of the Surveillance Industry Index."""

    name = "sii"
    version = "1"

    def run(self, context: ImportContext, source: str) -> ImportSummary:
        """Import every transfer; each becomes at least one claim or an error saying why not."""
        try:
            transfers = json.loads(read_source(source, fetch=context.fetch))
        except json.JSONDecodeError as exc:
            raise InputError(f"{source} is not JSON: {exc}") from exc
        if not isinstance(transfers, list):
            raise InputError(f"{source}: expected a JSON list of transfers")
        mapping = load_mapping()
        summary = ImportSummary()
        directory = load_directory(context)
        for index, transfer in enumerate(transfers):
            summary.records += 1
            label = f"transfer {transfer.get('unique_id', index)}" if isinstance(transfer, dict) else f"#{index}"
            if not isinstance(transfer, dict):
                summary.error(label, "not a JSON object")
                continue
            summary.unused_fields.update(k for k, v in transfer.items() if k not in USED_FIELDS and v not in (None, ""))
            try:
                self._transfer(context, mapping, directory, transfer, label, summary)
            except (InputError, NotFoundError) as exc:
                summary.error(label, str(exc))
                directory = load_directory(context)  # forget vendors of the rolled-back record
        return summary

    def _transfer(
        self,
        context: ImportContext,
        mapping: SiiMapping,
        directory: VendorDirectory,
        transfer: dict[str, Any],
        label: str,
        summary: ImportSummary,
    ) -> None:
        recipient = self._country(context, mapping, transfer.get("recipient_country"), "recipient country")
        status = Status(mapping.status[str(transfer.get("transfer_to_enduser_reported_as_complete") or "Unknown")])
        technologies = self._technologies(mapping, transfer.get("goods"))
        year = transfer.get("order_year") if isinstance(transfer.get("order_year"), int) else None
        links = tuple(_urls(transfer.get("source_links")))
        buyer = (transfer.get("enduser") or "").strip() or None
        suppliers = self._suppliers(context, mapping, transfer)
        confidence = mapping.confidence.get(
            str(transfer.get("export_data_or_open_source")), mapping.confidence["default"]
        )
        with context.store.transaction() as connection:
            claims = []
            for name, hq in suppliers:
                vendor_id = None
                if name:
                    before = directory.resolve(name)
                    if before is None and hq is None:
                        raise InputError(f"unknown supplier {name!r} with no home country")
                    vendor = before or directory.ensure(
                        connection, name, country=hq or "", source=links[0] if links else None
                    )
                    summary.vendors_created += before is None
                    vendor_id, hq = vendor.id, vendor.country
                for technology in technologies:
                    facts = ClaimFacts(
                        vendor_id=vendor_id,
                        vendor_name=name,
                        vendor_country=hq,
                        recipient_country=recipient,
                        buyer=buyer,
                        technology=technology,
                        status=status,
                        year=year,
                    )
                    claims.append(
                        make_claim(
                            facts=facts,
                            origin=self.name,
                            version=self.version,
                            source_urls=links,
                            confidence=confidence,
                            now=context.now,
                            key=str(transfer.get("unique_id", label)),
                        )
                    )
            new = save_claims(connection, claims)
            summary.records_imported += bool(claims)
            summary.claims += new
            summary.skipped += len(claims) - new

    def _suppliers(
        self, context: ImportContext, mapping: SiiMapping, transfer: dict[str, Any]
    ) -> list[tuple[str | None, str | None]]:
        names = [n.strip() for n in (transfer.get("supplier_company") or "").split(",") if n.strip()]
        hqs = [
            self._country(context, mapping, h, "supplier country") if h.strip() else None
            for h in (transfer.get("supplier_company_hq") or "").split(",")
        ] or [None]
        if not names:
            known = [h for h in hqs if h]
            if not known:
                raise InputError("no supplier and no supplier country")
            return [(None, hq) for hq in known]
        if len(hqs) == len(names):
            return list(zip(names, hqs, strict=True))
        return [(name, hqs[0]) for name in names]

    @staticmethod
    def _country(context: ImportContext, mapping: SiiMapping, value: object, what: str) -> str:
        name = str(value or "").strip()
        if not name:
            raise InputError(f"no {what}")
        fixed = mapping.countries.get(name)
        if fixed:
            return fixed
        try:
            return context.reference.country(name).alpha3
        except NotFoundError as exc:
            raise NotFoundError(f"unknown {what} {name!r}") from exc

    @staticmethod
    def _technologies(mapping: SiiMapping, goods: object) -> list[str]:
        if not goods:
            return [mapping.no_goods]
        found = []
        for item in goods if isinstance(goods, list) else [goods]:
            key = fold(str(item))
            technology = next((t for g, t in mapping.goods.items() if fold(g) == key), None)
            if technology is None:
                raise InputError(f"unmapped goods category {item!r} (add it to sii.yaml)")
            found.append(technology)
        return list(dict.fromkeys(found))


def _urls(links: object) -> list[str]:
    out = []
    for link in links if isinstance(links, list) else []:
        text = str(link)
        start = text.find("http")
        if start >= 0:
            out.append(text[start:].split()[0].rstrip(".,;)"))
    return out
