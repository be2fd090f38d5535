"""The whole kiosk on real video: enroll NUAA subject 0012, then let them walk up.

The kiosk runs exactly as in production (capture and vision threads, the real
engine with its own database connection), except that the video camera runs
in lockstep so every frame reaches the engine: a two-frame blink must not
depend on how fast this machine happens to be. The face analyser is the
run's recorded one (see ``tests/recorded.py``): real dlib results, computed
once per frame for the whole test run.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from recorded import RecordedAnalyzer

from kiosk.enrollment.session import save_enrollment, templates_from_images
from kiosk.ui.prompts import Tone

FOREVER = (datetime(2000, 1, 1, tzinfo=UTC), datetime(2100, 1, 1, tzinfo=UTC))


@pytest.fixture
def enrolled_0012(repo, faces: Path, analyzer: RecordedAnalyzer):
    images = sorted((faces / "webcam" / "nuaa" / "live" / "0012").glob("*.jpg"))
    templates = templates_from_images(analyzer, images)
    return save_enrollment(repo, code="0012", name="Wang Wei", templates=templates)


def test_live_subject_checks_in_once_and_is_welcomed(qtbot, make_window, repo, enrolled_0012, faces: Path) -> None:
    window = make_window(faces / "video" / "blink-0012.mp4", paced=False, lockstep=True)
    kiosk = window.kiosk
    qtbot.waitUntil(lambda: kiosk.banner.text().startswith("Welcome"), timeout=120_000)
    events = repo.events.between(*FOREVER)
    assert [(event.employee_id, event.kind, event.source, event.live) for event in events] == [
        (enrolled_0012.id, "in", "face", True)
    ]
    assert kiosk.banner.text() == "Welcome, Wang Wei — checked in 08:57"
    assert kiosk.prompt.tone is Tone.SUCCESS
    assert kiosk.banner.isVisible()
    assert kiosk.video.subject_name == "Wang Wei"


def test_printed_photo_never_checks_in(
    qtbot, make_window, repo, enrolled_0012, faces: Path, analyzer: RecordedAnalyzer
) -> None:
    """Subject 0001 is enrolled too, so only liveness stands between their photo and a check-in."""
    images = sorted((faces / "webcam" / "nuaa" / "live" / "0001").glob("*.jpg"))
    save_enrollment(repo, code="0001", name="Zhao Min", templates=templates_from_images(analyzer, images))
    window = make_window(faces / "video" / "photo-0001_00_01_03.mp4", paced=False, lockstep=True)
    vision = window.vision.worker
    # About 80 frames per pass: two full passes of the attack reach the engine.
    qtbot.waitUntil(lambda: vision.processed >= 170, timeout=180_000)
    assert repo.events.between(*FOREVER) == []
    assert not window.kiosk.banner.text().startswith("Welcome")
