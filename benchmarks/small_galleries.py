"""Open-set matching when only a few people are enrolled.

``kiosk evaluate`` enrolls two thirds of a folder's identities; a small office
may enroll two or three. With few people the runner-up distance is a poorer
impostor sample, so this script enrolls every combination of ``k`` identities
(their first five images, as in ``kiosk evaluate``), probes with every other
image, and reports stranger acceptance (far) and genuine acceptance (tar) for
each strictness level.

Usage::

    uv run python benchmarks/small_galleries.py ../shared/faces/webcam/nuaa/live --people 2 3 4
"""

from __future__ import annotations

import argparse
import itertools
import json
from pathlib import Path

import numpy as np

from kiosk.matching import STRICTNESS, Matcher, MatchPolicy, TemplateSet
from kiosk.vision.detect import FaceAnalyzer
from kiosk.vision.image import IMAGE_SUFFIXES, load_rgb

ENROLLED_IMAGES = 5


def encode_folder(root: Path, analyzer: FaceAnalyzer) -> dict[str, list[np.ndarray]]:
    """Largest-face encoding of every image, per identity (images without a face are skipped)."""
    people: dict[str, list[np.ndarray]] = {}
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        encodings = []
        for path in sorted(p for p in folder.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES):
            rgb = load_rgb(path)
            faces = analyzer.analyze(rgb)
            if faces:
                encodings.append(analyzer.encode(rgb, max(faces, key=lambda f: f.box.area)))
        if len(encodings) > ENROLLED_IMAGES:
            people[folder.name] = encodings
    return people


def measure(
    people: dict[str, list[np.ndarray]], k: int, strictness: str, policy: MatchPolicy | None = None
) -> dict[str, float | int]:
    """far and tar over every gallery of ``k`` people, with ``policy`` (default: the ``strictness`` level's)."""
    false_accepts = strangers = right = genuine = 0
    for combo in itertools.combinations(sorted(people), k):
        ids, vectors = [], []
        for index, name in enumerate(combo):
            for encoding in people[name][:ENROLLED_IMAGES]:
                ids.append(index)
                vectors.append(encoding)
        matcher = Matcher(
            TemplateSet(np.array(ids, dtype=np.int64), np.array(vectors, dtype=np.float32), ("photo",) * len(ids)),
            policy or STRICTNESS[strictness],
        )
        for name, encodings in people.items():
            enrolled = name in combo
            for encoding in encodings[ENROLLED_IMAGES:] if enrolled else encodings:
                accepted = matcher.identify(encoding).accepted_id
                if enrolled:
                    genuine += 1
                    right += accepted is not None and combo[accepted] == name
                else:
                    strangers += 1
                    false_accepts += accepted is not None
    return {
        "people": k,
        "strictness": strictness,
        "far": round(false_accepts / strangers, 4),
        "tar": round(right / genuine, 4),
        "strangers": strangers,
        "genuine": genuine,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--people", type=int, nargs="+", default=[2, 3, 4])
    args = parser.parse_args()
    people = encode_folder(args.folder, FaceAnalyzer())
    for k in args.people:
        for strictness in STRICTNESS:
            print(json.dumps(measure(people, k, strictness)))


if __name__ == "__main__":
    main()
