"""What a resource file may be: checked by its content (magic bytes, and inside zip containers) and its name,
under a size limit (settings.RESOURCE_UPLOAD_MAX_BYTES); stored under a generated name, never the uploader's."""

import uuid
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

PDF = "application/pdf"
ODP = "application/vnd.oasis.opendocument.presentation"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
PNG = "image/png"
JPEG = "image/jpeg"
WEBP = "image/webp"

# Content type: the file name endings it may have (the first is the one it is stored and downloaded with).
EXTENSIONS = {
    PDF: (".pdf",),
    ODP: (".odp",),
    PPTX: (".pptx",),
    PNG: (".png",),
    JPEG: (".jpg", ".jpeg"),
    WEBP: (".webp",),
}
FORMAT_NAMES = {PDF: "PDF", ODP: "ODP", PPTX: "PPTX", PNG: "PNG", JPEG: "JPEG", WEBP: "WebP"}
PPTX_MAIN_PART = b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
# A [Content_Types].xml larger than this is not a presentation's (and is not read into memory).
CONTENT_TYPES_MAX_BYTES = 1_000_000

WRONG_TYPE = _(
    "This kind of file is not accepted. Upload a PDF, a presentation (ODP or PPTX), or a PNG, JPEG or WebP image."
)


@dataclass(frozen=True)
class CheckedFile:
    content_type: str
    size: int

    @property
    def extension(self):
        return EXTENSIONS[self.content_type][0]


def _sniff(file):
    """The content type the bytes of `file` show, or None."""
    file.seek(0)
    head = file.read(16)
    file.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    if head.startswith(b"PK\x03\x04"):
        return _sniff_zip(file)
    return None


def _sniff_zip(file):
    """ODP: a first entry `mimetype` naming it (OpenDocument's rule); PPTX: its main part in [Content_Types].xml."""
    try:
        with zipfile.ZipFile(file) as archive:
            names = archive.namelist()
            if names[:1] == ["mimetype"] and archive.getinfo("mimetype").file_size < 100:
                return ODP if archive.read("mimetype").strip() == ODP.encode() else None
            if "[Content_Types].xml" in names and "ppt/presentation.xml" in names:
                info = archive.getinfo("[Content_Types].xml")
                if info.file_size <= CONTENT_TYPES_MAX_BYTES and PPTX_MAIN_PART in archive.read(info):
                    return PPTX
    except (zipfile.BadZipFile, KeyError, OSError, EOFError, RuntimeError):
        return None
    finally:
        file.seek(0)
    return None


def check(file):
    """Refuse a file that is too large, of a kind not allowed, or whose name lies about its content."""
    limit = settings.RESOURCE_UPLOAD_MAX_BYTES
    if file.size > limit:
        raise ValidationError(
            _("The file is %(size)s; a file may be at most %(limit)s."),
            code="too_large",
            params={"size": filesizeformat(file.size), "limit": filesizeformat(limit)},
        )
    content_type = _sniff(file)
    if content_type is None:
        raise ValidationError(WRONG_TYPE, code="wrong_type")
    extension = PurePath(file.name or "").suffix.lower()
    if extension not in EXTENSIONS[content_type]:
        raise ValidationError(
            _("The file’s name ends in “%(extension)s” but it is a %(format)s file: rename it or choose another."),
            code="wrong_extension",
            params={"extension": extension or "—", "format": FORMAT_NAMES[content_type]},
        )
    return CheckedFile(content_type=content_type, size=file.size)


def stored_name(instance, filename):
    """A generated name (the uploader's file name is never used as a path), with the checked type's ending."""
    content_type = instance.content_type or check(instance.file).content_type
    return f"resources/{uuid.uuid4().hex}{EXTENSIONS[content_type][0]}"


def limit_display():
    return filesizeformat(settings.RESOURCE_UPLOAD_MAX_BYTES)
