"""A certificate as an A4 PDF in its own language: fpdf2 lays it out, HarfBuzz shapes Arabic right-to-left."""

import tempfile
from contextlib import contextmanager
from pathlib import Path

import qrcode
from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext, pgettext
from fpdf import FPDF
from fpdf.enums import TableBordersLayout
from fpdf.fonts import FontFace

from letsconnect.dates import format_date

from .certificate_fonts import fallbacks_for, family_for, subset_fallbacks
from .certificate_queries import frozen_clinics, verification_url
from .models import Certificate

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT = "DejaVuSans"
PROGRAM_NAME = "Let’s Connect"  # A name: the same in every language.
# Codex colours: progressive blue, subtle grey, base text.
BLUE = (51, 102, 204)
GREY = (84, 89, 93)
TEXT = (32, 33, 34)
MARGIN = 20
QR_SIZE = 34


def unprintable_characters(text):
    """The letters of `text` no installed font can draw (they would come out blank), in order of appearance."""
    return fallbacks_for(text)[1]


def qr_code_image(url):
    """The QR code of `url` as a black-on-white PIL image (error correction M, four-module quiet zone)."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=8, border=4)
    code.add_data(url)
    code.make(fit=True)
    return code.make_image(fill_color="black", back_color="white").get_image()


class CertificateDocument(FPDF):
    """A4 portrait with a frame on every page and the verification address in the footer."""

    def __init__(self, *, rtl, footer_text, fallbacks=()):
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.rtl = rtl
        self.footer_text = footer_text
        self.add_font(FONT, "", FONT_DIR / "DejaVuSans.ttf")
        self.add_font(FONT, "B", FONT_DIR / "DejaVuSans-Bold.ttf")
        self.fallbacks = fallbacks
        for font in fallbacks:
            self.add_font(font.family, "", font.regular, collection_font_number=font.number)
            self.add_font(font.family, "B", font.bold, collection_font_number=font.number)

        self.set_margins(MARGIN, MARGIN + 5, MARGIN)
        self.set_auto_page_break(True, margin=MARGIN + 8)
        self.set_text_shaping(use_shaping_engine=True, direction=self.base_direction)

    def family_for(self, text):
        """A text DejaVu cannot draw whole (a name in Tamil, a title in Chinese) is drawn in the Noto font that can."""
        return family_for(text, self.fallbacks, FONT)

    @property
    def base_direction(self):
        return "rtl" if self.rtl else "ltr"

    @property
    def start(self):
        """The alignment of running text: right in a right-to-left language."""
        return "R" if self.rtl else "L"

    @contextmanager
    def direction(self, direction):
        """Lay out a paragraph in `direction` (an address stays left to right inside Arabic text)."""
        self.set_text_shaping(use_shaping_engine=True, direction=direction)
        try:
            yield
        finally:
            self.set_text_shaping(use_shaping_engine=True, direction=self.base_direction)

    def header(self):
        self.set_draw_color(*BLUE)
        self.set_line_width(0.8)
        self.rect(10, 10, self.w - 20, self.h - 20)
        self.set_line_width(0.2)
        self.rect(12, 12, self.w - 24, self.h - 24)

    def footer(self):
        self.set_y(-MARGIN - 2)
        self.set_font(FONT, size=7.5)
        self.set_text_color(*GREY)
        with self.direction("ltr"):
            self.cell(0, 4, self.footer_text, align="C", link=self.footer_text)

    def paragraph(self, text, *, size, style="", colour=TEXT, align=None, height=None, space_after=0):
        self.set_font(self.family_for(text), style, size)
        self.set_text_color(*colour)
        self.multi_cell(0, height or size * 0.55, text, align=align or self.start, new_x="LMARGIN", new_y="NEXT")
        if space_after:
            self.ln(space_after)


def _clinic_rows(certificate):
    for clinic in frozen_clinics(certificate):
        yield format_date(clinic["date"]), clinic["title"], clinic["topic"]


def _clinics_table(pdf, certificate):
    headings = (pgettext("certificate table", "Date"), gettext("Learning Clinic"), gettext("Topic"))
    widths = (36, 84, pdf.epw - 36 - 84)
    rows = [headings, *_clinic_rows(certificate)]
    if pdf.rtl:
        # Mirrored: the first column on the right.
        widths = widths[::-1]
        rows = [row[::-1] for row in rows]
    pdf.set_font(FONT, size=10)
    pdf.set_text_color(*TEXT)
    pdf.set_draw_color(*GREY)
    with pdf.table(
        col_widths=widths,
        text_align="RIGHT" if pdf.rtl else "LEFT",
        borders_layout=TableBordersLayout.HORIZONTAL_LINES,
        headings_style=FontFace(emphasis="BOLD", color=BLUE),
        line_height=5,
        padding=(1.2, 2),
        width=pdf.epw,
    ) as table:
        for row in rows:
            cells = table.row()
            for text in row:
                family = pdf.family_for(text)
                cells.cell(text, style=FontFace(family=family) if family != FONT else None)


def _verification_block(pdf, certificate, url):
    """Centred under the list: how to check, the address (left to right even in Arabic), the QR code."""
    if pdf.will_page_break(QR_SIZE + 30):
        pdf.add_page()
    pdf.ln(4)
    pdf.paragraph(
        gettext("To check that this certificate is genuine, scan the code or visit:"), size=10, align="C", height=5
    )
    pdf.set_font(FONT, "B", 9)
    pdf.set_text_color(*BLUE)
    with pdf.direction("ltr"):
        pdf.multi_cell(0, 5, url, align="C", link=url, new_x="LMARGIN", new_y="NEXT")
    top = pdf.get_y() + 2
    pdf.image(qr_code_image(url), x=(pdf.w - QR_SIZE) / 2, y=top, w=QR_SIZE, h=QR_SIZE, alt_text=url)
    pdf.set_y(top + QR_SIZE + 2)
    pdf.paragraph(
        gettext("Certificate number: %(number)s") % {"number": certificate.uuid},
        size=8,
        colour=GREY,
        align="C",
        height=4.5,
    )


def render_certificate_pdf(certificate):
    """The PDF of `certificate` as bytes, every fixed text in the certificate's language."""
    with translation.override(certificate.language), tempfile.TemporaryDirectory() as font_dir:
        clinics = list(frozen_clinics(certificate))
        words = " ".join([certificate.holder_name, *(f"{c['title']} {c['topic']}" for c in clinics)])
        fallbacks = subset_fallbacks(fallbacks_for(words)[0], words, font_dir)
        return _render(certificate, fallbacks)


