"""The company/machine merge: which values are company-wide, how they are stored and combined.

HR's company-wide values are stored as ``policy.<field>`` rows (in the
server's settings table, and pulled into each kiosk's); each machine's own
values live in its settings file. :func:`with_company` lays the first over
the second.
"""

from __future__ import annotations

import dataclasses
import json
import logging
from collections.abc import Mapping
from typing import Any

from kiosk.errors import InputError
from kiosk.settings.specs import COMPANY_FIELDS, MACHINE_FIELDS, SPECS, Settings, SettingValue

log = logging.getLogger("kiosk.settings")


POLICY_PREFIX = "policy."


def policy_key(name: str) -> str:
    """The ``settings`` table key of the company-wide setting ``name``."""
    if name not in COMPANY_FIELDS:
        raise InputError(f"{name} is not a company-wide setting")
    return POLICY_PREFIX + name


def encode_value(value: SettingValue) -> str:
    """A setting's value as the ``settings`` table stores it (JSON, so its type survives)."""
    return json.dumps(value, ensure_ascii=False)


def decode_value(key: str, text: str) -> tuple[str, SettingValue]:
    """``(field, value)`` for one stored ``policy.*`` row, checked against the field's spec.

    Raises :class:`InputError` (one line) for a key that is no company-wide
    setting, text that is not JSON, or a value the spec refuses.
    """
    name = key.removeprefix(POLICY_PREFIX)
    if name not in COMPANY_FIELDS:
        raise InputError(f"{name!r} is not a company-wide setting")
    try:
        raw = json.loads(text)
    except (ValueError, RecursionError):
        raise InputError(f"{name} is not valid JSON: {text[:40]!r}") from None
    return name, SPECS[name].coerce(name, raw)


def parse_company(stored: Mapping[str, str], where: str) -> dict[str, SettingValue]:
    """The valid company-wide values among ``stored`` (``policy.*`` key -> text); bad ones are logged and left out."""
    values: dict[str, SettingValue] = {}
    for key in sorted(stored):
        try:
            name, value = decode_value(key, stored[key])
        except InputError as exc:
            log.warning("%s: ignoring the company setting %s: %s", where, key, exc)
            continue
        values[name] = value
    return values



def with_company(machine: Settings, company: Mapping[str, SettingValue]) -> Settings:
    """``machine`` with the company-wide values of ``company`` in place: what a kiosk with a server runs with.

    Raises :class:`InputError` if ``company`` names a per-machine setting or
    holds a value its spec refuses (callers validate pulled values first, see
    :func:`kiosk.sync.company_settings.company_values`).
    """
    for name, value in company.items():
        if name not in COMPANY_FIELDS:
            raise InputError(f"{name} is not a company-wide setting")
        SPECS[name].check(name, value)
    values: dict[str, Any] = dict(company)
    return dataclasses.replace(machine, **values) if values else machine


def with_machine(base: Settings, edited: Settings) -> Settings:
    """``base`` with the per-machine values of ``edited``: what a kiosk with a server writes to its own file."""
    return dataclasses.replace(base, **{name: getattr(edited, name) for name in MACHINE_FIELDS}).validated()


def changed_fields(old: Settings, new: Settings) -> list[tuple[str, SettingValue, SettingValue]]:
    """``(field, old value, new value)`` for each field that differs, in declaration order."""
    return [
        (name, getattr(old, name), getattr(new, name))
        for name in SPECS
        if getattr(old, name) != getattr(new, name)
    ]


def change_detail(name: str, before: SettingValue, after: SettingValue) -> str:
    """The audit detail of one changed setting: ``"<field>: <old> -> <new>"``, values as Python literals."""
    return f"{name}: {before!r} -> {after!r}"

