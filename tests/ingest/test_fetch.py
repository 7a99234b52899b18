from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import httpx
import pytest

from oversight.errors import InputError
from oversight.ingest import Fetcher, FetchOptions, IngestOptions, Ingestor
from oversight.ingest.guard import check_url, is_public
from oversight.store import Store
from tests.builders import STORY, article_html
from tests.conftest import run_cli

PAGE = article_html("Cameras approved (test fixture)", STORY, site="Local Test News", boilerplate="Menu")


class _Handler(BaseHTTPRequestHandler):
    hits: ClassVar[dict[str, int]] = {}
    conditional_hits = 0
    feed_items: ClassVar[list[str]] = []

    def log_message(self, *args: object) -> None:  # keep test output quiet
        pass

    def do_GET(self) -> None:
        type(self).hits[self.path] = type(self).hits.get(self.path, 0) + 1
        if self.path == "/robots.txt":
            self._send(200, b"User-agent: *\nDisallow: /private/\n", "text/plain")
        elif self.path == "/article.html":
            if self.headers.get("If-None-Match") == '"v1"':
                type(self).conditional_hits += 1
                self._send(304, b"", "text/html")
            else:
                self._send(200, PAGE.encode(), "text/html", etag='"v1"')
        elif self.path == "/flaky":
            if type(self).hits[self.path] <= 2:
                self._send(503, b"busy", "text/plain")
            else:
                self._send(200, PAGE.replace("Tuesday", "Wednesday").encode(), "text/html")
        elif self.path == "/moved":
            self.send_response(302)
            self.send_header("Location", "/article.html")
            self.end_headers()
        elif self.path == "/feed.xml":
            host = f"http://{self.headers['Host']}"
            items = "".join(f"<item><title>Item</title><link>{host}{path}</link></item>" for path in self.feed_items)
            rss = f'<?xml version="1.0"?><rss version="2.0"><channel><title>Test</title>{items}</channel></rss>'
            self._send(200, rss.encode(), "application/rss+xml")
        elif self.path == "/huge":
            self._send(200, b"x" * 200_000, "text/plain")
        else:
            self._send(404, b"not here", "text/plain")

    def _send(self, status: int, body: bytes, content_type: str, etag: str | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        if etag:
            self.send_header("ETag", etag)
        self.end_headers()
        if status != 304:
            self.wfile.write(body)


@pytest.fixture
def server() -> Iterator[str]:
    _Handler.hits = {}
    _Handler.conditional_hits = 0
    _Handler.feed_items = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _fetcher(**options: object) -> Fetcher:
    return Fetcher(FetchOptions(**options), sleep=lambda _s: None)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("8.8.8.8", True),
        ("2001:4860:4860::8888", True),
        ("127.0.0.1", False),
        ("10.1.2.3", False),
        ("172.16.0.9", False),
        ("192.168.1.1", False),
        ("169.254.169.254", False),
        ("0.0.0.0", False),
        ("224.0.0.1", False),
        ("240.0.0.1", False),
        ("::1", False),
        ("fe80::1", False),
        ("fd00::1", False),
        ("::ffff:127.0.0.1", False),
        ("100.64.0.1", False),
        ("ff02::1", False),
    ],
)
def test_public_addresses(address: str, public: bool) -> None:
    assert is_public(address) is public


def test_guard_refuses_schemes_and_private_hosts() -> None:
    with pytest.raises(InputError, match="only http and https"):
        check_url("file:///etc/passwd", allow_private=False)
    with pytest.raises(InputError, match="only http and https"):
        check_url("ftp://example.org/x", allow_private=True)
    with pytest.raises(InputError, match="non-public address"):
        check_url("http://localhost:8080/", allow_private=False)  # resolved for real, via /etc/hosts
    public_looking = {"news.example.com": ["127.0.0.1"], "mixed.example.com": ["8.8.8.8", "10.0.0.7"]}
    for host in public_looking:
        with pytest.raises(InputError, match="non-public address"):
            check_url(f"https://{host}/story", allow_private=False, resolver=lambda h, _p: public_looking[h])
    check_url("https://news.example.com/", allow_private=True, resolver=lambda h, _p: public_looking[h])


def test_local_server_is_refused_without_allow_private(store: Store, server: str) -> None:
    summary = Ingestor(store).run([f"{server}/article.html"])
    assert summary.ingested == 0
    assert "non-public address" in summary.errors[0]["error"]
    assert _Handler.hits == {}  # refused before any request was sent


