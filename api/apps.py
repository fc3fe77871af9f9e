from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = _("API and Capacity Exchange")

    def ready(self):
        from participants.signals import personal_data_requested, preferences_sections

        from . import participant_hooks as hooks

        preferences_sections.connect(hooks.tokens_section, dispatch_uid="api.tokens_section")
        personal_data_requested.connect(hooks.tokens_export, dispatch_uid="api.tokens_export")
        personal_data_requested.connect(hooks.capx_export, dispatch_uid="api.capx_export")
