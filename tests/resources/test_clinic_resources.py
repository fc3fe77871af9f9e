"""A held clinic's recording, slides and interpretation audio become resources once, whoever marks it held."""

from datetime import timedelta

import pytest
from django.utils import timezone

from clinics import services as clinic_services
from clinics.models import Clinic, ClinicMaterial
from resources import services
from resources.models import Resource
from skills.models import Skill
from tests.factories import ClinicFactory

pytestmark = pytest.mark.django_db

RECORDING = "https://commons.wikimedia.org/wiki/File:Clinic.webm"
SLIDES = "https://commons.wikimedia.org/wiki/File:Slides.pdf"


def _rows():
    return sorted(
        (resource.kind, list(resource.languages.values_list("language", flat=True)), resource.url, resource.minutes)
        for resource in Resource.objects.all()
    )


@pytest.fixture
def past_clinic():
    clinic = ClinicFactory(
        title="Grant writing",
        title_es="Redacción de subvenciones",
        purpose="How to write a proposal.",
        start=timezone.now() - timedelta(days=1),
        duration=timedelta(minutes=90),
        recording_url=RECORDING,
        language="en",
    )
    clinic.skills.add(Skill.objects.get(slug="wikidata"))
    ClinicMaterial.objects.create(clinic=clinic, kind="slides", language="fr", url=SLIDES)
    ClinicMaterial.objects.create(clinic=clinic, kind="audio", language="es", url=RECORDING + "?es")
    return clinic


def test_marking_a_clinic_held_turns_its_recording_slides_and_audio_into_resources(past_clinic):
    assert Resource.objects.count() == 0

    clinic_services.mark_held(clinic=past_clinic)

    assert _rows() == [
        ("recording", ["en"], RECORDING, 90),
        ("recording", ["es"], RECORDING + "?es", 90),
        ("slides", ["fr"], SLIDES, None),
    ]
    recording = Resource.objects.get(url=RECORDING)
    assert (recording.title_en, recording.title_es, recording.summary_en) == (
        "Grant writing",
        "Redacción de subvenciones",
        "How to write a proposal.",
    )
    assert (recording.clinic, [skill.slug for skill in recording.skills.all()]) == (past_clinic, ["wikidata"])


def test_saving_a_held_clinic_again_creates_nothing_twice(past_clinic):
    clinic_services.mark_held(clinic=past_clinic)

    past_clinic.refresh_from_db()
    past_clinic.save()
    created = services.sync_clinic_resources(clinic=past_clinic)

    assert (created, Resource.objects.count()) == (0, 3)


def test_slides_added_after_the_clinic_was_held_become_a_resource_too(past_clinic):
    clinic_services.mark_held(clinic=past_clinic)

    ClinicMaterial.objects.create(clinic=past_clinic, kind="slides", language="ar", url=SLIDES + "?ar")

    assert Resource.objects.filter(kind="slides", languages__language="ar").count() == 1
    assert Resource.objects.count() == 4


def test_a_changed_recording_link_is_followed(past_clinic):
    clinic_services.mark_held(clinic=past_clinic)
    past_clinic.refresh_from_db()

    past_clinic.recording_url = RECORDING + "?v2"
    past_clinic.save()

    assert Resource.objects.filter(source_key=f"clinic:{past_clinic.pk}:recording").get().url == RECORDING + "?v2"


def test_skills_given_after_saving_reach_the_clinics_resources(past_clinic):
    clinic_services.mark_held(clinic=past_clinic)

    past_clinic.skills.add(Skill.objects.get(slug="wikisource"))

    assert sorted(Resource.objects.get(url=SLIDES).skills.values_list("slug", flat=True)) == ["wikidata", "wikisource"]


def test_a_clinic_not_held_leaves_no_resource(past_clinic):
    ClinicMaterial.objects.create(clinic=past_clinic, kind="slides", language="ar", url=SLIDES + "?ar")
    past_clinic.status = Clinic.Status.CANCELLED
    past_clinic.save()

    assert Resource.objects.count() == 0


def test_a_clinic_imported_as_held_brings_its_recording(past_clinic):
    held = ClinicFactory(status=Clinic.Status.HELD, recording_url=RECORDING + "?imported")

    assert list(Resource.objects.values_list("clinic", "kind")) == [(held.pk, "recording")]


def test_a_removed_recording_or_material_takes_its_resource_away(past_clinic):
    clinic_services.mark_held(clinic=past_clinic)
    past_clinic.refresh_from_db()

    ClinicMaterial.objects.get(kind="audio").delete()
    past_clinic.recording_url = ""
    past_clinic.save()

    assert _rows() == [("slides", ["fr"], SLIDES, None)]


def test_deleting_a_held_clinic_keeps_its_recording_without_the_clinic(past_clinic):
    clinic_services.mark_held(clinic=past_clinic)

    Clinic.objects.get(pk=past_clinic.pk).delete()

    assert list(Resource.objects.values_list("kind", "clinic", "url")) == [("recording", None, RECORDING)]
