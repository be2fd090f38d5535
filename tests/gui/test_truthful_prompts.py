"""The kiosk says what is actually missing, on real video through the running app.

A recognised face that does not blink in time is asked to blink (its name is on
the face box, so "not recognised" would be a lie), and with nobody enrolled a
face is told to fetch an admin, without a PIN fallback nobody could use.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from recorded import RecordedAnalyzer

from kiosk.enrollment.session import save_enrollment, templates_from_images
from kiosk.settings.specs import Settings
from kiosk.ui.prompts import PromptKind, Tone

FOREVER = (datetime(2000, 1, 1, tzinfo=UTC), datetime(2100, 1, 1, tzinfo=UTC))


@pytest.fixture
def settings() -> Settings:
    # One second for the blink, and the PIN offered from the first failure, so both show within one pass.
    return Settings(liveness_timeout_s=1, failed_attempts_before_pin=1)


def test_a_recognised_photo_is_asked_to_blink_not_called_a_stranger(
    qtbot, make_window, repo, faces: Path, analyzer: RecordedAnalyzer
) -> None:
    images = sorted((faces / "webcam" / "nuaa" / "live" / "0001").glob("*.jpg"))[:5]
    save_enrollment(repo, code="0001", name="Zhao Min", templates=templates_from_images(analyzer, images))
    window = make_window(faces / "video" / "photo-0001_00_01_03.mp4", paced=False, lockstep=True)
    kiosk = window.kiosk
    qtbot.waitUntil(lambda: kiosk.prompt is not None and kiosk.prompt.kind is PromptKind.BLINK_NOT_SEEN,
                    timeout=120_000)
    assert kiosk.banner.text() == "Blink not seen — please blink again"
    assert kiosk.prompt.tone is Tone.FAILURE
    assert kiosk.video.subject_name == "Zhao Min"
    assert not kiosk.pin_button.isHidden()  # failing the blink still counts toward the PIN fallback
    assert repo.events.between(*FOREVER) == []


def test_with_nobody_enrolled_a_face_is_sent_to_an_admin_without_a_pin_offer(
    qtbot, make_window, repo, faces: Path
) -> None:
    window = make_window(faces / "video" / "blink-0012.mp4", paced=False, lockstep=True)
    kiosk = window.kiosk
    vision = window.vision.worker
    qtbot.waitUntil(lambda: kiosk.prompt is not None and kiosk.prompt.kind is PromptKind.NO_STAFF_ENROLLED,
                    timeout=120_000)
    assert kiosk.banner.text() == "No staff enrolled yet — ask an admin to enroll staff"
    seen = vision.processed
    qtbot.waitUntil(lambda: vision.processed >= seen + 60, timeout=120_000)  # 3 s of video, past any failure count
    assert kiosk.prompt.kind is PromptKind.NO_STAFF_ENROLLED
    assert kiosk.pin_button.isHidden()
    assert repo.events.between(*FOREVER) == []
