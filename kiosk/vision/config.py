"""Detector tuning as plain data, importable without loading dlib."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DetectorConfig:
    """How hard to look for faces.

    ``detect_width``: frames wider than this many pixels are shrunk to it
    before HOG detection. At 320 px a 640×480 webcam frame is halved, so with
    one upsampling HOG's 80 px window still finds faces of 80 px in the full
    frame (someone about 1.5 m from the lens), at a quarter of the cost of the
    full frame. On ``head-turn.mov`` it finds a face in 98.7% of the frames
    where full-resolution HOG does; 400–480 px found fewer (91%), because
    HOG on a shrunk frame happens to tolerate the turned faces better.

    ``upsample``: how many times HOG doubles the (shrunk) image. 1 finds faces
    down to about 40 px in the shrunk image; 0 is four times cheaper but misses
    faces under 80 px.
    """

    detect_width: int = 320
    upsample: int = 1
