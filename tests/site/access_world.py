"""One small world for the access-rules table: five roles and, owned by participant B, one object of every kind."""

import re
from dataclasses import dataclass, field
from datetime import timedelta

from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.utils import timezone

from api.models import CapxEnrolment, CapxEnrolmentLog
from api.services import create_token
from badges.models import BadgeClass
from badges.services import award_manually
from clinics.models import Attendance, CalendarFeed, Clinic, ClinicSharer, Feedback
from mail.models import Email
from outreach.emails import unsubscribe_token
from participants.liaisons import LIAISON_GROUP
from participants.models import Participant, Region
from resources.models import SavedResource
from skills.models import Mentorship, Message, ParticipantSkill, Skill, SkillCategory
from tests.factories import (
    AffiliateFactory,
    AmbassadorFactory,
    AnnouncementFactory,
    CertificateFactory,
    ClinicFactory,
    ParticipantFactory,
    RegistrationFactory,
    ResourceFactory,
    UserFactory,
)

ROLES = ("anonymous", "participant", "owner", "liaison", "staff")
PDF_BYTES = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
MEETING_URL = "https://meet.example.org/room-only-for-registrants-8842"
FEEDBACK_WORDS = "bruno-learned-something-private"


@dataclass
class Person:
    """A participant whose private answers are recognisable strings: none may show on someone else's page."""

    participant: Participant
    email: str
    gender_words: str
    age_range: str

    def leaks_in(self, body):
        """The private values of this person found in `body` (a selected age range counts as shown)."""
        found = [value for value in (self.email, self.gender_words) if value in body]
        if re.search(rf'value="{re.escape(self.age_range)}"[^>]*\bselected\b', body):
            found.append(self.age_range)
        return found


@dataclass
class World:
    alice: Person  # role "participant": listed, owns nothing of what the table reaches
    bruno: Person  # role "owner": unlisted, owns every object below
    chidi: Person  # asked Bruno for mentorship; listed
    liaison: object
    staff: object
    upcoming: Clinic = None
    held: Clinic = None
    objects: dict = field(default_factory=dict)
    tokens: dict = field(default_factory=dict)  # role -> the secret of a personal access token of theirs

    def user(self, role):
        return {
            "anonymous": None,
            "participant": self.alice.participant.user,
            "owner": self.bruno.participant.user,
            "liaison": self.liaison,
            "staff": self.staff,
        }[role]

    @property
    def people(self):
        return {"participant": self.alice, "owner": self.bruno, "chidi": self.chidi}


def _person(username, *, display_name, listed, gender_words, age_range):
    email = f"{username}.private-address@mail.example.org"
    participant = ParticipantFactory(
        user=UserFactory(username=username, email=email),
        display_name=display_name,
        listed=listed,
        gender=Participant.Gender.NOT_LISTED,
        gender_self_description=gender_words,
        age_range=age_range,
        privacy_version=settings.PRIVACY_STATEMENT_VERSION,
        privacy_consented_at=timezone.now(),
        announcements_enabled=True,
    )
    EmailAddress.objects.create(user=participant.user, email=email, verified=True, primary=True)
    return Person(participant=participant, email=email, gender_words=gender_words, age_range=age_range)


