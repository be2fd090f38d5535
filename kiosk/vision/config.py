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

    ``still_upsample``: doublings for a second HOG pass over a *still image*
    (an enrollment photo, ``kiosk identify``, ``kiosk evaluate``) in which the
    first pass found no face; no second pass when it is not above
    ``upsample``. Strong side light and small portraits hide faces from the
    first pass: on ``stills/yale`` (320×243) it missed two of the 15 people's
    ``rightlight`` photos, which 2 finds (and which ``kiosk evaluate`` then
    identifies, raising tar from 0.966 to 1.000 with far still 0); 3 costs
    about 16 times the first pass and misses one of the two again. The pass
    costs about four times the first (0.25 s against 0.065 s on a Yale image)
    and runs only where nothing was found, so images with a face give exactly
    the same result as before. The live kiosk never uses it: most camera
    frames have nobody in them, and each would pay the second pass.
    """

    detect_width: int = 320
    upsample: int = 1
    still_upsample: int = 2
