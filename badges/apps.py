from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class BadgesConfig(AppConfig):
    name = "badges"
    verbose_name = _("badges")

    def ready(self):
        from django.core import checks

        from .ob3.checks import signing_keys_usable

        checks.register(signing_keys_usable, checks.Tags.security)

        from clinics.models import Attendance, Clinic, ClinicSharer
        from participants.signals import participant_erasing, personal_data_requested, profile_sections
        from skills.models import Mentorship

        from . import participant_hooks, triggers

        # Badges: earned as attendance, shares, mentorships and clinics change; shown on profiles.
        for model in (Attendance, ClinicSharer, Mentorship):
            post_save.connect(triggers.participant_changed, sender=model, dispatch_uid=f"badges.{model.__name__}")
            post_delete.connect(
                triggers.participant_changed, sender=model, dispatch_uid=f"badges.{model.__name__}.deleted"
            )
        post_save.connect(triggers.clinic_changed, sender=Clinic, dispatch_uid="badges.clinic")
        profile_sections.connect(participant_hooks.profile_section, dispatch_uid="badges.profile_section")
        personal_data_requested.connect(participant_hooks.awards_export, dispatch_uid="badges.awards_export")

        # Certificates (badges/certificate_hooks.py).
        from . import certificate_hooks

        profile_sections.connect(certificate_hooks.profile_section, dispatch_uid="badges.certificates_section")
        personal_data_requested.connect(
            certificate_hooks.certificates_export, dispatch_uid="badges.certificates_export"
        )
        participant_erasing.connect(certificate_hooks.delete_certificates, dispatch_uid="badges.delete_certificates")

        from mail import composers
        from mail.models import Email

        from . import emails

        composers.register(Email.Kind.BADGE, emails.compose_award_emails)
