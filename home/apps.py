from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    """A page that shows several apps lives in an app of its own, so that the core (`letsconnect`) imports none."""

    name = "home"
    verbose_name = _("Home page")
