"""The SSRF guard: only http(s) URLs whose host resolves to public addresses may be fetched."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable
from urllib.parse import urlsplit

from oversight.errors import InputError

Resolver = Callable[[str, int], list[str]]


def resolve(host: str, port: int) -> list[str]:
    """Every address the system resolver gives for a host."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise InputError(f"cannot resolve host {host!r}: {exc.strerror}") from exc
    return sorted({str(info[4][0]) for info in infos})


def is_public(address: str) -> bool:
    """False for loopback, private, link-local, multicast, reserved and unspecified addresses (IPv4 and IPv6)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return not (
        ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_multicast or ip.is_reserved
        or ip.is_unspecified or not ip.is_global
    )  # fmt: skip


def check_url(url: str, *, allow_private: bool, resolver: Resolver = resolve) -> None:
    """Raise InputError unless ``url`` is http(s) and (unless ``allow_private``) every address of its host is public."""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"}:
        raise InputError(f"refused {url!r}: only http and https URLs are fetched")
    if not parts.hostname:
        raise InputError(f"refused {url!r}: no host name")
    if allow_private:
        return
    port = parts.port or (443 if parts.scheme == "https" else 80)
    addresses = resolver(parts.hostname, port)
    blocked = [a for a in addresses if not is_public(a)]
    if blocked or not addresses:
        raise InputError(
            f"refused {url!r}: {parts.hostname} resolves to a non-public address ({', '.join(blocked) or 'none'}); "
            "use --allow-private for your own intranet"
        )
