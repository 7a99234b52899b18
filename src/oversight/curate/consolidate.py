"""`oversight curate`: consolidate claims into deployments, and keep each deployment's derived fields current."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection

from oversight.curate import rules
from oversight.curate.views import claim_views
from oversight.model import Claim, ClaimFacts, Deployment, HistoryEntry
from oversight.model.canonical import deployment_id
from oversight.reference import Reference
from oversight.store import Store
from oversight.store.records import append_history, load_claims, load_deployments, save_deployment

#: Fields of a deployment that curation derives, and that history records changes of.
DERIVED = ("corroboration", "first_seen", "last_seen")


@dataclass
class CurateResult:
    """Deployments a curation run created or changed."""

    created: list[Deployment] = field(default_factory=list)
    changed: list[Deployment] = field(default_factory=list)

    def as_json(self) -> list[dict[str, Any]]:
        return [
            deployment_summary(d) | {"change": kind}
            for kind, items in (("created", self.created), ("changed", self.changed))
            for d in items
        ]


def deployment_summary(d: Deployment) -> dict[str, Any]:
    """The fields `oversight curate --json` prints for a deployment."""
    return {
        "id": d.id,
        "vendor": d.facts.vendor_name or d.facts.vendor_id,
        "vendor_id": d.facts.vendor_id,
        "vendor_country": d.facts.vendor_country,
        "recipient_country": d.facts.recipient_country,
        "technology": d.facts.technology,
        "status": d.facts.status.value,
        "year": d.facts.year,
        "buyer": d.facts.buyer,
        "review_state": d.review_state.value,
        "corroboration": d.corroboration.value,
        "claims": len(d.claim_ids),
    }


def curate(store: Store, ref: Reference, *, who: str = "curate") -> CurateResult:
    """Attach every claim not yet in a deployment to the deployment it describes (creating one if none), then
    recompute the deployments that changed. Running it again with nothing new writes nothing."""
    result = CurateResult()
    with store.transaction() as connection:
        unlinked = sorted(load_claims(connection, unlinked=True), key=lambda c: (c.created_at, c.id))
        if not unlinked:
            return result
        existing = load_deployments(connection)
        by_key: dict[tuple[str, str, str], list[Deployment]] = {}
        for d in existing:
            by_key.setdefault(rules.group_key(d.facts), []).append(d)
        claim_sets = {d.id: set(d.claim_ids) for d in existing}
        new_ids: set[str] = set()
        for claim in unlinked:
            target = _target(by_key.get(rules.group_key(claim.facts), []), claim)
            if target is None:
                target = Deployment(id=deployment_id(claim.facts), facts=claim.facts)
                by_key.setdefault(rules.group_key(claim.facts), []).append(target)
                claim_sets[target.id] = set()
                new_ids.add(target.id)
            claim_sets[target.id].add(claim.id)
        touched = {
            d_id
            for d_id, ids in claim_sets.items()
            if d_id in new_ids or ids != set(next((d.claim_ids for d in existing if d.id == d_id), ()))
        }
        everything = {d.id: d for group in by_key.values() for d in group}
        for d_id in sorted(touched):
            before = everything[d_id]
            grown = before.model_copy(update={"claim_ids": tuple(sorted(claim_sets[d_id]))})
            after = recompute(connection, ref, grown)
            save_deployment(connection, after)
            if d_id in new_ids:
                result.created.append(after)
                append_history(
                    connection,
                    [
                        _entry(
                            after.id, "*", None, f"created from {len(after.claim_ids)} claim(s)", who=who, why="curate"
                        )
                    ],
                )
            else:
                result.changed.append(after)
                append_history(connection, changes(before, after, who=who, why="new claims attached"))
    return result


def _target(candidates: list[Deployment], claim: Claim) -> Deployment | None:
    compatible = [d for d in candidates if rules.buyers_compatible(d.facts.buyer, claim.facts.buyer)]
    return min(compatible, key=lambda d: d.id) if compatible else None


def recompute(connection: Connection, ref: Reference, deployment: Deployment) -> Deployment:
    """A deployment's facts, status, corroboration and dates derived again from its claims (reviewers' overrides
    win over derived values)."""
    claims = load_claims(connection, ids=list(deployment.claim_ids))
    if not claims:
        return deployment
    views = claim_views(connection, claims, ref)
    facts = rules.merged_facts(views, status=rules.current_status(views))
    if deployment.overrides:
        facts = ClaimFacts.model_validate(facts.model_dump() | dict(deployment.overrides))
    first, last = rules.seen_range(views)
    return deployment.model_copy(
        update={"facts": facts, "corroboration": rules.corroboration(views), "first_seen": first, "last_seen": last}
    )


def refresh(connection: Connection, ref: Reference, deployment: Deployment, *, who: str, why: str) -> Deployment:
    """Recompute one deployment, save it and record what changed."""
    after = recompute(connection, ref, deployment)
    if after != deployment:
        save_deployment(connection, after)
        append_history(connection, changes(deployment, after, who=who, why=why))
    return after


def changes(before: Deployment, after: Deployment, *, who: str, why: str | None) -> list[HistoryEntry]:
    """One history entry per field that differs."""
    entries = []
    old_facts, new_facts = before.facts.model_dump(mode="json"), after.facts.model_dump(mode="json")
    for name, value in new_facts.items():
        if old_facts.get(name) != value:
            entries.append(_entry(after.id, name, old_facts.get(name), value, who=who, why=why))
    for name in (*DERIVED, "review_state"):
        old, new = getattr(before, name), getattr(after, name)
        if old != new:
            entries.append(_entry(after.id, name, old, new, who=who, why=why))
    if before.claim_ids != after.claim_ids:
        entries.append(_entry(after.id, "claims", len(before.claim_ids), len(after.claim_ids), who=who, why=why))
    return entries


def _entry(
    entity_id: str, name: str, old: object, new: object, *, who: str, why: str | None, entity_type: str = "deployment"
) -> HistoryEntry:
    def text(value: object) -> str | None:
        return None if value is None else str(getattr(value, "value", value))

    return HistoryEntry(
        entity_type=entity_type,
        entity_id=entity_id,
        field=name,
        old=text(old),
        new=text(new),
        who=who,
        at=datetime.now(UTC),
        why=why,
    )
