from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import gettext_lazy as _


class ImpactConfig(AppConfig):
    name = "impact"
    verbose_name = _("impact")

    def ready(self):
        from activity.models import WikiAccount
        from activity.signals import activity_changed
        from clinics.models import Attendance, Clinic, ClinicSharer
        from participants.models import Affiliate, Country, HomeWiki, Participant, Region

        from .caching import data_changed

        # Every model the figures read: a committed change gives the cached figures a new data version.
        models = (Participant, HomeWiki, Affiliate, Country, Region, Clinic, ClinicSharer, Attendance, WikiAccount)
        for model in models:
            post_save.connect(data_changed, sender=model, dispatch_uid=f"impact.{model.__name__}.saved")
            post_delete.connect(data_changed, sender=model, dispatch_uid=f"impact.{model.__name__}.deleted")
        activity_changed.connect(data_changed, dispatch_uid="impact.activity_changed")
        m2m_changed.connect(
            data_changed, sender=Participant.affiliates.through, dispatch_uid="impact.Participant.affiliates"
        )
