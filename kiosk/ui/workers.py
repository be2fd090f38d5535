"""Capture and vision off the GUI thread.

Two kinds of ``QObject`` worker, each moved to its own ``QThread``:

* :class:`CaptureWorker` reads the camera (or a looping video file paced at
  its own fps) and emits every frame for the preview.
* :class:`VisionWorker` runs a *processor* (any callable from a frame to a
  result: the kiosk's engine, the enrollment wizard's guided capture) on the
  newest frame only. Frames pass from capture to vision through a one-place
  :class:`FrameSlot`: a new frame overwrites an unprocessed one, so
  processing never lags behind the world however slow detection is.

Neither worker builds a ``QImage``: frames cross threads as numpy arrays and
the GUI thread converts (and copies) them. :class:`kiosk.ui.pipeline.CameraPipeline`
owns one capture and lends its frames to one vision worker at a time.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from PySide6.QtCore import QObject, QThread, Signal, Slot

from kiosk.camera import FrameSource
from kiosk.errors import CameraError, KioskError
from kiosk.vision.types import Frame

log = logging.getLogger("kiosk.ui")

RETRY_INTERVAL_S = 3.0
"""Seconds between attempts to reopen a lost camera or a failed processor (3:
quick enough that a re-plugged USB camera comes back before anyone notices,
rare enough not to flood the log)."""

STOP_TIMEOUT_MS = 10_000
"""How long :meth:`WorkerThread.stop` waits for a thread, in milliseconds (10 s:
far above one frame's processing, about 0.1–0.5 s, so only a hung thread
misses it)."""

_POLL_S = 0.02
"""Granularity, in seconds, of interruptible waits (20 ms: well under a frame)."""

Processor = Callable[[Frame], object]
"""Turns one frame into a result for the screen (``Engine.process``,
``GuidedCapture.process``). Called in the vision thread only."""

ProcessorOpener = Callable[[], AbstractContextManager[Processor]]
"""Opens a processor *in the vision thread* and closes it on exit: SQLite
connections and dlib objects belong to the thread that made them."""


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


def interruptible_wait(seconds: float) -> bool:
    """Wait up to ``seconds``; False as soon as the current thread is asked to stop."""
    thread = QThread.currentThread()
    deadline = time.monotonic() + seconds
    while (left := deadline - time.monotonic()) > 0:
        if thread.isInterruptionRequested():
            return False
        time.sleep(min(left, _POLL_S))
    return not thread.isInterruptionRequested()


def _one_line(exc: BaseException) -> str:
    """An exception as one line for the screen: a kiosk error's own message, else its type too."""
    text = str(exc).strip()
    first = text.splitlines()[0] if text else ""
    if isinstance(exc, KioskError):
        return first or type(exc).__name__
    return f"{type(exc).__name__}: {first}" if first else type(exc).__name__


class Worker(QObject):
    """A ``QObject`` whose :meth:`run` loops in its own thread until interrupted.

    Signals:
        finished(): ``run`` returned (after an interruption request).
    """

    finished = Signal()

    # No ``run`` slot here on purpose: with a ``@Slot() run`` on this base
    # class, PySide6 6.11 ran a subclass's overriding ``run`` in the *main*
    # thread when ``thread.started`` fired, and the capture loop froze the
    # GUI. Each subclass declares its own ``@Slot() run``;
    # tests/gui/test_workers.py checks which thread it runs in.
    run: Callable[[], None]


