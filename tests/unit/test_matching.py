"""The open-set rule on synthetic galleries and on real faces."""

from __future__ import annotations

import numpy as np
import pytest

from kiosk.matching import STRICTNESS, Matcher, MatchPolicy, TemplateSet
from kiosk.tools.evaluation import evaluate_folder


def _unit(vector: np.ndarray) -> np.ndarray:
    return (vector / np.linalg.norm(vector)).astype(np.float32)


def _point(*coordinates: float) -> np.ndarray:
    """A 128-d float32 vector whose first coordinates are these, the rest zero."""
    vector = np.zeros(128, dtype=np.float32)
    vector[: len(coordinates)] = coordinates
    return vector


def _gallery(vectors: list[np.ndarray], ids: list[int]) -> TemplateSet:
    return TemplateSet(
        employee_ids=np.array(ids, dtype=np.int64),
        vectors=np.stack(vectors).astype(np.float32),
        angles=("photo",) * len(ids),
    )


def test_empty_gallery_accepts_nobody() -> None:
    empty = TemplateSet(np.zeros(0, dtype=np.int64), np.zeros((0, 128), dtype=np.float32), ())
    assert Matcher(empty).identify(np.ones(128)).accepted is False


def test_distinct_nearest_person_is_accepted_and_ambiguous_one_is_not() -> None:
    a = _point(0.0)
    b = _point(1.0)
    matcher = Matcher(_gallery([a, b], [10, 20]))
    close_to_a = _point(0.2)
    match = matcher.identify(close_to_a)
    assert (match.employee_id, match.accepted) == (10, True)
    assert match.runner_up == pytest.approx(0.8, abs=1e-5)
    assert match.margin == pytest.approx(0.6, abs=1e-5)
    # Half-way between two people: near enough to both, distinctive to neither.
    middle = _point(0.45)
    assert matcher.identify(middle).accepted is False


def test_ceiling_rejects_a_far_probe_even_when_distinctive() -> None:
    a = np.zeros(128, dtype=np.float32)
    b = _point(3.0)
    probe = _point(0.0, 0.58)
    match = Matcher(_gallery([a, b], [1, 2])).identify(probe)
    assert match.employee_id == 1 and match.accepted is False


def test_runner_up_is_the_nearest_different_person_not_another_template() -> None:
    a1 = np.zeros(128, dtype=np.float32)
    a2 = _point(0.05)
    b = _point(1.0)
    match = Matcher(_gallery([a1, a2, b], [1, 1, 2])).identify(np.zeros(128, dtype=np.float32))
    assert match.runner_up == pytest.approx(1.0, abs=1e-5)


def test_solo_gallery_uses_the_conservative_stand_in() -> None:
    policy = MatchPolicy()
    limit = policy.max_ratio * policy.solo_runner_up
    a = np.zeros(128, dtype=np.float32)
    inside = _point(limit - 0.01)
    outside = _point(limit + 0.01)
    matcher = Matcher(_gallery([a], [7]), policy)
    assert matcher.identify(inside).accepted is True
    assert matcher.identify(outside).accepted is False


def test_exclude_leaves_one_person_out() -> None:
    a = np.zeros(128, dtype=np.float32)
    match = Matcher(_gallery([a], [7])).identify(a, exclude=7)
    assert match.employee_id is None and not match.accepted


def test_strictness_levels_are_ordered() -> None:
    relaxed, normal, strict = (STRICTNESS[k] for k in ("relaxed", "normal", "strict"))
    assert relaxed.max_distance > normal.max_distance > strict.max_distance
    assert relaxed.max_ratio > normal.max_ratio > strict.max_ratio


@pytest.mark.parametrize("folder", ["stills/dlib-johns", "stills/bbt", "webcam/nuaa/live"])
def test_default_rule_meets_targets_on_every_reference_population(faces, analyzer, folder) -> None:
    report = evaluate_folder(faces / folder, analyzer=analyzer)
    assert report.far <= 0.01
    assert report.tar >= 0.97
    assert report.misid == 0.0
    assert report.strangers > 0 and report.probes > 0
