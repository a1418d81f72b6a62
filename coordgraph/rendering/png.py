"""Finish Graphviz's PNG: say its resolution, so office documents size it right.

Graphviz draws PNG at the resolution it is asked for (``-Gdpi``) but writes
no ``pHYs`` chunk, and a PNG without one is taken to be 72 dpi: Word and
PowerPoint (python-docx, python-pptx) would place a 144 dpi drawing at twice
its size. :func:`with_resolution` adds the chunk; pure functions on bytes.
"""

import struct
import zlib

SIGNATURE = b"\x89PNG\r\n\x1a\n"
#: Inches in a metre: ``pHYs`` counts pixels per metre.
METRES_PER_INCH = 0.0254


def pixels_per_metre(dpi: float) -> int:
    """The ``pHYs`` value for a resolution in dots per inch.

    >>> pixels_per_metre(144), pixels_per_metre(72)
    (5669, 2835)
    >>> round(pixels_per_metre(144) * METRES_PER_INCH)
    144
    """
    return round(dpi / METRES_PER_INCH)


def chunk(kind: bytes, data: bytes) -> bytes:
    """One PNG chunk: length, type, data and the CRC of type and data.

    >>> chunk(b"IEND", b"").hex()
    '0000000049454e44ae426082'
    """
    return struct.pack(">I", len(data)) + kind + data + struct.pack(
        ">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def chunks(png: bytes) -> list[tuple[bytes, bytes]]:
    """The ``(type, data)`` of each chunk of ``png``, in order.

    Raises ValueError when ``png`` is not a whole PNG file.

    >>> chunks(SIGNATURE + chunk(b"IEND", b""))
    [(b'IEND', b'')]
    >>> chunks(b"GIF89a")
    Traceback (most recent call last):
    ...
    ValueError: not a PNG file
    """
    if not png.startswith(SIGNATURE):
        raise ValueError("not a PNG file")
    found, position = [], len(SIGNATURE)
    while position < len(png):
        if position + 12 > len(png):
            raise ValueError("a PNG chunk is cut short")
        length, kind = struct.unpack(">I4s", png[position:position + 8])
        end = position + 12 + length
        if end > len(png):
            raise ValueError("a PNG chunk is cut short")
        found.append((kind, png[position + 8:position + 8 + length]))
        position = end
    return found


def resolution(png: bytes) -> tuple[float, float] | None:
    """The dots per inch ``pHYs`` gives (x, y), or ``None`` without one (or
    when it does not count in metres).

    >>> resolution(with_resolution(SIGNATURE + chunk(b"IHDR", bytes(13)), 144))
    (144.0, 144.0)
    """
    for kind, data in chunks(png):
        if kind == b"pHYs" and len(data) == 9:
            x, y, unit = struct.unpack(">IIB", data)
            if unit == 1:
                return round(x * METRES_PER_INCH, 1), round(y * METRES_PER_INCH, 1)
            return None
    return None


def with_resolution(png: bytes, dpi: float) -> bytes:
    """``png`` with a ``pHYs`` chunk saying ``dpi`` (any earlier one replaced).

    The chunk goes right after ``IHDR``, before the image data as the PNG
    standard wants; every other chunk is kept byte for byte.

    >>> bare = SIGNATURE + chunk(b"IHDR", bytes(13)) + chunk(b"IEND", b"")
    >>> marked = with_resolution(bare, 144)
    >>> [kind for kind, _ in chunks(marked)]
    [b'IHDR', b'pHYs', b'IEND']
    >>> with_resolution(marked, 144) == marked
    True
    """
    per_metre = pixels_per_metre(dpi)
    phys = chunk(b"pHYs", struct.pack(">IIB", per_metre, per_metre, 1))
    parts = [SIGNATURE]
    for kind, data in chunks(png):
        if kind == b"pHYs":
            continue
        parts.append(chunk(kind, data))
        if kind == b"IHDR":
            parts.append(phys)
    return b"".join(parts)
