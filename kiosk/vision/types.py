"""Plain data that crosses the vision boundary.

dlib speaks in (top, right, bottom, left) tuples and ``dlib.rectangle``; those
stay inside :mod:`kiosk.vision.detect`. Everything else sees :class:`Box`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Box:
    """An axis-aligned face box in frame pixels (right and bottom exclusive)."""

    left: int
    top: int
    right: int
    bottom: int

    @property
    def width(self) -> int:
        return self.right - self.left

    @property
    def height(self) -> int:
        return self.bottom - self.top

    @property
    def area(self) -> int:
        return max(0, self.width) * max(0, self.height)

    @property
    def center(self) -> tuple[float, float]:
        return ((self.left + self.right) / 2.0, (self.top + self.bottom) / 2.0)

    @classmethod
    def from_css(cls, css: tuple[int, int, int, int]) -> Box:
        """From face_recognition's (top, right, bottom, left) order."""
        top, right, bottom, left = css
        return cls(left=int(left), top=int(top), right=int(right), bottom=int(bottom))

    def to_css(self) -> tuple[int, int, int, int]:
        """To face_recognition's (top, right, bottom, left) order."""
        return (self.top, self.right, self.bottom, self.left)

    def scaled(self, factor: float) -> Box:
        """This box with every coordinate multiplied by ``factor``."""
        return Box(
            left=round(self.left * factor),
            top=round(self.top * factor),
            right=round(self.right * factor),
            bottom=round(self.bottom * factor),
        )

    def clipped(self, width: int, height: int) -> Box:
        """This box trimmed to a ``width`` × ``height`` frame."""
        return Box(
            left=max(0, self.left),
            top=max(0, self.top),
            right=min(width, self.right),
            bottom=min(height, self.bottom),
        )


@dataclass(frozen=True)
class Pose:
    """Head pose in degrees.

    ``yaw`` is positive when the face turns towards the image's right edge (the
    subject's own left), ``pitch`` is positive when the face looks up, and
    ``roll`` is positive when the head tilts clockwise in the image.
    """

    yaw: float
    pitch: float
    roll: float


@dataclass(frozen=True)
class Quality:
    """How usable a face crop is.

    ``size_px`` is the shorter side of the box in frame pixels. ``sharpness``
    is the variance of the Laplacian of the face resized to 128 px, so it does
    not depend on how big the face is. ``brightness`` is the mean grey level of
    the face, 0–255.
    """

    size_px: int
    sharpness: float
    brightness: float


@dataclass(frozen=True, eq=False)
class Face:
    """One face found in one frame.

    ``landmarks`` is a (68, 2) float32 array in frame pixels, in dlib's iBUG
    order (jaw 0–16, brows 17–26, nose 27–35, eyes 36–47, mouth 48–67).
    """

    box: Box
    landmarks: np.ndarray
    pose: Pose
    quality: Quality


@dataclass(frozen=True, eq=False)
class Frame:
    """One captured frame: ``rgb`` is (H, W, 3) uint8, ``timestamp`` in seconds."""

    index: int
    rgb: np.ndarray
    timestamp: float
