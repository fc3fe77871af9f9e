"""The access rules as a table: for every view that shows or changes data, what each role gets.

Roles: `anonymous`; `participant` (Alice, listed, owns nothing here); `owner` (Bruno, unlisted, owns every object
the rows reach); `liaison` (staff in the Liaison group, no profile); `staff` (a superuser, no profile).
Outcomes: 200, a redirect to a named place, `login` / `admin-login`, 403, 404, 400. A row may also name text that
must (`shown`) or must not (`hidden`) be in the body, and check afterwards that nothing of Bruno's changed
(`effect`). Every body is also searched for the private answers (email, gender, age) of the others.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.urls import reverse

from api.models import AccessToken
from clinics.models import CalendarFeed, Feedback, Registration
from participants.models import Participant
from resources.models import Resource, SavedResource
from skills.models import Mentorship, Message, ParticipantSkill
from tests.participants.conftest import profile_post

from .access_world import FEEDBACK_WORDS, MEETING_URL, ROLES


@dataclass(frozen=True)
class Outcome:
    status: int
    to: Callable | None = None  # world -> the path a redirect must lead to
    label: str = ""

    def __str__(self):
        return self.label or str(self.status)


OK = Outcome(200)
LOGIN = Outcome(302, lambda w: reverse("account_login"), "login")
ADMIN_LOGIN = Outcome(302, lambda w: reverse("admin:login"), "admin-login")
DENIED = Outcome(403)
MISSING = Outcome(404)
REFUSED = Outcome(400)
CREATED = Outcome(201)
DONE = Outcome(204)
NOT_SIGNED_IN = Outcome(401)  # the API without a (valid) token
UNAVAILABLE = Outcome(503)


def goes_to(name, **kwargs):
    """A redirect to the URL `name`; keyword values may be functions of the world."""
    return Outcome(302, lambda w: reverse(name, kwargs={k: v(w) if callable(v) else v for k, v in kwargs.items()}))


SETUP = goes_to("participants:setup")  # signed in without a profile (the liaison and staff here)


def everyone(outcome):
    return dict.fromkeys(ROLES, outcome)


def roles(*, anonymous, participant, owner, liaison, staff):
    return {"anonymous": anonymous, "participant": participant, "owner": owner, "liaison": liaison, "staff": staff}


def mine(*, participant, owner, others, anonymous=LOGIN):
    """A page about the signed-in person's own things: the liaison and staff here have no profile."""
    return roles(anonymous=anonymous, participant=participant, owner=owner, liaison=others, staff=others)


ADMIN_ONLY = roles(anonymous=ADMIN_LOGIN, participant=ADMIN_LOGIN, owner=ADMIN_LOGIN, liaison=OK, staff=OK)
STAFF_ONLY_ADMIN = roles(anonymous=ADMIN_LOGIN, participant=ADMIN_LOGIN, owner=ADMIN_LOGIN, liaison=DENIED, staff=OK)


@dataclass(frozen=True)
class Row:
    id: str
    name: str  # the URL name the row covers
    url: Callable  # world -> path
    expect: dict
    method: str = "get"
    data: Callable | None = None  # world -> POST data
    shown: Callable | None = None  # (world, role) -> texts that must be in a 200 body
    hidden: Callable | None = None  # (world, role) -> texts that must not be in the body
    effect: Callable | None = None  # (world, role) -> None, asserts what the request changed or not
    emails_shown_to: frozenset = field(default_factory=frozenset)  # roles who may read others' email addresses
    api: bool = False  # an API request: the role's personal access token (if they have one), JSON bodies


def url(name, **kwargs):
    return lambda w: reverse(name, kwargs={k: v(w) if callable(v) else v for k, v in kwargs.items()})


def obj(key, attribute):
    return lambda w: getattr(w.objects[key], attribute)


def only_owner(*texts):
    """Texts the owner sees and nobody else does."""
    return {
        "shown": lambda w, role: [t(w) if callable(t) else t for t in texts] if role == "owner" else [],
        "hidden": lambda w, role: [] if role == "owner" else [t(w) if callable(t) else t for t in texts],
    }


