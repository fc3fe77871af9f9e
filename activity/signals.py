"""Hooks of the activity app."""

from django.dispatch import Signal

# Sent after stored activity changed (a read, a withdrawal, the nightly summary): the impact figures follow.
activity_changed = Signal()
