-- Database roles for a kiosk company server (PostgreSQL 13 or later).
--
-- Run once per kiosk database, connected to it as its owner, AFTER the
-- tables exist (open the database once with `kiosk admin --db URL` as the
-- owner: that creates and migrates them), and again after every upgrade
-- (new tables need their grants, and the policies at the end may change):
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
--   corrected what. A door speaks only for itself (schema 6, the row-level
--   security policies at the end): HR registers each door login with its
--   device id (the workstation's Doors page, table doors), and until then the
--   login reads but writes nothing; its check-ins must carry its own device id
--   and be dated at most 5 minutes after the server's clock; the people it
--   enrolls wait for HR's approval (only that door sees them until then), and
--   it can add nothing to anyone it did not enroll: a re-enrollment at the
--   door becomes a request HR approves or rejects.
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
-- Nobody but the owner creates objects here (PostgreSQL 15 does this by default; on 13 and 14 it
-- needs the schema's owner, and otherwise only warns): no login can shadow a table or function.
REVOKE CREATE ON SCHEMA public FROM PUBLIC;

-- A kiosk: the gallery and the schema version, read only.
GRANT SELECT ON employees, templates, settings, kiosk_schema TO kiosk_door;
-- Check-ins: added, and read back (the in/out rule needs the person's last event);
-- corrections and removals made on the server come down to the kiosk (kiosk sync).
GRANT SELECT, INSERT ON events TO kiosk_door;
GRANT SELECT ON event_removals TO kiosk_door;
-- People enrolled at the door reach the server (kiosk sync): a kiosk may add new
-- employees and their templates (waiting for HR's approval, see the policies),
-- but not change or deactivate anyone already there; a re-enrollment at the door
-- stays on that kiosk and goes to HR as a request (reenrollment_requests).
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

-- Doors and enrollment requests (schema 6): a door sends re-enrollments as requests (and reads its
-- own back, to send each once); HR registers doors and decides requests. A door never reads doors:
-- it learns its own registration through kiosk_login() (a SECURITY DEFINER function of schema 6).
GRANT SELECT, INSERT ON reenrollment_requests TO kiosk_door;
GRANT INSERT ON reenrollment_templates TO kiosk_door;
GRANT SELECT, INSERT, UPDATE, DELETE ON doors TO kiosk_hr;
GRANT SELECT, UPDATE ON reenrollment_requests TO kiosk_hr;
GRANT SELECT ON reenrollment_templates TO kiosk_hr;

-- New rows take their ids from the identity sequences.
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO kiosk_door, kiosk_hr;

-- Row-level security: which rows a door may read and add, decided by the server for every
-- statement, whatever client sends it. The owner (migrations) bypasses it; HR sees every row and
-- keeps exactly the rights granted above. kiosk_door_device() is the device id HR registered for
-- the session's login (NULL for an unregistered one, so every door check below fails for it).
-- Start from nothing here too: policies of an earlier version of this file are dropped.
DO $$
DECLARE
    policy record;
BEGIN
    FOR policy IN SELECT policyname, tablename FROM pg_policies
                  WHERE schemaname = current_schema() AND (policyname LIKE 'hr\_%' OR policyname LIKE 'door\_%')
    LOOP
        EXECUTE format('DROP POLICY %I ON %I', policy.policyname, policy.tablename);
    END LOOP;
END
$$;
ALTER TABLE employees ENABLE ROW LEVEL SECURITY;
ALTER TABLE templates ENABLE ROW LEVEL SECURITY;
ALTER TABLE events ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
ALTER TABLE doors ENABLE ROW LEVEL SECURITY;
ALTER TABLE reenrollment_requests ENABLE ROW LEVEL SECURITY;
ALTER TABLE reenrollment_templates ENABLE ROW LEVEL SECURITY;

CREATE POLICY hr_all ON employees TO kiosk_hr USING (true) WITH CHECK (true);
CREATE POLICY hr_all ON templates TO kiosk_hr USING (true) WITH CHECK (true);
CREATE POLICY hr_all ON events TO kiosk_hr USING (true) WITH CHECK (true);
CREATE POLICY hr_all ON audit_log TO kiosk_hr USING (true) WITH CHECK (true);
CREATE POLICY hr_all ON doors TO kiosk_hr USING (true) WITH CHECK (true);
CREATE POLICY hr_all ON reenrollment_requests TO kiosk_hr USING (true) WITH CHECK (true);
CREATE POLICY hr_all ON reenrollment_templates TO kiosk_hr USING (true) WITH CHECK (true);

-- A door sees the approved staff and the people it enrolled itself (waiting, or rejected: it
-- learns so and stops recognising them); the other doors' waiting enrollments stay hidden.
CREATE POLICY door_read ON employees FOR SELECT TO kiosk_door
    USING (approval = 'approved' OR enrolled_by = session_user);
-- It adds only new people, marked as its own and waiting for HR, once registered.
CREATE POLICY door_enroll ON employees FOR INSERT TO kiosk_door
    WITH CHECK (kiosk_door_device() IS NOT NULL AND enrolled_by = session_user AND approval = 'pending');
-- Templates of the people it sees; new ones only for its own waiting enrollments: no face can be
-- planted on anyone else, nor on its own enrollment once HR has decided it.
CREATE POLICY door_read ON templates FOR SELECT TO kiosk_door
    USING (EXISTS (SELECT 1 FROM employees e WHERE e.id = templates.employee_id));
CREATE POLICY door_enroll ON templates FOR INSERT TO kiosk_door
    WITH CHECK (kiosk_door_device() IS NOT NULL AND EXISTS (
        SELECT 1 FROM employees e WHERE e.id = templates.employee_id
        AND e.enrolled_by = session_user AND e.approval = 'pending'));
-- Check-ins of the people it sees, under its own device id only, and never dated more than
-- 5 minutes after the server's clock (yesterday's, sent late by an offline kiosk, are fine).
CREATE POLICY door_read ON events FOR SELECT TO kiosk_door
    USING (EXISTS (SELECT 1 FROM employees e WHERE e.id = events.employee_id));
CREATE POLICY door_check_in ON events FOR INSERT TO kiosk_door
    WITH CHECK (device_id = kiosk_door_device()
                AND at_utc::timestamptz <= kiosk_latest_event_time()
                AND EXISTS (SELECT 1 FROM employees e WHERE e.id = events.employee_id));
-- The audit log: appended to by a registered door; the rows are visible only as far as the
-- column grant above goes (the id, for INSERT ... RETURNING id).
CREATE POLICY door_append ON audit_log FOR INSERT TO kiosk_door WITH CHECK (kiosk_door_device() IS NOT NULL);
CREATE POLICY door_ids ON audit_log FOR SELECT TO kiosk_door USING (true);
-- Re-enrollment requests: its own, for people it sees, under its own device id; templates only
-- for its own requests still waiting.
CREATE POLICY door_read ON reenrollment_requests FOR SELECT TO kiosk_door USING (requested_by = session_user);
CREATE POLICY door_request ON reenrollment_requests FOR INSERT TO kiosk_door
    WITH CHECK (requested_by = session_user AND device_id = kiosk_door_device() AND status = 'pending'
                AND EXISTS (SELECT 1 FROM employees e WHERE e.id = reenrollment_requests.employee_id));
CREATE POLICY door_request ON reenrollment_templates FOR INSERT TO kiosk_door
    WITH CHECK (kiosk_door_device() IS NOT NULL AND EXISTS (
        SELECT 1 FROM reenrollment_requests r
        WHERE r.id = reenrollment_templates.request_id AND r.status = 'pending'));
