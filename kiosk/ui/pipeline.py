"""The one owner of the camera: a capture thread whose frames are lent to one consumer at a time.

A camera can be opened by one reader only, and reopening it costs a second or
two (and, for a video file, restarts it). So the app has one
:class:`CameraPipeline`: one :class:`~kiosk.ui.workers.CaptureWorker` filling
one :class:`~kiosk.ui.workers.FrameSlot`, from start-up to shutdown. Whoever
uses the frames (the kiosk screen, or the enrollment wizard while it
captures) *borrows* them: the pipeline runs that consumer's processor in a
:class:`~kiosk.ui.workers.VisionWorker` on the same slot, and gives the frames
back to the kiosk screen (the *home* consumer) when the wizard is done.
Lending never touches the capture thread.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot

from kiosk.ops.doctor import Check, CheckResult, CheckState
from kiosk.ui.workers import (
    RETRY_INTERVAL_S,
    CaptureWorker,
    FrameSlot,
    ProcessorOpener,
    VisionWorker,
    WorkerThread,
)

log = logging.getLogger("kiosk.ui")


class _Loan(QObject):
    """One consumer's turn with the frames: relays its vision worker's signals while it lasts.

    The worker's signals are queued to the GUI thread, so some can still be
    waiting there after the worker stopped. A loan that has ended drops them:
    a consumer never gets a result computed for the one before it, nor for its
    own earlier turn (the wizard's "start again" must not see old captures).
    """

    def __init__(self, pipeline: CameraPipeline, consumer: QObject, open_processor: ProcessorOpener, name: str) -> None:
        super().__init__(pipeline)
        self.pipeline = pipeline
        self.consumer = consumer
        self.open_processor = open_processor
        self.name = name
        self.active = True
        self.vision: WorkerThread[VisionWorker] | None = None

    def start(self, slot: FrameSlot, retry_s: float) -> None:
        worker = VisionWorker(self.open_processor, slot, retry_s=retry_s)
        worker.processor_ready.connect(self._on_processor_ready)
        worker.processor_failed.connect(self._on_processor_failed)
        worker.result_ready.connect(self._on_result_ready)
        self.vision = WorkerThread.start(worker, self.name)

    def end(self) -> None:
        """Stop the vision thread (waiting for its current frame) and drop what it still sends."""
        self.active = False
        if self.vision is not None:
            self.vision.stop()
            self.vision = None
        self.deleteLater()

    @Slot()
    def _on_processor_ready(self) -> None:
        if self.active:
            self.pipeline.processor_ready.emit()

    @Slot(str)
    def _on_processor_failed(self, message: str) -> None:
        if self.active:
            self.pipeline.processor_failed.emit(message)

    @Slot(object)
    def _on_result_ready(self, result: object) -> None:
        if self.active:
            self.pipeline.result_ready.emit(result)


class CameraPipeline(QObject):
    """One camera for the whole app, its frames lent to one consumer at a time.

    The pipeline owns the capture thread and the newest-frame slot, and the
    vision thread of whoever holds the frames (:attr:`consumer`). The home
    consumer (:meth:`set_home`, the kiosk screen) holds them whenever nobody
    else does. Every thread is stopped here, and only here
    (:meth:`stop`, :meth:`open_camera`, :meth:`lend`).

    Consumers connect to the signals once and draw only while
    ``pipeline.consumer is self``: results are whatever that consumer's
    processor returns.

    Signals:
        camera_opened(str): the camera (or video) opened; the argument describes it.
        camera_lost(str): the camera failed or is missing; the argument says
            what happened and what to do. Capture keeps retrying.
        frame_ready(Frame): a frame was captured (every frame, for the preview).
        processor_ready(): the current consumer's processor opened in its thread.
        processor_failed(str): it could not open, or failed on a frame; one
            user-facing line. It is opened again after a pause.
        result_ready(object): the current consumer's processor's result for one frame.
    """

    camera_opened = Signal(str)
    camera_lost = Signal(str)
    frame_ready = Signal(object)
    processor_ready = Signal()
    processor_failed = Signal(str)
    result_ready = Signal(object)

    def __init__(
        self,
        source: int | str | Path,
        *,
        paced: bool = True,
        lockstep: bool = False,
        retry_s: float = RETRY_INTERVAL_S,
        parent: QObject | None = None,
    ) -> None:
        """``source`` is a camera index or a video path.

        ``paced=False`` reads a video as fast as it decodes instead of at its
        own fps; ``lockstep=True`` makes capture wait until each frame was
        processed, so every frame of a video is seen: both for reproducible
        tests and screenshots, never for a live camera.
        """
        super().__init__(parent)
        self._source = source
        self.paced = paced
        self.retry_s = retry_s
        self.slot = FrameSlot(lockstep=lockstep)
        self._capture: WorkerThread[CaptureWorker] | None = None
        self._loan: _Loan | None = None
        self._home: tuple[QObject, ProcessorOpener, str] | None = None
        self.camera_problem: str | None = None
        """Why the camera delivers nothing, while it is lost (None once it opens)."""
        self.camera_open: str | None = None
        """What the open camera is ("camera 0"), while capture reads it (None before it opens and while lost)."""

    # ---- state ------------------------------------------------------------
    @property
    def source(self) -> int | str | Path:
        """The camera index or video path read now (or next, before start)."""
        return self._source

    @property
    def capture(self) -> WorkerThread[CaptureWorker] | None:
        """The capture thread; None before :meth:`start` and after :meth:`stop`."""
        return self._capture

    @property
    def vision(self) -> WorkerThread[VisionWorker] | None:
        """The current consumer's vision thread, or None while nobody holds the frames."""
        return self._loan.vision if self._loan is not None else None

    @property
    def consumer(self) -> QObject | None:
        """Who holds the frames now, or None."""
        return self._loan.consumer if self._loan is not None else None

    # ---- start and stop -----------------------------------------------------
    def set_home(self, consumer: QObject, open_processor: ProcessorOpener, name: str) -> None:
        """The consumer that holds the frames whenever nobody borrowed them.

        ``name`` names its vision thread (in logs and thread-leak reports).
        """
        self._home = (consumer, open_processor, name)

    def start(self) -> None:
        """Open the camera if it is not open, and give the frames to the home consumer if nobody has them."""
        if self._capture is None:
            self.open_camera()
        if self._loan is None and self._home is not None:
            self.lend(*self._home)

    def open_camera(self, source: int | str | Path | None = None) -> None:
        """(Re)start capture, from ``source`` when given: a camera index or a video path.

        Whoever holds the frames keeps them; only the capture thread restarts.
        """
        if self._capture is not None:
            self._capture.stop()
            self._capture = None
        if source is not None:
            self._source = source
        worker = CaptureWorker(self._source, self.slot, paced=self.paced, retry_s=self.retry_s)
        worker.camera_opened.connect(self._on_camera_opened)
        worker.camera_lost.connect(self._on_camera_lost)
        worker.frame_ready.connect(self.frame_ready)
        self._capture = WorkerThread.start(worker, "camera-capture")

    def stop(self) -> None:
        """Stop capture, then vision (so no frame is left half-processed); nobody holds the frames after."""
        if self._capture is not None:
            self._capture.stop()
            self._capture = None
        self._end_loan()

    # ---- lending ------------------------------------------------------------
    def lend(self, consumer: QObject, open_processor: ProcessorOpener, name: str) -> None:
        """Give the frames to ``consumer``: its processor runs on them from now on.

        The current holder's vision thread is stopped first (it finishes its
        frame); the camera is opened if it is not, and is never reopened.
        ``name`` names the new vision thread.
        """
        self._end_loan()
        if self._capture is None:
            self.open_camera()
        loan = _Loan(self, consumer, open_processor, name)
        self._loan = loan
        loan.start(self.slot, self.retry_s)

    def release(self, consumer: QObject) -> None:
        """Stop ``consumer``'s processor, if it holds the frames; then nobody holds them.

        Once this returns, no thread touches what that processor used, and
        nothing more it computed arrives. :meth:`give_back` is the usual way
        out; this is for a consumer that changes its state and borrows again.
        """
        if self.consumer is consumer:
            self._end_loan()

    def give_back(self, consumer: QObject) -> None:
        """``consumer`` is done with the frames: they go back to the home consumer.

        Does nothing when ``consumer`` does not hold them (say the pipeline
        stopped meanwhile, because the window is closing).
        """
        if self.consumer is not consumer:
            return
        self._end_loan()
        if self._home is not None and self._capture is not None:
            self.lend(*self._home)

    def request_reload(self, consumer: QObject) -> None:
        """Reopen ``consumer``'s processor before its next frame (new templates or settings).

        A consumer that does not hold the frames now gets a freshly opened
        processor when it holds them again, so nothing is needed then.
        """
        if self._loan is not None and self._loan.consumer is consumer and self._loan.vision is not None:
            self._loan.vision.worker.request_reload()

    def _end_loan(self) -> None:
        if self._loan is not None:
            loan, self._loan = self._loan, None
            loan.end()

    # ---- capture signals ----------------------------------------------------
    @Slot(str)
    def _on_camera_opened(self, description: str) -> None:
        self.camera_problem = None
        self.camera_open = description
        self.camera_opened.emit(description)

    @Slot(str)
    def _on_camera_lost(self, message: str) -> None:
        self.camera_problem = message
        self.camera_open = None
        self.camera_lost.emit(message)

    def check(self) -> CheckResult:
        """The camera for Administration → System check, from the running capture: a camera has
        one reader, and opening it a second time to check it would take it from the kiosk."""
        if self._capture is None:
            return CheckResult(Check.CAMERA, CheckState.SKIPPED, "the kiosk is not reading a camera now")
        if self.camera_problem is not None:
            return CheckResult(Check.CAMERA, CheckState.FAIL, self.camera_problem)
        if self.camera_open is None:
            return CheckResult(Check.CAMERA, CheckState.WARN, f"{self._source}: still opening")
        return CheckResult(Check.CAMERA, CheckState.OK, f"{self.camera_open}: open, the kiosk is reading it")

