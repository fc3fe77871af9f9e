"""Hooks through which the apps to the right of skills add to its pages."""

from django.dispatch import Signal

# Sent with `skill` when its page is shown: each receiver returns a `{"template": ..., **data}` dict (the template
# sees it as `section`), e.g. upcoming clinics on the skill, resources about it; or None.
skill_page_sections = Signal()
