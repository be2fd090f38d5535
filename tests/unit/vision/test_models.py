"""The installed package's compressed 68-point model fits the very landmarks the original does.

installer/kiosk.spec ships ``shape_predictor_68_face_landmarks.dat.gz`` instead
of the 95 MB file; :func:`kiosk.vision.models.model_file` hands dlib a copy
decompressed in memory (Linux) or in a temporary file (elsewhere).
"""

from __future__ import annotations

import gzip
import os
import shutil
from pathlib import Path

import numpy as np
import pytest

from kiosk.vision.models import load_face_encoder, load_models, model_file


def _compressed_copy(source: Path, folder: Path, level: int = 1) -> Path:
    """``folder/<name>.gz`` only: the uncompressed name is absent, as in the installed package."""
    target = folder / (source.name + ".gz")
    with source.open("rb") as raw, gzip.open(target, "wb", compresslevel=level) as packed:
        shutil.copyfileobj(raw, packed, 1 << 20)
    return folder / source.name


@pytest.mark.parametrize("in_memory", [True, False], ids=["memfd", "temporary-file"])
def test_a_compressed_file_is_read_back_byte_for_byte_and_cleaned_up(tmp_path, monkeypatch, in_memory) -> None:
    original = tmp_path / "original.dat"
    original.write_bytes(os.urandom(3 << 20))
    packed_dir = tmp_path / "packed"
    packed_dir.mkdir()
    wanted = _compressed_copy(original, packed_dir)
    if not in_memory:
        monkeypatch.delattr(os, "memfd_create", raising=False)  # as on Windows and macOS
    if in_memory and not hasattr(os, "memfd_create"):
        pytest.skip("memfd_create is Linux only")
    with model_file(wanted) as path:
        assert Path(path) != wanted
        assert Path(path).read_bytes() == original.read_bytes()
    assert not Path(path).exists()
    assert sorted(p.name for p in packed_dir.iterdir()) == ["original.dat.gz"]


def test_an_uncompressed_file_and_a_missing_one_are_handed_on_as_they_are(tmp_path) -> None:
    plain = tmp_path / "model.dat"
    plain.write_bytes(b"model")
    with model_file(plain) as path:
        assert path == str(plain)
    with model_file(tmp_path / "missing.dat") as path:
        assert path == str(tmp_path / "missing.dat")


def test_the_compressed_68_point_model_fits_the_same_landmarks(tmp_path, video_frames) -> None:
    models = load_models()  # first: it imports face_recognition_models without its pkg_resources warning
    import dlib
    import face_recognition_models as frm

    original = Path(frm.pose_predictor_model_location())
    wanted = _compressed_copy(original, tmp_path)
    rgb = np.ascontiguousarray(video_frames("blink-0012.mp4")[0].rgb)
    box = max(models.detector(rgb, 0), key=lambda r: r.width() * r.height())
    with model_file(wanted) as path:
        from_compressed = dlib.shape_predictor(path)
    expected = [(p.x, p.y) for p in models.shape_predictor_68(rgb, box).parts()]
    got = [(p.x, p.y) for p in from_compressed(rgb, box).parts()]
    assert len(got) == 68
    assert got == expected


def test_the_encoder_process_loads_only_the_encoder() -> None:
    assert load_face_encoder() is load_models().encoder
