"""Freshness: deployments whose newest evidence is old."""

from __future__ import annotations

import re
from datetime import date, timedelta

from oversight.errors import InputError
from oversight.model import Deployment
from oversight.store import Store
from oversight.store.records import load_deployments

_AGE = re.compile(r"^\s*(\d+)\s*([dwmy])\s*$")
_DAYS = {"d": 1, "w": 7, "m": 30, "y": 365}


def parse_age(text: str) -> timedelta:
    """A duration such as ``2y``, ``18m``, ``6w`` or ``90d``."""
    match = _AGE.match(text)
    if not match:
        raise InputError(f"not an age: {text!r} (use e.g. 2y, 18m, 6w, 90d)")
    return timedelta(days=int(match.group(1)) * _DAYS[match.group(2)])


def stale(store: Store, older_than: timedelta, *, today: date | None = None) -> list[Deployment]:
    """Deployments with no evidence newer than ``older_than`` (or none dated at all), oldest first."""
    cutoff = (today or date.today()) - older_than
    with store.transaction() as connection:
        found = [d for d in load_deployments(connection) if d.last_seen is None or d.last_seen < cutoff]
    return sorted(found, key=lambda d: (d.last_seen or date.min, d.id))
