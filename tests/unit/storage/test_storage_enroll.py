"""Enrolling in one write transaction: the code check, the vetting, details, templates and audit."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import numpy as np
import pytest

from kiosk.errors import InputError
from kiosk.storage.employees import CodeTakenError
from kiosk.storage.models import Employee
from kiosk.storage.repository import Repository


def _vectors(count: int, seed: int) -> list[tuple[str, np.ndarray]]:
    rng = np.random.default_rng(seed)
    return [("photo", rng.standard_normal(128).astype(np.float32)) for _ in range(count)]


def _state(repo: Repository) -> tuple[list[Employee], list[tuple[str, bytes]], int]:
    """Everything an enrollment may change: employees, every template's owner code and bytes, audit entries."""
    templates = [
        (employee.code, vector.tobytes())
        for employee in repo.employees.all()
        for _angle, vector in repo.templates.of(employee.id)
    ]
    return repo.employees.all(), templates, len(repo.audit.entries())


def test_a_new_code_is_created_with_its_templates_and_audited(repo, clock):
    employee = repo.employees.enroll(
        " 0012 ", " 张伟 ", _vectors(2, 1), department="生产部", consent_at=clock(), actor="cli:ops"
    )
    assert (employee.code, employee.name, employee.department, employee.active) == ("0012", "张伟", "生产部", True)
    assert employee.consent_at == datetime(2024, 5, 6, 0, 55, tzinfo=UTC)
    assert repo.employees.find("0012") == employee
    assert len(repo.templates.of(employee.id)) == 2
    added, templates = reversed(repo.audit.entries())
    assert (added.actor, added.action) == ("cli:ops", "add_employee")
    assert "consent_at=2024-05-06T00:55:00" in added.detail
    assert (templates.action, templates.detail) == ("replace_templates", "0012: 0 -> 2 templates (photo,photo)")


def test_an_existing_code_is_refused_without_replace_and_nothing_changes(repo, clock):
    owner = repo.employees.enroll("0012", "张伟", _vectors(3, 1), department="生产部")
    before = _state(repo)
    with pytest.raises(CodeTakenError, match=r"code 0012 already exists \(张伟\)") as refused:
        repo.employees.enroll("0012", "Barack Obama", _vectors(1, 2))
    assert refused.value.owner == owner
    assert _state(repo) == before


def test_replace_re_enrolls_the_owner_in_place(repo, clock):
    owner = repo.employees.enroll("0012", "张伟", _vectors(3, 1), department="生产部")
    repo.employees.update(owner.id, active=False)
    new = _vectors(2, 2)
    again = repo.employees.enroll("0012", "张 伟", new, consent_at=clock(), replace=True, actor="cli:ops")
    assert again.id == owner.id
    assert (again.name, again.department, again.active, again.consent_at) == ("张 伟", "生产部", True, clock())
    assert again == repo.employees.get(owner.id)
    assert [vector.tobytes() for _angle, vector in repo.templates.of(owner.id)] == [v.tobytes() for _a, v in new]
    templates, details = repo.audit.entries()[:2]
    assert (templates.action, templates.detail) == ("replace_templates", "0012: 3 -> 2 templates (photo,photo)")
    assert details.action == "update_employee" and details.actor == "cli:ops"
    assert "'张伟' -> '张 伟'" in details.detail and "active: 0 -> 1" in details.detail


def test_whatever_vet_raises_rolls_the_whole_re_enrollment_back(repo):
    repo.employees.enroll("0012", "张伟", _vectors(3, 1))
    repo.employees.enroll("0013", "李娜", _vectors(1, 3))
    before = _state(repo)
    seen: list[Employee | None] = []

    def vet(owner: Employee | None) -> None:
        seen.append(owner)
        raise InputError("refused by the vetting")

    with pytest.raises(InputError, match="refused by the vetting"):
        repo.employees.enroll("0012", "Barack Obama", _vectors(2, 2), department="X", replace=True, vet=vet)
    with pytest.raises(InputError, match="refused by the vetting"):
        repo.employees.enroll("0099", "Barack Obama", _vectors(2, 2), vet=vet)
    assert [owner.code if owner else None for owner in seen] == ["0012", None]
    assert _state(repo) == before


def test_vet_sees_the_gallery_inside_the_write_transaction(repo, db_path):
    """Another connection cannot write between the vetting and the write: it waits for the lock."""
    entered, release = threading.Event(), threading.Event()
    won: list[Employee] = []
    lost: list[object] = []

    def vet(owner: Employee | None) -> None:
        entered.set()
        assert release.wait(10)

    def second() -> None:
        with Repository(db_path, busy_timeout_s=10) as other:
            try:
                lost.append(other.employees.enroll("0012", "Second", _vectors(1, 5)))
            except InputError as error:
                lost.append(error)

    first = threading.Thread(target=lambda: won.append(repo.employees.enroll("0012", "First", _vectors(1, 4), vet=vet)))
    first.start()
    assert entered.wait(10)
    racer = threading.Thread(target=second)
    racer.start()
    release.set()
    first.join(10)
    racer.join(10)
    [winner], [loser] = won, lost
    assert winner.name == "First"
    assert isinstance(loser, CodeTakenError) and loser.owner.name == "First"
    assert [(e.code, e.name) for e in repo.employees.all()] == [("0012", "First")]
    assert len(repo.templates.of(winner.id)) == 1


def test_empty_or_bad_input_writes_nothing(repo):
    with pytest.raises(InputError, match="No face templates"):
        repo.employees.enroll("0012", "张伟", [])
    with pytest.raises(InputError, match="employee name"):
        repo.employees.enroll("0012", " ", _vectors(1, 1))
    with pytest.raises(InputError, match="angle"):
        repo.employees.enroll("0012", "张伟", [("sideways", np.zeros(128, np.float32))])
    assert _state(repo) == ([], [], 0)
