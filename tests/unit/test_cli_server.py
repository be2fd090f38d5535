"""The command line against the real PostgreSQL server: enroll, check in from a video, export.

``KIOSK_DB`` holds the URL here, as a company sets it once for a kiosk's account.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kiosk.cli.main import main


def test_enroll_run_video_and_export_through_a_server_url(
    postgres_url: str, faces: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str], recorded_analyzers,
) -> None:  # fmt: skip
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("KIOSK_DB", postgres_url)
    image = str(sorted((faces / "webcam/nuaa/live/0012").glob("*.jpg"))[0])
    assert main(["enroll", "--consent", "--name", "张伟", "--code", "0012", image]) == 0
    assert capsys.readouterr().out == "enrolled 张伟 (0012) with 1 templates\n"
    video = str(faces / "video/blink-0012.mp4")
    assert main(["run-video", video, "--start", "2026-11-23T08:55:00+08:00", "--json"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(e["type"], e["employee_code"], e["live"]) for e in lines] == [("in", "0012", True)]
    out = tmp_path / "events.csv"
    assert main(["export", "--from", "2026-11-23", "--to", "2026-11-23", "--out", str(out)]) == 0
    rows = out.read_text(encoding="utf-8-sig").splitlines()
    assert len(rows) == 2 and "张伟" in rows[1]
