"""Image quality of a face: size, sharpness, brightness."""

from __future__ import annotations

import cv2
import numpy as np

from kiosk.vision.types import Box, Quality

_NORMALISED_SIDE = 128
"""Faces are resized to this many pixels before measuring sharpness, so that a
big face and a small one with the same blur score the same."""


def measure_quality(rgb: np.ndarray, box: Box) -> Quality:
    """Measure the face inside ``box`` of an RGB frame."""
    height, width = rgb.shape[:2]
    inner = box.clipped(width, height)
    crop = rgb[inner.top : inner.bottom, inner.left : inner.right]
    if crop.size == 0:
        return Quality(size_px=0, sharpness=0.0, brightness=0.0)
    grey = cv2.cvtColor(crop, cv2.COLOR_RGB2GRAY)
    grey = cv2.resize(grey, (_NORMALISED_SIDE, _NORMALISED_SIDE), interpolation=cv2.INTER_AREA)
    sharpness = float(cv2.Laplacian(grey, cv2.CV_64F).var())
    return Quality(
        size_px=min(box.width, box.height),
        sharpness=round(sharpness, 1),
        brightness=round(float(grey.mean()), 1),
    )
