"""Which hosts are local staging: loopback, localhost and private networks."""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit


def is_local_host(host: str) -> bool:
    host = host.strip("[]").lower().rstrip(".")
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_private or address.is_link_local


def is_local_url(url: str) -> bool:
    try:
        return is_local_host(urlsplit(url).hostname or "")
    except ValueError:
        return False
