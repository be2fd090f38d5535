"""The audit log and the key/value settings table."""

from __future__ import annotations

from datetime import UTC, timedelta

import pytest

from kiosk.errors import InputError
from kiosk.storage.repository import Repository


def test_audit_log_is_newest_first_with_limit_and_clock_time(repo, clock):
    for number in range(5):
        repo.audit.record("alice", f"action-{number}", f"detail {number}")
        clock.advance(minutes=1)
    entries = repo.audit.entries(limit=3)
    assert [entry.action for entry in entries] == ["action-4", "action-3", "action-2"]
    assert entries[0].at_utc == (clock.now - timedelta(minutes=1)).astimezone(UTC)
    assert entries[0].at_utc.tzinfo == UTC
    assert len(repo.audit.entries()) == 5


def test_audit_needs_actor_and_action(repo):
    with pytest.raises(InputError):
        repo.audit.record("", "x", "y")
    with pytest.raises(InputError):
        repo.audit.record("alice", " ", "y")
    assert repo.audit.entries() == []


def test_settings_default_set_overwrite_and_persist(repo, db_path):
    assert repo.settings.get("cooldown_s") is None
    assert repo.settings.get("cooldown_s", "60") == "60"
    repo.settings.set("cooldown_s", "30")
    repo.settings.set("cooldown_s", "45")
    assert repo.settings.get("cooldown_s") == "45"
    with Repository(db_path) as again:
        assert again.settings.get("cooldown_s") == "45"


def test_settings_values_must_be_text(repo):
    with pytest.raises(InputError, match="must be text"):
        repo.settings.set("cooldown_s", 30)  # type: ignore[arg-type]
    with pytest.raises(InputError):
        repo.settings.set(" ", "x")
