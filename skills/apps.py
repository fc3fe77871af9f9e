from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SkillsConfig(AppConfig):
    name = "skills"
    verbose_name = _("skills")

    def preload_before_fork(self):
        """gunicorn's master loads the directory's facet index once, before forking its workers."""
        from .facet_index import preload

        preload()

    def ready(self):
        from django.contrib.auth.signals import user_logged_in
        from django.db.models.signals import post_delete, post_save

        from participants.models import Country, Region
        from participants.signals import (
            participant_erasing,
            personal_data_requested,
            profile_changed,
            profile_sections,
        )

        from . import participant_hooks as hooks
        from . import services
        from .models import Skill, SkillCategory

        # Connected before clinics (INSTALLED_APPS order), so skills come first on the profile.
        profile_sections.connect(hooks.profile_section, dispatch_uid="skills.profile_section")
        personal_data_requested.connect(hooks.skills_export, dispatch_uid="skills.skills_export")
        personal_data_requested.connect(hooks.messages_export, dispatch_uid="skills.messages_export")
        personal_data_requested.connect(hooks.mentorships_export, dispatch_uid="skills.mentorships_export")
        profile_changed.connect(hooks.refresh_directory_entry, dispatch_uid="skills.refresh_directory_entry")
        participant_erasing.connect(hooks.remove_directory_entry, dispatch_uid="skills.remove_directory_entry")
        user_logged_in.connect(hooks.record_sign_in, dispatch_uid="skills.record_sign_in")
        for model in (Skill, SkillCategory, Region, Country):
            for signal in (post_save, post_delete):
                signal.connect(
                    services.names_changed, sender=model, dispatch_uid=f"skills.names_changed.{model.__name__}"
                )

        from mail import composers
        from mail.models import Email

        from . import emails

        composers.register(Email.Kind.MESSAGE, emails.compose_message_emails)
        composers.register(Email.Kind.MENTORSHIP, emails.compose_mentorship_emails)
