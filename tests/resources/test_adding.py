"""Who adds resources: a sharer, only to the clinics they shared (the form offers only those, the service
re-checks a forged request); liaisons add any in the admin."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from clinics.models import Clinic, ClinicSharer
from participants.liaisons import LIAISON_GROUP
from resources import services
from resources.models import Resource
from skills.models import Skill
from tests.factories import ClinicFactory, ParticipantFactory, UserFactory

pytestmark = pytest.mark.django_db

LINK = {
    "title": "Grant report checklist",
    "summary": "What a report needs.",
    "kind": "guide",
    "languages": ["sw", "en"],
    "minutes": "8",
    "licence": "cc-by-sa-4.0",
    "url": "https://meta.wikimedia.org/wiki/Grants:Checklist",
}


def test_a_sharer_adds_a_link_to_a_clinic_they_shared(client, sharer, shared_clinic):
    client.force_login(sharer.user)
    wikidata = Skill.objects.get(slug="wikidata")

    response = client.post(
        reverse("resources:add"), LINK | {"clinic": str(shared_clinic.pk), "skills": [str(wikidata.pk)]}
    )

    resource = Resource.objects.get()
    assert response.url == resource.get_absolute_url()
    assert (resource.title_en, resource.clinic, resource.added_by, resource.minutes) == (
        "Grant report checklist",
        shared_clinic,
        sharer,
        8,
    )
    assert sorted(resource.languages.values_list("language", flat=True)) == ["en", "sw"]
    assert list(resource.skills.all()) == [wikidata]
    assert resource.licence == Resource.Licence.CC_BY_SA_4


def test_the_form_offers_only_the_clinics_the_sharer_shared(client, sharer, shared_clinic):
    ClinicFactory(title="Someone else's")
    ClinicSharer.objects.create(clinic=ClinicFactory(title="My draft", status=Clinic.Status.DRAFT), participant=sharer)
    client.force_login(sharer.user)

    response = client.get(reverse("resources:add"))

    assert [clinic.title for clinic in response.context["form"].fields["clinic"].queryset] == ["Grant writing"]


def test_a_participant_cannot_attach_a_resource_to_a_clinic_they_did_not_share(client, sharer, shared_clinic):
    other = ClinicFactory(title="Someone else's")
    client.force_login(sharer.user)

    response = client.post(reverse("resources:add"), LINK | {"clinic": str(other.pk)})

    assert response.status_code == 400
    assert response.context["form"].errors["clinic"] == [
        "Select a valid choice. That choice is not one of the available choices."
    ]
    assert Resource.objects.count() == 0


def test_the_service_refuses_a_clinic_the_participant_did_not_share(sharer, shared_clinic):
    other = ClinicFactory(title="Someone else's")

    with pytest.raises(PermissionDenied):
        services.add_resource(
            participant=sharer, title="Forged", kind="guide", languages=["en"], clinic=other, url="https://x.org/"
        )

    assert Resource.objects.count() == 0


def test_a_participant_who_never_shared_cannot_open_the_form(client):
    client.force_login(ParticipantFactory().user)

    response = client.get(reverse("resources:add"))

    assert response.status_code == 403


def test_someone_signed_out_is_sent_to_sign_in(client):
    response = client.get(reverse("resources:add"))

    assert (response.status_code, response.url.split("?")[0]) == (302, reverse("account_login"))


def test_the_list_offers_the_form_only_to_sharers(client, sharer, shared_clinic):
    client.force_login(ParticipantFactory().user)
    learner_page = client.get(reverse("resources:list"))
    client.force_login(sharer.user)
    sharer_page = client.get(reverse("resources:list"))

    assert (learner_page.context["can_add"], sharer_page.context["can_add"]) == (False, True)


def test_liaisons_may_manage_resources_in_the_admin(client):
    liaison = UserFactory(is_staff=True)
    liaison.groups.add(Group.objects.get(name=LIAISON_GROUP))
    client.force_login(liaison)

    response = client.get(reverse("admin:resources_resource_add"))

    assert response.status_code == 200
    assert liaison.has_perms(["resources.add_resource", "resources.change_resource", "resources.delete_resource"])


def test_a_title_written_on_the_french_site_is_the_one_every_language_falls_back_to(client, sharer, shared_clinic):
    client.force_login(sharer.user)

    client.post("/fr/resources/new/", LINK | {"title": "Mwongozo wa ruzuku", "clinic": str(shared_clinic.pk)})

    resource = Resource.objects.get()
    assert (resource.title_en, resource.title_fr) == ("Mwongozo wa ruzuku", None)
    assert client.get(f"/ar{resource.get_absolute_url()[3:]}").context["resource"].title == "Mwongozo wa ruzuku"


def test_a_resource_stays_without_its_author_account_when_the_sharer_leaves(sharer, shared_clinic):
    from participants import services as participant_services

    services.add_resource(
        participant=sharer, title="Checklist", kind="guide", languages=["en"], clinic=shared_clinic, url=LINK["url"]
    )

    participant_services.erase_account(user=sharer.user)

    assert list(Resource.objects.values_list("title", "added_by")) == [("Checklist", None)]


def test_a_sharer_changes_a_resource_of_their_clinic(client, sharer, shared_clinic):
    resource = services.add_resource(
        participant=sharer,
        title="Checklist",
        kind="guide",
        languages=["en", "fr"],
        clinic=shared_clinic,
        url=LINK["url"],
    )
    client.force_login(sharer.user)

    form = client.get(reverse("resources:edit", kwargs={"slug": resource.slug})).context["form"]
    response = client.post(
        reverse("resources:edit", kwargs={"slug": resource.slug}),
        LINK | {"title": "Checklist, second edition", "languages": ["sw"], "clinic": str(shared_clinic.pk)},
    )

    resource.refresh_from_db()
    assert (form.initial["title"], sorted(form.initial["languages"])) == ("Checklist", ["en", "fr"])
    assert response.url == resource.get_absolute_url()
    assert (resource.title_en, list(resource.languages.values_list("language", flat=True))) == (
        "Checklist, second edition",
        ["sw"],
    )


def test_a_participant_cannot_change_a_resource_of_a_clinic_they_did_not_share(client, sharer, shared_clinic):
    other_sharer = ParticipantFactory()
    ClinicSharer.objects.create(clinic=ClinicFactory(title="Theirs"), participant=other_sharer)
    resource = services.add_resource(
        participant=sharer, title="Checklist", kind="guide", languages=["en"], clinic=shared_clinic, url=LINK["url"]
    )
    client.force_login(other_sharer.user)

    page = client.get(reverse("resources:edit", kwargs={"slug": resource.slug}))
    post = client.post(reverse("resources:edit", kwargs={"slug": resource.slug}), LINK | {"title": "Taken over"})

    assert (page.status_code, post.status_code) == (403, 403)
    assert Resource.objects.get().title_en == "Checklist"


def test_a_sharer_cannot_move_their_resource_to_a_clinic_they_did_not_share(sharer, shared_clinic):
    resource = services.add_resource(
        participant=sharer, title="Checklist", kind="guide", languages=["en"], clinic=shared_clinic, url=LINK["url"]
    )

    with pytest.raises(PermissionDenied):
        services.update_resource(
            participant=sharer,
            resource=resource,
            title="Moved",
            kind="guide",
            languages=["en"],
            clinic=ClinicFactory(),
            url=LINK["url"],
        )

    assert Resource.objects.get().clinic == shared_clinic
