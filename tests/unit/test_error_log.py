"""The admin's "Recent problems" list: warnings and errors of the kiosk's loggers, newest first, repeats collapsed."""

from __future__ import annotations

import logging

import pytest

from kiosk.logs import attach_recent_errors, detach


@pytest.mark.expected_log("kiosk")
@pytest.mark.expected_log("somebody.else")
def test_recent_problems_keep_details_collapse_repeats_and_ignore_other_loggers() -> None:
    errors = attach_recent_errors()
    try:
        log = logging.getLogger("kiosk.camera")
        log.info("opened camera 0")  # not a problem
        logging.getLogger("somebody.else").error("not ours")
        for _ in range(3):
            log.warning("camera lost: %s", "/dev/video0 busy")
        try:
            raise OSError("disk full")
        except OSError:
            logging.getLogger("kiosk.storage").exception("save failed")
        entries = errors.entries()
        assert [(e.logger, e.level, e.message, e.repeats) for e in entries] == [
            ("kiosk.storage", "ERROR", "save failed: OSError: disk full", 1),
            ("kiosk.camera", "WARNING", "camera lost: /dev/video0 busy", 3),
        ]
        assert entries[1].first_at <= entries[1].last_at
    finally:
        detach(errors)
    logging.getLogger("kiosk.camera").warning("after detaching")
    assert len(errors.entries()) == 2
