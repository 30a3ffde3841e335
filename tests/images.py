"""Small real image files for tests (the image policy checks an image by its content)."""

from __future__ import annotations

import struct
import zlib


def png(width: int = 4, height: int = 2, *, colour: bytes = b"\xff\x00\x00",
        extra: bytes = b"") -> bytes:
    """A valid RGB PNG of one colour; `extra` is hidden in a text chunk (to make it larger or
    to tell two equal-looking images apart)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data)))

    rows = b"".join(b"\0" + colour * width for _ in range(height))
    text = chunk(b"tEXt", b"Comment\0" + extra) if extra else b""
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2,
                                                               0, 0, 0))
            + text + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def gif(width: int = 3, height: int = 2) -> bytes:
    """A valid one-colour GIF."""
    return (b"GIF89a" + struct.pack("<HH", width, height) + b"\x80\0\0\xff\0\0\0\0\0"
            + b",\0\0\0\0" + struct.pack("<HH", width, height) + b"\0\x02\x02\x44\x01\0;")


SVG = (b'<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20" viewBox="0 0 40 20">'
       b'<rect width="40" height="20" fill="#1f4e79"/></svg>')
