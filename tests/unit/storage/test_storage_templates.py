"""Face templates: float32 blobs with an angle label."""

from __future__ import annotations

import numpy as np
import pytest

from kiosk.errors import InputError


def _vectors(count: int, seed: int = 0) -> list[np.ndarray]:
    rng = np.random.default_rng(seed)
    return [rng.standard_normal(128).astype(np.float32) for _ in range(count)]


def test_templates_round_trip_bit_exact(repo, employee):
    vectors = _vectors(3)
    vectors[0][0] = np.float32(1e-42)  # a subnormal survives too
    repo.templates.replace(employee.id, list(zip(("front", "left", "right"), vectors, strict=True)))
    stored = repo.templates.of(employee.id)
    assert [angle for angle, _ in stored] == ["front", "left", "right"]
    for (_, got), want in zip(stored, vectors, strict=True):
        assert got.dtype == np.float32 and got.shape == (128,)
        assert got.tobytes() == want.tobytes()


def test_replace_swaps_old_templates_in_one_step_and_audits(repo, employee):
    repo.templates.replace(employee.id, [("front", v) for v in _vectors(2, seed=1)])
    new = _vectors(1, seed=2)[0]
    repo.templates.replace(employee.id, [("photo", new)], actor="alice")
    [(angle, vector)] = repo.templates.of(employee.id)
    assert angle == "photo" and np.array_equal(vector, new)
    entry = repo.audit.entries()[0]
    assert (entry.actor, entry.action) == ("alice", "replace_templates")
    assert "2 -> 1" in entry.detail


@pytest.mark.parametrize(
    "templates",
    [
        [("sideways", np.zeros(128, np.float32))],
        [("front", np.zeros(127, np.float32))],
        [("front", np.zeros((2, 128), np.float32))],
        [("front", np.full(128, np.nan, np.float32))],
        [("front", np.zeros(128, np.float32)), ("up", np.array(["a"] * 128))],
        [],
    ],
    ids=["bad-angle", "short", "2d", "nan", "text", "empty"],
)
def test_bad_templates_are_refused_and_old_ones_kept(repo, employee, templates):
    original = _vectors(1)[0]
    repo.templates.replace(employee.id, [("front", original)])
    with pytest.raises(InputError):
        repo.templates.replace(employee.id, templates)
    [(angle, vector)] = repo.templates.of(employee.id)
    assert angle == "front" and vector.tobytes() == original.tobytes()


def test_float64_input_is_stored_as_float32(repo, employee):
    vector = np.linspace(-1, 1, 128)
    repo.templates.replace(employee.id, [("front", vector)])
    [(_, stored)] = repo.templates.of(employee.id)
    assert stored.tobytes() == vector.astype(np.float32).tobytes()


def test_template_set_holds_active_employees_only(repo, employee):
    other = repo.employees.add("E002", "李娜")
    gone = repo.employees.add("E003", "王芳")
    a, b, c, d = _vectors(4)
    repo.templates.replace(employee.id, [("front", a), ("up", b)])
    repo.templates.replace(other.id, [("down", c)])
    repo.templates.replace(gone.id, [("front", d)])
    repo.employees.update(gone.id, active=False)
    templates = repo.templates.gallery()
    assert len(templates) == 3
    assert templates.employee_ids.dtype == np.int64
    assert templates.employee_ids.tolist() == [employee.id, employee.id, other.id]
    assert templates.vectors.dtype == np.float32 and templates.vectors.shape == (3, 128)
    assert templates.vectors.tobytes() == np.stack([a, b, c]).tobytes()
    assert templates.angles == ("front", "up", "down")


def test_empty_template_set_has_matching_shapes(repo):
    templates = repo.templates.gallery()
    assert templates.employee_ids.shape == (0,) and templates.vectors.shape == (0, 128)
    assert templates.angles == ()


def test_delete_biometrics_removes_templates_and_audits(repo, employee):
    other = repo.employees.add("E002", "李娜")
    repo.templates.replace(employee.id, [("front", v) for v in _vectors(3)])
    repo.templates.replace(other.id, [("front", _vectors(1)[0])])
    assert repo.employees.delete_biometrics(employee.id, actor="dpo") == 3
    assert repo.templates.of(employee.id) == []
    assert len(repo.templates.of(other.id)) == 1
    entry = repo.audit.entries()[0]
    assert (entry.actor, entry.action) == ("dpo", "delete_biometrics")
    assert "3 templates" in entry.detail
    assert repo.employees.delete_biometrics(employee.id) == 0


def test_templates_for_unknown_employee_is_refused(repo):
    with pytest.raises(InputError, match="no employee"):
        repo.templates.replace(7, [("front", np.zeros(128, np.float32))])
    with pytest.raises(InputError, match="no employee"):
        repo.employees.delete_biometrics(7)
