from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BadgesConfig(AppConfig):
    name = "badges"
    verbose_name = _("badges")

    def ready(self):
        from participants.signals import participant_erasing, personal_data_requested, profile_sections

        # Certificates (badges/certificate_hooks.py).
        from . import certificate_hooks

        profile_sections.connect(certificate_hooks.profile_section, dispatch_uid="badges.certificates_section")
        personal_data_requested.connect(
            certificate_hooks.certificates_export, dispatch_uid="badges.certificates_export"
        )
        participant_erasing.connect(certificate_hooks.delete_certificates, dispatch_uid="badges.delete_certificates")
