"""Render the kiosk screen to PNG, for the README and for looking at it.

Runs the real app (database in a temporary folder, a video file as the camera,
a fixed clock) offscreen, waits until a real frame and engine result are
shown, and saves ``widget.grab()``::

    QT_QPA_PLATFORM=offscreen uv run python -m kiosk.ui.tools.screenshot \\
        ../shared/faces/video/blink-0012.mp4 docs/kiosk-1024x600-en.png --language en --size 1024x600 \\
        --enroll ../shared/faces/webcam/nuaa/live/0012

With ``--enroll`` the video runs in lockstep and the shot is taken at the
check-in; without it, after ``--frames`` engine results.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

import kiosk
from kiosk.security.pins import PinStore


def window_size(text: str) -> tuple[int, int]:
    """``--size WxH`` for the screenshot tools: (width, height) in pixels, or a one-line argparse error."""
    width, _, height = text.lower().partition("x")
    if not (width.isdigit() and height.isdigit() and int(width) > 0 and int(height) > 0):
        raise argparse.ArgumentTypeError(f"expected WIDTHxHEIGHT in pixels, such as 1024x600, not {text!r}")
    return int(width), int(height)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("video", type=Path, help="video file used as the camera")
    parser.add_argument("output", type=Path, help="PNG to write")
    parser.add_argument("--language", default="en", choices=("en", "zh_CN"))
    parser.add_argument("--frames", type=int, default=40, help="engine results to wait for before the shot")
    parser.add_argument("--enroll", type=Path, help="folder of photos to enroll first, so the shot shows a check-in")
    parser.add_argument("--name", default="Wang Wei", help="name for --enroll")
    parser.add_argument("--size", type=window_size, default="1280x800", help="window size in pixels, WxH")
    parser.add_argument("--challenge", action="store_true",
                        help="with --enroll: turn the head-movement challenge on and shoot its first prompt")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from kiosk.settings.specs import Settings
    from kiosk.storage.repository import Repository
    from kiosk.ui.app import create_app
    from kiosk.ui.prompts import PromptKind, Tone

    app = QApplication.instance() or QApplication([])
    clock_time = datetime(2024, 5, 6, 8, 57, tzinfo=timezone(timedelta(hours=8)))
    # A demo day before this version's release: judged against the real release day, the clock would
    # put the admins' "clock looks wrong" line (kiosk.attendance.clock_check) on every picture.
    kiosk.RELEASE_DATE = clock_time.date()
    with tempfile.TemporaryDirectory() as folder:
        db_path = Path(folder) / "kiosk.db"
        repo = Repository(db_path)
        repo.settings.set("admin_pin_hash", PinStore(repo).hash("000000"))
        if args.enroll is not None:
            from kiosk.enrollment.session import save_enrollment, templates_from_images
            from kiosk.vision.detect import DetectorConfig, FaceAnalyzer

            images = sorted(args.enroll.glob("*.jpg"))
            templates = templates_from_images(FaceAnalyzer(DetectorConfig()), images)
            save_enrollment(repo, code=args.enroll.name, name=args.name, templates=templates)
        window = create_app(
            Settings(liveness_challenge="after_blink" if args.challenge else "off"),
            repo, db_path, args.video, lambda: clock_time, args.language, False,
            paced=args.enroll is None, lockstep=args.enroll is not None,
        )
        width, height = args.size
        window.resize(width, height)
        results = 0

        def _on_result_ready(_result: object) -> None:
            nonlocal results
            results += 1
            checked_in = window.kiosk.prompt is not None and window.kiosk.prompt.tone is Tone.SUCCESS
            if args.challenge:
                checked_in = window.kiosk.prompt is not None and window.kiosk.prompt.kind is PromptKind.CHALLENGE
            if checked_in or (args.enroll is None and results >= args.frames):
                loop.quit()

        loop = QEventLoop()
        window.pipeline.result_ready.connect(_on_result_ready)
        QTimer.singleShot(120_000, loop.quit)
        loop.exec()
        app.processEvents()
        args.output.parent.mkdir(parents=True, exist_ok=True)
        saved = window.grab().save(str(args.output))
        window.shutdown()
        window.close()
        repo.close()
    return 0 if saved else 1


if __name__ == "__main__":
    raise SystemExit(main())
