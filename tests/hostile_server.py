"""A web server on 127.0.0.1 that misbehaves on purpose, below HTTP when it must.

Each route is a behaviour: an async function that gets the parsed request and
the raw connection, and may answer properly, never answer, trickle, reset
the connection half-way through the headers, or stream a body without end.
The server runs its own event loop in a thread, so a test can crawl it with
the blocking ``check_site``. It records every request (with its headers) and
counts open connections, so a test can check that the crawler closed them.

    server = HostileServer({"/": page("<a href='/slow'>x</a>"), "/slow": never_answers()})
    with server:
        check_site(server.url("/"), ...)

A route ending in ``*`` matches every path with that prefix.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import ssl
import struct
import threading
import time
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

_MAX_REQUEST_HEAD = 64 * 1024


@dataclass
class Request:
    method: str
    target: str
    headers: dict[str, str]  # names in lower case
    received: float = field(default_factory=time.monotonic)

    @property
    def path(self) -> str:
        return urlsplit(self.target).path or "/"

    @property
    def query(self) -> str:
        return urlsplit(self.target).query


class Connection:
    def __init__(self, server: HostileServer, writer: asyncio.StreamWriter, reader: Any) -> None:
        self.server = server
        self.writer = writer
        self.reader: asyncio.StreamReader = reader
        self.aborted = False

    async def send(self, data: bytes) -> None:
        self.writer.write(data)
        await self.writer.drain()
        self.server.bytes_sent += len(data)

    async def send_head(
        self,
        status: int,
        headers: Iterable[tuple[str, str]] = (),
        reason: str = "",
    ) -> None:
        lines = [f"HTTP/1.1 {status} {reason or _REASONS.get(status, 'Whatever')}"]
        lines += [f"{name}: {value}" for name, value in headers]
        lines.append("Connection: close")
        await self.send(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))

    async def respond(
        self,
        request: Request,
        status: int,
        headers: Iterable[tuple[str, str]] = (),
        body: bytes = b"",
    ) -> None:
        head = [*headers, ("Content-Length", str(len(body)))]
        await self.send_head(status, head)
        if request.method != "HEAD" and body:
            await self.send(body)

    def reset(self) -> None:
        """Drop the connection with a TCP RST, as a crashing server or a middlebox does."""
        sock = self.writer.get_extra_info("socket")
        if sock is not None:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.writer.transport.abort()
        self.aborted = True

    async def until_client_closes(self) -> None:
        while await self.reader.read(4096):
            pass


Behaviour = Callable[[Request, Connection], Awaitable[None]]
_REASONS = {
    200: "OK",
    301: "Moved Permanently",
    302: "Found",
    404: "Not Found",
    429: "Too Many Requests",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
}


class HostileServer:
    def __init__(
        self,
        routes: dict[str, Behaviour] | None = None,
        *,
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        self.routes = dict(routes or {})
        self.ssl_context = ssl_context
        self.requests: list[Request] = []
        self.open_connections = 0
        self.bytes_sent = 0
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._server: asyncio.Server | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self.port = 0

    # -- lifecycle --------------------------------------------------------------

    def __enter__(self) -> HostileServer:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def start(self) -> HostileServer:
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._start(), self._loop).result(5)
        return self

    def stop(self) -> None:
        asyncio.run_coroutine_threadsafe(self._stop(), self._loop).result(5)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(5)
        self._loop.close()

    async def _start(self) -> None:
        self._server = await asyncio.start_server(
            self._accept, "127.0.0.1", 0, ssl=self.ssl_context, limit=_MAX_REQUEST_HEAD
        )
        self.port = self._server.sockets[0].getsockname()[1]

    async def _stop(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        if self._server is not None:
            self._server.close()

    @property
    def host(self) -> str:
        """host:port, the unit sitelint scopes and sends credentials by."""
        return f"127.0.0.1:{self.port}"

    @property
    def base(self) -> str:
        scheme = "https" if self.ssl_context else "http"
        return f"{scheme}://{self.host}"

    def url(self, path: str = "/") -> str:
        return self.base + path

    def paths(self) -> list[str]:
        return [request.target for request in self.requests]

    def wait_idle(self, timeout: float = 3.0) -> bool:
        """True once every connection has been closed (by the client, or by a behaviour)."""
        deadline = time.monotonic() + timeout
        while self.open_connections and time.monotonic() < deadline:
            time.sleep(0.02)
        return self.open_connections == 0

    # -- serving ----------------------------------------------------------------

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._tasks.add(task)
        self.open_connections += 1
        connection = Connection(self, writer, reader)
        try:
            request = await _read_request(reader)
            if request is not None:
                self.requests.append(request)
                await self._route(request.path)(request, connection)
        except (ConnectionError, asyncio.IncompleteReadError, ssl.SSLError, OSError):
            pass
        except asyncio.CancelledError:
            connection.reset()
        finally:
            if not connection.aborted:
                writer.close()
                with contextlib.suppress(ConnectionError, OSError, TimeoutError, ssl.SSLError):
                    await asyncio.wait_for(writer.wait_closed(), 1)
            self.open_connections -= 1
            self._tasks.discard(task)

    def _route(self, path: str) -> Behaviour:
        if path in self.routes:
            return self.routes[path]
        prefixes = [key for key in self.routes if key.endswith("*") and path.startswith(key[:-1])]
        if prefixes:
            return self.routes[max(prefixes, key=len)]
        return not_found


async def _read_request(reader: asyncio.StreamReader) -> Request | None:
    try:
        head = await reader.readuntil(b"\r\n\r\n")
    except (asyncio.IncompleteReadError, asyncio.LimitOverrunError):
        return None
    lines = head.decode("latin-1").split("\r\n")
    method, target, _ = [*lines[0].split(" "), "", ""][:3]
    headers: dict[str, str] = {}
    for line in lines[1:]:
        if ":" in line:
            name, value = line.split(":", 1)
            headers[name.strip().lower()] = value.strip()
    return Request(method, target, headers)


# -- behaviours -----------------------------------------------------------------


def page(
    body: str | bytes,
    status: int = 200,
    content_type: str = "text/html; charset=utf-8",
    headers: Iterable[tuple[str, str]] = (),
) -> Behaviour:
    data = body.encode() if isinstance(body, str) else body
    extra = list(headers)

    async def behaviour(request: Request, connection: Connection) -> None:
        await connection.respond(request, status, [("Content-Type", content_type), *extra], data)

    return behaviour


def dynamic(make: Callable[[Request], tuple[int, list[tuple[str, str]], bytes]]) -> Behaviour:
    """A response computed from the request (echoes, endless generated pages)."""

    async def behaviour(request: Request, connection: Connection) -> None:
        status, headers, body = make(request)
        await connection.respond(request, status, headers, body)

    return behaviour


def redirect(
    location: str, status: int = 302, headers: Iterable[tuple[str, str]] = ()
) -> Behaviour:
    return page(b"", status, headers=[("Location", location), *headers])


async def not_found(request: Request, connection: Connection) -> None:
    await connection.respond(request, 404, [("Content-Type", "text/html")], b"<h1>Not found</h1>")


def never_answers() -> Behaviour:
    """Reads the request, then says nothing until the client gives up."""

    async def behaviour(request: Request, connection: Connection) -> None:
        await connection.until_client_closes()

    return behaviour


def trickle(total: int = 1_000_000, interval: float = 0.02) -> Behaviour:
    """Proper headers, then the body one byte at a time: every read succeeds."""

    async def behaviour(request: Request, connection: Connection) -> None:
        await connection.send_head(
            200, [("Content-Type", "text/html"), ("Content-Length", str(total))]
        )
        for _ in range(total):
            await connection.send(b" ")
            await asyncio.sleep(interval)

    return behaviour


def reset_mid_headers() -> Behaviour:
    async def behaviour(request: Request, connection: Connection) -> None:
        await connection.send(b"HTTP/1.1 200 OK\r\nContent-Type: text/ht")
        await asyncio.sleep(0.05)
        connection.reset()

    return behaviour


def reset_mid_body(clean_close: bool = False) -> Behaviour:
    """Promises 100,000 bytes, sends 1,000, then resets (or closes cleanly)."""

    async def behaviour(request: Request, connection: Connection) -> None:
        await connection.send_head(
            200, [("Content-Type", "text/html"), ("Content-Length", "100000")]
        )
        await connection.send(b"<html><body>" + b"x" * 988)
        await asyncio.sleep(0.05)
        if not clean_close:
            connection.reset()

    return behaviour


def endless(
    chunk: bytes,
    *,
    prefix: bytes = b"",
    content_type: str = "text/html",
    headers: Iterable[tuple[str, str]] = (),
    content_length: int | None = None,
) -> Behaviour:
    """``prefix`` then ``chunk`` over and over until the client stops reading.

    Nothing is built in memory: a "500 MB" body costs the server one chunk.
    """
    extra = list(headers)

    async def behaviour(request: Request, connection: Connection) -> None:
        head = [("Content-Type", content_type), *extra]
        if content_length is not None:
            head.append(("Content-Length", str(content_length)))
        await connection.send_head(200, head)
        sent = 0
        if prefix:
            await connection.send(prefix)
            sent += len(prefix)
        while content_length is None or sent < content_length:
            piece = chunk if content_length is None else chunk[: content_length - sent]
            await connection.send(piece)
            sent += len(piece)

    return behaviour
