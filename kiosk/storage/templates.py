"""Face templates: ``repo.templates`` stores, lists and stacks them for matching.

Vectors are stored as little-endian float32 blobs with their angle label, so a
float32 vector comes back bit for bit. Face photos are never stored.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from kiosk.errors import InputError
from kiosk.storage.models import TemplateSet, utc_text
from kiosk.storage.schema import ANGLES, TEMPLATE_LENGTH, new_uid
from kiosk.storage.tables import Database, Tables, one


class Templates:
    """The ``templates`` table of one repository (``repo.templates``)."""

    def __init__(self, tables: Tables) -> None:
        self._tables = tables

    def replace(self, employee_id: int, templates: Sequence[tuple[str, np.ndarray]], actor: str = "admin") -> None:
        """Swap the employee's templates for ``templates`` (angle, 128 floats) in one transaction.

        Vectors are stored as little-endian float32, so a float32 vector comes
        back bit for bit. An empty list is refused: use
        :meth:`~kiosk.storage.employees.Employees.delete_biometrics`.
        """
        if not templates:
            raise InputError("No face templates given; enroll again, or delete biometrics to remove them.")
        rows = [template_row(employee_id, angle, vector) for angle, vector in templates]
        with self._tables.tx.writing() as db:
            row = self._tables.employee_row(db, employee_id)
            old = store_templates(self._tables, db, employee_id, row["code"], rows, actor)
        if old:
            self._tables.tx.purge_wal()

    def of(self, employee_id: int) -> list[tuple[str, np.ndarray]]:
        """The employee's templates as (angle, float32 (128,) vector), in the order stored."""
        with self._tables.tx.reading() as db:
            rows = list(
                db.query("SELECT angle, vector FROM templates WHERE employee_id = ? ORDER BY id", [employee_id])
            )
        return [(row["angle"], _vector(row["vector"])) for row in rows]

    def gallery(self) -> TemplateSet:
        """All templates of active employees, stacked for matching (see :class:`TemplateSet`)."""
        with self._tables.tx.reading() as db:
            rows = list(
                db.query(
                    "SELECT t.employee_id, t.angle, t.vector FROM templates t "
                    "JOIN employees e ON e.id = t.employee_id WHERE e.active = 1 "
                    "ORDER BY t.employee_id, t.id"
                )
            )
        vectors = np.empty((len(rows), TEMPLATE_LENGTH), dtype=np.float32)
        for index, row in enumerate(rows):
            vectors[index] = _vector(row["vector"])
        return TemplateSet(
            employee_ids=np.array([row["employee_id"] for row in rows], dtype=np.int64),
            vectors=vectors,
            angles=tuple(row["angle"] for row in rows),
        )

    def revision(self) -> tuple[int, int, int]:
        """A cheap fingerprint of what :meth:`gallery` would return.

        (active templates, highest template id, active employees): it changes
        whenever anyone is enrolled, re-enrolled, deactivated or has their face
        data deleted, from this process or another (the CLI, a second kiosk).
        """
        with self._tables.tx.reading() as db:
            row = one(
                db,
                "SELECT (SELECT count(*) FROM templates t JOIN employees e ON e.id = t.employee_id "
                "WHERE e.active = 1) AS templates, (SELECT coalesce(max(id), 0) FROM templates) AS newest, "
                "(SELECT count(*) FROM employees WHERE active = 1) AS people",
                [],
            )
        assert row is not None
        return (int(row["templates"]), int(row["newest"]), int(row["people"]))


def store_templates(
    tables: Tables, db: Database, employee_id: int, code: str, template_rows: list[dict[str, Any]], actor: str
) -> int:
    """Replace the employee's templates with ``template_rows`` inside ``db``'s transaction; return how many went."""
    old = db.execute("DELETE FROM templates WHERE employee_id = ?", [employee_id]).rowcount
    created_at = utc_text(tables.clock())
    db.table("templates").insert_all(
        [{**t, "employee_id": employee_id, "created_at": created_at, "uid": new_uid()} for t in template_rows]
    )
    angles = ",".join(t["angle"] for t in template_rows)
    tables.audit(db, actor, "replace_templates", f"{code}: {old} -> {len(template_rows)} templates ({angles})")
    return int(old)


def template_row(employee_id: int, angle: str, vector: np.ndarray) -> dict[str, Any]:
    """A checked ``templates`` row: a known angle and 128 finite numbers as little-endian float32."""
    if angle not in ANGLES:
        raise InputError(f"Template angle {angle!r} is not one of {', '.join(ANGLES)}.")
    array = np.asarray(vector)
    if array.shape != (TEMPLATE_LENGTH,) or not np.issubdtype(array.dtype, np.number):
        raise InputError(f"A face template must be {TEMPLATE_LENGTH} numbers, not shape {array.shape}.")
    array = array.astype("<f4")
    if not np.all(np.isfinite(array)):
        raise InputError("A face template contains NaN or infinity; enroll again.")
    return {"employee_id": employee_id, "angle": angle, "vector": array.tobytes()}


def _vector(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype="<f4").astype(np.float32)
