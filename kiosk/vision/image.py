"""Image conversion and loading: everything becomes contiguous RGB uint8.

dlib raises on non-contiguous arrays, and ``frame[:, :, ::-1]`` is a
non-contiguous view, so BGR→RGB always goes through ``cv2.cvtColor``.
"""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np

from kiosk.errors import InputError

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".pgm", ".bmp")


def bgr_to_rgb(frame: np.ndarray) -> np.ndarray:
    """Convert an OpenCV frame (BGR, BGRA or grey) to contiguous RGB uint8."""
    if frame.ndim == 2:
        rgb = cv2.cvtColor(frame, cv2.COLOR_GRAY2RGB)
    elif frame.shape[2] == 4:
        rgb = cv2.cvtColor(frame, cv2.COLOR_BGRA2RGB)
    else:
        rgb = cv2.cvtColor(frame, cv2.COLOR_BGR2RGB)
    return np.ascontiguousarray(rgb, dtype=np.uint8)


def load_rgb(path: str | Path) -> np.ndarray:
    """Read an image file as contiguous RGB uint8.

    Raises :class:`InputError` with a one-line reason when the file is missing
    or not a readable image.
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(f"image not found: {path}")
    data = np.fromfile(str(path), dtype=np.uint8)  # np.fromfile copes with non-ASCII paths
    frame = cv2.imdecode(data, cv2.IMREAD_COLOR) if data.size else None
    if frame is None:
        raise InputError(f"not a readable image: {path}")
    return bgr_to_rgb(frame)
