"""Enrolment from the Capacity Exchange (CapX): its signed token checked (`tokens`), its free-text answers read
onto our options (`answers`), and the person created or updated (`services`)."""
