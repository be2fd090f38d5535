"""The real kiosk app over every shared video, with the person in it enrolled: a table for the README.

    uv run python benchmarks/live_kiosk.py ../shared/faces

For each video in ``FACES/video``: enroll the person it shows from
``FACES/webcam/nuaa/live/<id>`` where that folder exists (the id is the
four digits in the file name; ``head-turn.mov`` shows nobody enrolled), then

1. ``kiosk run-video`` on a copy of that database: the frame where the engine,
   fed every frame in order, records the first check-in;
2. ``kiosk bench VIDEO --live --db DB --json``: the real app, offscreen, with
   the video as a camera at its own fps (see ``kiosk/ui/tools/bench_live.py``).

Each command runs in its own process, as an admin would run it. Other load on
the machine lowers the absolute rates; ``analysed`` is the fraction of camera
frames the vision thread fully analysed.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import cv2

KIOSK = [sys.executable, "-m", "kiosk"]


def _kiosk(*args: str) -> str:
    done = subprocess.run([*KIOSK, *args], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"kiosk {' '.join(args)} failed: {done.stderr.strip()}")
    return done.stdout


def _size(video: Path) -> str:
    capture = cv2.VideoCapture(str(video))
    try:
        return f"{int(capture.get(cv2.CAP_PROP_FRAME_WIDTH))}×{int(capture.get(cv2.CAP_PROP_FRAME_HEIGHT))}"
    finally:
        capture.release()


def main(faces: Path) -> None:
    rows = []
    videos = sorted(p for p in (faces / "video").iterdir() if p.suffix in (".mp4", ".mov"))
    for video in videos:
        found = re.search(r"-(\d{4})", video.name)
        person = faces / "webcam/nuaa/live" / found.group(1) if found else None
        with tempfile.TemporaryDirectory(prefix="kiosk-live-bench-") as tmp:
            db = Path(tmp) / "enrolled.sqlite"
            enrolled = person is not None and person.is_dir()
            if enrolled:
                assert person is not None
                _kiosk("enroll", "--db", str(db), "--name", person.name, "--code", person.name, "--consent",
                       *map(str, sorted(person.glob("*.jpg"))))
            else:
                _kiosk("enroll", "--db", str(db), "--name", "0012", "--code", "0012", "--consent",
                       *map(str, sorted((faces / "webcam/nuaa/live/0012").glob("*.jpg"))))
            replay_db = Path(tmp) / "replay.sqlite"
            shutil.copy(db, replay_db)
            replay = [json.loads(line) for line in _kiosk("run-video", "--db", str(replay_db), str(video), "--json",
                                                         "--start", "2026-11-23T08:55:00+08:00").splitlines() if line]
            live = json.loads(_kiosk("bench", str(video), "--live", "--db", str(db), "--json"))
        fps = live["video_fps"]
        replay_at = f"{replay[0]['frame']} ({replay[0]['frame'] / fps:.2f} s)" if replay else "–"
        live_events = [e for e in live["events"] if e["type"] in ("in", "out")]
        live_at = f"{live_events[0]['frame']} ({live_events[0]['at_s']:.2f} s)" if live_events else "–"
        late = f"{live_events[0]['at_s'] - replay[0]['frame'] / fps:+.2f} s" if replay and live_events else "–"
        rows.append([
            f"`{video.name}`", _size(video), person.name if person is not None and enrolled else "(0012)",
            f"{live['camera_fps']:.1f}", f"{live['analysed_fps']:.1f}", f"{live['analysed_ratio']:.1%}",
            f"{live['preview_fps']:.1f}", str(live["dropped_frames"]), replay_at, live_at, late,
            str(len(live_events)),
        ])
        print(f"{video.name}: {json.dumps(live)}", file=sys.stderr)
    header = ["video", "size", "enrolled", "camera fps", "analysed fps", "analysed", "preview fps", "dropped",
              "run-video check-in at frame", "live check-in at frame", "live − run-video", "check-ins"]
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for row in rows:
        print("| " + " | ".join(row) + " |")
    print(f"\n{live['cpu_count']} CPUs")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("../shared/faces"))
