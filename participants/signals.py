"""Hooks through which the apps to the right of participants take part in its operations."""

from django.dispatch import Signal

# Sent with `participant` inside the erasing transaction, before the profile is deleted: apps that
# keep rows about the participant turn them into anonymous counts.
participant_erasing = Signal()

# Sent with `participant` when they download their data: each receiver returns a
# `(section_name, json_serialisable_data)` pair to add to the export.
personal_data_requested = Signal()

# Sent with `participant` and `email` when that address is known to be theirs (confirmed by them, or given by staff
# in an import): apps link to the participant what they recorded under the address before the account existed
# (the clinics app: attendance without an account), so that nobody is counted twice.
participant_email_confirmed = Signal()

# Sent with `participant` after anything the Skills Directory shows or searches changed (profile, languages,
# affiliates, listing, account): the skills app rebuilds the participant's directory row.
profile_changed = Signal()

# Sent with `participant` (and `viewer`, the user looking, when there is one) when their public profile is shown:
# each receiver returns a `{"template": ..., **data}` dict (the template sees it as `section`) (clinics attended,
# skills, badges), or None.
profile_sections = Signal()

# Sent with `participant` (and `user`) when their settings page ("Privacy and emails") is shown: each receiver
# returns a `{"template": ..., **data}` dict (the template sees it as `section`) (API tokens), or None.
preferences_sections = Signal()
