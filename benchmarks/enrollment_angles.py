"""Which head turns give enrollment templates distinct from the frontal one (for CaptureRules).

Usage::

    uv run python benchmarks/enrollment_angles.py [--quiet]

Runs the kiosk's own analyser (:func:`kiosk.engine.create_analyzer`) on every
frame of ``head-turn.mov`` and on every still of ``webcam/nuaa/live`` (all of
them frontal: looked at one by one), and prints per face the estimated yaw
and pitch (degrees), the landmark turn ratio (:func:`kiosk.vision.pose.turn_ratio`),
the quality the capture gate reads, and the encoding distance to the person's
frontal template. For the video that template is the frame guided capture
takes as "front"; for the stills it is each subject's most frontal still.

Then it summarises: how far yaw, pitch and turn ratio spread on faces that
look at the camera (the estimator's noise), how far encodings of frontal faces
spread, and from which turn the encoding is measurably distinct (further from
the frontal template than any frontal frame of the same video is). It also
checks the sign convention: positive yaw and ratio must mean the nose points
to the image's right, the subject's own left, which is what the wizard's
"Turn your head to your left" asks for (the preview is mirrored, so on screen
the head turns to the person's left as in a mirror).
"""

from __future__ import annotations

import argparse
import os
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from kiosk.camera import FrameSource
from kiosk.engine import create_analyzer
from kiosk.enrollment.capture import CaptureRules, angle_of, quality_problem
from kiosk.settings.specs import Settings
from kiosk.vision.detect import FaceAnalyzer, pick_subject
from kiosk.vision.image import load_rgb
from kiosk.vision.pose import turn_ratio
from kiosk.vision.types import Face

_FACES = Path(os.environ.get("KIOSK_FACES", Path(__file__).resolve().parents[1].parent / "shared" / "faces"))

LOOKING_AT_CAMERA = frozenset(range(0, 76)) | frozenset(range(178, 199))
"""Frames of head-turn.mov where the man faces the camera (checked by eye:
he smiles from frame 24, waves from 38, turns from 76 and is back at 178)."""


@dataclass(frozen=True)
class Sample:
    source: str
    person: str
    face: Face
    encoding: np.ndarray

    @property
    def ratio(self) -> float:
        return turn_ratio(self.face.landmarks)


def _subject(analyzer: FaceAnalyzer, rgb: np.ndarray) -> Face | None:
    faces = analyzer.analyze(rgb)
    return pick_subject(faces, rgb.shape[1], rgb.shape[0]) if faces else None


def video_samples(analyzer: FaceAnalyzer, path: Path) -> list[tuple[int, Sample]]:
    samples = []
    with FrameSource(path) as source:
        for frame in source.frames():
            face = _subject(analyzer, frame.rgb)
            if face is not None:
                sample = Sample(f"{path.name}#{frame.index}", path.stem, face, analyzer.encode(frame.rgb, face))
                samples.append((frame.index, sample))
    return samples


def still_samples(analyzer: FaceAnalyzer, folder: Path) -> list[Sample]:
    samples = []
    for path in sorted(folder.glob("*/*.jpg")):
        rgb = load_rgb(path)
        face = _subject(analyzer, rgb)
        if face is not None:
            samples.append(Sample(path.name, path.parent.name, face, analyzer.encode(rgb, face)))
    return samples


def _span(values: Sequence[float], unit: str = "") -> str:
    """Range, median and the 95th percentile of the absolute value."""
    ordered = sorted(values)
    magnitudes = sorted(abs(v) for v in values)
    p95 = magnitudes[int(0.95 * (len(magnitudes) - 1))]
    return (
        f"{ordered[0]:+.2f}{unit} .. {ordered[-1]:+.2f}{unit}  "
        f"median {statistics.median(ordered):+.2f}{unit}, 95% within ±{p95:.2f}{unit}"
    )


