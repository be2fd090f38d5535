"""Capture and vision off the GUI thread.

Two ``QObject`` workers, each moved to its own ``QThread``:

* :class:`CaptureWorker` reads the camera (or a looping video file paced at
  its own fps) and emits every frame for the preview.
* :class:`VisionWorker` runs the engine on the *newest* frame only. Frames
  pass from capture to vision through a one-place :class:`FrameSlot`: a new
  frame overwrites an unprocessed one, so recognition never lags behind the
  world however slow detection is.

Neither worker builds a ``QImage``: frames cross threads as numpy arrays and
the GUI thread converts (and copies) them.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QObject, QThread, Signal, Slot

from kiosk.camera import Frame, FrameSource
from kiosk.errors import CameraError, KioskError

log = logging.getLogger("kiosk.ui")

RETRY_INTERVAL_S = 3.0
"""Seconds between attempts to reopen a lost camera (3: quick enough that a
re-plugged USB camera comes back before anyone notices, rare enough not to
flood the log)."""

_POLL_S = 0.02
"""Granularity, in seconds, of interruptible waits (20 ms: well under a frame)."""


class EngineLike(Protocol):
    """What the vision worker needs from :class:`kiosk.engine.Engine`."""

    def process(self, frame: Frame) -> Any: ...


EngineOpener = Callable[[], AbstractContextManager[EngineLike]]
"""Opens an engine *in the vision thread* (its database connection belongs to
that thread) and closes it on exit."""


class FrameSlot:
    """Hands the newest frame from capture to vision; stale frames are dropped.

    With ``lockstep=True`` the producer instead waits until the previous frame
    was taken. That is for replaying a video file frame by frame (tests,
    benchmarks), never for a live camera.
    """

    def __init__(self, lockstep: bool = False) -> None:
        self.lockstep = lockstep
        self._frame: Frame | None = None
        self._cond = threading.Condition()
        self.dropped = 0

    def put(self, frame: Frame, should_stop: Callable[[], bool] = lambda: False) -> None:
        with self._cond:
            if self.lockstep:
                while self._frame is not None and not should_stop():
                    self._cond.wait(_POLL_S)
            elif self._frame is not None:
                self.dropped += 1
            self._frame = frame
            self._cond.notify_all()

    def take(self, timeout_s: float = 0.1) -> Frame | None:
        """The newest frame, or None if none arrived within ``timeout_s``."""
        with self._cond:
            if self._frame is None:
                self._cond.wait(timeout_s)
            frame, self._frame = self._frame, None
            self._cond.notify_all()
            return frame


def _interruptible_wait(seconds: float) -> bool:
    """Wait up to ``seconds``; False as soon as the current thread is asked to stop."""
    thread = QThread.currentThread()
    deadline = time.monotonic() + seconds
    while (left := deadline - time.monotonic()) > 0:
        if thread.isInterruptionRequested():
            return False
        time.sleep(min(left, _POLL_S))
    return not thread.isInterruptionRequested()


class CaptureWorker(QObject):
    """Reads frames from a camera index or a video file, forever.

    A video file stands in for a camera, and a kiosk camera never ends: the
    file loops, paced at its own fps, with frame indices and timestamps that
    keep increasing across loops. A camera that cannot open or stops sending
    reports :attr:`camera_lost` and is retried every ``retry_s`` seconds.

    Signals:
        camera_opened(str): the source opened; the argument describes it.
        camera_lost(str): the source failed; the argument says what happened
            and what to do. Retrying continues.
        frame_ready(object): a :class:`kiosk.camera.Frame` was captured.
        finished(): ``run`` returned (after an interruption request).
    """

    camera_opened = Signal(str)
    camera_lost = Signal(str)
    frame_ready = Signal(object)
    finished = Signal()

    def __init__(
        self,
        source: int | str | Path,
        slot: FrameSlot | None = None,
        *,
        retry_s: float = RETRY_INTERVAL_S,
        paced: bool = True,
    ) -> None:
        super().__init__()
        self.source = source
        self.slot = slot
        self.retry_s = retry_s
        self.paced = paced

    @Slot()
    def run(self) -> None:
        thread = QThread.currentThread()
        try:
            while not thread.isInterruptionRequested():
                try:
                    self._stream(thread)
                except CameraError as exc:
                    log.warning("camera lost: %s", exc)
                    self.camera_lost.emit(str(exc))
                    _interruptible_wait(self.retry_s)
        finally:
            self.finished.emit()

    def _stream(self, thread: QThread) -> None:
        source = FrameSource(self.source)
        source.open()
        try:
            self.camera_opened.emit(source.describe())
            period = 1.0 / source.fps
            loop_base = 0  # absolute index of the current pass's first frame
            absolute = -1
            started = time.monotonic()
            emitted = 0
            while not thread.isInterruptionRequested():
                frame = source.read()
                if frame is None:  # end of a video file: loop it
                    loop_base = absolute + 1
                    source.close()
                    source.open()
                    continue
                if source.is_file:
                    absolute = loop_base + frame.index
                    frame = Frame(absolute, frame.rgb, absolute * period)
                    if self.paced and not _interruptible_wait(started + emitted * period - time.monotonic()):
                        return
                emitted += 1
                self.frame_ready.emit(frame)
                if self.slot is not None:
                    self.slot.put(frame, thread.isInterruptionRequested)
        finally:
            source.close()


class VisionWorker(QObject):
    """Runs the engine on the newest frame from a :class:`FrameSlot`.

    The engine is opened inside this thread (see :data:`EngineOpener`) and
    reopened after :meth:`request_reload`, e.g. when an admin enrolled someone.

    Signals:
        engine_ready(): the engine is loaded and processing.
        engine_failed(str): the engine could not load or process; the argument
            is a user-facing message. The worker retries after a pause.
        result_ready(object): a ``kiosk.engine.FrameResult`` for one frame.
        finished(): ``run`` returned.
    """

    engine_ready = Signal()
    engine_failed = Signal(str)
    result_ready = Signal(object)
    finished = Signal()

    def __init__(self, open_engine: EngineOpener, slot: FrameSlot, *, retry_s: float = RETRY_INTERVAL_S) -> None:
        super().__init__()
        self._open_engine = open_engine
        self.slot = slot
        self.retry_s = retry_s
        self._reload = threading.Event()
        self.processed = 0

    def request_reload(self) -> None:
        """Reopen the engine before the next frame (thread-safe)."""
        self._reload.set()

    @Slot()
    def run(self) -> None:
        thread = QThread.currentThread()
        try:
            while not thread.isInterruptionRequested():
                self._reload.clear()
                try:
                    with self._open_engine() as engine:
                        self.engine_ready.emit()
                        self._loop(engine, thread)
                except KioskError as exc:
                    log.error("engine failed: %s", exc)
                    self.engine_failed.emit(str(exc))
                    _interruptible_wait(self.retry_s)
                except Exception as exc:  # a bug must not kill the kiosk silently
                    log.exception("engine crashed")
                    self.engine_failed.emit(f"{type(exc).__name__}: {exc}")
                    _interruptible_wait(self.retry_s)
        finally:
            self.finished.emit()

    def _loop(self, engine: EngineLike, thread: QThread) -> None:
        while not thread.isInterruptionRequested() and not self._reload.is_set():
            frame = self.slot.take()
            if frame is None:
                continue
            result = engine.process(frame)
            self.processed += 1
            self.result_ready.emit(result)


@dataclass
class WorkerThread:
    """A worker and the thread it lives in, wired the superqt way."""

    worker: QObject
    thread: QThread

    @classmethod
    def start(cls, worker: QObject, name: str) -> WorkerThread:
        """Move ``worker`` to a new thread and start it.

        ``thread.started → worker.run``; ``worker.finished → thread.quit``;
        both are deleted later once the thread has finished.
        """
        thread = QThread()
        thread.setObjectName(name)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.finished.connect(thread.quit)
        worker.finished.connect(worker.deleteLater)
        thread.finished.connect(thread.deleteLater)
        thread.start()
        return cls(worker, thread)

    def stop(self, timeout_ms: int = 10_000) -> bool:
        """Ask the worker to stop and wait for it: ``requestInterruption``, ``quit``, ``wait``.

        Never ``terminate()``: a thread killed mid-write can corrupt the
        database or leave the camera locked. Returns True once the thread ended.
        """
        try:
            if not self.thread.isRunning():
                return True
            self.thread.requestInterruption()
            self.thread.quit()
            stopped = self.thread.wait(timeout_ms)
        except RuntimeError:  # the C++ thread is already deleted: it has ended
            return True
        if not stopped:
            log.error("thread %s did not stop within %d ms", self.thread.objectName(), timeout_ms)
        return stopped
