"""``kiosk bench``: the kiosk's pipeline against the naive loop, in one process.

Both run over the same decoded frames, one after the other, so the ratio is
fair on whatever machine runs it. The naive loop is what most
face_recognition scripts do: HOG with one upsampling on the full frame plus an
encoding of every face on every frame. The pipeline is :class:`Engine.process`
exactly as the live kiosk runs it, over an empty gallery so it never stops
trying to identify (its most expensive steady state): landmarks on every frame,
HOG every few frames, and the encodings in the kiosk's encoder process
(:class:`~kiosk.vision.encoder.ProcessEncoder`, started before the clock
starts, as the kiosk starts it before anyone walks up). ``encodings`` says how
many it computed meanwhile, in parallel with the frames, as it does live.

It also times one 1:N search over a synthetic gallery of 100,000 templates.
"""

from __future__ import annotations

import importlib.util
import tempfile
import time
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

import numpy as np

from kiosk.camera import FrameSource
from kiosk.errors import ModelError
from kiosk.matching import Matcher, TemplateSet
from kiosk.settings.specs import Settings
from kiosk.storage.repository import Repository
from kiosk.vision.encoder import Encoding, ProcessEncoder
from kiosk.vision.types import Face, Frame
from kiosk.wiring import create_engine


@dataclass(frozen=True)
class BenchReport:
    frames: int
    pipeline_fps: float
    naive_fps: float
    speedup: float
    pipeline_face_frames: int
    encodings: int
    naive_face_frames: int
    face_recall_vs_naive: float
    match_ms_100k: float

    def to_json(self) -> dict[str, float | int]:
        return asdict(self)


def _require_face_recognition() -> None:
    """The naive loop is face_recognition's; the installed package leaves it out (installer/kiosk.spec)."""
    if importlib.util.find_spec("face_recognition") is None:
        raise ModelError(
            "kiosk bench compares with face_recognition, which the installed package leaves out; "
            "run it from a source checkout: uv run kiosk bench VIDEO"
        )


def _naive(frames: list[Frame]) -> tuple[float, list[bool]]:
    import face_recognition  # imported here: it prints a pkg_resources warning at import

    found = []
    start = time.perf_counter()
    for frame in frames:
        locations = face_recognition.face_locations(frame.rgb, number_of_times_to_upsample=1)
        face_recognition.face_encodings(frame.rgb, locations)
        found.append(bool(locations))
    return time.perf_counter() - start, found


class _CountingEncoder:
    """The kiosk's encoder process, counting what it was asked to encode."""

    def __init__(self, inner: ProcessEncoder) -> None:
        self.inner = inner
        self.submitted = 0

    @property
    def busy(self) -> bool:
        return self.inner.busy

    def submit(self, rgb: np.ndarray, face: Face) -> int:
        self.submitted += 1
        return self.inner.submit(rgb, face)

    def collect(self) -> list[Encoding]:
        return self.inner.collect()

    def close(self) -> None:
        self.inner.close()


def _pipeline(frames: list[Frame]) -> tuple[float, list[bool], int]:
    with (
        tempfile.TemporaryDirectory(prefix="kiosk-bench-") as tmp,
        Repository(Path(tmp) / "bench.sqlite") as repo,
        ProcessEncoder.start() as process,
    ):
        encoder = _CountingEncoder(process)
        # Models load here, outside the clock, as the kiosk loads them at start-up.
        engine = create_engine(repo, Settings(), clock=lambda: datetime.now().astimezone(), encoder=encoder)
        found = []
        start = time.perf_counter()
        for frame in frames:
            result = engine.process(frame)
            found.append(bool(result.faces))
        return time.perf_counter() - start, found, encoder.submitted


def match_time_ms(templates: int = 100_000, repeats: int = 20, seed: int = 0) -> float:
    """Median milliseconds of one identify() over ``templates`` random unit vectors."""
    rng = np.random.default_rng(seed)
    vectors = rng.normal(size=(templates, 128)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    ids = np.arange(templates, dtype=np.int64) // 5  # five templates a person
    matcher = Matcher(TemplateSet(employee_ids=ids, vectors=vectors, angles=("photo",) * templates))
    probe = vectors[123] + 0.01
    timings = []
    for _ in range(repeats):
        start = time.perf_counter()
        matcher.identify(probe)
        timings.append(time.perf_counter() - start)
    return round(float(np.median(timings)) * 1000.0, 2)


def run_bench(video: Path) -> BenchReport:
    _require_face_recognition()
    with FrameSource(video) as source:
        frames = list(source.frames())
    pipeline_s, pipeline_found, encodings = _pipeline(frames)
    naive_s, naive_found = _naive(frames)
    both = sum(1 for p, n in zip(pipeline_found, naive_found, strict=True) if p and n)
    naive_faces = sum(naive_found)
    return BenchReport(
        frames=len(frames),
        pipeline_fps=round(len(frames) / pipeline_s, 2),
        naive_fps=round(len(frames) / naive_s, 2),
        speedup=round(naive_s / pipeline_s, 2),
        pipeline_face_frames=sum(pipeline_found),
        encodings=encodings,
        naive_face_frames=naive_faces,
        face_recall_vs_naive=round(both / naive_faces, 4) if naive_faces else 1.0,
        match_ms_100k=match_time_ms(),
    )
