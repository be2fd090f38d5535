"""Driving an engine into a pending check-in, for the tests of what keeps it pending (a lock, a full disk).

``elapsed`` is the one-element list the test's clock reads (seconds into the
video); these helpers move it as the frames go by, as the kiosk's clock would.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from kiosk.engine import Engine, EngineEvent, EventKind, FrameResult
from kiosk.vision.types import Frame


def check_ins(result: FrameResult) -> list[EngineEvent]:
    """The check-ins and check-outs a frame reported."""
    return [event for event in result.events if event.kind in (EventKind.CHECKED_IN, EventKind.CHECKED_OUT)]


def until_saving(
    engine: Engine, frames: Iterable[Frame], elapsed: list[float]
) -> tuple[Frame, list[EngineEvent], float | None]:
    """Play ``frames`` until the engine says "saving" (a decided check-in it could not write).

    Returns the last frame played, the check-ins reported on the way (none
    expected), and the video time in seconds of the "saving" frame (``None`` if
    the subject was never identified and live).
    """
    reported: list[EngineEvent] = []
    frame: Frame | None = None
    for frame in frames:
        elapsed[0] = frame.timestamp
        result = engine.process(frame)
        reported += check_ins(result)
        if result.status is EventKind.SAVING:
            return frame, reported, frame.timestamp
    assert frame is not None, "no frames"
    return frame, reported, None


def walk_away(engine: Engine, last: Frame, steps: int, spacing_s: float, elapsed: list[float]) -> list[EngineEvent]:
    """The person leaves after ``last``: ``steps`` frames without a face, ``spacing_s`` seconds apart."""
    empty = np.zeros_like(last.rgb)
    reported: list[EngineEvent] = []
    for step in range(1, steps + 1):
        elapsed[0] = last.timestamp + step * spacing_s
        reported += check_ins(engine.process(Frame(last.index + step, empty, elapsed[0])))
    return reported
