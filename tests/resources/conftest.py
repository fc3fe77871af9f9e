"""Fixtures for the resources tests: a sharer and their clinic, files of every kind, and a storage of their own."""

import io
import zipfile

import pytest

from clinics.models import Clinic, ClinicSharer
from tests.factories import ClinicFactory, ParticipantFactory

PDF_BYTES = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _zip(entries):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries:
            archive.writestr(name, content)
    return buffer.getvalue()


ODP_BYTES = _zip([("mimetype", "application/vnd.oasis.opendocument.presentation"), ("content.xml", "<x/>")])
PPTX_BYTES = _zip(
    [
        (
            "[Content_Types].xml",
            '<Types><Override PartName="/ppt/presentation.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"/></Types>',
        ),
        ("ppt/presentation.xml", "<p/>"),
    ]
)
DOCX_BYTES = _zip([("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<w/>")])


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded files go to a folder of each test's own, so that 'nothing stored' can be checked."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def sharer():
    return ParticipantFactory(display_name="Amani Sharer")


@pytest.fixture
def shared_clinic(sharer):
    clinic = ClinicFactory(title="Grant writing", status=Clinic.Status.SCHEDULED)
    ClinicSharer.objects.create(clinic=clinic, participant=sharer)
    return clinic


def stored_files(media_root):
    return sorted(path.name for path in media_root.rglob("*") if path.is_file())
