"""Storage: the schema and its migrations, the SQLite and PostgreSQL engines, and the repository.

The repository (:mod:`kiosk.storage.repository`) opens the database and is made
of one small helper object per group of tables: :mod:`~kiosk.storage.employees`,
:mod:`~kiosk.storage.templates`, :mod:`~kiosk.storage.events`,
:mod:`~kiosk.storage.audit`, :mod:`~kiosk.storage.settings_table` and
:mod:`~kiosk.storage.pin_hashes`, sharing :mod:`~kiosk.storage.tables`.
Storage never imports :mod:`kiosk.security`: PIN hashing is
:class:`kiosk.security.pins.PinStore`'s.

Import names from the module that defines them (:mod:`kiosk.storage.repository`,
:mod:`kiosk.storage.models`, :mod:`kiosk.storage.schema`, a helper's module for its errors).
"""
