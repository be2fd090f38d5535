"""Storage: the schema and its migrations, the SQLite and PostgreSQL engines, and the repository.

Import names from the module that defines them (:mod:`kiosk.storage.repository`,
:mod:`kiosk.storage.models`, :mod:`kiosk.storage.schema`).
"""
