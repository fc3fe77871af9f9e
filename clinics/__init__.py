"""Clinics: Learning Clinics and workshops, their topics, and who attended."""
