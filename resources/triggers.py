"""When a clinic is (or becomes) held, or its materials change, its recording and slides become resources.

Connected to the clinics' model signals in ResourcesConfig.ready(), so that the admin, the `mark held` action and
the imports all trigger it; the rules live in services.sync_clinic_resources."""

from django.db import transaction

from clinics.models import Clinic

from . import services


def clinic_saved(sender, instance, **kwargs):
    if instance.status == instance.Status.HELD:
        services.sync_clinic_resources(clinic=instance)


def _sync_if_held(clinic_id):
    """Reads the clinic again: the instance at hand may predate the change of status."""
    clinic = Clinic.objects.filter(pk=clinic_id, status=Clinic.Status.HELD).first()
    if clinic is not None:
        services.sync_clinic_resources(clinic=clinic)


def material_saved(sender, instance, **kwargs):
    """A material saved or deleted."""
    _sync_if_held(instance.clinic_id)


def clinic_skills_changed(sender, instance, action, reverse, **kwargs):
    """The admin sets a clinic's skills after saving it: its resources take the new ones too."""
    if action == "post_add" and not reverse:
        _sync_if_held(instance.pk)


def resource_deleted(sender, instance, **kwargs):
    """A deleted resource's file leaves the storage too, once the deletion is committed."""
    if instance.file:
        name, storage = instance.file.name, instance.file.storage
        transaction.on_commit(lambda: storage.delete(name))
