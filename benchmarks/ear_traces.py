"""Per-video blink liveness results and EAR traces, for tuning LivenessConfig.

Usage::

    uv run python benchmarks/ear_traces.py [VIDEO ...] [--trace] [--detect-width PX]

Without arguments it runs every video in ``$KIOSK_FACES/video`` (default
``../shared/faces/video``) and prints one row per video: live, blinks, the
frames where blinks were accepted, decided_at_frame, frames, the subject's
median open-eye baseline, and the wall time. ``--trace`` also prints each
frame's mean EAR and its ratio to the baseline, marking dips below the
close ratio, so a dip can be matched with the eye crops.
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import time
from pathlib import Path

from kiosk.tools.evaluation import follow_video
from kiosk.vision.detect import DetectorConfig, FaceAnalyzer
from kiosk.vision.liveness import LivenessConfig

_FACES = Path(os.environ.get("KIOSK_FACES", Path(__file__).resolve().parents[1].parent / "shared" / "faces"))


def run(path: Path, analyzer: FaceAnalyzer, trace: bool) -> str:
    close_ratio = LivenessConfig().close_ratio
    blink_frames: list[int] = []
    baselines: list[float] = []
    decided_at = None
    frames = blinks = 0
    state = None
    started = time.perf_counter()
    for step in follow_video(path, analyzer):
        frames += 1
        state = step.state
        if step.changed:
            decided_at, blinks = None, 0
        if state.blinks > blinks:
            blink_frames.append(step.frame_index)
        blinks = state.blinks
        if state.live and decided_at is None:
            decided_at = step.frame_index
        if state.baseline is not None:
            baselines.append(state.baseline)
        if trace:
            ratio = state.ear / state.baseline if state.ear and state.baseline else None
            mark = "*" if ratio is not None and ratio < close_ratio else " "
            print(
                f"  {step.frame_index:4d} ear={state.ear if state.ear is not None else float('nan'):.3f} "
                f"ratio={ratio if ratio is not None else float('nan'):.2f}{mark} blinks={state.blinks}"
                f"{' NEW SUBJECT' if step.changed else ''}"
            )
    baseline = f"{statistics.median(baselines):.3f}" if baselines else "-"
    live = state.live if state is not None else False
    return (
        f"{path.name:26s} live={live!s:5s} blinks={blinks:2d} at={blink_frames} "
        f"decided_at_frame={decided_at} frames={frames} baseline={baseline} "
        f"({time.perf_counter() - started:.1f} s)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("videos", nargs="*", type=Path)
    parser.add_argument("--trace", action="store_true", help="print every frame's EAR")
    parser.add_argument("--detect-width", type=int, default=None, help="override DetectorConfig.detect_width")
    parser.add_argument("--debug", action="store_true", help="log rejected dips")
    args = parser.parse_args()
    if args.debug:
        logging.basicConfig(level=logging.DEBUG, format="%(name)s %(message)s")
    config = DetectorConfig() if args.detect_width is None else DetectorConfig(detect_width=args.detect_width)
    analyzer = FaceAnalyzer(config)
    videos = args.videos or sorted(
        p for p in (_FACES / "video").iterdir() if p.suffix in (".mp4", ".mov")
    )
    for path in videos:
        print(run(path, analyzer, args.trace), flush=True)


if __name__ == "__main__":
    main()
