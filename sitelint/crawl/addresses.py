"""Which network addresses a crawl may reach.

sitelint runs inside CI runners and cloud machines, next to metadata services
(169.254.169.254) and internal admin pages. A public website that redirects
there, or lists such a host in robots.txt, must not make sitelint fetch it
for them (server-side request forgery). So when the crawl starts on a public
host, requests to loopback, private, link-local and other non-public
addresses are refused unless ``allow_private`` is set. A crawl that starts on
such an address (a staging server on 127.0.0.1) may go on reaching them.

Host names are resolved to decide, through a resolver that tests replace.
With a custom transport (httpx.MockTransport) nothing is resolved: the
transport, not the system, decides where a request goes.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Awaitable, Callable, Iterable
from urllib.parse import urlsplit

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
# host name -> the addresses it resolves to (empty when it does not resolve)
Resolver = Callable[[str], Awaitable[list[str]]]

_IPV4_SPELLINGS = frozenset("0123456789abcdefxABCDEFX.")


def literal_address(host: str) -> IPAddress | None:
    """The address a host names by itself, in any spelling a resolver accepts.

    Besides dotted quads that includes "2130706433", "0x7f.1" and "127.1",
    which the C library reads as 127.0.0.1.
    """
    host = host.strip("[]").split("%", 1)[0]
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        pass
    if host and set(host) <= _IPV4_SPELLINGS and any(c.isdigit() for c in host):
        try:
            return ipaddress.IPv4Address(socket.inet_aton(host))
        except OSError:
            return None
    return None


def is_public(address: IPAddress) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


def describe(address: IPAddress) -> str:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    if address.is_loopback:
        return "a loopback address"
    if address.is_link_local:
        return "a link-local address"
    if address.is_private:
        return "a private address"
    return "a non-public address"


def _named_local(host: str) -> bool:
    # RFC 6761: localhost and its subdomains are loopback whatever DNS says.
    host = host.rstrip(".")
    return host == "localhost" or host.endswith(".localhost")


async def system_resolver(host: str) -> list[str]:
    loop = asyncio.get_running_loop()
    try:
        infos = await loop.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        return []
    return sorted({str(info[4][0]) for info in infos})


async def no_resolver(host: str) -> list[str]:
    return []


class AddressGuard:
    def __init__(
        self,
        start_urls: Iterable[str],
        *,
        allow_private: bool,
        resolver: Resolver,
        timeout: float,
    ) -> None:
        self._start_hosts = {_hostname(url) for url in start_urls}
        self._allow_private = allow_private
        self._resolver = resolver
        self._timeout = timeout
        self._addresses: dict[str, list[IPAddress]] = {}
        self._start_private: bool | None = None

    async def refusal(self, url: str) -> str | None:
        """Why a request to this URL must not be made, or None when it may."""
        if self._allow_private:
            return None
        host = _hostname(url)
        if host in self._start_hosts:
            return None
        private = [a for a in await self._resolve(host) if not is_public(a)]
        if not private or await self._starts_private():
            return None
        shown = host if str(private[0]) == host.strip("[]") else f"{host} ({private[0]})"
        return (
            f"refused to fetch {shown}: {describe(private[0])}, and the crawl started on a "
            "public host (--allow-private allows it)"
        )

    async def restricts(self) -> bool:
        """Whether any URL could be refused at all (a public start, no --allow-private)."""
        return not self._allow_private and not await self._starts_private()

    async def _starts_private(self) -> bool:
        if self._start_private is None:
            self._start_private = False
            for host in self._start_hosts:
                if any(not is_public(a) for a in await self._resolve(host)):
                    self._start_private = True
                    break
        return self._start_private

    async def _resolve(self, host: str) -> list[IPAddress]:
        cached = self._addresses.get(host)
        if cached is not None:
            return cached
        literal = literal_address(host)
        if literal is not None:
            found = [literal]
        elif _named_local(host):
            found = [ipaddress.IPv4Address("127.0.0.1")]
        else:
            try:
                async with asyncio.timeout(self._timeout):
                    names = await self._resolver(host)
            except TimeoutError:
                names = []
            found = [a for a in map(literal_address, names) if a is not None]
        # An unresolvable host is no risk: the request to it fails the same way.
        self._addresses[host] = found
        return found


def _hostname(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""
