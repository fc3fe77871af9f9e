from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ParticipantsConfig(AppConfig):
    name = "participants"
    verbose_name = _("participants")

    def ready(self):
        from allauth.account.signals import user_signed_up

        from .liaisons import ensure_liaison_group
        from .signup_language import remember_signup_language

        post_migrate.connect(ensure_liaison_group, dispatch_uid="participants.ensure_liaison_group")
        user_signed_up.connect(remember_signup_language, dispatch_uid="participants.remember_signup_language")

        from allauth.account.signals import email_confirmed

        from .services import email_confirmed_by_user

        email_confirmed.connect(email_confirmed_by_user, dispatch_uid="participants.email_confirmed")

        from allauth.socialaccount.signals import social_account_added

        from .adapters import wikimedia_account_connected

        social_account_added.connect(wikimedia_account_connected, dispatch_uid="participants.wikimedia_connected")

        from mail.signals import address_refused, refused_among

        from . import mail_hooks

        address_refused.connect(mail_hooks.record_refused_address, dispatch_uid="participants.address_refused")
        refused_among.connect(mail_hooks.refused_addresses, dispatch_uid="participants.refused_among")
