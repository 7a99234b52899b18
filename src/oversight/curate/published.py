"""Which deployments are published: accepted ones, or every one but the rejected with ``include_unreviewed``."""

from __future__ import annotations

from sqlalchemy import Connection

from oversight.model import Deployment, ReviewState
from oversight.store.records import load_deployments


def published_deployments(connection: Connection, *, include_unreviewed: bool = False) -> list[Deployment]:
    """Deployments that feed indicators, pages and exports. Rejected ones never do."""
    wanted = {ReviewState.ACCEPTED}
    if include_unreviewed:
        wanted |= {ReviewState.PROPOSED, ReviewState.NEEDS_EVIDENCE}
    return [d for d in load_deployments(connection) if d.review_state in wanted]
