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
