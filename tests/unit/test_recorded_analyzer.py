"""The tests' recorded analyser replays exactly what the real one finds (see ``tests/recorded.py``)."""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
from recorded import RecordedAnalyzer, Recordings, frame_key

from kiosk.settings.specs import Settings
from kiosk.vision.config import DetectorConfig
from kiosk.vision.detect import FaceAnalyzer
from kiosk.vision.image import load_rgb


def _same_faces(recorded: list, real: list) -> None:
    assert [face.box for face in recorded] == [face.box for face in real]
    for mine, theirs in zip(recorded, real, strict=True):
        np.testing.assert_array_equal(mine.landmarks, theirs.landmarks)
        assert (mine.pose, mine.quality) == (theirs.pose, theirs.quality)


def test_a_replay_is_what_the_real_analyzer_finds(faces: Path, analyzer: RecordedAnalyzer) -> None:
    rgb = load_rgb(faces / "stills/ageitgey/two_people.jpg")
    real = FaceAnalyzer(analyzer.config)
    first = analyzer.analyze(rgb)
    before = analyzer.stats.misses
    again = analyzer.analyze(rgb.copy())  # same pixels, another array
    assert analyzer.stats.misses == before  # replayed, not recomputed
    truth = real.analyze(rgb)
    assert len(truth) == 2
    _same_faces(first, truth)
    _same_faces(again, truth)
    assert analyzer.detect(rgb) == real.detect(rgb)
    _same_faces([analyzer.describe(rgb, truth[1].box)], [real.describe(rgb, truth[1].box)])
    for face, true_face in zip(again, truth, strict=True):
        np.testing.assert_array_equal(analyzer.encode(rgb, face), real.encode(rgb, true_face))
        np.testing.assert_array_equal(analyzer.encode(rgb, face, jitters=1), real.encode(rgb, true_face, jitters=1))


def test_a_replay_is_a_copy_and_other_pixels_are_analysed_afresh(faces: Path, analyzer: RecordedAnalyzer) -> None:
    rgb = load_rgb(faces / "stills/ageitgey/two_people.jpg")
    face = analyzer.analyze(rgb)[0]
    face.landmarks[:] = 0
    analyzer.encode(rgb, analyzer.analyze(rgb)[0])[:] = 0
    replayed = analyzer.analyze(rgb)[0]
    assert replayed.landmarks.any()
    assert analyzer.encode(rgb, replayed).any()
    flipped = np.ascontiguousarray(rgb[:, ::-1])
    misses = analyzer.stats.misses
    assert [f.box.left for f in analyzer.analyze(flipped)] != [f.box.left for f in analyzer.analyze(rgb)]
    assert analyzer.stats.misses == misses + 3  # one detection, one description per face


def test_a_whole_frame_analysis_reuses_the_detection_the_follower_made(
    faces: Path, analyzer: RecordedAnalyzer
) -> None:
    rgb = np.ascontiguousarray(load_rgb(faces / "stills/ageitgey/obama_small.jpg")[:, ::-1])  # unseen pixels
    [box] = analyzer.detect(rgb)
    misses = analyzer.stats.misses
    [face] = analyzer.analyze(rgb)
    assert analyzer.stats.misses == misses + 1  # only the landmarks were fitted; HOG was replayed
    _same_faces([face], FaceAnalyzer(analyzer.config).analyze(rgb))
    assert face.box == box


def test_threads_share_one_recording(faces: Path) -> None:
    recordings = Recordings()
    analyzer = recordings.for_config()
    frames = [load_rgb(faces / "stills/ageitgey" / name) for name in ("two_people.jpg", "obama_small.jpg")]
    results: dict[int, list[list]] = {}

    def work(number: int) -> None:
        results[number] = [[f.box for f in analyzer.analyze(rgb)] for rgb in frames]

    threads = [threading.Thread(target=work, args=(number,)) for number in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results[0] == results[1] == results[2]
    assert [len(boxes) for boxes in results[0]] == [2, 1]
    assert analyzer.stats.misses == 2 + 3  # each frame's detection and each face's description reached dlib once


def test_the_factory_hands_out_recorded_analyzers_per_detector_config(recorded_analyzers: Recordings) -> None:
    import kiosk.engine
    import kiosk.tools.evaluation

    default = kiosk.engine.create_analyzer(Settings())
    assert default is recorded_analyzers.for_config(DetectorConfig())
    assert kiosk.tools.evaluation.create_analyzer(Settings()) is default
    wide = kiosk.engine.create_analyzer(Settings(detect_width=480))
    assert isinstance(wide, RecordedAnalyzer) and wide is not default
    assert wide.config == DetectorConfig(detect_width=480, upsample=1)


def test_another_process_replays_through_the_shared_folder(faces: Path, tmp_path: Path) -> None:
    """Two recordings sharing a folder stand for two pytest-xdist workers: dlib runs once between them."""
    rgb = load_rgb(faces / "stills/ageitgey/obama_small.jpg")
    first, second = Recordings(), Recordings()
    first.share_through(tmp_path / "shared")
    second.share_through(tmp_path / "shared")
    recorded = first.for_config().analyze(rgb)
    vector = first.for_config().encode(rgb, recorded[0])
    replayed = second.for_config().analyze(rgb)
    _same_faces(replayed, recorded)
    np.testing.assert_array_equal(second.for_config().encode(rgb, replayed[0]), vector)
    assert (first.for_config().stats.misses, second.for_config().stats.misses) == (3, 0)  # detect, describe, encode
    assert second.for_config().stats.shared == 3
    other = second.for_config(DetectorConfig(detect_width=480, upsample=1))
    other.analyze(rgb)
    assert other.stats.misses == 2  # another detector configuration is another recording


def test_a_frame_key_is_remembered_only_while_the_pixels_cannot_change() -> None:
    frame = np.zeros((48, 64, 3), dtype=np.uint8)
    writable = frame_key(frame)
    frame[0, 0, 0] = 1  # changed in place: a writable frame is hashed again every time
    assert frame_key(frame) != writable
    frame.setflags(write=False)
    frozen = frame_key(frame)
    assert frame_key(frame) is frozen  # remembered
    assert frame_key(frame.copy()) == frozen and frame_key(frame.copy()) is not frozen  # same pixels, same key
