from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutreachConfig(AppConfig):
    name = "outreach"
    verbose_name = _("Outreach")

    def ready(self):
        from allauth.account.signals import user_signed_up

        from participants.signals import personal_data_requested, profile_sections

        from . import participant_hooks as hooks

        user_signed_up.connect(hooks.credit_ambassador, dispatch_uid="outreach.credit_ambassador")
        profile_sections.connect(hooks.ambassador_section, dispatch_uid="outreach.ambassador_section")
        personal_data_requested.connect(hooks.outreach_export, dispatch_uid="outreach.outreach_export")

        from mail import composers
        from mail.models import Email
        from mail.signals import batch_sent

        from . import emails, services

        composers.register(Email.Kind.ANNOUNCEMENT, emails.compose_announcements)
        composers.register(Email.Kind.DIGEST, emails.compose_digests)
        batch_sent.connect(services.finish_announcements, dispatch_uid="outreach.finish_announcements")
