"""``kiosk bench VIDEO --live --db DB``: the real kiosk app, timed with a video as its camera.

Everything is the app as it runs at a door: the main window built by
:func:`kiosk.ui.app.create_app` (offscreen), its capture thread reading the
video paced at the video's own frame rate, the newest-frame slot, the vision
thread running the engine with its encoder process, and the preview drawn on
the GUI thread. Only the measuring is added: counters on the signals the
screens already receive, and a paint counter on the preview.

The database is copied first (SQLite's backup API) and the app runs on the
copy, so the benchmark never writes a check-in into the real log. The models
and the encoder process are loaded before the video starts: a kiosk camera runs
all day, and the person does not step in during the second the app starts.
One pass of the video is timed; ``at_s`` of an event is the video time of the
frame it was decided on (seconds from the first frame), ``wall_s`` the wall
time from the first frame's arrival to the result's arrival on the GUI thread.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before Qt loads: no window on screen

import sqlite3
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np
from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtWidgets import QApplication

from kiosk.camera import FrameSource
from kiosk.engine import EventKind, FrameResult
from kiosk.errors import InputError
from kiosk.paths import settings_path_for
from kiosk.settings.files import load_settings
from kiosk.settings.specs import Settings
from kiosk.storage.repository import Repository
from kiosk.ui.app import create_app, engine_opener, local_now
from kiosk.ui.workers import Processor
from kiosk.vision.encoder import ProcessEncoder
from kiosk.vision.models import load_models
from kiosk.vision.types import Frame

_EVENT_TYPES = {EventKind.CHECKED_IN: "in", EventKind.CHECKED_OUT: "out", EventKind.COOLDOWN: "cooldown"}

DRAIN_S = 1.0
"""After the last frame, how long (wall seconds) the vision thread may take to finish the frames it holds."""


@dataclass
class LiveBenchReport:
    """What the live kiosk did with one pass of the video. Rates are per wall second of the pass."""

    video: str
    frames_in_video: int
    video_fps: float
    camera_fps: float
    analysed_fps: float
    preview_fps: float
    camera_frames: int
    analysed_frames: int
    preview_frames: int
    dropped_frames: int
    analysed_ratio: float
    dropped_at: list[int] = field(default_factory=list)
    """Frame numbers the vision thread never saw (the newest frame won)."""
    vision_ms_median: float = 0.0
    vision_ms_p95: float = 0.0
    events: list[dict[str, object]] = field(default_factory=list)
    cpu_count: int = 0

    def to_json(self) -> dict[str, object]:
        return asdict(self)


class _PaintCounter(QObject):
    """Counts the camera frames the preview actually painted (a frame painted twice counts once)."""

    def __init__(self, view: QObject, shown: Callable[[], int]) -> None:
        super().__init__(view)
        self._shown = shown
        self._last = -1
        self.painted = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            shown = self._shown()
            if shown != self._last:
                self._last = shown
                self.painted += 1
        return False


def _copy_database(source: Path, target: Path) -> None:
    if not source.is_file():
        raise InputError(f"database not found: {source}")
    with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    target.chmod(0o600)


def _video_facts(video: Path) -> tuple[int, float]:
    with FrameSource(video) as source:
        frames = sum(1 for _ in source.frames())
        return frames, source.fps


def run_live_bench(video: Path, db: Path) -> LiveBenchReport:
    """Run the kiosk app over one pass of ``video`` as its camera, against a copy of ``db``."""
    if not db.is_file():
        raise InputError(f"database not found: {db}")
    total, fps = _video_facts(video)
    settings = load_settings(settings_path_for(db))
    load_models()  # cached for the vision thread's analyser
    app = QApplication.instance() or QApplication(["kiosk-bench"])
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-live-") as tmp, ProcessEncoder.start() as encoder:
        os.chmod(tmp, 0o700)
        copy = Path(tmp) / "bench.sqlite"
        _copy_database(db, copy)
        repo = Repository(copy)
        try:
            return _run(app, video, total, fps, settings, repo, copy, encoder)
        finally:
            repo.close()


def _run(
    app: QCoreApplication,
    video: Path,
    total: int,
    fps: float,
    settings: Settings,
    repo: Repository,
    copy: Path,
    encoder: ProcessEncoder,
) -> LiveBenchReport:
    arrivals: dict[int, float] = {}
    analysed: set[int] = set()
    events: list[dict[str, object]] = []
    first_at: list[float] = []

    engine_open = engine_opener(copy, lambda: settings, local_now, encoder=encoder)
    process_s: list[float] = []

    @contextmanager
    def opener() -> Iterator[Processor]:
        with engine_open() as process:

            def timed(frame: Frame) -> object:
                started = time.perf_counter()
                try:
                    return process(frame)
                finally:
                    process_s.append(time.perf_counter() - started)

            yield timed
    window = create_app(settings, repo, copy, video, local_now, "en", False, open_engine=opener, paced=True)
    pipeline = window.pipeline

    def on_frame(frame: Frame) -> None:
        if frame.index < total and frame.index not in arrivals:
            now = time.perf_counter()
            if not first_at:
                first_at.append(now)
            arrivals[frame.index] = now

    def on_result(result: object) -> None:
        if not isinstance(result, FrameResult) or result.frame_index >= total:
            return
        analysed.add(result.frame_index)
        for event in result.events:
            kind = _EVENT_TYPES.get(event.kind)
            if kind is None or event.employee is None:
                continue
            events.append({
                "type": kind,
                "employee_code": event.employee.code,
                "at_s": round(event.timestamp, 3),
                "frame": event.frame_index,
                "wall_s": round(time.perf_counter() - first_at[0], 3) if first_at else None,
            })

    pipeline.frame_ready.connect(on_frame)
    pipeline.result_ready.connect(on_result)
    counter = _PaintCounter(window.kiosk.video, lambda: window.kiosk.video.frames_shown)
    window.kiosk.video.installEventFilter(counter)
    try:
        if window.needs_setup:  # a database without an admin PIN: the bench needs no admin
            window.show_kiosk()
            window.start_workers()
        deadline = time.perf_counter() + total / fps * 3 + 60.0
        while time.perf_counter() < deadline and (total - 1) not in arrivals:
            app.processEvents()
            time.sleep(0.002)
        last_frame_at = time.perf_counter()
        preview_frames = counter.painted
        while time.perf_counter() < last_frame_at + DRAIN_S and (total - 1) not in analysed:
            app.processEvents()
            time.sleep(0.002)
    finally:
        window.shutdown()
        window.close()
        app.processEvents()
    span = max(1e-6, max(arrivals.values()) - min(arrivals.values())) if arrivals else 1e-6
    camera_frames = len(arrivals)
    seen = len(analysed & set(arrivals))
    rate = (camera_frames - 1) / span if camera_frames > 1 else 0.0
    return LiveBenchReport(
        video=video.name,
        frames_in_video=total,
        video_fps=round(fps, 2),
        camera_fps=round(rate, 2),
        analysed_fps=round(rate * seen / camera_frames, 2) if camera_frames else 0.0,
        preview_fps=round(rate * preview_frames / camera_frames, 2) if camera_frames else 0.0,
        camera_frames=camera_frames,
        analysed_frames=seen,
        preview_frames=preview_frames,
        dropped_frames=camera_frames - seen,
        dropped_at=sorted(set(arrivals) - analysed),
        analysed_ratio=round(seen / camera_frames, 4) if camera_frames else 0.0,
        vision_ms_median=round(float(np.median(process_s)) * 1000.0, 1) if process_s else 0.0,
        vision_ms_p95=round(float(np.percentile(process_s, 95)) * 1000.0, 1) if process_s else 0.0,
        events=events,
        cpu_count=os.cpu_count() or 0,
    )
