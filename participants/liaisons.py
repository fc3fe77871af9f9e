"""The `Liaison` group: community liaisons manage participants, affiliates, clinics, resources and the taxonomy in
the admin."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db.models import Q

LIAISON_GROUP = "Liaison"

# (app label, model, actions) a liaison may perform; nothing on accounts themselves.
LIAISON_PERMISSIONS = [
    ("participants", "participant", ("view", "change")),
    ("participants", "spokenlanguage", ("view", "add", "change", "delete")),
    ("participants", "homewiki", ("view", "add", "change", "delete")),
    ("participants", "affiliate", ("view", "add", "change")),
    ("participants", "country", ("view",)),
    ("participants", "region", ("view",)),
    ("skills", "skillcategory", ("view", "add", "change")),
    ("skills", "skill", ("view", "add", "change")),
    ("clinics", "topic", ("view", "add", "change")),
    ("clinics", "clinic", ("view", "add", "change", "delete")),
    ("clinics", "attendance", ("view", "add", "change", "delete")),
    ("clinics", "registration", ("view", "add", "change", "delete")),
    ("clinics", "clinicsharer", ("view", "add", "change", "delete")),
    ("clinics", "clinicmaterial", ("view", "add", "change", "delete")),
    ("clinics", "feedback", ("view",)),
    ("resources", "resource", ("view", "add", "change", "delete")),
    ("resources", "resourcelanguage", ("view", "add", "change", "delete")),
    ("badges", "badgeclass", ("view", "add", "change")),
    ("badges", "award", ("view", "add", "change")),
    ("badges", "certificate", ("view", "change")),
    ("outreach", "announcement", ("view", "add", "change")),
    ("mail", "email", ("view", "change")),
    ("outreach", "ambassador", ("view", "add", "change")),
    ("outreach", "referral", ("view",)),
    ("api", "capxenrolment", ("view",)),
    ("api", "capxenrolmentlog", ("view",)),
]


def ensure_liaison_group(**kwargs):
    """Create the group and grant whatever of its permissions exist yet (run after every migrate)."""
    group, _created = Group.objects.get_or_create(name=LIAISON_GROUP)
    codenames = {
        (app_label, f"{action}_{model}") for app_label, model, actions in LIAISON_PERMISSIONS for action in actions
    }
    permissions = Permission.objects.filter(
        content_type__app_label__in={app_label for app_label, _codename in codenames}
    ).select_related("content_type")
    group.permissions.add(
        *[
            permission
            for permission in permissions
            if (permission.content_type.app_label, permission.codename) in codenames
        ]
    )


def liaison_candidates():
    """Accounts that can be a clinic's liaison: active superusers, and active staff in the Liaison group."""
    in_group = Group.objects.filter(name=LIAISON_GROUP).values("user")
    return get_user_model().objects.filter(Q(is_superuser=True) | Q(is_staff=True, pk__in=in_group), is_active=True)
