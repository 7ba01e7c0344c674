"""Bytes of a saved page -> text.

Pages of the old portal come in whatever encoding the server sent: modern
ones in UTF-8, older ones in windows-1256, sometimes declared wrongly.  Order
tried: a byte-order mark, the charset the page declares (``<meta charset>``
or ``http-equiv`` Content-Type), UTF-8, then windows-1256.  Each must decode
the whole file strictly, so a wrong guess moves on instead of producing
mojibake.
"""

from __future__ import annotations

import codecs
import re

BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Both <meta charset="x"> and <meta http-equiv="Content-Type" content="text/html; charset=x">
META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9_.-]+)""", re.I)
# A page declaring a Western single-byte charset can never be Arabic text;
# old Arabic sites sent windows-1256 bytes under such labels, and those labels
# decode any byte, so trusting them would always "succeed" with mojibake.
WESTERN_SINGLE_BYTE = {"iso8859-1", "cp1252", "ascii"}
FALLBACKS = ("utf-8", "cp1256")
SNIFF_BYTES = 64 * 1024


class UnreadableError(ValueError):
    pass


def declared_charset(data: bytes) -> str | None:
    """The Python codec name a page declares for itself, if Python knows it."""
    head = data[:SNIFF_BYTES]
    match = XML_ENCODING.search(head) or META_CHARSET.search(head)
    if not match:
        return None
    try:
        return codecs.lookup(match.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None


def decode_page(data: bytes) -> tuple[str, str]:
    """``(text, codec name)``; raises UnreadableError for binary files."""
    if not data.strip():
        raise UnreadableError("the file is empty")
    for bom, codec in BOMS:
        if data.startswith(bom):
            return data.decode(codec, errors="replace"), codec
    if b"\0" in data[:SNIFF_BYTES]:
        raise UnreadableError("binary data, not a text page")
    order = []
    declared = declared_charset(data)
    if declared and not (declared in WESTERN_SINGLE_BYTE and _has_high_bytes(data)):
        order.append(declared)
    order += [codec for codec in FALLBACKS if codec not in order]
    for codec in order:
        try:
            return data.decode(codec), codec
        except (UnicodeDecodeError, LookupError):
            continue
    # cp1256 defines all 256 bytes, so this is only reached for odd codecs.
    return data.decode("utf-8", errors="replace"), "utf-8"


def _has_high_bytes(data: bytes) -> bool:
    return any(byte >= 0x80 for byte in data[:SNIFF_BYTES])
