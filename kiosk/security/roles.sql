-- Database roles for a kiosk company server (PostgreSQL 13 or later).
--
-- Run once per kiosk database, connected to it as its owner, AFTER the
-- tables exist (open the database once with `kiosk admin --db URL` as the
-- owner: that creates and migrates them), and again after an upgrade that
-- adds tables:
--
--     psql "postgresql://owner@server/kiosk" -f roles.sql
--
-- It creates two group roles (NOLOGIN) and grants them what they need.
-- Give each kiosk and each HR person their own login role in a group:
--
--     CREATE ROLE door_north LOGIN PASSWORD '...' IN ROLE kiosk_door;
--     CREATE ROLE hr_wang    LOGIN PASSWORD '...' IN ROLE kiosk_hr;
--
-- kiosk_door (a kiosk at a door): reads the gallery (employees, templates,
--   settings) and records check-ins. It can INSERT events but not change or
--   delete them, and it can append to the audit log but not read it, so a
--   stolen kiosk's password can neither rewrite attendance nor read who
--   corrected what.
-- kiosk_hr (the HR workstation): staff, corrections, reports, the audit log,
--   and payroll (shifts, who works them, the company's dates, leave). It can
--   correct and delete events (every change is audited), but the audit log
--   itself is append-only even for HR: no UPDATE or DELETE. A door gets none
--   of the payroll tables (see the grants below).
-- Schema changes (migrations) stay with the database owner.

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'kiosk_door') THEN
        CREATE ROLE kiosk_door NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'kiosk_hr') THEN
        CREATE ROLE kiosk_hr NOLOGIN;
    END IF;
END
$$;

-- Start from nothing, so running the file again after a change takes rights away too.
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM kiosk_door, kiosk_hr;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM kiosk_door, kiosk_hr;
GRANT USAGE ON SCHEMA public TO kiosk_door, kiosk_hr;

-- A kiosk: the gallery and the schema version, read only.
GRANT SELECT ON employees, templates, settings, kiosk_schema TO kiosk_door;
-- Check-ins: added, and read back (the in/out rule needs the person's last event);
-- corrections and removals made on the server come down to the kiosk (kiosk sync).
GRANT SELECT, INSERT ON events TO kiosk_door;
GRANT SELECT ON event_removals TO kiosk_door;
-- People enrolled at the door reach the server (kiosk sync): a kiosk may add new
-- employees and their templates, but not change or deactivate anyone already
-- there; a re-enrollment at the door stays on that kiosk until HR redoes it.
GRANT INSERT ON employees, templates TO kiosk_door;
-- Audit entries written at the door (an admin's action there); never read. The
-- id column alone is readable because the kiosk learns each new row's id
-- (INSERT ... RETURNING id); who did what stays hidden.
GRANT INSERT, SELECT (id) ON audit_log TO kiosk_door;

-- HR: everything a workstation does, audit log append-only.
GRANT SELECT, INSERT, UPDATE, DELETE ON employees, templates, events, settings TO kiosk_hr;
-- Payroll (schema 5): shifts, who works them, the company's dates and leave are HR's alone.
-- A door gets none of them, not even to read: it never judges a month, and leave
-- says who was off sick, which a stolen kiosk password must not reveal.
GRANT SELECT, INSERT, UPDATE, DELETE ON shifts, shift_assignments, calendar_overrides, leaves TO kiosk_hr;
GRANT SELECT ON kiosk_schema, event_removals TO kiosk_hr;
GRANT SELECT, INSERT ON audit_log TO kiosk_hr;

-- New rows take their ids from the identity sequences.
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO kiosk_door, kiosk_hr;
