"""Enrollment: the guided capture of a face from several angles, and the session that saves it."""
