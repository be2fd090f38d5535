"""Employees, departments and the personal PIN fallback."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

import pytest

from kiosk.errors import InputError
from kiosk.security.pins import PinStore


def test_add_employee_returns_stored_record_and_audits(repo, clock):
    employee = repo.employees.add(" E001 ", " 张伟 ", " 研发 ", consent_at=clock(), actor="alice")
    assert (employee.code, employee.name, employee.department) == ("E001", "张伟", "研发")
    assert employee.active is True and employee.has_pin is False
    assert employee.consent_at == datetime(2024, 5, 6, 0, 55, tzinfo=UTC)
    assert repo.employees.get(employee.id) == employee
    assert repo.employees.find("E001") == employee
    [entry] = repo.audit.entries()
    assert (entry.actor, entry.action) == ("alice", "add_employee")
    assert "E001" in entry.detail and entry.at_utc == clock()


def test_duplicate_or_empty_code_is_refused(repo, employee, db_path):
    with pytest.raises(InputError, match="already exists"):
        repo.employees.add("E001", "李娜")
    with pytest.raises(InputError, match="employee code"):
        repo.employees.add("  ", "李娜")
    with pytest.raises(InputError, match="employee name"):
        repo.employees.add("E002", "")
    assert [e.code for e in repo.employees.all()] == ["E001"]
    assert len(repo.audit.entries()) == 1


def test_update_changes_only_given_fields_and_audits(repo, employee):
    updated = repo.employees.update(employee.id, department="销售", actor="bob")
    assert updated == repo.employees.get(employee.id)
    assert (updated.name, updated.department, updated.active) == ("张伟", "销售", True)
    entry = repo.audit.entries()[0]
    assert (entry.actor, entry.action) == ("bob", "update_employee")
    assert "研发" in entry.detail and "销售" in entry.detail


def test_update_without_change_writes_no_audit(repo, employee):
    assert repo.employees.update(employee.id, name="张伟") == employee
    assert len(repo.audit.entries()) == 1


def test_deactivate_and_reactivate(repo, employee):
    other = repo.employees.add("E002", "李娜")
    repo.employees.update(employee.id, active=False)
    assert repo.audit.entries()[0].action == "deactivate_employee"
    assert [e.code for e in repo.employees.all(include_inactive=False)] == ["E002"]
    assert [e.code for e in repo.employees.all()] == ["E001", "E002"]
    repo.employees.update(employee.id, active=True)
    assert repo.audit.entries()[0].action == "activate_employee"
    assert repo.employees.get(employee.id).active is True
    assert other.active


def test_update_unknown_employee_is_refused(repo):
    with pytest.raises(InputError, match="no employee with id 42"):
        repo.employees.update(42, name="x")


def test_search_matches_code_name_or_department_any_case(repo):
    repo.employees.add("E001", "张伟", "研发")
    repo.employees.add("E002", "Li Na", "Sales")
    repo.employees.add("X100", "100% Wang", "")
    assert [e.code for e in repo.employees.all(search="li")] == ["E002"]
    assert [e.code for e in repo.employees.all(search="SALES")] == ["E002"]
    assert [e.code for e in repo.employees.all(search="张")] == ["E001"]
    assert [e.code for e in repo.employees.all(search="e00")] == ["E001", "E002"]
    assert [e.code for e in repo.employees.all(search="100%")] == ["X100"]
    assert [e.code for e in repo.employees.all(search="%")] == ["X100"]


def test_departments_are_distinct_sorted_and_non_empty(repo):
    for code, department in [("1", "销售"), ("2", "研发"), ("3", "销售"), ("4", "")]:
        repo.employees.add(code, f"name {code}", department)
    assert repo.employees.departments() == sorted({"销售", "研发"})


def test_pin_is_hashed_and_verifies(repo, employee, db_path):
    PinStore(repo).set_employee_pin(employee.id, "482913", actor="alice")
    assert repo.employees.get(employee.id).has_pin is True
    raw = sqlite3.connect(str(db_path))
    [(stored,)] = raw.execute("SELECT pin_hash FROM employees").fetchall()
    raw.close()
    assert stored.startswith("scrypt-k1$") and "482913" not in stored
    assert "482913" not in repo.audit.entries()[0].detail
    assert PinStore(repo).verify_employee_pin("E001", "482913") == repo.employees.get(employee.id)
    assert PinStore(repo).verify_employee_pin("E001", "482914") is None
    assert PinStore(repo).verify_employee_pin("E999", "482913") is None


def test_pin_of_inactive_or_pinless_employee_never_verifies(repo, employee):
    other = repo.employees.add("E002", "李娜")
    assert PinStore(repo).verify_employee_pin(other.code, "1234") is None
    PinStore(repo).set_employee_pin(employee.id, "1234")
    repo.employees.update(employee.id, active=False)
    assert PinStore(repo).verify_employee_pin("E001", "1234") is None


@pytest.mark.parametrize("pin", ["", "123", "12a4", "1234567890123", " 1234"])
def test_malformed_pin_is_refused(repo, employee, pin):
    with pytest.raises(InputError, match="4 to 12 digits"):
        PinStore(repo).set_employee_pin(employee.id, pin)
    assert repo.employees.get(employee.id).has_pin is False
