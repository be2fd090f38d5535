"""Reading a table HR hands over: a CSV file in whatever encoding Excel saved it, or an xlsx workbook.

Chinese Excel saves "CSV" in GBK (GB18030 is its superset), not UTF-8; other
tools write UTF-8, with or without a byte-order mark. The bytes are tried as
UTF-8 first (``utf-8-sig`` drops a BOM), then as GB18030: text in GBK is
almost never valid UTF-8, so the first that decodes is right. A UTF-16 file
("Unicode text") is recognised by its BOM. xlsx is read with openpyxl in
read-only mode (the first sheet), which streams rows instead of loading the
whole workbook. Every refusal is one line that names the file and, where
there is one, the row (row 1 is the header).
"""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

from kiosk.errors import InputError

#: Encodings tried, in order, for a CSV file without a UTF-16 BOM.
CSV_ENCODINGS: tuple[str, ...] = ("utf-8-sig", "gb18030")


@dataclass(frozen=True)
class Table:
    """A file's cells as text: ``header`` (row 1) and the rows after it as (row number, cells)."""

    name: str
    header: tuple[str, ...]
    rows: tuple[tuple[int, tuple[str, ...]], ...]

    def where(self, number: int) -> str:
        """``"roster.csv row 7"``: how messages name a row."""
        return f"{self.name} row {number}"


def read_table(path: str | Path) -> Table:
    """The cells of the CSV or xlsx file at ``path``; :class:`InputError` (one line) if it cannot be read.

    Empty rows are dropped; cells are stripped of surrounding spaces.
    """
    target = Path(path)
    name = str(path)
    suffix = target.suffix.lower()
    if suffix == ".xls":
        raise InputError(f"{name}: old .xls workbooks cannot be read; save it as .xlsx or CSV in Excel")
    try:
        records = _xlsx_rows(target) if suffix in (".xlsx", ".xlsm") else _csv_rows(target, name)
    except OSError as error:
        raise InputError(f"{name}: cannot be read ({error.strerror or error}); check the path") from None
    numbered = [(number, cells) for number, cells in enumerate(records, start=1) if any(cells)]
    if not numbered:
        raise InputError(f"{name}: the file is empty; its first row must name the columns")
    (first, header), *rows = numbered
    if first != 1:
        raise InputError(f"{name} row 1: empty; the first row must name the columns")
    return Table(name, header, tuple(rows))


def _csv_rows(path: Path, name: str) -> list[tuple[str, ...]]:
    data = path.read_bytes()
    utf16 = data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    if (b"\x00" in data and not utf16) or (utf16 and "\x00" in _decode(data, name)):
        raise InputError(f"{name}: not a text table (it holds binary data); save it as CSV or xlsx")
    text = _decode(data, name)
    first_line = text.split("\n", 1)[0]
    delimiter = max(",\t;", key=first_line.count) if first_line else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[str, ...]] = []
    try:
        for cells in reader:
            rows.append(tuple(cell.strip() for cell in cells))
    except csv.Error as error:
        raise InputError(f"{name} row {len(rows) + 1}: cannot be read as CSV ({error})") from None
    return rows


def _decode(data: bytes, name: str) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(f"{name}: unreadable UTF-16 text; save it again as CSV UTF-8") from None
    for encoding in CSV_ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError(f"{name}: unreadable text (neither UTF-8 nor GBK/GB18030); save it again as CSV UTF-8")


def _xlsx_rows(path: Path) -> list[tuple[str, ...]]:
    from openpyxl import load_workbook  # type: ignore[import-untyped]
    from openpyxl.utils.exceptions import InvalidFileException  # type: ignore[import-untyped]

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError) as error:
        raise InputError(f"{path}: not a readable xlsx workbook ({' '.join(str(error).split())})") from None
    try:
        sheet = workbook.worksheets[0]
        return [tuple(_cell_text(value) for value in row) for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()


def _cell_text(value: object) -> str:
    """A cell as text: a whole number without ``.0`` (a code typed as 12 reads ``12``), dates in ISO form."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return str(value).strip()


def column_indexes(
    table: Table, columns: Mapping[str, Sequence[str]], required: Sequence[str]
) -> dict[str, int]:
    """Where each column is: ``columns`` maps a column to the header titles it may have (any case).

    Refuses a header that lacks a ``required`` column or names one twice.
    """
    found: dict[str, int] = {}
    for index, title in enumerate(table.header):
        key = title.strip().casefold().replace(" ", "_")
        for column, titles in columns.items():
            if key in (t.casefold() for t in titles):
                if column in found:
                    raise InputError(f"{table.where(1)}: the column {column} appears twice")
                found[column] = index
    missing = [column for column in required if column not in found]
    if missing:
        named = ", ".join(f"{column} ({'/'.join(columns[column][1:])})" for column in missing)
        expected = ",".join(columns)
        raise InputError(f"{table.where(1)}: missing columns {named}; the first row must name the columns {expected}")
    return found


def cell(cells: Sequence[str], index: int | None) -> str:
    """The cell at ``index`` (``""`` past the row's end or for a column the file lacks)."""
    return cells[index] if index is not None and index < len(cells) else ""
