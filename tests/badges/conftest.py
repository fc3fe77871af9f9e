"""Fixtures for the badges tests: reading back the PDFs the site produces; the issuer's Open Badges 3.0 keys."""

import io

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
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


def _pem(key):
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()


@pytest.fixture(scope="session")
def issuer_pems():
    """A fresh RSA (2048 bits) and Ed25519 private key, PEM, made once for the session (RSA takes a moment)."""
    return {"RS256": _pem(rsa.generate_private_key(public_exponent=65537, key_size=2048)),
            "EdDSA": _pem(Ed25519PrivateKey.generate())}  # fmt: skip


@pytest.fixture
def issuer_keys(settings, issuer_pems):
    """Open Badges 3.0 on, with both keys, as production configures them."""
    settings.BADGES_RSA_SIGNING_KEY = issuer_pems["RS256"]
    settings.BADGES_SIGNING_KEY = issuer_pems["EdDSA"]
    settings.BADGES_RETIRED_PUBLIC_KEYS = ""
    return issuer_pems
