"""Faces in still images that the first detection pass misses: ``stills/yale`` under strong side light.

The detector looks a second time, upsampled, at a photo where it found no face
(:meth:`kiosk.vision.detect.FaceAnalyzer.analyze_still`). These tests use a few
Yale images: the ``rightlight`` photos of subjects 01 and 05, where the first
pass finds nothing, and subject 11's, where neither pass finds a face.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from kiosk.cli.main import main
from kiosk.tools.evaluation import evaluate_folder
from kiosk.vision.image import load_rgb

ENROLLED = ("glasses", "normal")
"""Conditions each enrolled subject is enrolled with; ``rightlight`` is the probe
(it sorts after them, so ``kiosk evaluate`` enrolls exactly these)."""


def _yale(faces: Path, subject: str, condition: str) -> Path:
    return faces / "stills/yale" / f"subject{subject}" / f"{condition}.png"


@pytest.fixture
def small_yale(faces: Path, tmp_path: Path) -> Path:
    """Subjects 01 and 05 (two lit photos and the side-lit one each), and subject 11 as a stranger."""
    root = tmp_path / "yale"
    for subject, conditions in (("01", (*ENROLLED, "rightlight")), ("05", (*ENROLLED, "rightlight")),
                                ("11", ("normal", "rightlight"))):
        (root / subject).mkdir(parents=True)
        for condition in conditions:
            shutil.copy(_yale(faces, subject, condition), root / subject / f"{condition}.png")
    return root


@pytest.mark.parametrize("subject", ["01", "05"])
def test_side_lit_face_is_found_only_by_the_second_look(faces, analyzer, subject) -> None:
    rgb = load_rgb(_yale(faces, subject, "rightlight"))
    assert analyzer.analyze(rgb) == []  # the live path's single pass, unchanged
    found = analyzer.analyze_still(rgb)
    assert len(found) == 1
    # The face fills the middle of the 320×243 image (about 134 px wide).
    assert 110 <= found[0].box.width <= 160 and 90 <= found[0].box.center[0] <= 230


def test_a_photo_with_a_face_gets_no_second_look(faces, analyzer) -> None:
    rgb = load_rgb(_yale(faces, "01", "normal"))
    first = analyzer.analyze(rgb)
    still = analyzer.analyze_still(rgb)
    assert len(first) == 1
    assert [f.box for f in still] == [f.box for f in first]


def test_evaluate_identifies_the_side_lit_probes(small_yale, analyzer) -> None:
    report = evaluate_folder(small_yale, analyzer=analyzer)
    # Both side-lit genuine probes identified as the right person; subject 11's
    # side-lit photo has no face for either pass and counts as refused.
    assert (report.enrolled, report.templates, report.probes, report.strangers) == (2, 4, 2, 2)
    assert (report.tar, report.misid, report.far, report.no_face) == (1.0, 0.0, 0.0, 1)


def test_enroll_and_identify_side_lit_photos(small_yale, tmp_path, capsys, monkeypatch, recorded_analyzers) -> None:
    monkeypatch.delenv("KIOSK_DB", raising=False)
    db = tmp_path / "k.sqlite"
    for subject in ("01", "05"):
        photos = [str(small_yale / subject / f"{c}.png") for c in ENROLLED]
        assert main(["enroll", "--db", str(db), "--consent", "--name", f"Yale {subject}", "--code", subject,
                     *photos]) == 0
    capsys.readouterr()
    for subject in ("01", "05"):
        assert main(["identify", "--db", str(db), str(small_yale / subject / "rightlight.png"), "--json"]) == 0
        payload = json.loads(capsys.readouterr().out)
        assert (payload["accepted"], payload["employee_code"], payload["faces"]) == (True, subject, 1)
    # A side-lit photo can also be enrolled from: subject 05 re-enrolled from it alone is still found.
    assert main(["enroll", "--db", str(db), "--consent", "--replace", "--name", "Yale 05", "--code", "05",
                 str(small_yale / "05" / "rightlight.png")]) == 0
    assert "with 1 templates" in capsys.readouterr().out
    assert main(["identify", "--db", str(db), str(small_yale / "05" / "normal.png"), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["employee_code"] == "05"
