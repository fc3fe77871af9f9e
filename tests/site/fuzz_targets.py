"""The inventory of everything a visitor can send the site: every view that reads a query parameter or takes a
form, with its URL, method, user, and the fields it reads (name and kind of value).

`tests/site/test_fuzzing.py` sends generated values to each target; `test_every_url_of_our_apps_is_in_the_
inventory` fails when a URL pattern of our apps is missing here, so that a new view is fuzzed from its first day.

Users: "anonymous"; "participant" (`world.me`, with a profile, who shared a past clinic, has skills and a
mentorship); "newcomer" (an account without a profile yet); "staff" (a superuser with a profile: the liaisons'
pages and the admin).

Kinds of value (the fuzzer mixes values of the field's kind, the field's valid values and hostile ones):
  text, email, password, url, slug, int, bool, choice, date, month, page, next (a redirect target), id (a
  primary key: one's own, someone else's, or none), uuid, file, signed (a signed token).
"""

from dataclasses import dataclass, field
from datetime import timedelta
from types import SimpleNamespace

from allauth.account.models import EmailAddress
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from badges import services as badge_services
from badges.models import BadgeClass
from clinics.models import CalendarFeed, Clinic, ClinicSharer, Registration
from outreach.emails import unsubscribe_token
from participants.models import SpokenLanguage
from skills.models import Mentorship, Message, ParticipantSkill, Skill
from tests.factories import (
    AmbassadorFactory,
    AnnouncementFactory,
    CertificateFactory,
    ClinicFactory,
    ParticipantFactory,
    ResourceFactory,
    UserFactory,
)

PASSWORD = "correct horse battery staple"


@dataclass(frozen=True)
class F:
    """One field: its kind, and the values that are valid for it (a callable of the world, or a tuple)."""

    kind: str
    valid: object = ()

    def valid_values(self, world):
        values = self.valid(world) if callable(self.valid) else self.valid
        return [str(value) for value in values]


@dataclass(frozen=True)
class Target:
    """One thing to fuzz: `url_name` (namespaced, as reversed), how its URL is built, who sends what."""

    url_name: str
    method: str
    user: str
    fields: dict = field(default_factory=dict)
    # The URL from the world; `path` values (fuzzed like fields) are passed in as keyword arguments.
    url: object = None
    path: dict = field(default_factory=dict)
    # Models whose row counts must not change when the form is rejected (the response status is in `rejected`).
    tables: tuple = ()
    rejected: tuple = (400,)
    # Fields sent as they are in every request (an admin action's name, a formset's management form).
    fixed: dict = field(default_factory=dict)

    @property
    def id(self):
        return f"{self.method} {self.url_name} as {self.user}"

    def build_url(self, world, **path_values):
        if self.url is not None:
            return self.url(world, **path_values)
        return reverse(self.url_name)


def with_path(url_name, placeholder_args):
    """A URL builder: reverse with placeholders, then put each (quoted) path value in its placeholder's place."""
    from urllib.parse import quote

    def build(world, **values):
        args = [arg(world) if callable(arg) else arg for arg in placeholder_args]
        url = reverse(url_name, args=args)
        for name, value in values.items():
            url = url.replace(f"PLACEHOLDER-{name}", quote(value, safe=""))
        return url

    return build


def _url(url_name, *args):
    """A URL builder for fixed arguments taken from the world."""
    return lambda world, **_values: reverse(url_name, args=[arg(world) for arg in args])


