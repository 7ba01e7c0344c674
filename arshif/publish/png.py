"""A minimal PNG encoder (zlib + struct): enough for the 48×48 Kiwix
illustration, without an imaging library."""

from __future__ import annotations

import struct
import zlib


def _chunk(kind: bytes, data: bytes) -> bytes:
    return (struct.pack(">I", len(data)) + kind + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))


def encode_rgb(width: int, height: int, pixel) -> bytes:
    """``pixel(x, y) -> (r, g, b)``; returns the PNG bytes."""
    rows = bytearray()
    for y in range(height):
        rows.append(0)  # filter: none
        for x in range(width):
            rows.extend(pixel(x, y))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header)
            + _chunk(b"IDAT", zlib.compress(bytes(rows), 9)) + _chunk(b"IEND", b""))


def emblem(size: int = 48, background=(0x0B, 0x5D, 0x3B), foreground=(0xF5, 0xF1, 0xE6)) -> bytes:
    """A square emblem: a light ring on the archive's green."""
    centre = (size - 1) / 2
    outer, inner = size * 0.38, size * 0.26

    def pixel(x, y):
        distance = ((x - centre) ** 2 + (y - centre) ** 2) ** 0.5
        return foreground if inner <= distance <= outer else background

    return encode_rgb(size, size, pixel)
