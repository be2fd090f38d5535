"""SQLite storage for the kiosk: employees, face templates, events, audit log, settings.

Import the public names from here or from :mod:`kiosk.storage.repository`.
"""

from kiosk.storage.models import AttendanceEvent, AuditEntry, Employee, TemplateSet
from kiosk.storage.repository import Repository
from kiosk.storage.schema import ANGLES, SCHEMA_VERSION

__all__ = ["ANGLES", "SCHEMA_VERSION", "AttendanceEvent", "AuditEntry", "Employee", "Repository", "TemplateSet"]
