from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClinicsConfig(AppConfig):
    name = "clinics"
    verbose_name = _("Learning Clinics")

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from participants.signals import (
            participant_email_confirmed,
            participant_erasing,
            personal_data_requested,
            profile_sections,
        )
        from skills.models import Skill
        from skills.signals import skill_page_sections

        from . import listing
        from . import participant_hooks as hooks
        from .models import Clinic, Topic

        participant_erasing.connect(hooks.anonymise_attendance, dispatch_uid="clinics.anonymise_attendance")
        participant_email_confirmed.connect(hooks.link_earlier_attendance, dispatch_uid="clinics.link_attendance")
        personal_data_requested.connect(hooks.attendance_export, dispatch_uid="clinics.attendance_export")
        participant_erasing.connect(hooks.anonymise_shares, dispatch_uid="clinics.anonymise_shares")
        personal_data_requested.connect(hooks.shares_export, dispatch_uid="clinics.shares_export")
        personal_data_requested.connect(hooks.feedback_export, dispatch_uid="clinics.feedback_export")
        skill_page_sections.connect(hooks.skill_section, dispatch_uid="clinics.skill_section")
        profile_sections.connect(hooks.profile_section, dispatch_uid="clinics.profile_section")
        personal_data_requested.connect(hooks.registrations_export, dispatch_uid="clinics.registrations_export")
        for model in (Clinic, Topic, Skill):
            for signal in (post_save, post_delete):
                signal.connect(listing.changed, sender=model, dispatch_uid=f"clinics.list_changed.{model.__name__}")
        m2m_changed.connect(listing.changed, sender=Clinic.skills.through, dispatch_uid="clinics.list_changed.skills")

        from mail import composers
        from mail.models import Email

        from . import emails, reminders

        composers.register(Email.Kind.RSVP, emails.compose_registration_emails)
        composers.register(Email.Kind.REMINDER, reminders.compose)
        composers.register(Email.Kind.FOLLOW_UP, reminders.compose)
        composers.register(Email.Kind.CLINIC_CHANGE, emails.compose_clinic_notices)