def test_redirect_to_a_private_address_is_refused() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.host == "public.example":
            if request.url.path == "/robots.txt":
                return httpx.Response(404)
            return httpx.Response(302, headers={"Location": "http://internal.example/admin"})
        raise AssertionError(f"request to {request.url} must not be sent")

    addresses = {"public.example": ["93.184.216.34"], "internal.example": ["10.0.0.5"]}
    fetcher = Fetcher(
        FetchOptions(),
        transport=httpx.MockTransport(handler),
        resolver=lambda h, _p: addresses[h],
        sleep=lambda _s: None,
    )
    with pytest.raises(InputError, match=r"internal\.example resolves to a non-public address"):
        fetcher.get("http://public.example/story")


def test_fetch_with_allow_private_honours_etag_robots_retries_and_size(store: Store, server: str) -> None:
    options = IngestOptions(fetch=FetchOptions(allow_private=True, per_host_interval=0, backoff=0))
    ingestor = Ingestor(store, options, fetcher=Fetcher(options.fetch, sleep=lambda _s: None))
    first = ingestor.run([f"{server}/article.html"])
    assert first.ingested == 1
    second = ingestor.run([f"{server}/article.html"])
    assert second.skipped == 1
    assert _Handler.conditional_hits == 1  # the second fetch was conditional and answered 304
    blocked = ingestor.run([f"{server}/private/page"])
    assert "robots.txt" in blocked.errors[0]["error"]
    assert _Handler.hits.get("/private/page") is None
    flaky = ingestor.run([f"{server}/flaky"])
    assert flaky.near_duplicates == 1  # one word differs from the article: a lightly edited copy
    assert _Handler.hits["/flaky"] == 3
    moved = ingestor.run([f"{server}/moved"])
    assert moved.duplicates + moved.skipped == 1
    small = _fetcher(allow_private=True, max_bytes=1000, per_host_interval=0)
    with pytest.raises(InputError, match="1,000-byte limit"):
        small.get(f"{server}/huge")
    with pytest.raises(InputError, match="HTTP 404"):
        small.get(f"{server}/missing")


def test_cli_refuses_loopback_and_accepts_it_with_the_flag(tmp_path: Path, server: str) -> None:
    db = str(tmp_path / "cli.db")
    assert run_cli("init", "--db", db).returncode == 0
    refused = run_cli("ingest", f"{server}/article.html", "--db", db, "--json")
    assert refused.returncode == 0
    assert "non-public address" in refused.stdout
    allowed = run_cli("ingest", f"{server}/article.html", "--db", db, "--json", "--allow-private")
    assert '"ingested": 1' in allowed.stdout
    shown = run_cli("source", "show", f"{server}/article.html", "--db", db)
    assert "Cameras approved" in shown.stdout


def test_feeds_are_polled_and_only_new_items_ingested(store: Store, server: str) -> None:
    from oversight.ingest import feeds

    _Handler.feed_items = ["/article.html", "/flaky"]
    feed = feeds.add_feed(store, f"{server}/feed.xml", name="Local test feed")
    assert feeds.add_feed(store, f"{server}/feed.xml").id == feed.id  # idempotent
    options = IngestOptions(fetch=FetchOptions(allow_private=True, per_host_interval=0, backoff=0))
    ingestor = Ingestor(store, options, fetcher=Fetcher(options.fetch, sleep=lambda _s: None))
    (first,) = feeds.watch(ingestor, interval=0, once=True)
    assert (first.outcome, first.items, first.summary.ingested) == ("ok", 2, 1)
    (second,) = feeds.watch(ingestor, interval=0, once=True)
    assert (second.outcome, second.items) == ("ok", 0)  # both items are known: nothing fetched again
    assert _Handler.hits["/article.html"] == 1
    (listed,) = feeds.list_feeds(store)
    assert listed.last_outcome == "ok" and listed.last_new_documents == 0
    with pytest.raises(InputError, match="not a duration"):
        feeds.parse_interval("soon")
    assert feeds.parse_interval("30m") == 1800


def test_broken_feed_poll_is_recorded(store: Store, server: str) -> None:
    from oversight.ingest import feeds

    feeds.add_feed(store, f"{server}/missing.xml")
    ingestor = Ingestor(store, IngestOptions(fetch=FetchOptions(allow_private=True, per_host_interval=0)))
    (result,) = feeds.watch(ingestor, interval=0, once=True)
    assert result.outcome == "error" and "HTTP 404" in (result.error or "")
    assert feeds.list_feeds(store)[0].last_outcome == "error"