def _row(sample: Sample, distance: float, rules: CaptureRules) -> str:
    face = sample.face
    problem = quality_problem(face, rules)
    angle = angle_of(face, rules) or "-"
    gate = problem.value if problem is not None else "ok"
    return (
        f"{sample.source:34s} yaw {face.pose.yaw:+6.1f} pitch {face.pose.pitch:+6.1f} ratio {sample.ratio:+.2f} "
        f"size {face.quality.size_px:4d} sharp {face.quality.sharpness:6.1f} dist {distance:.3f} "
        f"angle {angle:5s} quality {gate}"
    )


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quiet", action="store_true", help="only the summary, no per-frame rows")
    args = parser.parse_args(argv)
    rules = CaptureRules()
    analyzer = create_analyzer(Settings())

    video = video_samples(analyzer, _FACES / "video" / "head-turn.mov")
    fronts = [s for _, s in video if angle_of(s.face, rules) == "front" and quality_problem(s.face, rules) is None]
    front = fronts[0]
    print(f"head-turn.mov: frontal template from {front.source} (the first frame capture calls front)")
    distance = {index: float(np.linalg.norm(s.encoding - front.encoding)) for index, s in video}
    if not args.quiet:
        for index, sample in video:
            print(_row(sample, distance[index], rules))

    stills = still_samples(analyzer, _FACES / "webcam" / "nuaa" / "live")
    still_distance: dict[str, float] = {}
    for person in sorted({s.person for s in stills}):
        own = [s for s in stills if s.person == person]
        template = min(own, key=lambda s: abs(s.face.pose.yaw) + abs(s.face.pose.pitch))
        for sample in own:
            still_distance[sample.source] = float(np.linalg.norm(sample.encoding - template.encoding))
            if not args.quiet:
                print(_row(sample, still_distance[sample.source], rules))

    frontal_video = [s for index, s in video if index in LOOKING_AT_CAMERA]
    print("\n== frontal faces: the estimator's noise ==")
    for name, group in (("nuaa live stills", stills), ("head-turn frames 0-75, 178-198", frontal_video)):
        print(f"{name} ({len(group)} faces)")
        print(f"  yaw   {_span([s.face.pose.yaw for s in group], '°')}")
        print(f"  pitch {_span([s.face.pose.pitch for s in group], '°')}")
        print(f"  ratio {_span([s.ratio for s in group])}")
    frontal_noise = max(distance[index] for index, _ in video if index in LOOKING_AT_CAMERA)
    print(f"  encoding distance of frontal frames to the video's frontal template: up to {frontal_noise:.3f}")
    print(f"  same-person stills to their most frontal still: up to {max(still_distance.values()):.3f}")

    print("\n== other frames of head-turn.mov (76-177): when is the encoding distinct? ==")
    turned = [(index, s) for index, s in video if index not in LOOKING_AT_CAMERA]
    print(f"  'distinct' = further from the frontal template than every frontal frame ({frontal_noise:.3f})")
    for low, high in ((0.0, 0.1), (0.1, 0.15), (0.15, 0.2), (0.2, 0.3), (0.3, 1.0)):
        group = [(i, s) for i, s in turned if low <= abs(s.ratio) < high]
        if group:
            dists = [distance[i] for i, _ in group]
            distinct = sum(d > frontal_noise for d in dists)
            yaws = [abs(s.face.pose.yaw) for _, s in group]
            print(
                f"  |ratio| {low:.2f}-{high:.2f}: {len(group):3d} frames, |yaw| {min(yaws):4.1f}-{max(yaws):4.1f}°, "
                f"distance {min(dists):.3f}-{max(dists):.3f}, distinct {distinct}/{len(group)}"
            )
    for low, high in ((0, 20), (20, 25), (25, 30), (30, 35), (35, 60)):
        group = [(i, s) for i, s in turned if low <= abs(s.face.pose.yaw) < high]
        if group:
            dists = [distance[i] for i, _ in group]
            distinct = sum(d > frontal_noise for d in dists)
            print(f"  |yaw| {low:2d}-{high:2d}°: {len(group):3d} frames, distance {min(dists):.3f}-{max(dists):.3f}, "
                  f"distinct {distinct}/{len(group)}")

    print("\n== sign convention ==")
    real_turns = [s for _, s in turned if abs(s.ratio) >= 0.18]
    agree = sum((s.ratio > 0) == (s.face.pose.yaw > 0) for s in real_turns)
    print(f"  yaw and the nose's side in the unmirrored frame agree on {agree}/{len(real_turns)} turned frames;")
    print("  positive = nose towards the image's right = the subject's own left = the wizard's 'left'")
    print("\n== what the current CaptureRules do with the footage ==")
    for angle in ("left", "right"):
        frames = [i for i, s in video if angle_of(s.face, rules) == angle]
        usable = [i for i, s in video if angle_of(s.face, rules) == angle and quality_problem(s.face, rules) is None]
        print(f"  {angle:5s}: pose in range on frames {frames}; of those, quality passes on {usable}")


if __name__ == "__main__":
    main()
