"""The badges app in the admin."""

from . import certificate_admin  # noqa: F401  (registers Certificate)
