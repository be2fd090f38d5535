"""Frame sources: a webcam by index, or a video file standing in for one.

Both yield :class:`Frame` objects with contiguous RGB pixels and a timestamp in
seconds. For a webcam the timestamp comes from the injected clock; for a video
file it is the frame's position in the file (frame index / fps), so a video
replays exactly as the camera would have seen it, however fast we process it.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import cv2

from kiosk.errors import CameraError
from kiosk.vision.image import bgr_to_rgb
from kiosk.vision.types import Frame

log = logging.getLogger("kiosk.camera")


def parse_source(text: str | int) -> int | Path:
    """``"0"`` → camera index 0; anything else → a video file path."""
    if isinstance(text, int):
        return text
    stripped = text.strip()
    if stripped.isdigit():
        return int(stripped)
    return Path(stripped)


class FrameSource:
    """Reads frames from a camera index or a video file.

    Open it with :meth:`open` (or as a context manager); :meth:`read` returns
    the next frame or ``None`` at the end of a video. A camera that stops
    delivering raises :class:`CameraError` so the caller can reconnect.
    """

    def __init__(self, source: int | str | Path, clock: Callable[[], float] = time.monotonic) -> None:
        self.source = parse_source(source) if isinstance(source, str) else source
        self._clock = clock
        self._capture: cv2.VideoCapture | None = None
        self._index = 0
        self.fps: float = 0.0

    @property
    def is_file(self) -> bool:
        return isinstance(self.source, Path)

    def describe(self) -> str:
        return f"video {self.source}" if self.is_file else f"camera {self.source}"

    def open(self) -> FrameSource:
        if isinstance(self.source, Path):
            if not self.source.is_file():
                raise CameraError(f"video not found: {self.source}")
            capture = cv2.VideoCapture(str(self.source))
        else:
            capture = cv2.VideoCapture(self.source)
        if not capture.isOpened():
            capture.release()
            if self.is_file:
                raise CameraError(f"not a readable video: {self.source}")
            raise CameraError(f"no camera found at index {self.source}; check the cable or pick another camera")
        self._capture = capture
        self._index = 0
        self.fps = float(capture.get(cv2.CAP_PROP_FPS) or 0.0)
        if not (0.0 < self.fps < 1000.0):
            self.fps = 30.0
        log.info("opened %s (%.1f fps)", self.describe(), self.fps)
        return self

    def read(self) -> Frame | None:
        """The next frame, or ``None`` when a video file has ended."""
        if self._capture is None:
            raise CameraError(f"{self.describe()} is not open")
        ok, bgr = self._capture.read()
        if not ok or bgr is None:
            if self.is_file:
                if self._index == 0:
                    raise CameraError(f"not a readable video: {self.source}")
                return None
            raise CameraError(f"{self.describe()} stopped sending frames")
        timestamp = self._index / self.fps if self.is_file else self._clock()
        frame = Frame(index=self._index, rgb=bgr_to_rgb(bgr), timestamp=timestamp)
        self._index += 1
        return frame

    def frames(self) -> Iterator[Frame]:
        """Every remaining frame (until a video ends or a camera fails)."""
        while (frame := self.read()) is not None:
            yield frame

    def close(self) -> None:
        if self._capture is not None:
            self._capture.release()
            self._capture = None

    def __enter__(self) -> FrameSource:
        return self.open()

    def __exit__(self, *exc_info: object) -> None:
        self.close()
