"""Files: only PDF, ODP, PPTX, PNG, JPEG and WebP by their content and name, under the size limit; a refused
upload says why in the reader's language and stores nothing; a file is downloaded as an attachment of its type."""

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import translation

from participants.liaisons import LIAISON_GROUP
from resources.models import Resource
from tests.factories import UserFactory

from .conftest import DOCX_BYTES, ODP_BYTES, PDF_BYTES, PNG_BYTES, PPTX_BYTES, stored_files

pytestmark = pytest.mark.django_db


def _post(client, clinic, upload, **fields):
    data = {
        "title": "Budget template",
        "summary": "A spreadsheet-free budget.",
        "kind": "template",
        "languages": ["sw"],
        "minutes": "5",
        "clinic": str(clinic.pk),
        "licence": "cc-by-sa-4.0",
        "url": "",
        "file": upload,
    } | fields
    return client.post(reverse("resources:add"), data)


@pytest.mark.parametrize(
    ("name", "content", "content_type", "extension"),
    [
        ("slides.pdf", PDF_BYTES, "application/pdf", ".pdf"),
        ("slides.odp", ODP_BYTES, "application/vnd.oasis.opendocument.presentation", ".odp"),
        (
            "slides.pptx",
            PPTX_BYTES,
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            ".pptx",
        ),
        ("photo.PNG", PNG_BYTES, "image/png", ".png"),
    ],
)
def test_an_allowed_file_is_stored_under_a_generated_name_with_its_checked_type(
    client, sharer, shared_clinic, media_root, name, content, content_type, extension
):
    client.force_login(sharer.user)

    response = _post(client, shared_clinic, SimpleUploadedFile(name, content, content_type="text/html"))

    resource = Resource.objects.get()
    assert response.status_code == 302
    assert (resource.content_type, resource.file_size, resource.url) == (content_type, len(content), "")
    assert resource.file.name.startswith("resources/")
    assert resource.file.name.endswith(extension)
    assert name.lower().removesuffix(extension) not in resource.file.name
    assert stored_files(media_root) == [resource.file.name.removeprefix("resources/")]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("page.html", b"<!DOCTYPE html><script>alert(1)</script>"),
        ("page.pdf", b"<!DOCTYPE html><script>alert(1)</script>"),
        ("drawing.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        ("letter.docx", DOCX_BYTES),
        ("broken.pptx", b"PK\x03\x04not really a zip"),
    ],
)
def test_a_file_of_another_kind_is_refused_with_a_clear_message_and_nothing_is_stored(
    client, sharer, shared_clinic, media_root, name, content
):
    client.force_login(sharer.user)

    response = _post(client, shared_clinic, SimpleUploadedFile(name, content, content_type="application/pdf"))

    assert response.status_code == 400
    assert response.context["form"].errors["file"] == [
        "This kind of file is not accepted. Upload a PDF, a presentation (ODP or PPTX), or a PNG, JPEG or WebP image."
    ]
    assert (Resource.objects.count(), stored_files(media_root)) == (0, [])


def test_a_file_whose_name_lies_about_its_content_is_refused(client, sharer, shared_clinic, media_root):
    client.force_login(sharer.user)

    response = _post(client, shared_clinic, SimpleUploadedFile("slides.pdf", PNG_BYTES))

    assert response.context["form"].errors["file"] == [
        "The file’s name ends in “.pdf” but it is a PNG file: rename it or choose another."
    ]
    assert (Resource.objects.count(), stored_files(media_root)) == (0, [])


def test_an_oversize_file_is_refused_with_the_limit_and_nothing_is_stored(
    client, settings, sharer, shared_clinic, media_root
):
    settings.RESOURCE_UPLOAD_MAX_BYTES = 1024
    client.force_login(sharer.user)

    response = _post(client, shared_clinic, SimpleUploadedFile("slides.pdf", PDF_BYTES + b"0" * 2000))

    assert response.status_code == 400
    assert response.context["form"].errors["file"] == ["The file is 2.0\xa0KB; a file may be at most 1.0\xa0KB."]
    assert (Resource.objects.count(), stored_files(media_root)) == (0, [])


def test_a_refused_upload_is_explained_in_the_readers_language(client, settings, sharer, shared_clinic, media_root):
    settings.RESOURCE_UPLOAD_MAX_BYTES = 1024
    client.force_login(sharer.user)

    with translation.override("fr"):
        url = reverse("resources:add")
    response = client.post(url, {"file": SimpleUploadedFile("slides.pdf", PDF_BYTES + b"0" * 2000)})

    with translation.override("fr"):
        expected = translation.gettext("The file is %(size)s; a file may be at most %(limit)s.") % {
            "size": filesizeformat(len(PDF_BYTES) + 2000),
            "limit": filesizeformat(1024),
        }
    assert expected.endswith("1,0\xa0Kio.")
    assert response.context["form"].errors["file"] == [expected]
    assert (Resource.objects.count(), stored_files(media_root)) == (0, [])