def hidden_for_all(*texts):
    return {"hidden": lambda w, role: [t(w) if callable(t) else t for t in texts]}


BRUNO = "Bruno Hidden"
ALICE_PROFILE = goes_to("participants:profile", username="alice")
BRUNO_PROFILE = goes_to("participants:profile", username="bruno")


# Effects: what stays Bruno's unless Bruno himself acted.
def bruno_now(w):
    return Participant.objects.get(pk=w.bruno.participant.pk)


def bruno_profile_kept(w, role):
    assert (bruno_now(w).display_name == BRUNO) is (role != "owner")


def bruno_still_unlisted(w, role):
    assert bruno_now(w).listed is (role == "owner")


def bruno_skills_kept(w, role):
    assert ParticipantSkill.objects.filter(participant=w.bruno.participant).exists() is (role != "owner")


def nobody_wrote_to_bruno(w, role):
    assert not Message.objects.filter(recipient=w.bruno.participant).exists()


def nobody_asked_bruno_again(w, role):
    assert Mentorship.objects.filter(mentor=w.bruno.participant).count() == 1


def mentorship_answered_only_by_bruno(w, role):
    status = Mentorship.objects.get(pk=w.objects["mentorship"].pk).status
    assert status == (Mentorship.Status.ACCEPTED if role == "owner" else Mentorship.Status.REQUESTED)


def registration_kept(w, role):
    assert Registration.objects.get(pk=w.objects["registration"].pk).status == Registration.Status.REGISTERED


def registration_cancelled_only_by_bruno(w, role):
    status = Registration.objects.get(pk=w.objects["registration"].pk).status
    assert status == (Registration.Status.CANCELLED if role == "owner" else Registration.Status.REGISTERED)


def feedback_kept_unless_bruno(w, role):
    assert (Feedback.objects.get(pk=w.objects["feedback"].pk).learned == FEEDBACK_WORDS) is (role != "owner")


def feed_token_kept_unless_bruno(w, role):
    token = CalendarFeed.objects.get(participant=w.bruno.participant).token
    assert (token == w.objects["feed"].token) is (role != "owner")


def resource_kept_unless_bruno(w, role):
    assert (Resource.objects.get(pk=w.objects["resource"].pk).title_en == "Bruno slides deck") is (role != "owner")


def saved_kept_unless_bruno(w, role):
    assert SavedResource.objects.filter(pk=w.objects["saved"].pk).exists() is (role != "owner")


def account_kept(w, role):
    assert Participant.objects.filter(pk=w.bruno.participant.pk).exists()


def bruno_token_kept_unless_bruno(w, role):
    assert AccessToken.objects.filter(pk=w.objects["bruno_token"].pk).exists() is (role != "owner")


def own_api(*, participant, owner, others=NOT_SIGNED_IN):
    """An API endpoint of the signed-in person's own: by token, which only Alice and Bruno have."""
    return roles(anonymous=NOT_SIGNED_IN, participant=participant, owner=owner, liaison=others, staff=others)


def unsubscribed_by_token(w, role):
    # RFC 8058 one-click: the signed token in Bruno's email is the permission, whoever posts it.
    assert bruno_now(w).announcements_enabled is False


def resource_post(w):
    return {
        "title": "Changed by someone",
        "kind": Resource.Kind.GUIDE,
        "languages": ["en"],
        "minutes": "15",
        "clinic": str(w.held.pk),
        "licence": Resource.Licence.CC_BY_SA_4,
    }


SIGNED_BADGES = OK if settings.BADGES_SIGNING_KEY else MISSING