def build():
    now = timezone.now()
    alice = _person(
        "alice",
        display_name="Alice Listed",
        listed=True,
        gender_words="alice-gender-in-own-words",
        age_range=Participant.AgeRange.FROM_65,
    )
    bruno = _person(
        "bruno",
        display_name="Bruno Hidden",
        listed=False,
        gender_words="bruno-gender-in-own-words",
        age_range=Participant.AgeRange.FROM_75,
    )
    chidi = _person(
        "chidi",
        display_name="Chidi Mentee",
        listed=True,
        gender_words="chidi-gender-in-own-words",
        age_range=Participant.AgeRange.UNDER_25,
    )
    liaison = UserFactory(username="liaison", email="liaison@staff.example.org", is_staff=True)
    liaison.groups.add(Group.objects.get(name=LIAISON_GROUP))
    staff = UserFactory(username="root", email="root@staff.example.org", is_staff=True, is_superuser=True)
    world = World(alice=alice, bruno=bruno, chidi=chidi, liaison=liaison, staff=staff)
    b = bruno.participant

    category = SkillCategory.objects.create(slug="access-category", name="Access category")
    skill = Skill.objects.create(category=category, slug="access-skill", name="Grant writing for access tests")
    ParticipantSkill.objects.create(
        participant=b, skill=skill, kind=ParticipantSkill.Kind.SHARE, level=ParticipantSkill.Level.values[0]
    )
    # Alice and Chidi want to learn what Bruno shares: suggestions and skill pages must still not name him.
    for learner in (alice.participant, chidi.participant):
        ParticipantSkill.objects.create(participant=learner, skill=skill, kind=ParticipantSkill.Kind.LEARN)
    mentorship = Mentorship.objects.create(mentor=b, mentee=chidi.participant, skill=skill, message="Teach me?")
    message = Message.objects.create(sender=b, recipient=alice.participant, body="Hello from Bruno")

    # The meeting link shows from a day before the start, to registered people only.
    world.upcoming = ClinicFactory(
        title="Upcoming access clinic", start=now + timedelta(hours=2), meeting_url=MEETING_URL, capacity=10
    )
    world.held = ClinicFactory(title="Held access clinic", start=now - timedelta(days=10), status=Clinic.Status.HELD)
    draft = ClinicFactory(title="Draft access clinic", status=Clinic.Status.DRAFT, meeting_url=MEETING_URL)
    registration = RegistrationFactory(clinic=world.upcoming, participant=b)
    attendance = Attendance.objects.create(clinic=world.held, participant=b)
    ClinicSharer.objects.create(clinic=world.held, participant=b)
    feedback = Feedback.objects.create(clinic=world.held, participant=b, rating=5, learned=FEEDBACK_WORDS)
    feed = CalendarFeed.objects.create(participant=b)
    # What a mail server answers about a refused address, as the senders record it.
    refused = f"{{'{bruno.email}': (550, b'5.1.1 <{bruno.email}>: Recipient address rejected')}}"
    outbox_email = Email.objects.create(
        key="access-world:reminder",
        kind=Email.Kind.REMINDER,
        recipient=b.user,
        language="en",
        context={"what": "1h", "clinic": world.upcoming.pk, "participant": b.pk},
        state=Email.State.FAILED,
        due_at=now,
        last_error=refused,
        expires_at=now + timedelta(hours=1),
    )

    resource = ResourceFactory(
        title="Bruno slides deck",
        clinic=world.held,
        added_by=b,
        url="",
        content_type="application/pdf",
        file_size=len(PDF_BYTES),
        file=ContentFile(PDF_BYTES, name="slides.pdf"),
    )
    unpublished = ResourceFactory(title="Bruno draft deck", clinic=world.held, added_by=b, published=False)
    saved = SavedResource.objects.create(participant=b, resource=resource)

    badge = BadgeClass.objects.create(
        slug="access-badge", name="Access badge", description="For tests.", criteria="Being in the access world."
    )
    award = award_manually(badge=badge, participant=b, by=staff, reason="Pinned by the access table", notify=False)
    certificate = CertificateFactory(participant=b)

    ambassador = AmbassadorFactory(participant=b)
    announcement = AnnouncementFactory()
    social_account = SocialAccount.objects.create(user=b.user, provider="mediawiki", uid="4711")
    # Personal access tokens: Alice's and Bruno's (the liaison and staff have no profile, so no token).
    world.tokens = {
        role: create_token(user=person.participant.user, name=f"{role} script")[1]
        for role, person in (("participant", alice), ("owner", bruno))
    }
    bruno_token = b.user.access_tokens.get()
    capx_enrolment = CapxEnrolment.objects.create(participant=b, role_text="Librarian", area_text="Citizen science")
    capx_log = CapxEnrolmentLog.objects.create(outcome=CapxEnrolmentLog.Outcome.CREATED, detail="new account")

    world.objects = {
        "skill": skill,
        "mentorship": mentorship,
        "message": message,
        "draft": draft,
        "registration": registration,
        "feedback": feedback,
        "feed": feed,
        "resource": resource,
        "unpublished": unpublished,
        "saved": saved,
        "badge": badge,
        "award": award,
        "certificate": certificate,
        "ambassador": ambassador,
        "unsubscribe_token": unsubscribe_token(b, digest=False),
        "announcement": announcement,
        "bruno_token": bruno_token,
        # One object per ModelAdmin, for its change page.
        "participants.User": b.user,
        "participants.Region": Region.objects.get(code="SSA"),
        "participants.Country": b.country,
        "participants.Affiliate": AffiliateFactory(),
        "participants.Participant": b,
        "skills.SkillCategory": category,
        "skills.Skill": skill,
        "clinics.Topic": world.held.topic,
        "clinics.Clinic": world.held,
        "clinics.Attendance": attendance,
        "clinics.Registration": registration,
        "clinics.Feedback": feedback,
        "resources.Resource": resource,
        "mail.Email": outbox_email,
        "outreach.Announcement": announcement,
        "outreach.Ambassador": ambassador,
        "badges.BadgeClass": badge,
        "badges.Award": award,
        "badges.Certificate": certificate,
        "auth.Group": Group.objects.get(name=LIAISON_GROUP),
        "account.EmailAddress": EmailAddress.objects.get(user=b.user),
        "socialaccount.SocialAccount": social_account,
        "api.AccessToken": bruno_token,
        "api.CapxEnrolment": capx_enrolment,
        "api.CapxEnrolmentLog": capx_log,
    }
    return world
