from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivityConfig(AppConfig):
    name = "activity"
    verbose_name = _("on-wiki activity")

    def ready(self):
        from participants.signals import personal_data_requested, profile_sections

        from . import participant_hooks as hooks

        personal_data_requested.connect(hooks.activity_export, dispatch_uid="activity.activity_export")
        profile_sections.connect(hooks.profile_section, dispatch_uid="activity.profile_section")
