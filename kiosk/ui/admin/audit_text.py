"""The audit log in the screen language: stored codes stay stable, what an admin reads is translated.

The engine writes each entry as an action code (``admin_pin_ok``) and a
detail line in English, and those stay exactly as stored: exports, scripts and
older kiosks rely on them. Here they are only *displayed* in the current
language: every action code has a name, and detail lines whose shape is fixed
are reworded around the parts that came from people (codes, names, reasons),
which are copied through unchanged and never interpreted. A detail this
module does not know is shown as stored.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

from kiosk.settings.specs import SPECS

translate = QCoreApplication.translate
# The context is written out in every call: pyside6-lupdate finds strings only
# in literal ``translate("Context", "...")`` calls.


def action_text(action: str) -> str:
    """The name of an audit action in the current language; the code itself when unknown."""
    names = {
        "add_employee": translate("AuditLog", "Employee added"),
        "update_employee": translate("AuditLog", "Employee changed"),
        "activate_employee": translate("AuditLog", "Employee reactivated"),
        "deactivate_employee": translate("AuditLog", "Employee deactivated"),
        "replace_templates": translate("AuditLog", "Face templates saved"),
        "delete_biometrics": translate("AuditLog", "Face data deleted"),
        "erase_biometrics": translate("AuditLog", "Biometrics erased"),
        "set_pin": translate("AuditLog", "Personal PIN set"),
        "pin_key_replaced": translate("AuditLog", "PIN key file replaced"),
        "add_event": translate("AuditLog", "Event added by hand"),
        "update_event": translate("AuditLog", "Event corrected"),
        "delete_event": translate("AuditLog", "Event deleted"),
        "sync_employee": translate("AuditLog", "Employee sent by a door"),
        "register_door": translate("AuditLog", "Door registered"),
        "remove_door": translate("AuditLog", "Door removed"),
        "approve_enrollment": translate("AuditLog", "Enrollment at a door approved"),
        "reject_enrollment": translate("AuditLog", "Enrollment at a door rejected"),
        "request_reenrollment": translate("AuditLog", "Re-enrollment sent by a door"),
        "approve_reenrollment": translate("AuditLog", "Re-enrollment at a door approved"),
        "reject_reenrollment": translate("AuditLog", "Re-enrollment at a door rejected"),
        "confirm_event": translate("AuditLog", "Event time confirmed"),
        "change_setting": translate("AuditLog", "Setting changed"),
        "admin_pin_set": translate("AuditLog", "Admin PIN chosen"),
        "admin_pin_changed": translate("AuditLog", "Admin PIN changed"),
        "admin_pin_reset": translate("AuditLog", "Admin PIN reset"),
        "admin_pin_ok": translate("AuditLog", "Admin signed in"),
        "admin_pin_refused": translate("AuditLog", "Admin PIN refused"),
        "admin_timeout": translate("AuditLog", "Admin mode locked (idle)"),
        "pin_checkin_ok": translate("AuditLog", "PIN check-in"),
        "pin_checkin_refused": translate("AuditLog", "PIN check-in refused"),
        "pin_checkin_locked": translate("AuditLog", "PIN check-in locked"),
        "add_shift": translate("AuditLog", "Shift added"),
        "assign_shift": translate("AuditLog", "Shift assigned"),
        "set_calendar_day": translate("AuditLog", "Company calendar date set"),
        "clear_calendar_day": translate("AuditLog", "Company calendar date removed"),
        "add_leave": translate("AuditLog", "Leave recorded"),
        "delete_leave": translate("AuditLog", "Leave deleted"),
        "import_roster": translate("AuditLog", "Staff list imported"),
        "import_punches": translate("AuditLog", "Punches imported"),
    }
    return names.get(action, action)


_Rewording = Callable[[re.Match[str]], str]


def _value(stored: str) -> str:
    """A value the engine wrote as a Python literal (``'张伟'``, ``True``, ``1``), for reading.

    Only literals are parsed (:func:`ast.literal_eval` runs nothing); text
    comes back as typed, without quotes, booleans as yes/no in the screen
    language, and anything else as stored.
    """
    try:
        value = ast.literal_eval(stored)
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return stored
    if isinstance(value, bool):
        return translate("AuditLog", "yes") if value else translate("AuditLog", "no")
    return str(value) if isinstance(value, (str, int, float)) else stored


def _field(name: str) -> str:
    """An employee field named in an ``update_employee`` detail, in the screen language."""
    names = {
        "name": translate("AuditLog", "name"),
        "department": translate("AuditLog", "department"),
        "active": translate("AuditLog", "active"),
        "consent_at": translate("AuditLog", "consent"),
    }
    return names.get(name, name)


_CHANGE = re.compile(r"(?P<field>[a-z_]+): (?P<old>.*?) -> (?P<new>.*)", re.DOTALL)


def _changes(detail: str) -> str:
    """``name: 'a' -> 'b'; active: 1 -> 0`` reworded part by part; a part of another shape stays as stored."""
    parts = []
    for part in detail.split("; "):
        match = _CHANGE.fullmatch(part)
        if match is None:
            parts.append(part)
            continue
        old, new = match["old"], match["new"]
        if match["field"] == "active":  # stored as 1/0
            old, new = ("True" if old == "1" else "False"), ("True" if new == "1" else "False")
        parts.append(
            translate("AuditLog", "{field}: {old} → {new}").format(
                field=_field(match["field"]), old=_value(old), new=_value(new)
            )
        )
    return translate("AuditLog", "; ").join(parts)

# Each pattern matches a whole detail line as the engine writes it; named groups
# are people's words and are put back verbatim.
_DETAILS: tuple[tuple[re.Pattern[str], _Rewording], ...] = (
    (
        re.compile(r"locked after repeated wrong PINs"),
        lambda m: translate("AuditLog", "locked after repeated wrong PINs"),
    ),
    (re.compile(r"admin mode left idle"), lambda m: translate("AuditLog", "admin mode left idle")),
    (re.compile(r"on the settings page"), lambda m: translate("AuditLog", "on the settings page")),
    (
        re.compile(r"(?P<code>.+): personal PIN set"),
        lambda m: translate("AuditLog", "{code}: personal PIN set").format(code=m["code"]),
    ),
    (
        re.compile(r"(?P<code>.+): (?P<count>\d+) templates deleted"),
        lambda m: translate("AuditLog", "{code}: {count} templates deleted").format(code=m["code"], count=m["count"]),
    ),
    (
        re.compile(r"(?P<code>.+): (?P<old>\d+) -> (?P<new>\d+) templates \((?P<angles>[a-z,]*)\)"),
        lambda m: translate("AuditLog", "{code}: {old} -> {new} templates ({angles})").format(
            code=m["code"], old=m["old"], new=m["new"], angles=m["angles"]
        ),
    ),
    (
        re.compile(r"(?P<code>\S+) (?P<name>'.*'|\".*\") department=(?P<department>'.*'|\".*\")"
                   r"(?: consent_at=(?P<consent>\S+))?", re.DOTALL),
        lambda m: (
            translate("AuditLog", "{code} {name}, department {department}, consent given {consent}").format(
                code=m["code"], name=_value(m["name"]), department=_value(m["department"]), consent=m["consent"]
            )
            if m["consent"]
            else translate("AuditLog", "{code} {name}, department {department}").format(
                code=m["code"], name=_value(m["name"]), department=_value(m["department"])
            )
        ),
    ),
    (
        re.compile(r"(?P<code>[^:]+): re-enrolled; (?P<changes>.*)", re.DOTALL),
        lambda m: translate("AuditLog", "{code}: re-enrolled; {changes}").format(
            code=m["code"], changes=_changes(m["changes"])
        ),
    ),
    (
        re.compile(r"(?P<code>[^:]+): (?P<changes>(?:name|department|active|consent_at): .*)", re.DOTALL),
        lambda m: translate("AuditLog", "{code}: {changes}").format(code=m["code"], changes=_changes(m["changes"])),
    ),
    (
        re.compile(rf"(?P<setting>{'|'.join(SPECS)}): (?P<old>.*) -> (?P<new>.*)", re.DOTALL),
        lambda m: translate("AuditLog", "setting {setting}: {old} → {new}").format(
            setting=m["setting"], old=_value(m["old"]), new=_value(m["new"])
        ),
    ),
    (
        re.compile(r"(?P<what>event \d+: .*?); reason: (?P<reason>.*)", re.DOTALL),
        lambda m: translate("AuditLog", "{what}; reason: {reason}").format(what=m["what"], reason=m["reason"]),
    ),
)


def detail_text(detail: str) -> str:
    """An audit detail line in the current language, people's words kept as they were typed."""
    for pattern, reword in _DETAILS:
        match = pattern.fullmatch(detail)
        if match is not None:
            return reword(match)
    return detail