# Values that are valid for common fields.
LANGUAGES = ("en", "es", "fr", "ar", "pt", "sw")
TIME_ZONES = ("UTC", "Africa/Nairobi", "America/Sao_Paulo")
PROFILE_FIELDS = {
    "display_name": F("text", ("Amani",)),
    "country": F("choice", ("KE", "BR")),
    "role": F("choice", ("individual-editor", "board-member")),
    "wikimedia_username": F("text", ("Amani Wiki",)),
    "affiliation": F("choice", ("individual", "affiliate", "unrecognised-group")),
    "affiliates": F("id", lambda world: [world.affiliate.pk]),
    "group_name": F("text"),
    "areas_of_work": F("choice", ("glam", "education")),
    "wiki_experience": F("choice", ("newcomer", "experienced")),
    "time_zone": F("choice", TIME_ZONES),
    "email_language": F("choice", LANGUAGES),
    "pronouns": F("text", ("she/her",)),
    "heard_from": F("text"),
    "bio": F("text", ("I edit Swahili Wikipedia.",)),
    "gender": F("choice", ("woman", "not-listed")),
    "gender_self_description": F("text"),
    "age_range": F("choice", ("25-34",)),
    "announcements_enabled": F("bool", ("on",)),
    "consent": F("bool", ("on",)),
    "languages-TOTAL_FORMS": F("int", ("1", "2")),
    "languages-INITIAL_FORMS": F("int", ("0",)),
    "languages-0-language": F("choice", LANGUAGES),
    "languages-0-level": F("choice", ("N", "3")),
    "languages-0-id": F("id", lambda world: [world.my_language.pk, world.others_language.pk]),
    "languages-0-DELETE": F("bool", ("on",)),
    "wikis-TOTAL_FORMS": F("int", ("0", "1")),
    "wikis-INITIAL_FORMS": F("int", ("0",)),
    "wikis-0-project": F("choice", ("wikipedia", "wikidata", "commons")),
    "wikis-0-language": F("choice", LANGUAGES),
}
RESOURCE_FIELDS = {
    "title": F("text", ("Slides on grant writing",)),
    "summary": F("text"),
    "kind": F("choice", ("slides", "guide", "recording")),
    "languages": F("choice", LANGUAGES),
    "minutes": F("int", ("10", "90")),
    "clinic": F("id", lambda world: [world.shared_clinic.pk, world.upcoming.pk]),
    "skills": F("id", lambda world: [world.skill.pk]),
    "url": F("url", ("https://meta.wikimedia.org/wiki/Grants",)),
    "file": F("file"),
    "licence": F("choice", ("cc-by-sa-4.0", "cc0-1.0")),
    "author": F("text", ("Amani",)),
}
ADMIN_LIST = {"q": F("text"), "p": F("page"), "o": F("text", ("1", "-2")), "e": F("text")}
SELF_CONTAINED_SVG = '<svg xmlns="http://www.w3.org/2000/svg"><circle r="9" fill="url(#g)"/></svg>'


def date_hierarchy(field):
    """The parameters of an admin list's date hierarchy on `field`."""
    return {
        f"{field}__year": F("int", ("2026",)),
        f"{field}__month": F("int", ("1", "12")),
        f"{field}__day": F("int", ("1", "31")),
    }


