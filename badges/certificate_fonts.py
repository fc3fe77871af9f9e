"""Fonts for the scripts of the movement's languages on certificates: DejaVu Sans first, then Noto for the rest.

DejaVu Sans (vendored in badges/fonts/) draws Latin, Greek, Cyrillic, Arabic and more; a name or a clinic title in
another script is drawn with the Noto family that covers it, found in CERTIFICATE_FONT_DIRS (Debian's
`fonts-noto-core` and `fonts-noto-cjk`, which `make run`, `make test` and the Dockerfile install). Only the fonts a
certificate needs are loaded, cut down first to the letters the certificate uses (fontTools' subsetter keeps the
layout tables, so Indic and Thai still shape): fpdf2 then reads a few kilobytes, not Noto CJK's 65,000 glyphs, and
embeds only what it draws, so a certificate stays small.
"""

import functools
import io
from dataclasses import dataclass, replace
from pathlib import Path

from django.conf import settings
from fontTools import subset
from fontTools.ttLib import TTFont

DEJAVU = Path(__file__).resolve().parent / "fonts" / "DejaVuSans.ttf"
# Noto families in the order they are tried; the CJK collection's third face is Simplified Chinese, whose
# glyphs also draw Japanese kana and Korean hangul.
NOTO = (
    ("NotoSans", "NotoSans-{style}.ttf", 0),
    ("NotoSansCJK", "NotoSansCJK-{style}.ttc", 2),
    *(
        (f"NotoSans{script}", f"NotoSans{script}-{{style}}.ttf", 0)
        for script in (
            "Devanagari", "Bengali", "Tamil", "Telugu", "Kannada", "Malayalam", "Gujarati", "Gurmukhi", "Oriya",
            "Sinhala", "Ethiopic", "Thai", "Lao", "Khmer", "Myanmar", "Tibetan", "Georgian", "Armenian", "Hebrew",
            "Arabic", "Syriac", "Thaana", "NKo", "Adlam", "Tifinagh", "Vai", "Cherokee", "CanadianAboriginal",
            "Javanese", "Balinese", "Sundanese", "Mongolian", "OlChiki",
        )
    ),
)  # fmt: skip


@dataclass(frozen=True)
class FontFile:
    family: str
    regular: Path
    bold: Path  # the regular face again where the family has no bold
    number: int  # the face inside a collection (.ttc)
    original: tuple = ()  # (path, number) of the whole font a subset was cut from

    def code_points(self):
        return _code_points(*(self.original or (self.regular, self.number)))


@functools.cache
def _code_points(path, number=0):
    with TTFont(path, fontNumber=number, lazy=True) as font:
        return frozenset(font.getBestCmap())


def _find(file_name):
    for directory in settings.CERTIFICATE_FONT_DIRS:
        path = Path(directory) / file_name
        if path.is_file():
            return path
    return None


@functools.cache
def available_fallbacks():
    """The Noto families installed on this machine, in the order they are tried."""
    found = []
    for family, pattern, number in NOTO:
        regular = _find(pattern.format(style="Regular"))
        if regular is not None:
            bold = _find(pattern.format(style="Bold")) or regular
            found.append(FontFile(family=family, regular=regular, bold=bold, number=number))
    return tuple(found)


def fallbacks_for(text):
    """The fallback fonts needed to draw the letters of `text` that DejaVu Sans lacks, and the letters no font
    here can draw."""
    needed, undrawable = [], []
    base = _code_points(DEJAVU)
    for char in dict.fromkeys(text):
        if char.isspace() or ord(char) in base:
            continue
        font = next((f for f in available_fallbacks() if ord(char) in _code_points(f.regular, f.number)), None)
        if font is None:
            undrawable.append(char)
        elif font not in needed:
            needed.append(font)
    return needed, "".join(undrawable)


def subset_fallbacks(fallbacks, text, directory):
    """Copies of `fallbacks` cut down to the letters of `text`, written in `directory` (which must outlive the PDF's
    rendering); the subsets keep every layout feature, so shaping works as with the whole font."""
    letters = "".join(sorted(set(text)))
    cut = []
    for font in fallbacks:
        paths = {}
        for style, path in (("regular", font.regular), ("bold", font.bold)):
            paths[style] = Path(directory) / f"{font.family}-{style}.otf"
            paths[style].write_bytes(_subset(path, font.number, letters))
        cut.append(
            replace(font, regular=paths["regular"], bold=paths["bold"], number=0, original=(font.regular, font.number))
        )
    return cut


@functools.lru_cache(maxsize=64)
def _subset(path, number, letters):
    """The font at `path` with only `letters` (the same certificate drawn again costs nothing)."""
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    with TTFont(path, fontNumber=number, lazy=True) as whole:
        subsetter = subset.Subsetter(options)
        subsetter.populate(text=letters)
        subsetter.subset(whole)
        buffer = io.BytesIO()
        whole.save(buffer)
    return buffer.getvalue()


def family_for(text, fallbacks, default):
    """The family to draw `text` with: `default` (DejaVu Sans) when it has every letter, else the first of
    `fallbacks` (whose Noto fonts also carry Latin letters and digits) that has them all."""
    letters = {ord(char) for char in text if not char.isspace()}
    if letters <= _code_points(DEJAVU):
        return default
    for font in fallbacks:
        if letters <= font.code_points():
            return font.family
    return default