def _render(certificate, fallbacks):
    url = verification_url(certificate)
    title = capfirst(certificate.get_kind_display())
    pdf = CertificateDocument(rtl=translation.get_language_bidi(), footer_text=url, fallbacks=fallbacks)
    pdf.set_title(f"{title} · {certificate.holder_name}")
    pdf.set_author(PROGRAM_NAME)
    pdf.set_lang(certificate.language)
    pdf.set_creation_date(certificate.issued_at)
    pdf.add_page()

    pdf.paragraph(PROGRAM_NAME, size=16, style="B", colour=BLUE, align="C")
    pdf.paragraph(gettext("The Wikimedia movement’s peer-learning program"), size=10, colour=GREY, align="C")
    pdf.ln(12)
    pdf.paragraph(title, size=26, style="B", align="C", height=12, space_after=10)
    pdf.paragraph(gettext("This certifies that"), size=12, colour=GREY, align="C", space_after=3)
    pdf.paragraph(certificate.holder_name, size=22, style="B", align="C", height=11, space_after=6)
    if certificate.kind == Certificate.Kind.CONTRIBUTION:
        sentence = gettext("shared their skills at the following Learning Clinics of the program:")
    else:
        sentence = gettext("took part in the following Learning Clinics of the program:")
    pdf.paragraph(sentence, size=12, space_after=4)
    _clinics_table(pdf, certificate)
    pdf.ln(6)
    issued = format_date(timezone.localtime(certificate.issued_at))
    pdf.paragraph(gettext("Issued on %(date)s.") % {"date": issued}, size=11)
    _verification_block(pdf, certificate, url)
    return bytes(pdf.output())
