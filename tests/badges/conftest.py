"""Fixtures for the badges tests: reading back the PDFs the site produces."""

import io

import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader


class ReadPdf:
    """A PDF as a test sees it: its text as pypdf extracts it, where each piece of text starts, its fonts and
    images."""

    def __init__(self, data):
        self.reader = PdfReader(io.BytesIO(data))

    @property
    def text(self):
        return "\n".join(page.extract_text() for page in self.reader.pages)

    def fragments(self):
        """(text, x, y) of every piece of text drawn on the first page, in points from the bottom left."""
        found = []

        def visit(text, cm, tm, font, size):
            if text.strip():
                found.append((text, tm[4], tm[5]))

        self.reader.pages[0].extract_text(visitor_text=visit)
        return found

    def glyph_names(self):
        """The names of the glyphs embedded in the PDF's font subsets."""
        names = set()
        for page in self.reader.pages:
            for font in page["/Resources"]["/Font"].values():
                descendant = font.get_object()["/DescendantFonts"][0].get_object()
                data = descendant["/FontDescriptor"]["/FontFile2"].get_object().get_data()
                names.update(TTFont(io.BytesIO(data)).getGlyphOrder())
        return names

    def images(self):
        return [image.image for page in self.reader.pages for image in page.images]


@pytest.fixture
def read_pdf():
    return ReadPdf
