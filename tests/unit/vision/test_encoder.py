"""Both encoders are real dlib and give the very encoding the analyser computes.

The synchronous one is what replays (``run-video``, the tests) use, so its
result must be there on the frame that asked; the process one is what the live
kiosk uses, so it must hand back the same vector later, by ticket, without the
caller waiting for it.
"""

from __future__ import annotations

import time

import numpy as np
import pytest

from kiosk.errors import ModelError
from kiosk.vision.encoder import ProcessEncoder, SyncEncoder, face_chip


@pytest.fixture(scope="module")
def two_faces(video_frames, analyzer):
    """Two real frames of blink-0012 with the subject's face (the largest one) in each."""
    frames = video_frames("blink-0012.mp4")
    picked = []
    for frame in (frames[0], frames[200]):
        face = max(analyzer.analyze(frame.rgb), key=lambda f: f.box.area)
        picked.append((frame.rgb, face))
    return picked


def test_sync_encoder_has_the_encoding_on_the_same_call(two_faces, analyzer) -> None:
    encoder = SyncEncoder(analyzer)
    rgb, face = two_faces[0]
    assert encoder.busy is False
    ticket = encoder.submit(rgb, face)
    done = encoder.collect()
    assert [d.ticket for d in done] == [ticket]
    np.testing.assert_array_equal(done[0].vector, analyzer.encode(rgb, face))
    assert encoder.collect() == []


def test_face_chip_is_what_dlib_encodes(two_faces) -> None:
    rgb, face = two_faces[0]
    chip = face_chip(rgb, face)
    assert chip.shape == (150, 150, 3) and chip.dtype == np.uint8


def test_process_encoder_returns_the_same_vectors_by_ticket_without_blocking(two_faces, analyzer) -> None:
    with ProcessEncoder.start(max_in_flight=2) as encoder:
        assert encoder.pid is not None
        tickets = [encoder.submit(rgb, face) for rgb, face in two_faces]
        assert encoder.busy is True  # two in flight, the limit: submit returned without waiting for either
        done = []
        for _ in range(600):  # up to 60 s on a loaded machine; a correctness bound, not a speed test
            done += encoder.wait(0.1)
            if len(done) == 2:
                break
        assert [d.ticket for d in done] == tickets
        assert encoder.busy is False
        for (rgb, face), encoding in zip(two_faces, done, strict=True):
            np.testing.assert_array_equal(encoding.vector, analyzer.encode(rgb, face))
        assert not np.array_equal(done[0].vector, done[1].vector)
    with pytest.raises(ModelError):
        encoder.collect()


def test_process_encoder_starts_lazily_and_is_busy_until_its_model_is_loaded(two_faces) -> None:
    encoder = ProcessEncoder()
    try:
        assert encoder.pid is None  # nothing started until it is first used
        assert encoder.collect() == []  # starts it, does not wait
        assert encoder.pid is not None
        for _ in range(600):  # up to 60 s for the model to load on a loaded machine
            if not encoder.busy:
                break
            time.sleep(0.1)
        assert encoder.busy is False
        rgb, face = two_faces[1]
        ticket = encoder.submit(rgb, face)
        assert encoder.busy is True
        done = []
        for _ in range(600):
            done += encoder.wait(0.1)
            if done:
                break
        assert [d.ticket for d in done] == [ticket]
    finally:
        encoder.close()
