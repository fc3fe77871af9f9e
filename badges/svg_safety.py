"""A liaison's own badge SVG may draw only itself: no reference to a file, an address or another document.

The SVG is rasterised on the server (resvg), which reads whatever an `<image href>` names from the disk: a pasted
`<image href="/some/local.png">` put a server file into the public badge PNG. resvg has no option to turn that
off, so an SVG is accepted only when every reference in it points inside itself (`#id`) or holds the picture itself
(`data:image/png;base64,…`, JPEG, GIF or WebP: never an SVG, which could refer further).
"""

import re
import xml.etree.ElementTree as ET  # DOCTYPE and entities are refused before anything is parsed

from django.utils.translation import gettext as _

INLINE_IMAGE = re.compile(r"data:image/(png|jpeg|gif|webp)[;,]", re.IGNORECASE)
CSS_URL = re.compile(r"url\(\s*['\"]?\s*([^'\")\s]*)", re.IGNORECASE)


def problem(source):
    """Why the SVG `source` cannot be drawn safely, in the reader's language; None when it can."""
    lowered = source.lower()
    if "<!doctype" in lowered or "<!entity" in lowered:
        return _("The SVG declares a document type or entities; remove them.")
    try:
        root = ET.fromstring(source)  # noqa: S314 -- no DOCTYPE, so no entity can expand
    except ET.ParseError:
        return _("The SVG is not well-formed XML.")
    for element in root.iter():
        texts = [element.text or ""] if _local(element.tag) == "style" else []
        for name, value in element.attrib.items():
            if _local(name) == "href" and not (value.strip().startswith("#") or INLINE_IMAGE.match(value.strip())):
                return _("The SVG refers to “%(reference)s”: an image must be drawn in the SVG itself.") % {
                    "reference": value[:100]
                }
            texts.append(value)
        for text in texts:
            if "@import" in text.lower():
                return _("The SVG imports a style sheet: an image must be drawn in the SVG itself.")
            for reference in CSS_URL.findall(text):
                if not (reference.startswith("#") or INLINE_IMAGE.match(reference)):
                    return _("The SVG refers to “%(reference)s”: an image must be drawn in the SVG itself.") % {
                        "reference": reference[:100]
                    }
    return None


def _local(name):
    """`{http://www.w3.org/1999/xlink}href` -> `href`."""
    return name.rpartition("}")[2] if isinstance(name, str) else ""
