"""Image conversion and loading: everything becomes contiguous RGB uint8.

dlib raises on non-contiguous arrays, and ``frame[:, :, ::-1]`` is a
non-contiguous view, so BGR→RGB always goes through ``cv2.cvtColor``.
"""

from __future__ import annotations

import struct
from pathlib import Path

import cv2
import numpy as np

from kiosk.errors import InputError

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".pgm", ".bmp")

MAX_IMAGE_PIXELS = 40_000_000
"""Largest image (width × height) :func:`load_rgb` decodes: 40 megapixels, above
any camera a kiosk admin photographs staff with (a 24 MP camera gives 6000 × 4000)
and about 120 MB once decoded. A compressed file can be tiny and still claim
30000 × 30000 pixels (876 KB of PNG decoding to 2.7 GB), so the size is read
from the file's header before anything is decoded."""

_JPEG_SOF_MARKERS = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}
"""JPEG start-of-frame markers (baseline, progressive, …), which carry the size;
C4, C8 and CC share the range but are tables, not frames."""


def bgr_to_rgb(frame: np.ndarray) -> np.ndarray:
    """Convert an OpenCV frame (BGR, BGRA or grey) to contiguous RGB uint8."""
    if frame.ndim == 2:
        rgb = cv2.cvtColor(frame, cv2.COLOR_GRAY2RGB)
    elif frame.shape[2] == 4:
        rgb = cv2.cvtColor(frame, cv2.COLOR_BGRA2RGB)
    else:
        rgb = cv2.cvtColor(frame, cv2.COLOR_BGR2RGB)
    return np.ascontiguousarray(rgb, dtype=np.uint8)


def image_size(header: bytes) -> tuple[int, int] | None:
    """(width, height) in pixels from the start of a PNG, JPEG, BMP or PGM/PPM file,
    or ``None`` if ``header`` is none of these or is cut short."""
    try:
        if header.startswith(b"\x89PNG\r\n\x1a\n") and header[12:16] == b"IHDR":
            width, height = struct.unpack(">II", header[16:24])
            return width, height
        if header.startswith(b"\xff\xd8"):
            return _jpeg_size(header)
        if header.startswith(b"BM"):
            width, height = struct.unpack("<ii", header[18:26])
            return abs(width), abs(height)  # a negative height means rows stored top-down
        if header[:2] in (b"P2", b"P3", b"P5", b"P6"):
            return _pnm_size(header)
    except (struct.error, ValueError, IndexError):
        return None
    return None


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    offset = 2
    while offset + 4 <= len(data):
        if data[offset] != 0xFF:
            return None
        marker = data[offset + 1]
        if marker == 0xFF:  # fill byte before a marker
            offset += 1
            continue
        if marker in (0x01, *range(0xD0, 0xD8)):  # markers without a length
            offset += 2
            continue
        (length,) = struct.unpack(">H", data[offset + 2 : offset + 4])
        if marker in _JPEG_SOF_MARKERS:
            height, width = struct.unpack(">HH", data[offset + 5 : offset + 9])
            return width, height
        offset += 2 + length
    return None


def _pnm_size(data: bytes) -> tuple[int, int] | None:
    words: list[bytes] = []
    for line in data[2:1024].splitlines():
        words += line.split(b"#", 1)[0].split()
        if len(words) >= 2:
            return int(words[0]), int(words[1])
    return None


def load_rgb(path: str | Path) -> np.ndarray:
    """Read an image file (JPEG, PNG, BMP or PGM/PPM) as contiguous RGB uint8.

    Raises :class:`InputError` with a one-line reason when the file is missing,
    not a readable image, or larger than :data:`MAX_IMAGE_PIXELS` (checked from
    its header, before decoding).
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(f"image not found: {path}")
    data = np.fromfile(str(path), dtype=np.uint8)  # np.fromfile copes with non-ASCII paths
    size = image_size(data.tobytes()) if data.size else None
    if size is None:
        raise InputError(f"not a readable image (JPEG, PNG, BMP or PGM): {path}")
    width, height = size
    if width * height > MAX_IMAGE_PIXELS:
        raise InputError(
            f"{path} is {width} × {height} pixels, more than {MAX_IMAGE_PIXELS // 1_000_000} megapixels; "
            "scale it down first"
        )
    frame = cv2.imdecode(data, cv2.IMREAD_COLOR)
    if frame is None:
        raise InputError(f"not a readable image: {path}")
    return bgr_to_rgb(frame)