# A table reads best one row to a few lines, aligned by hand.
# fmt: off
ROWS = [
    # Site
    Row("home", "home", url("home"), everyone(OK), **hidden_for_all(BRUNO)),
    Row("healthz", "healthz", url("healthz"), everyone(OK)),
    Row("set-language", "set_language", url("set_language"), everyone(goes_to("participants:privacy")),
        method="post", data=lambda w: {"language": "en", "next": reverse("participants:privacy")}),
    # Profiles: a listed one is public; an unlisted one is its owner's and staff's (404: its existence is private).
    Row("profile-listed", "participants:profile", url("participants:profile", username="alice"), everyone(OK),
        shown=lambda w, role: ["Alice Listed"]),
    Row("profile-hidden", "participants:profile", url("participants:profile", username="bruno"),
        roles(anonymous=MISSING, participant=MISSING, owner=OK, liaison=OK, staff=OK),
        shown=lambda w, role: [BRUNO]),
    Row("profile-setup", "participants:setup", url("participants:setup"),
        mine(participant=goes_to("participants:edit"), owner=goes_to("participants:edit"), others=OK)),
    # The owner's own form shows his private answers: proof that the leak check finds them when they are there.
    Row("profile-private-fields", "participants:edit", url("participants:edit"),
        mine(participant=OK, owner=OK, others=SETUP), **only_owner(lambda w: w.bruno.gender_words)),
    Row("profile-edit", "participants:edit", url("participants:edit"),
        mine(participant=ALICE_PROFILE, owner=BRUNO_PROFILE, others=SETUP), method="post",
        data=lambda w: profile_post(display_name="Changed by someone"), effect=bruno_profile_kept),
    Row("preferences", "participants:preferences", url("participants:preferences"),
        mine(participant=OK, owner=OK, others=MISSING)),
    Row("preferences-change", "participants:preferences", url("participants:preferences"),
        mine(participant=goes_to("participants:preferences"), owner=goes_to("participants:preferences"),
             others=MISSING),
        method="post", data=lambda w: {"listed": "on", "email_language": "en"}, effect=bruno_still_unlisted),
    Row("data-export", "participants:export", url("participants:export"),
        mine(participant=OK, owner=OK, others=MISSING), **only_owner(lambda w: w.bruno.email)),
    Row("account-delete-page", "participants:delete", url("participants:delete"),
        mine(participant=OK, owner=OK, others=OK)),
    # Deleting asks for the password again first, whoever asks (force_login is not a fresh sign-in).
    Row("account-delete", "participants:delete", url("participants:delete"),
        mine(participant=goes_to("account_reauthenticate"), owner=goes_to("account_reauthenticate"),
             others=goes_to("account_reauthenticate")),
        method="post", data=lambda w: {"confirm": "yes"}, effect=account_kept),
    Row("privacy-statement", "participants:privacy", url("participants:privacy"), everyone(OK)),
    Row("account-email", "account_email", url("account_email"), mine(participant=OK, owner=OK, others=OK),
        **only_owner(lambda w: w.bruno.email)),
    # Skills, the directory, messages and mentorships
    Row("directory", "skills:directory", url("skills:directory"), everyone(OK), **hidden_for_all(BRUNO)),
    Row("directory-search", "skills:directory", lambda w: reverse("skills:directory") + "?q=Bruno", everyone(OK),
        **hidden_for_all(BRUNO)),
    Row("directory-unknown-parameters", "skills:directory",
        lambda w: reverse("skills:directory") + "?planted=evil.example&skill=nope&page=999", everyone(OK),
        **hidden_for_all(BRUNO)),
    Row("demand-map", "skills:demand", url("skills:demand"), ADMIN_ONLY),
    Row("skill-page", "skills:skill", url("skills:skill", slug="access-skill"), everyone(OK),
        **hidden_for_all(BRUNO)),
    Row("my-skills", "skills:mine", url("skills:mine"), mine(participant=OK, owner=OK, others=SETUP)),
    Row("my-skills-change", "skills:mine", url("skills:mine"),
        mine(participant=ALICE_PROFILE, owner=BRUNO_PROFILE, others=SETUP), method="post", data=lambda w: {},
        effect=bruno_skills_kept),
    # Nobody writes to or asks an unlisted person: they are not in the directory (404, as if they did not exist).
    Row("message-unlisted", "skills:message", url("skills:message", username="bruno"),
        mine(participant=MISSING, owner=MISSING, others=MISSING), method="post",
        data=lambda w: {"body": "Hello Bruno"}, effect=nobody_wrote_to_bruno),
    Row("mentorship-ask-unlisted", "skills:request_mentorship", url("skills:request_mentorship", username="bruno"),
        mine(participant=MISSING, owner=MISSING, others=MISSING), method="post",
        data=lambda w: {"skill": str(w.objects["skill"].pk), "message": "Teach me"},
        effect=nobody_asked_bruno_again),
    # The token in the recipient's email is the permission to report; a made-up one reaches nothing.
    Row("message-report", "skills:report_message", url("skills:report_message", token=obj("message", "token")),
        everyone(OK)),
    Row("message-report-unknown", "skills:report_message",
        url("skills:report_message", token="00000000-0000-4000-8000-000000000000"), everyone(MISSING)),
    Row("mentorships", "skills:mentorships", url("skills:mentorships"),
        mine(participant=OK, owner=OK, others=MISSING), **only_owner("Chidi Mentee")),
    Row("mentorship", "skills:mentorship", url("skills:mentorship", pk=obj("mentorship", "pk")),
        mine(participant=MISSING, owner=OK, others=MISSING), shown=lambda w, role: ["Teach me?"]),
    Row("mentorship-accept", "skills:mentorship_action",
        url("skills:mentorship_action", pk=obj("mentorship", "pk"), action="accept"),
        mine(participant=MISSING, owner=goes_to("skills:mentorship", pk=obj("mentorship", "pk")), others=MISSING),
        method="post", effect=mentorship_answered_only_by_bruno),
    # Clinics: the meeting link only for registered people, from a day before; RSVPs and feedback are one's own.
    Row("clinic-list", "clinics:list", url("clinics:list"), everyone(OK), **hidden_for_all(MEETING_URL)),
    # Parameters a kept page does not know, or does not accept, are not kept, nor shown to the next visitor.
    Row("clinic-list-unknown-parameters", "clinics:list",
        lambda w: reverse("clinics:list") + "?planted=evil.example&topic=nope&page=999", everyone(OK),
        **hidden_for_all(MEETING_URL)),
    Row("clinic-feed", "clinics:feed", url("clinics:feed"), everyone(OK), **hidden_for_all(MEETING_URL)),
    Row("clinic-meeting-link", "clinics:detail", url("clinics:detail", slug=lambda w: w.upcoming.slug),
        everyone(OK), **only_owner(MEETING_URL)),
    Row("clinic-own-feedback", "clinics:detail", url("clinics:detail", slug=lambda w: w.held.slug),
        everyone(OK), **only_owner(FEEDBACK_WORDS)),
    # A draft is nobody's to see outside the admin: 404, as if it did not exist.
    Row("clinic-draft", "clinics:detail", url("clinics:detail", slug=obj("draft", "slug")), everyone(MISSING)),
    Row("clinic-draft-rsvp", "clinics:rsvp", url("clinics:rsvp", slug=obj("draft", "slug")),
        mine(participant=MISSING, owner=MISSING, others=MISSING), method="post"),
    Row("clinic-ics", "clinics:ics", url("clinics:ics", slug=lambda w: w.upcoming.slug), everyone(OK),
        **hidden_for_all(MEETING_URL)),
    Row("rsvp", "clinics:rsvp", url("clinics:rsvp", slug=lambda w: w.upcoming.slug),
        mine(participant=goes_to("clinics:detail", slug=lambda w: w.upcoming.slug),
             owner=goes_to("clinics:detail", slug=lambda w: w.upcoming.slug), others=SETUP),
        method="post", effect=registration_kept),
    Row("rsvp-cancel", "clinics:cancel", url("clinics:cancel", slug=lambda w: w.upcoming.slug),
        mine(participant=MISSING, owner=goes_to("clinics:detail", slug=lambda w: w.upcoming.slug), others=MISSING),
        method="post", effect=registration_cancelled_only_by_bruno),
    Row("clinic-feedback", "clinics:feedback", url("clinics:feedback", slug=lambda w: w.held.slug),
        mine(participant=goes_to("clinics:detail", slug=lambda w: w.held.slug),
             owner=goes_to("clinics:detail", slug=lambda w: w.held.slug), others=MISSING),
        method="post", data=lambda w: {"rating": "1", "learned": "overwritten"},
        effect=feedback_kept_unless_bruno),
    # A private calendar address is a capability: whoever has the token reads the feed; it has no meeting link.
    Row("personal-feed", "clinics:personal_feed", url("clinics:personal_feed", token=obj("feed", "token")),
        everyone(OK), **hidden_for_all(MEETING_URL)),
    Row("personal-feed-unknown", "clinics:personal_feed",
        url("clinics:personal_feed", token="00000000-0000-4000-8000-000000000000"), everyone(MISSING)),
    Row("personal-feed-reset", "clinics:reset_feed", url("clinics:reset_feed"),
        mine(participant=goes_to("clinics:list"), owner=goes_to("clinics:list"), others=MISSING),
        method="post", effect=feed_token_kept_unless_bruno),
    # Resources: a sharer adds to and edits the resources of their own clinics.
    Row("resource-list", "resources:list", url("resources:list"), everyone(OK)),
    Row("resource-add", "resources:add", url("resources:add"), mine(participant=DENIED, owner=OK, others=DENIED)),
    Row("resource", "resources:detail", url("resources:detail", slug=obj("resource", "slug")), everyone(OK),
        **only_owner(url("resources:edit", slug=obj("resource", "slug")))),
    Row("resource-unpublished", "resources:detail", url("resources:detail", slug=obj("unpublished", "slug")),
        everyone(MISSING)),
    Row("resource-edit-page", "resources:edit", url("resources:edit", slug=obj("resource", "slug")),
        mine(participant=DENIED, owner=OK, others=DENIED)),
    Row("resource-edit", "resources:edit", url("resources:edit", slug=obj("resource", "slug")),
        mine(participant=DENIED, owner=goes_to("resources:detail", slug=obj("resource", "slug")), others=DENIED),
        method="post", data=resource_post, effect=resource_kept_unless_bruno),
    Row("resource-file", "resources:download", url("resources:download", slug=obj("resource", "slug")),
        everyone(OK)),
    Row("resource-file-unpublished", "resources:download",
        url("resources:download", slug=obj("unpublished", "slug")), everyone(MISSING)),
    Row("resource-unsave", "resources:save", url("resources:save", slug=obj("resource", "slug")),
        mine(participant=goes_to("resources:detail", slug=obj("resource", "slug")),
             owner=goes_to("resources:detail", slug=obj("resource", "slug")), others=SETUP),
        method="post", data=lambda w: {"action": "remove"}, effect=saved_kept_unless_bruno),
    Row("saved-resources", "resources:saved", url("resources:saved"),
        mine(participant=OK, owner=OK, others=SETUP), **only_owner("Bruno slides deck")),
    # Outreach
    Row("invitation", "outreach:join", url("outreach:join", code=obj("ambassador", "code")),
        roles(anonymous=goes_to("account_signup"), participant=goes_to("home"), owner=goes_to("home"),
              liaison=goes_to("home"), staff=goes_to("home"))),
    Row("unsubscribe-page", "outreach:unsubscribe",
        url("outreach:unsubscribe", token=lambda w: w.objects["unsubscribe_token"]), everyone(OK)),
    Row("unsubscribe", "outreach:unsubscribe",
        url("outreach:unsubscribe", token=lambda w: w.objects["unsubscribe_token"]), everyone(OK), method="post",
        effect=unsubscribed_by_token),
    Row("unsubscribe-forged", "outreach:unsubscribe", url("outreach:unsubscribe", token="p:1:forged"),
        everyone(MISSING), method="post"),
    # Badges and certificates: awards and certificate pages are public by link; a PDF is its holder's and staff's.
    Row("badge-list", "badges:list", url("badges:list"), everyone(OK)),
    Row("badge", "badges:badge", url("badges:badge", slug="access-badge"), everyone(OK)),
    Row("award", "badges:award", url("badges:award", uuid=obj("award", "uuid")), everyone(OK)),
    Row("my-certificates", "badges:my_certificates", url("badges:my_certificates"),
        mine(participant=OK, owner=OK, others=SETUP),
        **only_owner(url("badges:certificate", uuid=obj("certificate", "uuid")))),
    Row("certificate", "badges:certificate", url("badges:certificate", uuid=obj("certificate", "uuid")),
        everyone(OK)),
    Row("certificate-pdf", "badges:certificate_pdf", url("badges:certificate_pdf", uuid=obj("certificate", "uuid")),
        roles(anonymous=MISSING, participant=MISSING, owner=OK, liaison=OK, staff=OK)),
    Row("ob-issuer", "badges_api:issuer", url("badges_api:issuer"), everyone(OK)),
    Row("ob-badge-class", "badges_api:badge_class", url("badges_api:badge_class", slug="access-badge"), everyone(OK)),
    Row("ob-badge-image", "badges_api:badge_image", url("badges_api:badge_image", slug="access-badge"), everyone(OK)),
    Row("ob-assertion", "badges_api:assertion", url("badges_api:assertion", uuid=obj("award", "uuid")),
        everyone(OK)),
    Row("ob-baked", "badges_api:baked", url("badges_api:baked", uuid=obj("award", "uuid")), everyone(OK)),
    Row("ob-credential", "badges_api:credential", url("badges_api:credential", uuid=obj("award", "uuid")),
        everyone(SIGNED_BADGES)),
    Row("ob-jwks", "badges_api:jwks", url("badges_api:jwks"), everyone(SIGNED_BADGES)),
    Row("ob-profile", "badges_api:profile", url("badges_api:profile"), everyone(SIGNED_BADGES)),
    Row("ob-key", "badges_api:key", url("badges_api:key", thumbprint="no-such-key"), everyone(MISSING)),
    Row("ob-baked-png", "badges_api:baked_ob3_png", url("badges_api:baked_ob3_png", uuid=obj("award", "uuid")),
        everyone(SIGNED_BADGES)),
    Row("ob-baked-svg", "badges_api:baked_ob3_svg", url("badges_api:baked_ob3_svg", uuid=obj("award", "uuid")),
        everyone(SIGNED_BADGES)),
    Row("ob-certificate-credential", "badges_api:certificate_credential",
        url("badges_api:certificate_credential", uuid=obj("certificate", "uuid")), everyone(SIGNED_BADGES)),
    Row("ob-certificate-image", "badges_api:certificate_image",
        url("badges_api:certificate_image", kind="participation"), everyone(OK)),
    Row("ob-status-list", "badges_api:status_list", url("badges_api:status_list", kind="awards", number=0),
        everyone(SIGNED_BADGES)),
    Row("badge-verify", "badges:verify", url("badges:verify"), everyone(OK)),
    # Impact: the page is public; the CSVs are for staff (liaisons are staff).
    Row("impact", "impact:index", url("impact:index"), everyone(OK)),
    Row("impact-csv", "impact:download", url("impact:download", table="figures"),
        roles(anonymous=LOGIN, participant=DENIED, owner=DENIED, liaison=OK, staff=OK)),
    Row("impact-csv-unknown", "impact:download", url("impact:download", table="people"), everyone(MISSING)),
    # The API: anonymous reads show what the site shows anyone; the person's own data takes their token (a
    # session cookie never acts through the API).
    Row("api-root", "api:root", url("api:root"), everyone(OK), api=True),
    Row("api-schema", "api:schema", url("api:schema"), everyone(OK), api=True),
    Row("api-docs", "api:docs", url("api:docs"), everyone(OK), api=True),
    Row("api-clinics", "api:clinics", url("api:clinics"), everyone(OK), api=True,
        **hidden_for_all(MEETING_URL, "Draft access clinic")),
    Row("api-clinic", "api:clinic", url("api:clinic", slug=lambda w: w.upcoming.slug), everyone(OK), api=True,
        **hidden_for_all(MEETING_URL)),
    Row("api-clinic-draft", "api:clinic", url("api:clinic", slug=obj("draft", "slug")), everyone(MISSING), api=True),
    Row("api-skills", "api:skills", url("api:skills"), everyone(OK), api=True, **hidden_for_all(BRUNO)),
    Row("api-skill", "api:skill", url("api:skill", slug="access-skill"), everyone(OK), api=True,
        **hidden_for_all(BRUNO)),
    Row("api-participants", "api:participants", url("api:participants"), everyone(OK), api=True,
        shown=lambda w, role: ["Alice Listed"], **hidden_for_all(BRUNO)),
    Row("api-participant-listed", "api:participant", url("api:participant", username="alice"), everyone(OK),
        api=True, shown=lambda w, role: ["Alice Listed"]),
    # Unlisted: not in the API even for its owner (the API's public reads are the public profile).
    Row("api-participant-hidden", "api:participant", url("api:participant", username="bruno"), everyone(MISSING),
        api=True),
    Row("api-resources", "api:resources", url("api:resources"), everyone(OK), api=True,
        **hidden_for_all("Bruno draft deck")),
    Row("api-resource", "api:resource", url("api:resource", slug=obj("resource", "slug")), everyone(OK), api=True),
    Row("api-resource-unpublished", "api:resource", url("api:resource", slug=obj("unpublished", "slug")),
        everyone(MISSING), api=True),
    Row("api-impact", "api:impact", url("api:impact"), everyone(OK), api=True),
    Row("api-me", "api:me", url("api:me"), own_api(participant=OK, owner=OK), api=True,
        **only_owner(BRUNO, lambda w: w.bruno.email)),
    Row("api-me-by-session", "api:me", url("api:me"), everyone(NOT_SIGNED_IN)),
    Row("api-my-skills", "api:my_skills", url("api:my_skills"), own_api(participant=OK, owner=OK), api=True),
    Row("api-my-rsvps", "api:my_rsvps", url("api:my_rsvps"), own_api(participant=OK, owner=OK), api=True,
        **only_owner(MEETING_URL)),
    Row("api-my-rsvp", "api:my_rsvp", url("api:my_rsvp", slug=lambda w: w.upcoming.slug),
        own_api(participant=MISSING, owner=OK), api=True, **only_owner(MEETING_URL)),
    Row("api-rsvp", "api:my_rsvps", url("api:my_rsvps"), own_api(participant=CREATED, owner=OK), api=True,
        method="post", data=lambda w: {"clinic": w.upcoming.slug}, effect=registration_kept),
    Row("api-rsvp-draft", "api:my_rsvps", url("api:my_rsvps"), own_api(participant=REFUSED, owner=REFUSED),
        api=True, method="post", data=lambda w: {"clinic": w.objects["draft"].slug}),
    Row("api-rsvp-cancel", "api:my_rsvp", url("api:my_rsvp", slug=lambda w: w.upcoming.slug),
        own_api(participant=MISSING, owner=DONE), api=True, method="delete",
        effect=registration_cancelled_only_by_bruno),
    # Without CAPX_PUBLIC_KEY (as here) nothing is enrolled, whoever posts.
    Row("api-capx-enrol", "api:capx_enrol", url("api:capx_enrol"), everyone(UNAVAILABLE), api=True,
        method="post", data=lambda w: {"token": "x.y.z"}),
    # Tokens are made and revoked on one's own settings page; a token is its owner's to revoke.
    Row("api-token-create", "api_tokens:create", url("api_tokens:create"),
        mine(participant=OK, owner=OK, others=MISSING), method="post", data=lambda w: {"name": "New script"}),
    Row("api-token-revoke", "api_tokens:revoke", url("api_tokens:revoke", pk=obj("bruno_token", "pk")),
        mine(participant=goes_to("participants:preferences"), owner=goes_to("participants:preferences"),
             others=MISSING),
        method="post", effect=bruno_token_kept_unless_bruno),
]
# fmt: on
