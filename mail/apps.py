from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MailConfig(AppConfig):
    """A core app: it imports no other app of the project; every app may write to it (`mail.services`)."""

    name = "mail"
    verbose_name = _("Email")
