"""``kiosk evaluate`` on every shared face set, as one table.

Runs :func:`kiosk.tools.evaluation.evaluate_folder` in this process (the protocol and
defaults of ``uv run kiosk evaluate DIR --json``) on every folder under
``FACES/stills`` that holds one sub-folder per person (searched down to
``knn_examples/train``), and on ``FACES/webcam/nuaa/live``. Folders that hold
no per-person sub-folders (``dlib-faces``, ``misc``) are listed with the reason
``kiosk evaluate`` gives for refusing them.

Usage::

    uv run python benchmarks/recognition.py ../shared/faces [--strictness normal] [--json] [--first-look-only]

``--first-look-only`` turns off the second, upsampled look at photos where
the first finds no face (``DetectorConfig.still_upsample``), which is how
``kiosk evaluate`` measured before that look existed.

Takes about 3 minutes on 2 cores (about 400 images through dlib).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import time
from collections.abc import Iterator
from pathlib import Path

from kiosk.engine import create_analyzer
from kiosk.errors import InputError
from kiosk.settings.specs import STRICTNESS_LEVELS, Settings
from kiosk.tools.evaluation import EvaluationReport, evaluate_folder
from kiosk.vision.detect import FaceAnalyzer
from kiosk.vision.image import IMAGE_SUFFIXES


def _has_images(folder: Path) -> bool:
    return any(p.is_file() and p.suffix.lower() in IMAGE_SUFFIXES for p in folder.iterdir())


def is_identity_folder(folder: Path) -> bool:
    """True when ``folder`` has at least two sub-folders of images (what ``kiosk evaluate`` needs)."""
    return sum(1 for p in folder.iterdir() if p.is_dir() and _has_images(p)) >= 2


def shared_sets(faces: Path) -> Iterator[Path]:
    """Every folder to evaluate: each child of ``stills`` (or the first identity folder below it),
    then ``webcam/nuaa/live``. A child with no identity folder below it is yielded as is."""
    for child in sorted(p for p in (faces / "stills").iterdir() if p.is_dir()):
        found = [child] if is_identity_folder(child) else sorted(
            p for p in child.rglob("*") if p.is_dir() and is_identity_folder(p)
        )
        yield from found or [child]
    yield faces / "webcam" / "nuaa" / "live"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("faces", type=Path, help="the shared face data (../shared/faces)")
    parser.add_argument("--strictness", choices=STRICTNESS_LEVELS, default="normal")
    parser.add_argument("--json", action="store_true", help="one JSON object per set instead of the table")
    parser.add_argument("--first-look-only", action="store_true", help="no second look at photos without a face")
    args = parser.parse_args()
    settings = Settings().replace(strictness=args.strictness)
    analyzer = create_analyzer(settings)
    if args.first_look_only:
        analyzer = FaceAnalyzer(dataclasses.replace(settings.detector_config, still_upsample=0))
    if not args.json:
        print("| set | tar | misid | far | genuine probes | stranger probes | no face | seconds |")
        print("|---|---|---|---|---|---|---|---|")
    refusals: list[str] = []
    for folder in shared_sets(args.faces):
        name = folder.relative_to(args.faces).as_posix()
        started = time.perf_counter()
        try:
            report: EvaluationReport | None = evaluate_folder(folder, settings, analyzer)
            refused = ""
        except InputError as error:
            report, refused = None, str(error)
        seconds = time.perf_counter() - started
        if args.json:
            print(json.dumps({"set": name, **(report.to_json() if report else {"refused": refused})}))
        elif report is None:
            refusals.append(f"not evaluated: `{name}` ({refused})")
        else:
            print(f"| `{name}` | {report.tar:.3f} | {report.misid:.3f} | {report.far:.3f} | {report.probes} "
                  f"| {report.strangers} | {report.no_face} | {seconds:.0f} |", flush=True)
    for line in refusals:
        print(line)


if __name__ == "__main__":
    main()
