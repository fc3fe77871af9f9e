"""A pasted badge SVG cannot read files from the server: references outside the SVG are refused and never drawn."""

import io

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from PIL import Image

from badges.models import BadgeClass
from badges.svg_safety import problem
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

RED = (255, 0, 0)
BLUE_SQUARE = '<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256"><rect width="256" height="256" fill="#0000ff"/></svg>'  # noqa: E501


@pytest.fixture
def local_red_png(tmp_path):
    """A file on the server's disk that no badge should ever show."""
    path = tmp_path / "local.png"
    Image.new("RGB", (256, 256), RED).save(path)
    return path


def svg_with(reference_markup):
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="256" height="256">'
        f"{reference_markup}</svg>"
    )


def centre(png_bytes):
    return Image.open(io.BytesIO(png_bytes)).convert("RGB").getpixel((128, 128))


@pytest.mark.parametrize(
    "markup",
    [
        '<image href="{path}" width="256" height="256"/>',
        '<image xlink:href="{path}" width="256" height="256"/>',
        '<image href="file://{path}" width="256" height="256"/>',
        '<image href="local.png" width="256" height="256"/>',
    ],
)
def test_a_badge_image_referring_to_a_local_file_never_shows_that_file(client, local_red_png, markup):
    badge = BadgeClass.objects.create(
        slug="pasted", name="Pasted", description="d", criteria="c", image=svg_with(markup.format(path=local_red_png))
    )

    png = client.get(f"/badges/classes/{badge.slug}.png")

    assert png.status_code == 200
    assert centre(png.content) != RED


def test_a_self_contained_badge_svg_is_drawn_as_pasted(client):
    BadgeClass.objects.create(slug="blue", name="Blue", description="d", criteria="c", image=BLUE_SQUARE)

    assert centre(client.get("/badges/classes/blue.png").content) == (0, 0, 255)


@pytest.mark.parametrize(
    ("markup", "refused"),
    [
        ('<image href="/etc/passwd"/>', True),
        ('<image href="https://evil.example/x.png"/>', True),
        ('<image href="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4="/>', True),
        ('<feImage href="/srv/secret.png"/>', True),
        ('<rect style="fill: url(/srv/secret.png)"/>', True),
        ("<style>@import url(https://evil.example/a.css);</style>", True),
        ('<rect fill="url(#gradient)"/>', False),
        ('<use href="#shape"/>', False),
        ('<image href="data:image/png;base64,iVBORw0KGgo="/>', False),
    ],
)
def test_only_references_inside_the_svg_are_accepted(markup, refused):
    assert (problem(svg_with(markup)) is not None) is refused


def test_a_document_type_or_entity_is_refused():
    svg = '<!DOCTYPE svg [<!ENTITY file SYSTEM "file:///etc/passwd">]><svg xmlns="http://www.w3.org/2000/svg">&file;</svg>'

    assert problem(svg) == "The SVG declares a document type or entities; remove them."


def test_the_admin_refuses_an_svg_with_a_reference_and_says_why(client, local_red_png):
    liaison = UserFactory(is_staff=True)
    liaison.groups.add(Group.objects.get(name="Liaison"))
    client.force_login(liaison)
    badge = BadgeClass.objects.create(slug="kept", name="Kept", description="d", criteria="c")

    response = client.post(
        reverse("admin:badges_badgeclass_change", args=[badge.pk]),
        {
            "name_en": "Kept",
            "description_en": "d",
            "criteria_en": "c",
            "rule": badge.rule,
            "threshold": "1",
            "colour": "#3366cc",
            "image": svg_with(f'<image href="{local_red_png}"/>'),
            "position": "0",
        },
    )

    assert response.status_code == 200
    assert f"The SVG refers to “{local_red_png}”" in response.content.decode()
    badge.refresh_from_db()
    assert badge.image == ""
