"""Anonymous reads: clinics with their filters, the taxonomy in every language, listed participants exactly as
their public profile shows them, resources and the figures; pages, validators, CORS and the language of names."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from clinics.models import Attendance, Clinic, ClinicSharer
from participants.models import HomeWiki, Participant, Region, SpokenLanguage
from skills.models import ParticipantSkill, Skill
from tests.factories import AffiliateFactory, ClinicFactory, ParticipantFactory, ResourceFactory

pytestmark = pytest.mark.django_db


def test_clinics_are_listed_with_utc_times_and_their_calendar_link_never_drafts_or_meeting_links(client):
    ClinicFactory(
        slug="grants-2030-01-15",
        title="Grants",
        start=datetime(2030, 1, 15, 14, 0, tzinfo=UTC),
        meeting_url="https://meet.example.org/secret-room",
        capacity=20,
    )
    ClinicFactory(status=Clinic.Status.DRAFT, slug="draft-one")

    response = client.get("/api/v1/clinics/")

    body = response.json()
    clinic = body["results"][0]
    assert (response.status_code, body["count"], [row["slug"] for row in body["results"]]) == (
        200,
        1,
        ["grants-2030-01-15"],
    )
    assert (clinic["start"], clinic["end"], clinic["duration_minutes"], clinic["places_left"]) == (
        "2030-01-15T14:00:00Z",
        "2030-01-15T16:00:00Z",
        120,
        20,
    )
    assert clinic["ics_url"] == "http://127.0.0.1:8000/en/clinics/grants-2030-01-15/calendar.ics"
    assert "secret-room" not in response.content.decode()


def test_the_clinic_filters_combine(client):
    now = timezone.now()
    region = Region.objects.get(code="LAC")
    skill = Skill.objects.get(slug="wikidata")
    wanted = ClinicFactory(
        slug="wanted", kind=Clinic.Kind.LOCAL, language="es", region=region, start=now + timedelta(1)
    )
    wanted.skills.add(skill)
    ClinicFactory(slug="other-language", kind=Clinic.Kind.LOCAL, language="fr", region=region)
    ClinicFactory(slug="past", kind=Clinic.Kind.LOCAL, language="es", region=region, start=now - timedelta(days=3))
    query = f"?when=upcoming&kind=local&language=es&region=LAC&skill=wikidata&topic={wanted.topic.slug}"

    found = client.get(f"/api/v1/clinics/{query}").json()
    past = client.get("/api/v1/clinics/?when=past").json()

    assert [row["slug"] for row in found["results"]] == ["wanted"]
    assert [row["slug"] for row in past["results"]] == ["past"]


def test_a_filter_value_that_is_not_one_of_its_choices_is_a_400_saying_which(client):
    response = client.get("/api/v1/clinics/?when=tomorrow&language=xx")

    assert (response.status_code, sorted(response.json())) == (400, ["language", "when"])


def test_the_taxonomy_gives_every_shipped_language_and_the_wikidata_items_set(client):
    response = client.get("/api/v1/skills/wikidata/")
    editing = client.get("/api/v1/skills/?category=organisational").json()

    skill = response.json()
    assert sorted(skill["names"]) == ["ar", "en", "es", "fr", "pt", "sw"]
    assert (skill["wikidata_qid"], skill["category"]["slug"]) == ("Q2013", "on-wiki")
    assert editing["count"] == 12
    assert {row["wikidata_qid"] for row in editing["results"]} == {None}


def test_accept_language_chooses_the_language_of_names(client):
    skill = Skill.objects.get(slug="strategic-planning")

    spanish = client.get("/api/v1/skills/strategic-planning/", HTTP_ACCEPT_LANGUAGE="es-MX,es;q=0.9,en;q=0.5")
    unknown = client.get("/api/v1/skills/strategic-planning/", HTTP_ACCEPT_LANGUAGE="de")

    assert (spanish.json()["name"], spanish["Content-Language"]) == (skill.name_es, "es")
    assert spanish.json()["url"].startswith("http://127.0.0.1:8000/es/")
    assert (unknown.json()["name"], unknown["Content-Language"]) == (skill.name_en, "en")
    assert "Accept-Language" in spanish["Vary"]


def _public_person():
    affiliate = AffiliateFactory(name="Wikimedia Kenya")
    person = ParticipantFactory(
        user__username="wanjiru",
        user__email="wanjiru.private@example.org",
        display_name="Wanjiru",
        pronouns="she/her",
        bio="Trainer.",
        time_zone="Africa/Nairobi",
        wikimedia_username="Wanjiru K",
        affiliation=Participant.Affiliation.AFFILIATE,
        areas_of_work=["education"],
        gender=Participant.Gender.NOT_LISTED,
        gender_self_description="wanjiru-own-words",
        age_range=Participant.AgeRange.FROM_45,
        heard_from=Participant.HeardFrom.LIAISON,
    )
    person.affiliates.add(affiliate)
    SpokenLanguage.objects.create(participant=person, language="sw", level="N")
    HomeWiki.objects.create(participant=person, project="wikipedia", language="sw")
    ParticipantSkill.objects.create(
        participant=person, skill=Skill.objects.get(slug="wikidata"), kind="share", level="expert"
    )
    held = ClinicFactory(slug="held-one", status=Clinic.Status.HELD, start=timezone.now() - timedelta(days=5))
    Attendance.objects.create(clinic=held, participant=person)
    ClinicSharer.objects.create(clinic=held, participant=person)
    return person


def test_a_listed_participant_shows_exactly_their_public_profile(client):
    _public_person()

    response = client.get("/api/v1/participants/wanjiru/")

    profile = response.json()
    assert response.status_code == 200
    assert sorted(profile) == sorted(
        [
            "username", "url", "display_name", "pronouns", "role", "role_label", "country", "languages",
            "wikimedia_username", "wikimedia_username_verified", "home_wikis", "affiliation", "areas_of_work",
            "wiki_experience", "time_zone", "bio", "skills", "clinics_attended", "clinics_shared", "badges",
        ]
    )  # fmt: skip
    assert profile["affiliation"] == {
        "kind": "affiliate",
        "label": "Member of one or more affiliates",
        "affiliates": ["Wikimedia Kenya"],
        "group_name": "",
    }
    assert profile["country"]["region"]["code"] == "SSA"
    assert profile["skills"]["share"] == [
        {"skill": {"slug": "wikidata", "name": "Wikidata", "wikidata_qid": "Q2013"}, "level": "expert"}
    ]
    assert ([row["slug"] for row in profile["clinics_attended"]], profile["languages"][0]["level"]) == (
        ["held-one"],
        "N",
    )
    body = response.content.decode()
    assert [word for word in ("private@", "wanjiru-own-words", "45-54", "liaison") if word in body] == []


def test_an_affiliation_the_person_hides_is_null_and_an_unlisted_person_is_not_found(client):
    person = _public_person()
    Participant.objects.filter(pk=person.pk).update(show_affiliation=False)
    ParticipantFactory(user__username="hidden", listed=False)

    shown = client.get("/api/v1/participants/wanjiru/").json()
    hidden = client.get("/api/v1/participants/hidden/")
    everyone = client.get("/api/v1/participants/").json()

    assert (shown["affiliation"], hidden.status_code) == (None, 404)
    assert [row["username"] for row in everyone["results"]] == ["wanjiru"]
    assert "Wikimedia Kenya" not in str(shown)


def test_resources_are_the_published_ones_with_their_languages_and_link(client):
    ResourceFactory(slug="guide", languages=["sw", "en"], url="https://meta.wikimedia.org/wiki/Guide")
    ResourceFactory(slug="hidden-guide", published=False)

    body = client.get("/api/v1/resources/?language=sw").json()

    assert [(row["slug"], row["languages"], row["link"]) for row in body["results"]] == [
        ("guide", ["en", "sw"], "https://meta.wikimedia.org/wiki/Guide")
    ]
    assert client.get("/api/v1/resources/hidden-guide/").status_code == 404


def test_the_figures_say_as_of_when_and_hide_small_groups(client):
    ParticipantFactory()

    today = client.get("/api/v1/impact/").json()
    dated = client.get("/api/v1/impact/?as_of=2026-01-31").json()
    future = client.get("/api/v1/impact/?as_of=2999-01-01")

    assert today["as_of"] == timezone.now().date().isoformat()
    assert today["registered"] == {"value": None, "fewer_than_5": True}
    assert (dated["as_of"], dated["start"]) == ("2026-01-31", None)
    assert (future.status_code, list(future.json())) == (400, ["as_of"])


def test_lists_come_in_pages(client):
    for number in range(3):
        ResourceFactory(slug=f"guide-{number}")

    first = client.get("/api/v1/resources/?page_size=2").json()
    second = client.get(first["next"].replace("http://testserver", "")).json()
    beyond = client.get("/api/v1/resources/?page=9")

    assert (first["count"], len(first["results"]), len(second["results"]), second["next"]) == (3, 2, 1, None)
    assert beyond.status_code == 404


def test_a_client_holding_the_same_body_gets_304_by_etag_or_date(client):
    ResourceFactory(slug="guide", title="Guide")

    first = client.get("/api/v1/resources/guide/")
    by_etag = client.get("/api/v1/resources/guide/", HTTP_IF_NONE_MATCH=first["ETag"])
    by_date = client.get("/api/v1/resources/guide/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    ResourceFactory._meta.model.objects.filter(slug="guide").update(title_en="Guide, second edition")
    changed = client.get("/api/v1/resources/guide/", HTTP_IF_NONE_MATCH=first["ETag"])

    assert (first.status_code, by_etag.status_code, by_date.status_code, changed.status_code) == (200, 304, 304, 200)
    assert by_etag["ETag"] == first["ETag"]
    assert changed["ETag"] != first["ETag"]
    assert first["Cache-Control"] == "public, max-age=60"


def test_any_site_may_read_anonymously_from_a_browser_but_not_send_a_token_or_write(client):
    origin = {"HTTP_ORIGIN": "https://dashboard.example.net"}
    preflight = {"HTTP_ACCESS_CONTROL_REQUEST_METHOD": "GET", "HTTP_ACCESS_CONTROL_REQUEST_HEADERS": "authorization"}

    read = client.get("/api/v1/skills/", **origin)
    own = client.get("/api/v1/me/", **origin)
    with_token = client.options("/api/v1/skills/", **origin, **preflight)

    assert read["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in read["Access-Control-Expose-Headers"]
    assert "Access-Control-Allow-Origin" not in own
    assert "authorization" not in with_token.get("Access-Control-Allow-Headers", "").lower()
    assert "Access-Control-Allow-Credentials" not in read


def test_the_schema_and_its_documentation_page_are_served_from_the_site_itself(client):
    schema = client.get("/api/v1/schema/?format=json")
    docs = client.get("/api/v1/docs/")

    assert (schema.status_code, schema.json()["info"]["title"]) == (200, "Let's Connect API")
    assert "/api/v1/me/rsvps/" in schema.json()["paths"]
    assert docs.status_code == 200
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle." in docs.content.decode()
    assert "https://" not in docs.content.decode()
