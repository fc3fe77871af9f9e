"""The admin half of the access-rules table: the index, the views of our own, and a list and a form per model."""

from django.urls import reverse

from outreach.emails import unsubscribe_token

from .access_table import (
    ADMIN_ONLY,
    BRUNO,
    REFUSED,
    STAFF_ONLY_ADMIN,
    Row,
    bruno_now,
    goes_to,
    obj,
    url,
)


def bruno_keeps_his_account_and_choices(w, role):
    bruno = bruno_now(w)
    choices = (bruno.listed, bruno.show_affiliation, bruno.reminders_enabled, bruno.messages_enabled)
    assert (bruno.user_id, *choices) == (w.bruno.participant.user_id, False, True, True, True)


def admin_participant_post(w):
    """The participant change form as a liaison might post it, trying to move the profile to their account."""
    bruno = w.bruno.participant
    return {
        "user": str(w.liaison.pk),
        "display_name": BRUNO,
        "country": bruno.country_id,
        "role": bruno.role,
        "email_language": "en",
        "areas_of_work": "[]",
        "listed": "on",
        "languages-TOTAL_FORMS": "0",
        "languages-INITIAL_FORMS": "0",
        "home_wikis-TOTAL_FORMS": "0",
        "home_wikis-INITIAL_FORMS": "0",
        "_save": "Save",
    }


BAD_FILTER = goes_to("admin:participants_participant_changelist")  # with ?e=1 (tests/site/test_admin_bad_dates.py)

# fmt: off
ADMIN_ROWS = [
    # The admin: liaisons and staff only.
    Row("admin-index", "admin:index", url("admin:index"), ADMIN_ONLY),
    # Gender and age are never a filter of the participant list: filtering by them would show them, one by one.
    Row("admin-participants-by-gender", "admin:participants_participant_changelist",
        lambda w: reverse("admin:participants_participant_changelist") + "?gender=not-listed",
        {**ADMIN_ONLY, "liaison": REFUSED, "staff": REFUSED}),
    Row("admin-participants-by-age", "admin:participants_participant_changelist",
        lambda w: reverse("admin:participants_participant_changelist") + "?age_range__in=75-84,under-25",
        {**ADMIN_ONLY, "liaison": REFUSED, "staff": REFUSED}),
    # A date no calendar holds is a bad filter (the list again, with its error), for whoever may see the list.
    Row("admin-participants-year-overflow", "admin:participants_participant_changelist",
        lambda w: reverse("admin:participants_participant_changelist") + "?created_at__year=99999999999999999999999",
        {**ADMIN_ONLY, "liaison": BAD_FILTER, "staff": BAD_FILTER}),
    Row("admin-participants-by-email", "admin:participants_participant_changelist",
        lambda w: reverse("admin:participants_participant_changelist") + "?user__email__startswith=bruno",
        {**ADMIN_ONLY, "liaison": REFUSED, "staff": REFUSED}),
    # Other lists refuse lookups through the participant that are not among their filters.
    Row("admin-awards-by-email", "admin:badges_award_changelist",
        lambda w: reverse("admin:badges_award_changelist") + "?participant__user__email__startswith=bruno",
        {**ADMIN_ONLY, "liaison": REFUSED, "staff": REFUSED}),
    Row("admin-outbox-by-email", "admin:mail_email_changelist",
        lambda w: reverse("admin:mail_email_changelist") + "?recipient__email__startswith=bruno",
        {**ADMIN_ONLY, "liaison": REFUSED, "staff": REFUSED}),
    # A profile stays with its account, and listing stays the person's own choice (opt-in), even in the admin.
    Row("admin-participant-takeover", "admin:participants_participant_change",
        url("admin:participants_participant_change", object_id=lambda w: w.bruno.participant.pk),
        {**ADMIN_ONLY, "liaison": goes_to("admin:participants_participant_changelist"),
         "staff": goes_to("admin:participants_participant_changelist")},
        method="post", data=admin_participant_post, effect=bruno_keeps_his_account_and_choices),
    Row("admin-participant-delete", "admin:participants_participant_delete",
        url("admin:participants_participant_delete", object_id=lambda w: w.bruno.participant.pk), STAFF_ONLY_ADMIN),
    Row("admin-account-password", "admin:auth_user_password_change",
        url("admin:auth_user_password_change", id=lambda w: w.bruno.participant.user_id), STAFF_ONLY_ADMIN),
    Row("admin-attendance-import", "admin:clinics_clinic_import_attendance",
        url("admin:clinics_clinic_import_attendance", object_id=lambda w: w.held.pk), ADMIN_ONLY),
    Row("admin-slot-finder", "admin:clinics_clinic_slot_finder",
        lambda w: reverse("admin:clinics_clinic_slot_finder")
        + f"?skill={w.objects['skill'].pk}&language=en&date=2030-01-07&duration=60&clinic={w.upcoming.pk}",
        ADMIN_ONLY),
    Row("admin-liaison-autocomplete", "admin:clinics_clinic_liaison_autocomplete",
        lambda w: reverse("admin:clinics_clinic_liaison_autocomplete") + "?term=a", ADMIN_ONLY),
    Row("admin-announcement-preview", "admin:outreach_announcement_preview",
        url("admin:outreach_announcement_preview", announcement_id=obj("announcement", "pk")), ADMIN_ONLY,
        hidden=lambda w, role: [unsubscribe_token(p.participant, digest=False) for p in w.people.values()]),
    # The list's CSV export: names and public fields, never an address, gender or age.
    Row("admin-participants-export", "admin:participants_participant_changelist",
        url("admin:participants_participant_changelist"), ADMIN_ONLY, method="post",
        data=lambda w: {"action": "export_csv", "_selected_action": [p.participant.pk for p in w.people.values()]},
        shown=lambda w, role: ["Alice Listed", BRUNO, "Chidi Mentee"]),
    Row("admin-announcement-approve", "admin:outreach_announcement_approve",
        url("admin:outreach_announcement_approve", announcement_id=obj("announcement", "pk")),
        {**ADMIN_ONLY, "liaison": goes_to("admin:outreach_announcement_change", object_id=obj("announcement", "pk")),
         "staff": goes_to("admin:outreach_announcement_change", object_id=obj("announcement", "pk"))},
        method="post"),
]
# fmt: on

