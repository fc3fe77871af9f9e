"""Every script on a certificate: names in the movement's scripts come out as text, and as ink on the page."""

import io
import shutil
import subprocess
import unicodedata

import pytest
from PIL import Image, ImageChops

from badges import certificate_services as services
from badges.certificates import render_certificate_pdf
from tests.factories import AttendanceFactory, ParticipantFactory

from .test_certificates import held_clinic

pytestmark = pytest.mark.django_db

NAMES = {
    "Chinese": "王小明",
    "Japanese": "山田さくら",
    "Hindi": "अमिताभ बच्चन",
    "Bengali": "রবীন্দ্রনাথ ঠাকুর",
    "Tamil": "சுப்பிரமணிய பாரதி",
    "Amharic": "ኃይሌ ገብረሥላሴ",
    "Thai": "สมชาย ใจดี",
    "Hebrew": "דוד בן גוריון",
    "Arabic": "نزار القباني",
}


def certificate_for(name, language="en"):
    participant = ParticipantFactory(display_name=name)
    AttendanceFactory(participant=participant, clinic=held_clinic(title_en="Editing workshop"))
    return services.issue_certificate(participant=participant, kind="participation", language=language)


def plain(text):
    """Extracted text without the control characters pypdf leaves between CJK glyphs and around reordered Indic
    vowel signs, in NFKC (shaped Arabic forms)."""
    return unicodedata.normalize(
        "NFKC", "".join(char for char in text if unicodedata.category(char) != "Cc" or char == "\n")
    )


def squashed(text):
    return "".join(text.split())


@pytest.mark.parametrize("script", NAMES)
def test_a_name_in_any_script_is_text_in_the_certificate(read_pdf, script):
    name = NAMES[script]

    pdf = read_pdf(render_certificate_pdf(certificate_for(name)))

    # Shaped Indic text comes back with a space where a cluster was split; compare without spaces.
    lines = [squashed(line) for line in plain(pdf.text).splitlines()]
    # A right-to-left name inside an English certificate is laid out right to left: read left to right, reversed.
    assert squashed(name) in lines or squashed(name[::-1]) in lines


def test_the_fonts_are_subset_so_a_certificate_in_chinese_stays_small():
    data = render_certificate_pdf(certificate_for(NAMES["Chinese"]))

    assert len(data) < 200_000  # Noto Sans CJK is 19 MB whole


def page_image(data):
    """The first page of a PDF as poppler draws it, in grey, at 50 dpi."""
    png = subprocess.run(
        [shutil.which("pdftoppm"), "-r", "50", "-gray", "-png", "-f", "1", "-l", "1", "-"],
        input=data,
        capture_output=True,
        check=True,
    ).stdout
    return Image.open(io.BytesIO(png)).convert("L")


def name_band(read_pdf, data, name):
    """The strip of the rendered page where the holder's name is drawn."""
    image = page_image(data)
    pdf = read_pdf(data)
    height = float(pdf.reader.pages[0].mediabox[3])
    y = next(y for text, _x, y in pdf.fragments() if name[0] in plain(text) or name[-1] in plain(text))
    top = round((height - y - 22) * 50 / 72)
    return image.crop((0, top, image.width, top + round(30 * 50 / 72)))


@pytest.mark.parametrize(("script", "other"), [("Chinese", "李大同"), ("Tamil", "கமலா தாஸ்"), ("Amharic", "ተዋበች ሙሉ")])
def test_names_are_drawn_as_their_letters_not_as_blanks_or_boxes(read_pdf, script, other):
    name = NAMES[script]
    first = name_band(read_pdf, render_certificate_pdf(certificate_for(name)), name)
    second = name_band(read_pdf, render_certificate_pdf(certificate_for(other)), other)

    inked = [sum(1 for value in band.getdata() if value < 128) for band in (first, second)]
    # Ink where the name is, and different ink for different names (missing glyphs draw nothing, or the same box).
    assert min(inked) > 40
    assert ImageChops.difference(first, second).getbbox() is not None
