"""RSS and Atom feeds: register them, poll them, ingest each new item's page, and record every poll."""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

import feedparser
from sqlalchemy import select

from oversight.errors import InputError
from oversight.ids import content_id
from oversight.ingest.pipeline import Ingestor, IngestSummary
from oversight.store import Store
from oversight.store.rows import insert_ignore
from oversight.store.tables import document_urls, documents, feed_polls, feeds, http_cache

log = logging.getLogger(__name__)
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$")
_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


@dataclass(frozen=True)
class Feed:
    """A registered feed and the outcome of its latest poll."""

    id: str
    url: str
    name: str | None
    last_poll: datetime | None = None
    last_outcome: str | None = None
    last_new_documents: int | None = None


@dataclass(frozen=True)
class Poll:
    """The outcome of polling one feed."""

    feed: Feed
    outcome: str
    items: int
    summary: IngestSummary
    error: str | None = None


def parse_interval(text: str) -> float:
    """Seconds in a duration such as ``30m``, ``2h``, ``45s`` or ``1d``."""
    match = _DURATION.match(text)
    if not match:
        raise InputError(f"not a duration: {text!r} (use e.g. 30m, 2h, 45s)")
    return float(match.group(1)) * _UNITS[match.group(2)]


def add_feed(store: Store, url: str, *, name: str | None = None) -> Feed:
    """Register a feed (adding the same URL again changes nothing)."""
    if not url.startswith(("http://", "https://")):
        raise InputError(f"a feed URL must be http(s): {url!r}")
    feed_id = content_id("feed", [url])
    with store.transaction() as connection:
        insert_ignore(connection, feeds, [{"id": feed_id, "url": url, "name": name, "added_at": datetime.now(UTC)}])
    return next(f for f in list_feeds(store) if f.id == feed_id)


def list_feeds(store: Store) -> list[Feed]:
    """Every registered feed with its latest poll."""
    with store.transaction() as connection:
        rows = connection.execute(select(feeds).order_by(feeds.c.added_at, feeds.c.url)).mappings().all()
        polls = connection.execute(select(feed_polls).order_by(feed_polls.c.at, feed_polls.c.id)).mappings().all()
    latest = {p["feed_id"]: p for p in polls}
    return [
        Feed(
            id=r["id"], url=r["url"], name=r["name"],
            last_poll=latest[r["id"]]["at"] if r["id"] in latest else None,
            last_outcome=latest[r["id"]]["outcome"] if r["id"] in latest else None,
            last_new_documents=latest[r["id"]]["new_documents"] if r["id"] in latest else None,
        )
        for r in rows
    ]  # fmt: skip


def poll(ingestor: Ingestor, feed: Feed) -> Poll:
    """Fetch a feed, ingest the pages of items not seen before, and record the poll."""
    summary = IngestSummary()
    items, outcome, error = 0, "ok", None
    try:
        links = _new_links(ingestor, feed)
        if links is None:
            outcome = "not-modified"
        else:
            items = len(links)
            for link in links:
                ingestor.ingest_url(link, summary)
    except InputError as exc:
        outcome, error = "error", str(exc)
        log.warning("feed %s: %s", feed.url, exc)
    new = summary.ingested + summary.near_duplicates
    with ingestor.store.transaction() as connection:
        connection.execute(
            feed_polls.insert().values(
                feed_id=feed.id, at=datetime.now(UTC), outcome=outcome, items=items, new_documents=new, error=error
            )
        )
    return Poll(feed=feed, outcome=outcome, items=items, summary=summary, error=error)


def _new_links(ingestor: Ingestor, feed: Feed) -> list[str] | None:
    """Links of the feed's items that no document was read from yet; None when the feed is unchanged."""
    with ingestor.store.transaction() as connection:
        cached = connection.execute(select(http_cache).where(http_cache.c.url == feed.url)).mappings().first()
    fetched = ingestor.fetcher.get(
        feed.url, etag=cached["etag"] if cached else None, last_modified=cached["last_modified"] if cached else None
    )
    if fetched.content is None:
        return None
    parsed = feedparser.parse(fetched.content)
    if parsed.bozo and not parsed.entries:
        raise InputError(f"not an RSS or Atom feed: {parsed.get('bozo_exception', 'unreadable')}")
    links = [str(entry.link) for entry in parsed.entries if entry.get("link")]
    with ingestor.store.transaction() as connection:
        known = set(connection.execute(select(document_urls.c.url).where(document_urls.c.url.in_(links))).scalars())
        known |= set(connection.execute(select(documents.c.url).where(documents.c.url.in_(links))).scalars())
        known |= set(connection.execute(select(http_cache.c.url).where(http_cache.c.url.in_(links))).scalars())
        connection.execute(http_cache.delete().where(http_cache.c.url == feed.url))
        connection.execute(
            http_cache.insert().values(
                url=feed.url,
                etag=fetched.etag,
                last_modified=fetched.last_modified,
                status=fetched.status,
                fetched_at=datetime.now(UTC),
            )
        )
    return [link for link in dict.fromkeys(links) if link not in known]


def watch(
    ingestor: Ingestor,
    *,
    interval: float,
    once: bool,
    on_poll: Callable[[Poll], None] | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> list[Poll]:
    """Poll every feed, then again every ``interval`` seconds (or just once)."""
    done: list[Poll] = []
    while True:
        for feed in list_feeds(ingestor.store):
            result = poll(ingestor, feed)
            done.append(result)
            if on_poll:
                on_poll(result)
        if once:
            return done
        sleep(interval)