# Accounts, groups and email addresses are the superuser's; a liaison manages everything else of ours.
LIAISON_DENIED_MODELS = {
    "participants.User",
    "auth.Group",
    "account.EmailAddress",
    "socialaccount.SocialAccount",
    "socialaccount.SocialApp",
    "socialaccount.SocialToken",
    "api.AccessToken",
}
# Where staff read email addresses in the admin: the accounts themselves.
EMAIL_MODELS = {"participants.User", "account.EmailAddress"}


# Models the world has no object of: their changelist only.
WITHOUT_OBJECT = {"socialaccount.SocialApp", "socialaccount.SocialToken"}


def admin_rows(registry):
    """A changelist row and a change-form row for every registered model."""
    rows = []
    for model in registry:
        label, info = model._meta.label, (model._meta.app_label, model._meta.model_name)
        expect = STAFF_ONLY_ADMIN if label in LIAISON_DENIED_MODELS else ADMIN_ONLY
        emails = frozenset({"staff"}) if label in EMAIL_MODELS else frozenset()
        changelist = "admin:{}_{}_changelist".format(*info)
        rows.append(Row(f"admin-{label}-list", changelist, url(changelist), expect, emails_shown_to=emails))
        if label not in WITHOUT_OBJECT:
            change = "admin:{}_{}_change".format(*info)
            rows.append(
                Row(
                    f"admin-{label}-change",
                    change,
                    url(change, object_id=obj(label, "pk")),
                    expect,
                    emails_shown_to=emails,
                )
            )
    return rows
