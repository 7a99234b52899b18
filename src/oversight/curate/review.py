"""Review: people accept, reject, edit, merge and split deployments and mark claims wrong; every change is
written to the append-only history, and corrections to accepted deployments to the public corrections log."""

from __future__ import annotations

from datetime import date

from pydantic import ValidationError
from sqlalchemy import Connection, delete, update

from oversight.curate.consolidate import _entry, changes, recompute, refresh
from oversight.errors import InputError, NotFoundError
from oversight.ids import content_id
from oversight.model import ClaimFacts, Deployment, ReviewState
from oversight.reference import Reference
from oversight.store import Store
from oversight.store.records import append_history, load_claims, load_deployments, save_deployment
from oversight.store.tables import claims, deployment_claims, deployments
from oversight.store.vendors import VendorDirectory, supplier_fields

#: Fields a reviewer may set by hand (`--set field=value`).
EDITABLE = (
    "vendor",
    "vendor_country",
    "recipient_country",
    "buyer",
    "city",
    "technology",
    "status",
    "year",
    "value",
    "currency",
)
CORRECTION = "correction"


def _load(connection: Connection, deployment_id: str) -> Deployment:
    found = load_deployments(connection, ids=[deployment_id])
    if not found:
        raise NotFoundError(f"no deployment {deployment_id!r}")
    return found[0]


def set_state(store: Store, deployment_id: str, state: ReviewState, *, who: str, note: str | None) -> Deployment:
    """Accept, reject or ask for evidence; accepting records today as the last check."""
    with store.transaction() as connection:
        before = _load(connection, deployment_id)
        checked = date.today() if state is ReviewState.ACCEPTED else before.last_checked
        after = before.model_copy(update={"review_state": state, "last_checked": checked})
        if after != before:
            save_deployment(connection, after)
            append_history(connection, changes(before, after, who=who, why=note))
    return after


def edit(
    store: Store, ref: Reference, deployment_id: str, values: dict[str, str], *, who: str, note: str | None
) -> Deployment:
    """Set fields by hand; the machine's values stay derivable from the claims, the reviewer's win."""
    unknown = sorted(set(values) - set(EDITABLE))
    if unknown:
        raise InputError(f"cannot edit {', '.join(unknown)}: editable fields are {', '.join(EDITABLE)}")
    with store.transaction() as connection:
        before = _load(connection, deployment_id)
        overrides = dict(before.overrides)
        directory = VendorDirectory(ref, connection)
        for name, raw in values.items():
            overrides.update(_parse(name, raw, ref, directory))
        try:
            ClaimFacts.model_validate(before.facts.model_dump() | overrides)
        except ValidationError as exc:
            raise InputError(f"invalid value: {exc.errors()[0]['msg']}") from exc
        after = recompute(connection, ref, before.model_copy(update={"overrides": overrides}))
        save_deployment(connection, after)
        entries = changes(before, after, who=who, why=note)
        if before.review_state is ReviewState.ACCEPTED:
            entries += [
                _entry(after.id, CORRECTION, e.old, e.new, who=who, why=f"{e.field}: {note or ''}".strip())
                for e in entries
            ]
        append_history(connection, entries)
    return after


Override = str | int | float | None


def _parse(name: str, raw: str, ref: Reference, directory: VendorDirectory) -> dict[str, Override]:
    """The override(s) a `--set name=value` makes, validated."""
    text = raw.strip()
    if name == "vendor":
        vendor = directory.resolve(text)
        if vendor is None:
            raise NotFoundError(f"unknown vendor {text!r}: add it first with `oversight vendors add`")
        return dict(supplier_fields(vendor))
    if name in ("vendor_country", "recipient_country"):
        return {name: ref.country(text).alpha3 if text else None}
    if name == "technology":
        return {name: ref.technology(text).id}
    if name == "year":
        if not text.isdigit():
            raise InputError(f"year must be a number, not {text!r}")
        return {name: int(text)}
    if name == "value":
        try:
            return {name: float(text)}
        except ValueError as exc:
            raise InputError(f"value must be a number, not {text!r}") from exc
    return {name: text or None}


def merge(store: Store, ref: Reference, keep_id: str, other_id: str, *, who: str, note: str | None) -> Deployment:
    """Fold one deployment into another: its claims move, it is removed, both histories say so."""
    if keep_id == other_id:
        raise InputError("cannot merge a deployment into itself")
    with store.transaction() as connection:
        keep, other = _load(connection, keep_id), _load(connection, other_id)
        merged = keep.model_copy(update={"claim_ids": tuple(sorted({*keep.claim_ids, *other.claim_ids}))})
        connection.execute(delete(deployment_claims).where(deployment_claims.c.deployment_id == other_id))
        connection.execute(delete(deployments).where(deployments.c.id == other_id))
        after = recompute(connection, ref, merged)
        save_deployment(connection, after)
        append_history(connection, [
            _entry(other_id, "merged_into", None, keep_id, who=who, why=note),
            _entry(keep_id, "merged_from", None, other_id, who=who, why=note),
            *changes(keep, after, who=who, why=note),
        ])  # fmt: skip
    return after


def split(
    store: Store, ref: Reference, deployment_id: str, claim_ids: list[str], *, who: str, note: str | None
) -> tuple[Deployment, Deployment]:
    """Move some claims of a deployment to a new one (a distinct deployment that curation had joined)."""
    with store.transaction() as connection:
        before = _load(connection, deployment_id)
        moving = set(claim_ids)
        if not moving or not moving <= set(before.claim_ids) or moving == set(before.claim_ids):
            raise InputError("give some, but not all, of the deployment's claim ids to split off")
        new_id = content_id("dep", [deployment_id, sorted(moving)])
        kept = before.model_copy(update={"claim_ids": tuple(sorted(set(before.claim_ids) - moving))})
        moved = Deployment(id=new_id, facts=before.facts, claim_ids=tuple(sorted(moving)))
        kept_after, moved_after = recompute(connection, ref, kept), recompute(connection, ref, moved)
        save_deployment(connection, kept_after)
        save_deployment(connection, moved_after)
        append_history(connection, [
            _entry(deployment_id, "split_into", None, new_id, who=who, why=note),
            _entry(new_id, "split_from", None, deployment_id, who=who, why=note),
            *changes(before, kept_after, who=who, why=note),
        ])  # fmt: skip
    return kept_after, moved_after


def mark_claim_wrong(store: Store, ref: Reference, claim_id: str, *, who: str, note: str | None) -> list[Deployment]:
    """Mark a claim wrong: it stays visible but no longer supports its deployments, which are recomputed."""
    with store.transaction() as connection:
        found = load_claims(connection, ids=[claim_id])
        if not found:
            raise NotFoundError(f"no claim {claim_id!r}")
        if found[0].wrong:
            return []
        connection.execute(update(claims).where(claims.c.id == claim_id).values(wrong=True))
        append_history(connection, [_entry(claim_id, "wrong", "false", "true", who=who, why=note, entity_type="claim")])
        linked = [d for d in load_deployments(connection) if claim_id in d.claim_ids]
        return [refresh(connection, ref, d, who=who, why=f"claim {claim_id} marked wrong") for d in linked]
