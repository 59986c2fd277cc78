"""Content-Encoding, undone a bounded piece at a time.

httpx decodes a whole network chunk in one call, so 64 KB of a gzip bomb
becomes 64 MB at once and a brotli bomb far more. Here every layer yields
pieces of at most ``PIECE`` bytes and the reader stops at its size cap, so a
bomb costs no more memory than an honest page of the cap's size.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from typing import Protocol

import brotli  # type: ignore[import-untyped]  # no stubs published

PIECE = 64 * 1024


def _brotli_is_bounded() -> bool:
    # brotli < 1.2 cannot limit its output, and one call may inflate gigabytes.
    try:
        brotli.Decompressor().process(b"", output_buffer_limit=PIECE)
    except TypeError:
        return False
    return True


BROTLI_BOUNDED = _brotli_is_bounded()
ACCEPT_ENCODING = "gzip, deflate, br" if BROTLI_BOUNDED else "gzip, deflate"


class DecodingError(Exception):
    """The body does not decode as its Content-Encoding says."""


class _Layer(Protocol):
    def pieces(self, data: bytes) -> Iterator[bytes]: ...


class _Zlib:
    def __init__(self, wbits: int, name: str) -> None:
        self._decompressor = zlib.decompressobj(wbits)
        self._name = name

    def pieces(self, data: bytes) -> Iterator[bytes]:
        while not self._decompressor.eof:
            try:
                piece = self._decompressor.decompress(data, PIECE)
            except zlib.error as error:
                raise DecodingError(f"bad {self._name} data: {error}") from error
            # Input is left over only when the piece came out full.
            if not piece:
                return
            data = self._decompressor.unconsumed_tail
            yield piece
        # Bytes after the end of the stream are ignored, as browsers do.


class _Deflate:
    """``deflate`` is meant as zlib-wrapped, but servers also send it raw."""

    def __init__(self) -> None:
        self._layer: _Zlib | None = None

    def pieces(self, data: bytes) -> Iterator[bytes]:
        if self._layer is None:
            wrapped = len(data) >= 2 and data[0] & 0x0F == 8 and (data[0] << 8 | data[1]) % 31 == 0
            self._layer = _Zlib(zlib.MAX_WBITS if wrapped else -zlib.MAX_WBITS, "deflate")
        yield from self._layer.pieces(data)


class _Brotli:
    def __init__(self) -> None:
        self._decompressor = brotli.Decompressor()

    def pieces(self, data: bytes) -> Iterator[bytes]:
        if self._decompressor.is_finished():
            return
        try:
            piece = self._decompressor.process(data, output_buffer_limit=PIECE)
            if piece:
                yield piece
            # Output held back by the limit comes out of calls with no input.
            while not self._decompressor.is_finished():
                piece = self._decompressor.process(b"", output_buffer_limit=PIECE)
                if not piece:
                    return
                yield piece
        except brotli.error as error:
            raise DecodingError(f"bad brotli data: {error}") from error


def _layer(name: str) -> _Layer | None:
    if name in ("gzip", "x-gzip"):
        return _Zlib(16 + zlib.MAX_WBITS, "gzip")
    if name == "deflate":
        return _Deflate()
    if name == "br" and BROTLI_BOUNDED:
        return _Brotli()
    if name == "br":
        raise DecodingError("brotli body, but brotli < 1.2 cannot decode it within the size cap")
    # identity, and names that are not encodings at all ("utf-8"), which
    # browsers ignore too.
    return None


class BodyDecoder:
    """Undoes a Content-Encoding header's layers, last applied first."""

    def __init__(self, content_encoding: str) -> None:
        names = [n.strip().lower() for n in content_encoding.split(",") if n.strip()]
        self._layers = [layer for layer in map(_layer, reversed(names)) if layer is not None]

    def pieces(self, raw: bytes) -> Iterator[bytes]:
        """The decoded bytes of one raw chunk, in pieces of bounded size."""
        yield from self._through(raw, 0)

    def _through(self, data: bytes, depth: int) -> Iterator[bytes]:
        if depth == len(self._layers):
            if data:
                yield data
            return
        for piece in self._layers[depth].pieces(data):
            yield from self._through(piece, depth + 1)