class CaptureWorker(Worker):
    """Reads frames from a camera index or a video file, forever.

    A video file stands in for a camera, and a kiosk camera never ends: the
    file loops, paced at its own fps, with frame indices and timestamps that
    keep increasing across loops. A camera that cannot open or stops sending
    reports :attr:`camera_lost` and is retried every ``retry_s`` seconds.

    Signals:
        camera_opened(str): the source opened; the argument describes it.
        camera_lost(str): the source failed; the argument says what happened
            and what to do. Retrying continues.
        frame_ready(Frame): a :class:`kiosk.camera.Frame` was captured.
        finished(): ``run`` returned (after an interruption request).
    """

    camera_opened = Signal(str)
    camera_lost = Signal(str)
    frame_ready = Signal(object)

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
        self._lost_at: float | None = None
        """When the camera was lost (monotonic seconds), until it opens again."""
        self._failures = 0

    @Slot()
    def run(self) -> None:
        thread = QThread.currentThread()
        try:
            while not thread.isInterruptionRequested():
                try:
                    self._stream(thread)
                except CameraError as exc:
                    log.warning("camera lost: %s", exc)
                    if self._lost_at is None:
                        self._lost_at = time.monotonic()
                    self._failures += 1
                    self.camera_lost.emit(str(exc))
                    interruptible_wait(self.retry_s)
        finally:
            self.finished.emit()

    def _stream(self, thread: QThread) -> None:
        source = FrameSource(self.source)
        source.open()
        try:
            if self._lost_at is not None:
                # In the log too, so whoever reads "camera lost" there also sees when it ended.
                log.warning("camera back: %s opened again after %.0f s and %d failed attempt(s)",
                            source.describe(), time.monotonic() - self._lost_at, self._failures)
                self._lost_at, self._failures = None, 0
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
                    if self.paced and not interruptible_wait(started + emitted * period - time.monotonic()):
                        return
                emitted += 1
                self.frame_ready.emit(frame)
                if self.slot is not None:
                    self.slot.put(frame, thread.isInterruptionRequested)
        finally:
            source.close()


class VisionWorker(Worker):
    """Runs a processor on the newest frame from a :class:`FrameSlot`.

    The one worker for every kind of frame processing (as superqt's
    ``GeneratorWorker`` is for every generator): the kiosk hands it the engine,
    the enrollment wizard its guided capture. The processor is opened inside
    this thread (see :data:`ProcessorOpener`) and reopened after
    :meth:`request_reload`, e.g. when an admin enrolled someone. When it fails
    to open or to process a frame, the worker reports one line, waits
    ``retry_s`` seconds and opens it again.

    Signals:
        processor_ready(): the processor is open and processing.
        processor_failed(str): the processor could not open or process a
            frame; a one-line, user-facing message. Retrying continues.
        result_ready(object): the processor's result for one frame.
        finished(): ``run`` returned.
    """

    processor_ready = Signal()
    processor_failed = Signal(str)
    result_ready = Signal(object)

    def __init__(self, open_processor: ProcessorOpener, slot: FrameSlot, *, retry_s: float = RETRY_INTERVAL_S) -> None:
        super().__init__()
        self._open_processor = open_processor
        self.slot = slot
        self.retry_s = retry_s
        self._reload = threading.Event()
        self.processed = 0
        """Frames processed so far (read from any thread; it only grows)."""

    def request_reload(self) -> None:
        """Reopen the processor before the next frame (thread-safe)."""
        self._reload.set()

    @Slot()
    def run(self) -> None:
        thread = QThread.currentThread()
        try:
            while not thread.isInterruptionRequested():
                self._reload.clear()
                try:
                    with self._open_processor() as process:
                        self.processor_ready.emit()
                        self._loop(process, thread)
                except KioskError as exc:
                    log.error("%s failed: %s", thread.objectName(), exc)
                    self.processor_failed.emit(_one_line(exc))
                    interruptible_wait(self.retry_s)
                except Exception as exc:  # a bug must not kill the kiosk silently
                    log.exception("%s crashed", thread.objectName())
                    self.processor_failed.emit(_one_line(exc))
                    interruptible_wait(self.retry_s)
        finally:
            self.finished.emit()

    def _loop(self, process: Processor, thread: QThread) -> None:
        while not thread.isInterruptionRequested() and not self._reload.is_set():
            frame = self.slot.take()
            if frame is None:
                continue
            result = process(frame)
            self.processed += 1
            self.result_ready.emit(result)


WorkerT = TypeVar("WorkerT", bound=Worker)


@dataclass
class WorkerThread(Generic[WorkerT]):
    """A worker and the thread it lives in, wired the superqt way."""

    worker: WorkerT
    thread: QThread

    @classmethod
    def start(cls, worker: WorkerT, name: str) -> WorkerThread[WorkerT]:
        """Move ``worker`` to a new thread called ``name`` and start it.

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

    def stop(self, timeout_ms: int = STOP_TIMEOUT_MS) -> bool:
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
