"""Capture and vision workers on real video, in real threads."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import numpy as np
import pytest

from kiosk.ui.workers import CaptureWorker, FrameSlot, WorkerThread
from kiosk.vision.types import Frame


def _frame(index: int) -> Frame:
    return Frame(index, np.zeros((4, 4, 3), np.uint8), index / 20)


def test_slot_keeps_only_the_newest_frame() -> None:
    slot = FrameSlot()
    for index in range(5):
        slot.put(_frame(index))
    taken = slot.take(timeout_s=0)
    assert taken is not None and taken.index == 4
    assert slot.dropped == 4
    assert slot.take(timeout_s=0) is None


def test_capture_delivers_real_frames_at_camera_rate(qtbot, faces: Path) -> None:
    video = faces / "video" / "blink-0012.mp4"
    worker = CaptureWorker(video)
    frames: list[Frame] = []
    worker.frame_ready.connect(frames.append)
    with qtbot.waitSignal(worker.camera_opened, timeout=5000) as opened:
        running = WorkerThread.start(worker, "test-capture")
    try:
        assert opened.args == [f"video {video}"]
        qtbot.waitUntil(lambda: len(frames) >= 10, timeout=5000)
    finally:
        assert running.stop()
    assert frames[0].rgb.shape == (480, 640, 3) and frames[0].rgb.dtype == np.uint8
    indices = [frame.index for frame in frames]
    assert indices == list(range(len(frames)))
    assert [frame.timestamp for frame in frames[:3]] == [0.0, 0.05, 0.1]  # 20 fps file time


def test_video_camera_loops_forever_with_increasing_time(qtbot, faces: Path) -> None:
    """A kiosk camera never ends: the file restarts and indices keep counting."""
    worker = CaptureWorker(faces / "video" / "photo-0001_00_01_03.mp4", paced=False)
    frames: list[Frame] = []
    worker.frame_ready.connect(frames.append)
    running = WorkerThread.start(worker, "test-capture-loop")
    try:
        qtbot.waitUntil(lambda: len(frames) >= 200, timeout=20000)
    finally:
        assert running.stop()
    indices = [frame.index for frame in frames]
    assert indices == list(range(len(frames)))  # no restart at 0 after the ~80-frame file ends
    timestamps = [frame.timestamp for frame in frames]
    assert all(later > earlier for earlier, later in pairwise(timestamps))


@pytest.mark.expected_log("kiosk.ui", "camera lost: video not found")
def test_missing_camera_reports_and_keeps_retrying(qtbot, tmp_path: Path) -> None:
    worker = CaptureWorker(tmp_path / "no-such-video.mp4", retry_s=0.05)
    messages: list[str] = []
    worker.camera_lost.connect(messages.append)
    running = WorkerThread.start(worker, "test-capture-missing")
    try:
        qtbot.waitUntil(lambda: len(messages) >= 3, timeout=5000)
    finally:
        assert running.stop()
    assert messages[0] == f"video not found: {tmp_path / 'no-such-video.mp4'}"


def test_vision_worker_runs_in_its_own_thread_not_the_gui_thread(qtbot) -> None:
    """A worker's loop must never execute in the GUI thread: it would freeze the screen.

    (A ``@Slot() run`` on a shared base class once made PySide6 call the
    subclasses' ``run`` in the main thread.) Should that happen again, the
    processor stops the loop at once, so this test fails instead of hanging.
    """
    from contextlib import contextmanager

    from PySide6.QtCore import QThread

    from kiosk.ui.workers import VisionWorker

    class WrongThread(BaseException):
        """Escapes the worker's ``except Exception``, so a loop in the wrong thread ends."""

    opened_in: list[str] = []

    @contextmanager
    def open_processor():
        opened_in.append(QThread.currentThread().objectName())
        if opened_in[-1] != "test-vision-thread":
            raise WrongThread(opened_in[-1])  # end the loop rather than block the GUI thread forever
        yield lambda frame: frame.index

    slot = FrameSlot()
    vision = VisionWorker(open_processor, slot)
    results: list[object] = []
    vision.result_ready.connect(results.append)
    running = WorkerThread.start(vision, "test-vision-thread")
    try:
        qtbot.waitUntil(lambda: bool(opened_in), timeout=5000)
        assert opened_in == ["test-vision-thread"]
        slot.put(_frame(7))
        qtbot.waitUntil(lambda: results == [7], timeout=5000)
    finally:
        assert running.stop()
