from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import gettext_lazy as _


class ResourcesConfig(AppConfig):
    name = "resources"
    verbose_name = _("learning resources")

    def ready(self):
        from clinics.models import Clinic, ClinicMaterial
        from clinics.signals import clinic_page_sections
        from participants.signals import personal_data_requested
        from skills.signals import skill_page_sections

        from . import participant_hooks as hooks
        from . import triggers
        from .models import Resource

        # A held clinic's recording and materials become resources, whoever saves them (admin, action, import).
        post_save.connect(triggers.clinic_saved, sender=Clinic, dispatch_uid="resources.clinic")
        post_save.connect(triggers.material_saved, sender=ClinicMaterial, dispatch_uid="resources.material")
        post_delete.connect(triggers.material_saved, sender=ClinicMaterial, dispatch_uid="resources.material.deleted")
        m2m_changed.connect(
            triggers.clinic_skills_changed, sender=Clinic.skills.through, dispatch_uid="resources.clinic_skills"
        )
        post_delete.connect(triggers.resource_deleted, sender=Resource, dispatch_uid="resources.file")
        skill_page_sections.connect(hooks.skill_section, dispatch_uid="resources.skill_section")
        clinic_page_sections.connect(hooks.clinic_section, dispatch_uid="resources.clinic_section")
        personal_data_requested.connect(hooks.saved_export, dispatch_uid="resources.saved_export")
        personal_data_requested.connect(hooks.added_export, dispatch_uid="resources.added_export")
