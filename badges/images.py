"""Badge images: the SVG (a liaison's own, or drawn from the colour and symbol) and its PNG rendering."""

import hashlib
from pathlib import Path

import resvg_py
from django.core.cache import cache
from django.template.loader import render_to_string

from . import svg_safety

FONTS = [str(path) for path in sorted((Path(__file__).resolve().parent / "fonts").glob("*.ttf"))]
PNG_SIZE = 256


def svg(badge):
    """The liaison's own SVG, or the badge drawn from its colour and symbol when there is none, or when the own one
    refers to anything outside itself (a file, an address): the admin refuses those, and one saved before that
    check, or by other means, is never drawn (`badges.svg_safety`)."""
    if badge.image and svg_safety.problem(badge.image) is None:
        return badge.image
    return render_to_string("badges/badge.svg", {"badge": badge})


def png(badge):
    """The badge as a PNG of PNG_SIZE pixels; cached by the SVG's content, so an edited image renders anew."""
    source = svg(badge)
    key = f"badge-png:{hashlib.sha256(source.encode()).hexdigest()}"
    rendered = cache.get(key)
    if rendered is None:
        rendered = bytes(
            resvg_py.svg_to_bytes(
                svg_string=source,
                width=PNG_SIZE,
                height=PNG_SIZE,
                font_files=FONTS,
                skip_system_fonts=True,
                font_family="DejaVu Sans",
                sans_serif_family="DejaVu Sans",
            )
        )
        cache.set(key, rendered, timeout=None)
    return rendered
