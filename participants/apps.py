from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ParticipantsConfig(AppConfig):
    name = "participants"
    verbose_name = _("participants")

    def ready(self):
        from .liaisons import ensure_liaison_group

        post_migrate.connect(ensure_liaison_group, dispatch_uid="participants.ensure_liaison_group")

        from allauth.account.signals import email_confirmed

        from .services import email_confirmed_by_user

        email_confirmed.connect(email_confirmed_by_user, dispatch_uid="participants.email_confirmed")

        from allauth.socialaccount.signals import social_account_added

        from .adapters import wikimedia_account_connected

        social_account_added.connect(wikimedia_account_connected, dispatch_uid="participants.wikimedia_connected")
