import pytest

from activity.models import WikiAccount
from tests.factories import ParticipantFactory

from .fake_mediawiki import FakeMediaWiki, serve


@pytest.fixture
def mediawiki(settings):
    """The fake MediaWiki API, which every wiki's requests reach while the test runs."""
    fake = FakeMediaWiki()
    server, thread = serve(fake)
    settings.WIKI_ACTIVITY_API_URL = f"http://127.0.0.1:{server.server_address[1]}/{{host}}/w/api.php"
    settings.WIKI_ACTIVITY_CONTACT = "team@letsconnect.example"
    settings.WIKI_ACTIVITY_SINCE = "2022-01-01"
    yield fake
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


class RecordedSleep:
    def __init__(self):
        self.waits = []

    def __call__(self, seconds):
        self.waits.append(seconds)


@pytest.fixture
def waits():
    return RecordedSleep()


@pytest.fixture
def sharing_participant(db):
    """A participant with a verified username, Swahili Wikipedia and Wikidata as home wikis, who consented."""

    def make(username="Amani", wikis=(("wikipedia", "sw"), ("wikidata", ""))):
        participant = ParticipantFactory(wikimedia_username=username, wikimedia_username_verified=True)
        for project, language in wikis:
            participant.home_wikis.create(project=project, language=language)
        WikiAccount.objects.create(participant=participant, consented_at="2026-01-01T00:00:00Z", username=username)
        return participant

    return make
