"""Commands for a company with a server: sync, company-wide settings and the HR workstation."""

from __future__ import annotations

import argparse
import logging
import os

from kiosk.cli.common import emit, location_of, open_repo, operator_name, settings_for
from kiosk.errors import InputError

log = logging.getLogger("kiosk.cli")


def cmd_sync(args: argparse.Namespace) -> int:
    """One round of :func:`kiosk.sync.round.sync_once`; the server is reached before the local file is opened,
    so a wrong URL, bad credentials or another schema version leave the local database untouched."""
    from kiosk.sync.round import sync_once
    from kiosk.sync.server import open_server

    url = getattr(args, "server", None) or os.environ.get("KIOSK_SERVER", "")
    if not url:
        raise InputError("no server given; pass --server postgresql://USER@HOST/DATABASE or set KIOSK_SERVER")
    server = open_server(url)
    try:
        _path, repo = open_repo(args, "create")
        with repo:
            result = sync_once(repo, server)
    finally:
        server.close()
    emit(args, result.to_json(),
          f"{result.pushed} events sent, {result.pulled} changes received, {result.pending} events waiting")
    return 0


def cmd_company_settings(args: argparse.Namespace) -> int:
    """Show the company-wide settings on the server, or set some (``--set NAME=VALUE``), audited there.

    Every assignment is checked (a company-wide name, a value its spec allows)
    before anything is written, and all are stored in one transaction, audited
    as ``change_setting`` by ``cli:<OS user>``. Kiosks apply them at their next
    sync. A file is refused: a kiosk on its own keeps every setting in its
    settings file.
    """
    from kiosk.settings.specs import COMPANY_FIELDS, MACHINE_FIELDS, SPECS
    from kiosk.sync.company_settings import company_values, save_company_change

    if not location_of(args).is_server:
        raise InputError("company-wide settings live on the company server: pass --db postgresql://USER@HOST/DATABASE "
                         "(a kiosk on its own keeps every setting in its settings file)")
    changes: dict[str, object] = {}
    for assignment in args.assignments:
        name, sep, raw = assignment.partition("=")
        name = name.strip()
        if not sep:
            raise InputError(f"--set needs NAME=VALUE, not {assignment!r}")
        if name in MACHINE_FIELDS:
            raise InputError(f"{name} is set per kiosk, in its own settings file, not on the server")
        if name not in COMPANY_FIELDS:
            raise InputError(f"{name!r} is not a company-wide setting; they are: {', '.join(COMPANY_FIELDS)}")
        changes[name] = SPECS[name].coerce(name, raw.strip())
    _path, repo = open_repo(args, "write" if changes else "read")
    with repo:
        before = settings_for(args, repo)
        if changes:
            save_company_change(repo, before, before.replace(**changes), actor=f"cli:{operator_name()}")
        stored = company_values(repo)
    after = before.replace(**changes)
    lines = [
        f"{name} = {getattr(after, name)!r}" + ("" if name in stored else "  (not set: each kiosk's own)")
        for name in COMPANY_FIELDS
    ]
    emit(args, stored, "\n".join(lines))
    return 0


def cmd_admin(args: argparse.Namespace) -> int:
    """The HR workstation window (:mod:`kiosk.ui.admin.workstation`); opening errors are one line."""
    from kiosk.ui.admin.workstation import run_admin

    return run_admin(getattr(args, "db", None), args.admin_language or args.language)


