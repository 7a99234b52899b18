"""Polite, guarded HTTP fetching: timeouts, bounded retries with backoff, a size cap, robots.txt, a per-host
rate limit, conditional requests, and the SSRF guard on every hop of every redirect."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from oversight import __version__
from oversight.errors import InputError
from oversight.ingest.guard import Resolver, check_url, resolve

USER_AGENT = f"Oversight/{__version__} (surveillance-technology transfer observatory; research crawler)"
_RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
_REDIRECTS = frozenset({301, 302, 303, 307, 308})


@dataclass(frozen=True)
class FetchOptions:
    """How fetching behaves; the defaults suit news sites."""

    allow_private: bool = False
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    retries: int = 3
    backoff: float = 0.5
    max_bytes: int = 25 * 1024 * 1024
    max_redirects: int = 5
    per_host_interval: float = 1.0
    respect_robots: bool = True
    user_agent: str = USER_AGENT


@dataclass(frozen=True)
class Fetched:
    """The outcome of one GET: the final URL, its status, and the body (None when not modified)."""

    url: str
    status: int
    content: bytes | None
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None


@dataclass
class Fetcher:
    """Fetches URLs one at a time, politely; one instance per run keeps robots.txt and rate-limit state."""

    options: FetchOptions = field(default_factory=FetchOptions)
    transport: httpx.BaseTransport | None = None
    resolver: Resolver = resolve
    sleep: Callable[[float], None] = time.sleep
    _client: httpx.Client = field(init=False)
    _robots: dict[str, RobotFileParser | None] = field(init=False, default_factory=dict)
    _last_request: dict[str, float] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        timeout = httpx.Timeout(self.options.read_timeout, connect=self.options.connect_timeout)
        self._client = httpx.Client(
            timeout=timeout,
            follow_redirects=False,
            headers={"User-Agent": self.options.user_agent},
            transport=self.transport,
        )

    def close(self) -> None:
        """Close the connection pool."""
        self._client.close()

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> Fetched:
        """GET ``url`` following redirects, each hop checked by the SSRF guard and robots.txt.

        Raises:
            InputError: refused by the guard or robots.txt, too large, or failed after the retries.
        """
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        current = url
        for _hop in range(self.options.max_redirects + 1):
            check_url(current, allow_private=self.options.allow_private, resolver=self.resolver)
            self._check_robots(current)
            response = self._request(current, headers)
            if response.status_code in _REDIRECTS and "location" in response.headers:
                current = urljoin(current, response.headers["location"])
                continue
            return self._finish(current, response)
        raise InputError(f"too many redirects from {url}")

    def _finish(self, url: str, response: _Response) -> Fetched:
        if response.status_code == 304:
            return Fetched(url=url, status=304, content=None)
        if response.status_code >= 400:
            raise InputError(f"HTTP {response.status_code} from {url}")
        return Fetched(
            url=url,
            status=response.status_code,
            content=response.content,
            content_type=response.headers.get("content-type"),
            etag=response.headers.get("etag"),
            last_modified=response.headers.get("last-modified"),
        )

    def _request(self, url: str, headers: dict[str, str]) -> _Response:
        attempt = 0
        while True:
            self._wait_for_host(url)
            try:
                response = self._download(url, headers)
            except (httpx.TransportError, httpx.TimeoutException) as exc:
                if attempt >= self.options.retries:
                    raise InputError(f"cannot fetch {url}: {exc.__class__.__name__}: {exc}") from exc
            else:
                if response.status_code not in _RETRY_STATUS or attempt >= self.options.retries:
                    return response
                self.sleep(_retry_after(response.headers.get("retry-after")) or 0.0)
            attempt += 1
            self.sleep(self.options.backoff * 2 ** (attempt - 1))

    def _download(self, url: str, headers: dict[str, str]) -> _Response:
        limit = self.options.max_bytes
        with self._client.stream("GET", url, headers=headers) as response:
            declared = response.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > limit:
                raise InputError(f"{url} is {int(declared):,} bytes, over the {limit:,}-byte limit")
            chunks, size = [], 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > limit:
                    raise InputError(f"{url} is over the {limit:,}-byte limit")
                chunks.append(chunk)
            return _Response(response.status_code, dict(response.headers), b"".join(chunks))

    def _wait_for_host(self, url: str) -> None:
        host = urlsplit(url).netloc
        last = self._last_request.get(host)
        now = time.monotonic()
        if last is not None and now - last < self.options.per_host_interval:
            self.sleep(self.options.per_host_interval - (now - last))
        self._last_request[host] = time.monotonic()

    def _check_robots(self, url: str) -> None:
        if not self.options.respect_robots:
            return
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._robots:
            self._robots[origin] = self._load_robots(origin)
        robots = self._robots[origin]
        if robots is not None and not robots.can_fetch(self.options.user_agent, url):
            raise InputError(f"robots.txt of {origin} disallows {url}")

    def _load_robots(self, origin: str) -> RobotFileParser | None:
        try:
            response = self._request(f"{origin}/robots.txt", {})
        except InputError:
            return None  # unreachable robots.txt: the page fetch itself will report the problem
        if response.status_code >= 400:
            return None
        parser = RobotFileParser()
        parser.parse(response.content.decode("utf-8", errors="replace").splitlines())
        return parser


@dataclass(frozen=True)
class _Response:
    status_code: int
    headers: dict[str, str]
    content: bytes


def _retry_after(value: str | None) -> float | None:
    if value and value.strip().isdigit():
        return min(float(value), 30.0)
    return None
