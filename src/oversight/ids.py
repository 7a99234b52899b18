"""Content-derived identifiers: the same content always gets the same id, so re-runs are idempotent."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable


def sha256_text(text: str) -> str:
    """Hex sha256 of a text's UTF-8 bytes."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def content_id(prefix: str, parts: Iterable[object], *, length: int = 20) -> str:
    """An id such as ``clm-3f9a…`` made from a hash of ``parts`` (JSON-encoded, order-sensitive)."""
    payload = json.dumps(list(parts), ensure_ascii=False, separators=(",", ":"), default=str)
    return f"{prefix}-{hashlib.sha256(payload.encode('utf-8')).hexdigest()[:length]}"
