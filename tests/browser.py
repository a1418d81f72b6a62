"""Headless Chromium for the browser tests and the manual's screenshots.

Playwright for Python drives the machine's own Chromium (Debian's
``chromium`` package, which ``scripts/install-system-deps.sh`` installs):
Playwright's own browser download is never used. Set
``COORDGRAPH_CHROMIUM=/path/to/chrome`` to drive another Chromium or Chrome.
"""

import os
import shutil
import struct
import zlib
from pathlib import Path

ENV = "COORDGRAPH_CHROMIUM"
#: Headless, as root, on a machine without a network: no sandbox (root),
#: no GPU, and none of Chromium's own background requests.
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
CANDIDATES = ("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome",
              "google-chrome-stable")
MISSING = ("no Chromium found: install Debian's 'chromium' package "
           "(scripts/install-system-deps.sh does it), or set "
           f"{ENV}=/path/to/chromium-or-chrome")


def find_chromium() -> tuple[str | None, str]:
    """The browser to drive, or ``None`` and why there is none."""
    wanted = os.environ.get(ENV)
    if wanted:
        path = shutil.which(wanted)
        if path is None and Path(wanted).is_file() and os.access(wanted, os.X_OK):
            path = wanted
        return (path, "") if path else (None, f"{ENV}={wanted} is not an executable file")
    for name in CANDIDATES:
        path = shutil.which(name)
        if path:
            return path, ""
    return None, MISSING


def launch(playwright, executable: str):
    """A headless Chromium browser that makes no request of its own."""
    return playwright.chromium.launch(executable_path=executable, args=ARGS, headless=True)


def png_pixels(data: bytes) -> tuple[int, int, list[bytes]]:
    """Decode an 8-bit RGB or RGBA PNG (what Chromium's screenshots are):
    ``(width, height, rows)``, each row ``width * channels`` bytes, and the
    channel count as ``len(rows[0]) // width``. No Pillow needed.
    """
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    position, chunks = 8, {}
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position:position + 8])
        chunks.setdefault(kind, []).append(data[position + 8:position + 8 + length])
        position += 12 + length
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB",
                                                                   chunks[b"IHDR"][0])
    assert depth == 8 and colour in (2, 6) and not interlace, (depth, colour, interlace)
    channels = 3 if colour == 2 else 4
    raw = zlib.decompress(b"".join(chunks[b"IDAT"]))
    stride = width * channels
    rows, previous = [], bytes(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        if kind == 1:
            for i in range(channels, stride):
                line[i] = (line[i] + line[i - channels]) & 0xFF
        elif kind == 2:
            line = bytearray((a + b) & 0xFF for a, b in zip(line, previous, strict=True))
        elif kind == 3:
            for i in range(stride):
                left = line[i - channels] if i >= channels else 0
                line[i] = (line[i] + ((left + previous[i]) >> 1)) & 0xFF
        elif kind == 4:
            for i in range(stride):
                a = line[i - channels] if i >= channels else 0
                b, c = previous[i], previous[i - channels] if i >= channels else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                predictor = a if pa <= pb and pa <= pc else b if pb <= pc else c
                line[i] = (line[i] + predictor) & 0xFF
        rows.append(bytes(line))
        previous = rows[-1]
    return width, height, rows


def browser_marks(pytest) -> list:
    """The marks of a browser test module: ``browser``, and skipped when no
    Chromium is found, except under CI, where a missing browser is an error."""
    executable, why = find_chromium()
    if executable is None and os.environ.get("CI"):
        raise RuntimeError(f"CI is set but {why}")
    return [pytest.mark.browser,
            pytest.mark.skipif(executable is None, reason=why or "no Chromium")]