TARGETS = [
    # The project: home, health, language switch.
    Target("home", "GET", "anonymous", {"page": F("page")}),
    Target("home", "GET", "participant", {"next": F("next")}),
    Target("healthz", "GET", "anonymous", {"check": F("text")}),
    # Wikimedia sign-in's callback (one address without a language prefix): forged codes, states and errors.
    Target("mediawiki_callback", "GET", "anonymous", {"code": F("text"), "state": F("text"), "error": F("text")}),
    Target("set_language", "POST", "anonymous", {"language": F("choice", LANGUAGES), "next": F("next")}),
    # Participants: registration step 2, profile, settings, data, deletion, privacy.
    Target(
        "participants:setup",
        "POST",
        "newcomer",
        PROFILE_FIELDS,
        tables=("participants.Participant", "participants.SpokenLanguage", "participants.HomeWiki"),
    ),
    Target(
        "participants:edit",
        "POST",
        "participant",
        {name: value for name, value in PROFILE_FIELDS.items() if name != "announcements_enabled"},
        tables=("participants.SpokenLanguage", "participants.HomeWiki", "participants.Participant_affiliates"),
    ),
    Target(
        "participants:preferences",
        "POST",
        "participant",
        {
            "listed": F("bool", ("on",)),
            "show_affiliation": F("bool", ("on",)),
            "email_language": F("choice", LANGUAGES),
            "reminders_enabled": F("bool", ("on",)),
            "messages_enabled": F("bool", ("on",)),
            "announcements_enabled": F("bool", ("on",)),
            "digest_enabled": F("bool", ("on",)),
        },
    ),
    Target("participants:export", "GET", "participant", {"format": F("text")}),
    Target("participants:delete", "POST", "participant", {"confirm": F("choice", ("yes",))}),
    Target("participants:privacy", "GET", "anonymous", {"version": F("text")}),
    Target(
        "participants:profile",
        "GET",
        "anonymous",
        url=with_path("participants:profile", ["PLACEHOLDER-username"]),
        path={"username": F("text", lambda world: [world.other.user.username, world.hidden.user.username])},
    ),
    # Skills: the directory, a skill, one's skills, messages, mentorships, the demand map.
    Target(
        "skills:directory",
        "GET",
        "anonymous",
        {
            "q": F("text", ("amani", "wikidata")),
            "skill": F("slug", ("wikidata",)),
            "category": F("slug", lambda world: [world.skill.category.slug]),
            "mode": F("choice", ("share", "learn")),
            "region": F("text", ("AF", "LAC")),
            "country": F("text", ("KE", "BR")),
            "language": F("text", LANGUAGES),
            "role": F("choice", ("individual-editor",)),
            "affiliate": F("id", lambda world: [world.affiliate.pk]),
            "page": F("page"),
            "utm_source": F("text"),  # a parameter the page does not know: never part of the kept page's key
        },
    ),
    Target("skills:demand", "GET", "staff", {"region": F("choice", ("AF",)), "language": F("choice", LANGUAGES)}),
    Target(
        "skills:skill",
        "GET",
        "anonymous",
        url=with_path("skills:skill", ["PLACEHOLDER-slug"]),
        path={"slug": F("slug", ("wikidata",))},
    ),
    Target(
        "skills:mine",
        "POST",
        "participant",
        {
            "share-wikidata": F("choice", ("", "some", "expert")),
            "learn-wikidata": F("bool", ("on",)),
            "share-wikisource": F("choice", ("", "some")),
            "learn-wikisource": F("bool", ("on",)),
        },
        tables=("skills.ParticipantSkill",),
    ),
    Target(
        "skills:message",
        "POST",
        "participant",
        {"body": F("text", ("Hello, can we talk about Wikidata?",)), "reply_to_sender": F("bool", ("on",))},
        url=_url("skills:message", lambda world: world.other.user.username),
        tables=("skills.Message",),
    ),
    Target(
        "skills:request_mentorship",
        "GET",
        "participant",
        {"skill": F("id", lambda world: [world.skill.pk])},
        url=_url("skills:request_mentorship", lambda world: world.third.user.username),
    ),
    Target(
        "skills:request_mentorship",
        "POST",
        "participant",
        {"skill": F("id", lambda world: [world.skill.pk]), "message": F("text", ("Teach me Wikidata, please.",))},
        url=_url("skills:request_mentorship", lambda world: world.third.user.username),
        tables=("skills.Mentorship",),
    ),
    Target(
        "skills:request_mentorship",
        "POST",
        "participant",
        {"skill": F("id", lambda world: [world.skill.pk]), "message": F("text", ("Teach me Wikidata, please.",))},
        url=_url("skills:request_mentorship", lambda world: world.closed.user.username),
        tables=("skills.Mentorship",),
        rejected=(200, 400),
    ),
    Target(
        "skills:report_message",
        "POST",
        "anonymous",
        {"reason": F("text")},
        url=with_path("skills:report_message", [lambda world: world.message.token]),
    ),
    Target("skills:mentorships", "GET", "participant", {"status": F("text")}),
    Target(
        "skills:mentorship",
        "GET",
        "participant",
        url=with_path("skills:mentorship", [123456789]),
        path={"pk": F("id", lambda world: [world.mentorship.pk, world.others_mentorship.pk])},
    ),
    Target(
        "skills:mentorship_action",
        "POST",
        "participant",
        {"outcome": F("choice", ("completed", "withdrawn")), "feedback": F("text")},
        url=with_path("skills:mentorship_action", [lambda world: world.mentorship.pk, "PLACEHOLDER-action"]),
        path={"action": F("choice", ("accept", "decline", "end"))},
    ),
    # Clinics: the list and its filters, a clinic, RSVP, feedback, calendars.
    Target(
        "clinics:list",
        "GET",
        "anonymous",
        {
            "topic": F("choice", lambda world: [world.upcoming.topic.slug]),
            "skill": F("choice", ("wikidata",)),
            "language": F("choice", LANGUAGES),
            "kind": F("choice", ("clinic", "workshop")),
            "month": F("month"),
            "page": F("page"),
            "utm_source": F("text"),  # a parameter the page does not know: never part of the kept page's key
        },
    ),
    Target("clinics:feed", "GET", "anonymous", {"from": F("date")}),
    Target(
        "clinics:detail",
        "GET",
        "participant",
        url=with_path("clinics:detail", ["PLACEHOLDER-slug"]),
        path={"slug": F("slug", lambda world: [world.upcoming.slug, world.draft.slug])},
    ),
    Target(
        "clinics:rsvp",
        "POST",
        "participant",
        {"interpretation_language": F("choice", ("", "sw", "fr"))},
        url=_url("clinics:rsvp", lambda world: world.upcoming.slug),
    ),
    Target("clinics:cancel", "POST", "participant", {}, url=_url("clinics:cancel", lambda world: world.upcoming.slug)),
    Target(
        "clinics:feedback",
        "POST",
        "participant",
        {"rating": F("choice", ("1", "5")), "learned": F("text"), "will_apply": F("text")},
        url=_url("clinics:feedback", lambda world: world.shared_clinic.slug),
        tables=("clinics.Feedback",),
    ),
    Target("clinics:ics", "GET", "anonymous", {}, url=_url("clinics:ics", lambda world: world.upcoming.slug)),
    Target(
        "clinics:personal_feed",
        "GET",
        "anonymous",
        {"language": F("choice", LANGUAGES)},
        url=_url("clinics:personal_feed", lambda world: world.feed.token),
    ),
    Target("clinics:reset_feed", "POST", "participant", {"next": F("next")}),
    # Personal access tokens on the settings page.
    Target("api_tokens:create", "POST", "participant", {"name": F("text", ("calendar script",))}),
    Target(
        "api_tokens:revoke",
        "POST",
        "participant",
        url=with_path("api_tokens:revoke", [123456789]),
        path={"pk": F("id", lambda world: [world.me.pk])},
    ),
    # Resources: the list and its search, adding and editing (links and uploads), saving.
    Target(
        "resources:list",
        "GET",
        "anonymous",
        {
            "q": F("text", ("grant", "Amani")),
            "skill": F("choice", ("wikidata",)),
            "kind": F("choice", ("slides", "guide")),
            "language": F("choice", LANGUAGES),
            "length": F("choice", ("10", "30", "60")),
            "page": F("page"),
        },
    ),
    Target("resources:add", "GET", "participant", {"clinic": F("id", lambda world: [world.shared_clinic.pk])}),
    Target(
        "resources:add",
        "POST",
        "participant",
        RESOURCE_FIELDS,
        tables=("resources.Resource", "resources.ResourceLanguage", "resources.Resource_skills"),
    ),
    Target(
        "resources:detail",
        "GET",
        "participant",
        url=with_path("resources:detail", ["PLACEHOLDER-slug"]),
        path={"slug": F("slug", lambda world: [world.my_resource.slug, world.others_resource.slug])},
    ),
    Target(
        "resources:edit",
        "POST",
        "participant",
        RESOURCE_FIELDS,
        url=_url("resources:edit", lambda world: world.my_resource.slug),
        tables=("resources.Resource", "resources.ResourceLanguage", "resources.Resource_skills"),
    ),
    Target(
        "resources:edit",
        "POST",
        "participant",
        RESOURCE_FIELDS,
        url=_url("resources:edit", lambda world: world.others_resource.slug),
        tables=("resources.Resource", "resources.ResourceLanguage"),
        rejected=(400, 403),
    ),
    Target(
        "resources:download",
        "GET",
        "anonymous",
        {"inline": F("bool")},
        url=_url("resources:download", lambda world: world.my_resource.slug),
    ),
    Target(
        "resources:save",
        "POST",
        "participant",
        {"action": F("choice", ("save", "remove"))},
        url=_url("resources:save", lambda world: world.others_resource.slug),
    ),
    Target("resources:saved", "GET", "participant", {"page": F("page")}),
    # Outreach: an ambassador's invitation, the one-click unsubscribe.
    Target(
        "outreach:join",
        "GET",
        "anonymous",
        url=with_path("outreach:join", ["PLACEHOLDER-code"]),
        path={"code": F("slug", lambda world: [world.ambassador.code])},
    ),
    Target(
        "outreach:unsubscribe",
        "GET",
        "anonymous",
        url=with_path("outreach:unsubscribe", ["PLACEHOLDER-token"]),
        path={"token": F("signed", lambda world: [world.unsubscribe_token])},
    ),
    Target(
        "outreach:unsubscribe",
        "POST",
        "anonymous",
        {"List-Unsubscribe": F("choice", ("One-Click",))},
        url=with_path("outreach:unsubscribe", ["PLACEHOLDER-token"]),
        path={"token": F("signed", lambda world: [world.unsubscribe_token])},
    ),
    # Badges and certificates, and the Open Badges documents.
    Target("badges:list", "GET", "anonymous", {"page": F("page")}),
    Target("badges:badge", "GET", "anonymous", {}, url=_url("badges:badge", lambda world: "mentor")),
    Target("badges:award", "GET", "participant", {}, url=_url("badges:award", lambda world: world.award.uuid)),
    Target(
        "badges:my_certificates",
        "POST",
        "participant",
        {"kind": F("choice", ("participation", "contribution")), "language": F("choice", LANGUAGES)},
        tables=("badges.Certificate",),
    ),
    Target(
        "badges:certificate",
        "GET",
        "anonymous",
        {},
        url=_url("badges:certificate", lambda world: world.certificate.uuid),
    ),
    Target(
        "badges:certificate_pdf",
        "GET",
        "participant",
        {},
        url=_url("badges:certificate_pdf", lambda world: world.others_certificate.uuid),
    ),
    Target("badges_api:issuer", "GET", "anonymous", {"v": F("text")}),
    Target("badges_api:badge_class", "GET", "anonymous", {}, url=_url("badges_api:badge_class", lambda w: "mentor")),
    Target("badges_api:badge_image", "GET", "anonymous", {}, url=_url("badges_api:badge_image", lambda w: "mentor")),
    Target("badges_api:assertion", "GET", "anonymous", {}, url=_url("badges_api:assertion", lambda w: w.award.uuid)),
    Target("badges_api:baked", "GET", "anonymous", {}, url=_url("badges_api:baked", lambda w: w.award.uuid)),
    Target("badges_api:credential", "GET", "anonymous", {}, url=_url("badges_api:credential", lambda w: w.award.uuid)),
    Target("badges_api:jwks", "GET", "anonymous", {"kid": F("text")}),
    Target("badges_api:profile", "GET", "anonymous", {"v": F("text")}),
    Target(
        "badges_api:key",
        "GET",
        "anonymous",
        url=with_path("badges_api:key", ["PLACEHOLDER-thumbprint"]),
        path={"thumbprint": F("slug", ("no-such-key",))},
    ),
    Target(
        "badges_api:baked_ob3_png",
        "GET",
        "participant",
        {"alg": F("choice", ("RS256", "EdDSA"))},
        url=_url("badges_api:baked_ob3_png", lambda w: w.award.uuid),
    ),
    Target(
        "badges_api:baked_ob3_svg",
        "GET",
        "participant",
        {"alg": F("choice", ("RS256", "EdDSA"))},
        url=_url("badges_api:baked_ob3_svg", lambda w: w.award.uuid),
    ),
    Target(
        "badges_api:certificate_credential",
        "GET",
        "anonymous",
        {"alg": F("choice", ("RS256", "EdDSA"))},
        url=_url("badges_api:certificate_credential", lambda w: w.certificate.uuid),
    ),
    Target(
        "badges_api:certificate_image",
        "GET",
        "anonymous",
        url=with_path("badges_api:certificate_image", ["PLACEHOLDER-kind"]),
        path={"kind": F("slug", ("participation", "contribution"))},
    ),
    Target(
        "badges_api:status_list",
        "GET",
        "anonymous",
        {},
        url=_url("badges_api:status_list", lambda w: "awards", lambda w: 0),
    ),
    Target(
        "badges:verify",
        "POST",
        "anonymous",
        {"image": F("file"), "credential": F("text"), "email": F("email", ("amani@example.org",))},
        rejected=(200, 400),
    ),
    # Impact: the page and the staff's CSV downloads.
    Target("impact:index", "GET", "anonymous", {"as_of": F("date"), "start": F("date")}),
    Target(
        "impact:download",
        "GET",
        "staff",
        {"as_of": F("date"), "start": F("date")},
        url=with_path("impact:download", ["PLACEHOLDER-table"]),
        path={"table": F("slug", ("figures", "regions", "languages"))},
    ),
    # The liaisons' pages in the admin that are our own code.
    Target(
        "admin:clinics_clinic_import_attendance",
        "POST",
        "staff",
        {"report": F("file"), "time_zone": F("choice", TIME_ZONES), "min_minutes": F("int", ("0", "10"))},
        url=_url("admin:clinics_clinic_import_attendance", lambda world: world.shared_clinic.pk),
        tables=("clinics.Attendance",),
        rejected=(200, 400),
    ),
    Target(
        "admin:clinics_clinic_import_attendance",
        "POST",
        "staff",
        {"report": F("signed", lambda world: [world.signed_report])},
        url=_url("admin:clinics_clinic_import_attendance", lambda world: world.shared_clinic.pk),
        fixed={"confirm": "1"},
    ),
    Target(
        "admin:clinics_clinic_slot_finder",
        "GET",
        "staff",
        {
            "skill": F("id", lambda world: [world.skill.pk]),
            "language": F("choice", LANGUAGES),
            "interpretation_languages": F("choice", LANGUAGES),
            "date": F("date"),
            "duration": F("int", ("60", "120")),
            "time_zone": F("choice", TIME_ZONES),
            "clinic": F("id", lambda world: [world.shared_clinic.pk]),
        },
    ),
    Target("admin:clinics_clinic_liaison_autocomplete", "GET", "staff", {"term": F("text"), "page": F("page")}),
    Target(
        "admin:outreach_announcement_preview",
        "GET",
        "staff",
        {"participant": F("id", lambda world: [world.me.pk, world.other.pk])},
        url=_url("admin:outreach_announcement_preview", lambda world: world.announcement.pk),
    ),
    Target(
        "admin:outreach_announcement_approve",
        "POST",
        "staff",
        {"confirm": F("bool")},
        url=_url("admin:outreach_announcement_approve", lambda world: world.announcement.pk),
    ),
    Target(
        "admin:outreach_ambassador_changelist",
        "GET",
        "staff",
        {**ADMIN_LIST, "active__exact": F("choice", ("0", "1")), "participant__country__region__id__exact": F("id")},
    ),
    # Generic admin pages of our models whose filters, search or actions are our code.
    Target(
        "admin:clinics_clinic_changelist",
        "GET",
        "staff",
        {
            **ADMIN_LIST,
            "when": F("choice", ("upcoming", "past")),
            "sharer_region": F("choice", ("AF",)),
            "status__exact": F("choice", ("draft", "scheduled")),
            **date_hierarchy("start"),
        },
    ),
    Target(
        "admin:clinics_clinic_changelist",
        "POST",
        "staff",
        {"_selected_action": F("id", lambda world: [world.upcoming.pk]), "date": F("date")},
        fixed={"action": "duplicate", "apply": "1"},
        tables=("clinics.Clinic",),
        rejected=(200,),
    ),
    Target(
        "admin:badges_award_changelist",
        "POST",
        "staff",
        {"_selected_action": F("id", lambda world: [world.award.pk]), "reason": F("text", ("Given by mistake",))},
        fixed={"action": "revoke", "apply": "1"},
    ),
    Target(
        "admin:badges_certificate_changelist",
        "GET",
        "staff",
        {**ADMIN_LIST, "revoked": F("choice", ("yes", "no")), "kind__exact": F("choice", ("participation",))},
    ),
    Target(
        "admin:badges_certificate_changelist",
        "POST",
        "staff",
        {"_selected_action": F("id", lambda world: [world.certificate.pk]), "reason": F("text", ("Mistake",))},
        fixed={"action": "revoke", "apply": "1"},
    ),
    Target("admin:participants_participant_changelist", "GET", "staff", {**ADMIN_LIST, **date_hierarchy("created_at")}),
    Target("admin:mail_email_changelist", "GET", "staff", {**ADMIN_LIST, **date_hierarchy("created_at")}),
    Target(
        "admin:participants_participant_changelist",
        "POST",
        "staff",
        {"_selected_action": F("id", lambda world: [world.me.pk, world.other.pk])},
        fixed={"action": "export_csv"},
    ),
    Target(
        "admin:badges_badgeclass_change",
        "POST",
        "staff",
        {
            "name_en": F("text", ("Mentor",)),
            "description_en": F("text", ("Mentored someone.",)),
            "criteria_en": F("text", ("Mentored someone.",)),
            "rule": F("choice", ("manual",)),
            "threshold": F("int", ("1",)),
            "colour": F("text", ("#3366cc",)),
            "symbol": F("text", ("M",)),
            "image": F(
                "text", (SELF_CONTAINED_SVG, '<svg xmlns="http://www.w3.org/2000/svg"><image href="/etc/x"/></svg>')
            ),
            "position": F("int", ("0",)),
        },
        url=lambda world, **_values: reverse(
            "admin:badges_badgeclass_change", args=[BadgeClass.objects.get(slug="mentor").pk]
        ),
        rejected=(200,),
    ),
    Target("admin:resources_resource_changelist", "GET", "staff", ADMIN_LIST),
    # django-allauth's pages (our templates in templates/account/).
    Target(
        "account_login",
        "POST",
        "anonymous",
        {
            "login": F("email", lambda world: [world.me.user.email, world.me.user.username]),
            "password": F("password", (PASSWORD,)),
            "remember": F("bool", ("on",)),
            "next": F("next"),
        },
        rejected=(200,),
    ),
    Target("account_login", "GET", "anonymous", {"next": F("next")}),
    Target(
        "account_signup",
        "POST",
        "anonymous",
        {
            "email": F("email", ("new.person@example.org",)),
            "username": F("text", ("newperson",)),
            "password1": F("password", (PASSWORD,)),
            "next": F("next"),
        },
        tables=("participants.User", "account.EmailAddress"),
        rejected=(200,),
    ),
    Target("account_reset_password", "POST", "anonymous", {"email": F("email")}),
    Target(
        "account_email",
        "POST",
        "participant",
        {"email": F("email", ("second@example.org",))},
        fixed={"action_add": ""},
        tables=("account.EmailAddress",),
        rejected=(200,),
    ),
    Target(
        "account_email",
        "POST",
        "participant",
        {"email": F("email", lambda world: [world.me.user.email, world.other.user.email])},
        fixed={"action_remove": ""},
    ),
    Target(
        "account_change_password",
        "POST",
        "participant",
        {"oldpassword": F("password", (PASSWORD,)), "password1": F("password"), "password2": F("password")},
    ),
    Target(
        "account_reauthenticate", "POST", "participant", {"password": F("password", (PASSWORD,)), "next": F("next")}
    ),
    Target("account_logout", "POST", "participant", {"next": F("next")}),
    Target(
        "account_reset_password_from_key",
        "POST",
        "anonymous",
        {"password1": F("password"), "password2": F("password")},
        url=with_path("account_reset_password_from_key", ["1", "PLACEHOLDER-key"]),
        path={"key": F("text")},
    ),
    Target(
        "account_confirm_email",
        "POST",
        "anonymous",
        {},
        url=with_path("account_confirm_email", ["PLACEHOLDER-key"]),
        path={"key": F("text")},
    ),
]


