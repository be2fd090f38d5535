"""``kiosk bench --live``: the real app with a video as its camera, over a copy of an enrolled database.

No speed is asserted (that is the benchmark's job, not a test's): only that one
pass of the video is counted, that every count adds up, that what it reports is
about the enrolled person, and that the real database is never written.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from clocks import CHINA

from kiosk.cli.main import main
from kiosk.enrollment.session import save_enrollment, templates_from_images
from kiosk.storage.repository import Repository
from kiosk.ui.tools.bench_live import run_live_bench


def test_one_pass_of_the_video_counted_on_a_copy_of_the_database(
    qapp, tmp_path, faces, analyzer, recorded_analyzers
) -> None:
    db = tmp_path / "enrolled.sqlite"
    images = sorted((faces / "webcam/nuaa/live/0001").glob("*.jpg"))
    with Repository(db) as repo:
        save_enrollment(repo, code="0001", name="0001", templates=templates_from_images(analyzer, images[:5]))
    video = faces / "video" / "live-0001_00_00_01.mp4"

    report = run_live_bench(video, db)

    assert report.frames_in_video == 125 and report.video_fps == 20.0
    assert report.camera_frames == 125  # exactly one pass, every frame delivered
    assert 0 < report.analysed_frames <= report.camera_frames
    assert report.dropped_frames == report.camera_frames - report.analysed_frames
    assert 0 < report.preview_frames <= report.camera_frames
    assert report.cpu_count >= 1
    attendance = [e for e in report.events if e["type"] in ("in", "out")]
    assert len(attendance) <= 1
    assert all(e["employee_code"] == "0001" and 0 <= e["at_s"] < 125 / 20 for e in report.events)
    payload = report.to_json()
    assert {"camera_fps", "analysed_fps", "preview_fps", "dropped_frames", "events", "cpu_count"} <= payload.keys()
    json.dumps(payload)  # plain data
    with Repository(db) as repo:  # the benchmark wrote into its copy only
        start = datetime(2000, 1, 1, tzinfo=CHINA)
        assert repo.events.between(start, start + timedelta(days=365 * 100)) == []


def test_live_bench_needs_a_database(tmp_path, faces, capsys) -> None:
    assert main(["bench", str(faces / "video" / "live-0001_00_00_01.mp4"), "--live"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("kiosk: error: bench --live needs --db") and err.count("\n") == 1
    assert main(["bench", str(faces / "video" / "live-0001_00_00_01.mp4"), "--live", "--db",
                 str(tmp_path / "missing.sqlite")]) == 2
    assert "database not found" in capsys.readouterr().err
    assert not (tmp_path / "missing.sqlite").exists()
