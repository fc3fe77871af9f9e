"""The choice to share one's on-wiki activity: off until given, only for a verified username, withdrawn with
everything read; shown on the profile only when chosen."""

from datetime import date
from urllib.parse import parse_qs, urlsplit

import responses
from allauth.socialaccount.models import SocialApp
from allauth.socialaccount.providers.mediawiki.views import MediaWikiOAuth2Adapter
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from activity.models import MonthlyEdits, WikiAccount
from activity.summary import add_months
from participants import services as participant_services
from tests.factories import ParticipantFactory

from .fake_mediawiki import GlobalUser

SETTINGS_URL = "/en/profile/settings/wiki-activity/"


def last_month():
    return add_months(timezone.now().date().replace(day=1), -1)


def test_activity_is_not_shared_until_the_participant_says_so(client, db):
    participant = ParticipantFactory(wikimedia_username="Amani", wikimedia_username_verified=True)
    client.force_login(participant.user)

    page = client.get(SETTINGS_URL).content.decode()

    assert 'name="share"' in page
    assert 'name="share" checked' not in page
    assert WikiAccount.objects.count() == 0


def test_sharing_needs_a_username_confirmed_by_a_wikimedia_sign_in(client, db):
    participant = ParticipantFactory(wikimedia_username="Typed By Hand", wikimedia_username_verified=False)
    client.force_login(participant.user)

    response = client.post(SETTINGS_URL, {"share": "on"})

    assert response.status_code == 400
    assert "Sign in with Wikimedia once" in response.content.decode()
    assert WikiAccount.objects.count() == 0


def test_consent_given_reads_the_activity_at_once(client, mediawiki, django_capture_on_commit_callbacks, db):
    mediawiki.add_user(
        GlobalUser(id=5, name="Amani", editcount=40, contributions={"sw.wikipedia.org": [f"{last_month()}T10:00:00Z"]})
    )
    participant = ParticipantFactory(wikimedia_username="Amani", wikimedia_username_verified=True)
    participant.home_wikis.create(project="wikipedia", language="sw")
    client.force_login(participant.user)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(SETTINGS_URL, {"share": "on"})

    assert response.status_code == 302
    account = WikiAccount.objects.get(participant=participant)
    assert (account.state, account.shown_on_profile, account.global_edit_count) == ("read", False, 40)
    assert list(MonthlyEdits.objects.values_list("month", "edits")) == [(last_month(), 1)]
    page = client.get(SETTINGS_URL).content.decode()
    assert "40 edits on all wikis." in page
    assert "Swahili Wikipedia" in page


def test_withdrawing_consent_deletes_every_count(client, db):
    participant = ParticipantFactory(wikimedia_username="Amani", wikimedia_username_verified=True)
    WikiAccount.objects.create(participant=participant, consented_at=timezone.now(), state="read")
    MonthlyEdits.objects.create(
        participant=participant, project="wikipedia", language="sw", month=date(2024, 1, 1), edits=3
    )
    other = ParticipantFactory()
    MonthlyEdits.objects.create(participant=other, project="wikipedia", language="sw", month=date(2024, 1, 1), edits=9)
    client.force_login(participant.user)

    response = client.post(SETTINGS_URL, {})

    assert response.status_code == 302
    assert WikiAccount.objects.filter(participant=participant).exists() is False
    assert list(MonthlyEdits.objects.values_list("participant_id", flat=True)) == [other.pk]


def test_showing_activity_needs_sharing_it(client, db):
    participant = ParticipantFactory(wikimedia_username="Amani", wikimedia_username_verified=True)
    client.force_login(participant.user)

    response = client.post(SETTINGS_URL, {"shown_on_profile": "on"})

    assert response.status_code == 400
    assert WikiAccount.objects.count() == 0


def shared(participant, *, shown):
    WikiAccount.objects.create(
        participant=participant, consented_at=timezone.now(), state="read", shown_on_profile=shown, global_edit_count=77
    )
    participant.home_wikis.create(project="wikipedia", language="sw")
    MonthlyEdits.objects.create(
        participant=participant, project="wikipedia", language="sw", month=last_month(), edits=6
    )


def test_the_profile_shows_activity_only_when_its_owner_chose_to(client, db):
    hidden = ParticipantFactory(wikimedia_username="Hidden", wikimedia_username_verified=True)
    shown = ParticipantFactory(wikimedia_username="Shown", wikimedia_username_verified=True)
    shared(hidden, shown=False)
    shared(shown, shown=True)

    shown_page = client.get(reverse("participants:profile", kwargs={"username": shown.user.username})).content.decode()
    client.force_login(hidden.user)
    own_page = client.get(reverse("participants:profile", kwargs={"username": hidden.user.username})).content.decode()

    assert "On-wiki activity</h2>" in shown_page
    assert "77 edits on all wikis." in shown_page
    assert "On-wiki activity</h2>" not in own_page
    assert "77 edits" not in own_page


def test_the_data_export_holds_the_counts(db):
    participant = ParticipantFactory(wikimedia_username="Amani", wikimedia_username_verified=True)
    shared(participant, shown=False)

    data = participant_services.export_personal_data(participant=participant)

    assert data["wiki_activity"]["monthly_edits"] == [
        {"wiki": "sw.wikipedia", "month": last_month().strftime("%Y-%m"), "edits": 6}
    ]


def test_erasing_the_account_erases_the_activity(db):
    participant = ParticipantFactory(wikimedia_username="Amani", wikimedia_username_verified=True)
    shared(participant, shown=True)

    participant_services.erase_account(user=participant.user)

    assert (WikiAccount.objects.count(), MonthlyEdits.objects.count()) == (0, 0)


def test_accounts_are_read_again_every_night_by_celery_beat():
    entry = settings.CELERY_BEAT_SCHEDULE["read-wiki-activity-nightly"]

    assert entry["task"] == "activity.tasks.read_due_activity"
    assert (entry["schedule"].hour, entry["schedule"].minute) == ({2}, {41})


def test_connecting_a_wikimedia_account_from_the_settings_confirms_the_username_for_sharing(client, db):
    SocialApp.objects.create(provider="mediawiki", name="Wikimedia", client_id="id", secret="s")
    participant = ParticipantFactory(wikimedia_username="typed", wikimedia_username_verified=False)
    client.force_login(participant.user)
    profile = {"sub": 77, "username": "Amani W", "email": "", "confirmed_email": False, "realname": ""}

    with responses.RequestsMock(assert_all_requests_are_fired=True) as wikimedia:
        wikimedia.post(MediaWikiOAuth2Adapter.access_token_url, json={"access_token": "t", "token_type": "Bearer"})
        wikimedia.get(MediaWikiOAuth2Adapter.profile_url, json=profile)
        start = client.post(reverse("mediawiki_login"), {"process": "connect"})
        state = parse_qs(urlsplit(start["Location"]).query)["state"][0]
        client.get(reverse("mediawiki_callback"), {"code": "abc", "state": state})

    participant.refresh_from_db()
    assert (participant.wikimedia_username, participant.wikimedia_username_verified) == ("Amani W", True)
    assert client.post(SETTINGS_URL, {"share": "on"}).status_code == 302