def build_world():
    """The objects the targets point at: mine, someone else's, and some I must not reach."""
    now = timezone.now()
    skill = Skill.objects.get(slug="wikidata")
    me = ParticipantFactory(display_name="Amani", user=UserFactory(username="amani", email="amani@example.org"))
    EmailAddress.objects.create(user=me.user, email=me.user.email, verified=True, primary=True)
    other = ParticipantFactory(display_name="Baraka", messages_enabled=True)
    third = ParticipantFactory(display_name="Chiku")
    closed = ParticipantFactory(display_name="Eshe", messages_enabled=False)
    hidden = ParticipantFactory(display_name="Dalila", listed=False)
    newcomer = UserFactory(username="newcomer")
    staff = ParticipantFactory(
        display_name="Liaison", user=UserFactory(username="liaison", is_staff=True, is_superuser=True)
    ).user
    for person in (third, other, closed):
        ParticipantSkill.objects.create(participant=person, skill=skill, kind="share", level="expert")
    ParticipantSkill.objects.create(participant=me, skill=skill, kind="learn")
    upcoming = ClinicFactory(interpretation_languages=["sw"], capacity=5, planned_time_zone="Asia/Tokyo")
    draft = ClinicFactory(status=Clinic.Status.DRAFT)
    shared_clinic = ClinicFactory(start=now - timedelta(days=3), status=Clinic.Status.HELD)
    ClinicSharer.objects.create(clinic=shared_clinic, participant=me)
    Registration.objects.create(clinic=shared_clinic, participant=me)
    Registration.objects.create(clinic=upcoming, participant=me)
    affiliate_pk = _affiliate()
    badge = BadgeClass.objects.get(slug="mentor")
    award = badge_services.award_manually(badge=badge, participant=me, by=None, reason="Helped")
    world = SimpleNamespace(
        me=me,
        other=other,
        third=third,
        closed=closed,
        hidden=hidden,
        newcomer=newcomer,
        staff=staff,
        skill=skill,
        upcoming=upcoming,
        draft=draft,
        shared_clinic=shared_clinic,
        affiliate=SimpleNamespace(pk=affiliate_pk),
        my_language=SpokenLanguage.objects.create(participant=me, language="sw"),
        others_language=SpokenLanguage.objects.create(participant=other, language="en"),
        my_resource=ResourceFactory(clinic=shared_clinic),
        others_resource=ResourceFactory(),
        message=Message.objects.create(sender=other, recipient=me, body="Habari"),
        mentorship=Mentorship.objects.create(mentor=other, mentee=me, skill=skill, message="Please"),
        others_mentorship=Mentorship.objects.create(mentor=other, mentee=third, skill=skill, message="Me too"),
        feed=CalendarFeed.objects.create(participant=me),
        award=award,
        certificate=CertificateFactory(participant=me),
        others_certificate=CertificateFactory(participant=other),
        ambassador=AmbassadorFactory(participant=other, code="baraka"),
        unsubscribe_token=unsubscribe_token(me, digest=False),
        announcement=AnnouncementFactory(),
        signed_report=signing.dumps({"platform": "zoom", "min_minutes": 0, "lines": []}, salt="wrong"),
    )
    return world


def _affiliate():
    from tests.factories import AffiliateFactory

    return AffiliateFactory().pk


# Modules whose URL patterns are ours, and the names of the patterns in the inventory.
OUR_MODULES = ("letsconnect", "home", "participants", "skills", "clinics", "resources", "outreach", "badges", "impact")
INVENTORIED = {target.url_name for target in TARGETS}
