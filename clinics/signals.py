"""Hooks through which the apps to the right of clinics add to its pages."""

from django.dispatch import Signal

# Sent with `clinic` when its page is shown: each receiver returns a `{"template": ..., **data}` dict (the template
# sees it as `section`), e.g. the resources of the clinic; or None.
clinic_page_sections = Signal()