def test_a_link_or_a_file_is_needed_but_not_both(client, sharer, shared_clinic):
    client.force_login(sharer.user)

    neither = _post(client, shared_clinic, "")
    both = _post(client, shared_clinic, SimpleUploadedFile("a.pdf", PDF_BYTES), url="https://example.org/a")

    message = ["Give either a link or a file (one of the two)."]
    assert (neither.context["form"].non_field_errors(), both.context["form"].non_field_errors()) == (message, message)
    assert Resource.objects.count() == 0


def test_a_file_is_downloaded_as_an_attachment_of_its_checked_type(client, sharer, shared_clinic):
    client.force_login(sharer.user)
    _post(client, shared_clinic, SimpleUploadedFile("../../etc/Slides.PDF", PDF_BYTES, content_type="text/html"))
    resource = Resource.objects.get()
    client.logout()

    response = client.get(reverse("resources:download", kwargs={"slug": resource.slug}))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="budget-template.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    # Even opened directly, nothing in the file may run or load anything.
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert b"".join(response.streaming_content) == PDF_BYTES


def test_the_media_folder_is_not_served_by_the_site(client, sharer, shared_clinic, media_root, settings):
    client.force_login(sharer.user)
    _post(client, shared_clinic, SimpleUploadedFile("slides.pdf", PDF_BYTES))
    resource = Resource.objects.get()

    response = client.get(f"/{settings.MEDIA_URL}{resource.file.name}")

    assert (media_root / resource.file.name).read_bytes() == PDF_BYTES
    assert response.status_code == 404
    assert response.templates[0].name == "404.html"


def test_the_forms_link_the_current_file_to_its_download_not_to_the_media_folder(
    client, sharer, shared_clinic, settings
):
    client.force_login(sharer.user)
    _post(client, shared_clinic, SimpleUploadedFile("slides.pdf", PDF_BYTES))
    resource = Resource.objects.get()
    download = reverse("resources:download", kwargs={"slug": resource.slug})

    sharer_form = client.get(reverse("resources:edit", kwargs={"slug": resource.slug})).content.decode()
    _liaison(client)
    admin_form = client.get(reverse("admin:resources_resource_change", args=[resource.pk])).content.decode()

    for page in (sharer_form, admin_form):
        assert f'<a href="{download}">{resource.file.name}</a>' in page
        assert f"/{settings.MEDIA_URL}" not in page


def test_deleting_a_resource_removes_its_file(
    client, sharer, shared_clinic, media_root, django_capture_on_commit_callbacks
):
    client.force_login(sharer.user)
    _post(client, shared_clinic, SimpleUploadedFile("slides.pdf", PDF_BYTES))

    with django_capture_on_commit_callbacks(execute=True):
        Resource.objects.get().delete()

    assert stored_files(media_root) == []


def _liaison(client):
    liaison = UserFactory(is_staff=True)
    liaison.groups.add(Group.objects.get(name=LIAISON_GROUP))
    client.force_login(liaison)


def _admin_post(client, upload):
    return client.post(
        reverse("admin:resources_resource_add"),
        {
            "title_en": "Slides of the clinic",
            "slug": "slides-of-the-clinic",
            "kind": "slides",
            "licence": "cc-by-sa-4.0",
            "published": "on",
            "created_at_0": "2026-11-01",
            "created_at_1": "10:00:00",
            "url": "",
            "file": upload,
            "languages-TOTAL_FORMS": "1",
            "languages-INITIAL_FORMS": "0",
            "languages-MIN_NUM_FORMS": "1",
            "languages-MAX_NUM_FORMS": "1000",
            "languages-0-language": "ar",
        },
    )


def test_a_liaison_uploads_a_file_in_the_admin_with_the_same_check(client, media_root):
    _liaison(client)

    refused = _admin_post(client, SimpleUploadedFile("notes.html", b"<html><script></script></html>"))
    accepted = _admin_post(client, SimpleUploadedFile("slides.pptx", PPTX_BYTES))

    assert refused.status_code == 200
    assert refused.context["adminform"].form.errors["file"] == [
        "This kind of file is not accepted. Upload a PDF, a presentation (ODP or PPTX), or a PNG, JPEG or WebP image."
    ]
    assert accepted.status_code == 302
    resource = Resource.objects.get()
    assert (resource.content_type, resource.file_size, list(resource.languages.values_list("language", flat=True))) == (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        len(PPTX_BYTES),
        ["ar"],
    )
    assert stored_files(media_root) == [resource.file.name.removeprefix("resources/")]


def test_a_replaced_file_leaves_the_storage(
    client, sharer, shared_clinic, media_root, django_capture_on_commit_callbacks
):
    client.force_login(sharer.user)
    _post(client, shared_clinic, SimpleUploadedFile("slides.pdf", PDF_BYTES))
    resource = Resource.objects.get()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("resources:edit", kwargs={"slug": resource.slug}),
            {
                "title": "Budget template",
                "kind": "slides",
                "languages": ["sw"],
                "clinic": str(shared_clinic.pk),
                "licence": "cc-by-sa-4.0",
                "file": SimpleUploadedFile("slides.odp", ODP_BYTES),
            },
        )

    resource.refresh_from_db()
    assert (resource.content_type, resource.file.name.endswith(".odp")) == (
        "application/vnd.oasis.opendocument.presentation",
        True,
    )
    assert stored_files(media_root) == [resource.file.name.removeprefix("resources/")]
