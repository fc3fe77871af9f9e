"""Open Badges 3.0 baking (section 5.3): the signed credential inside the badge image, and reading it back out of
an image someone uploads. PNG: an uncompressed iTXt chunk with the keyword `openbadgecredential`. SVG: an
`openbadges:credential` element (namespace https://purl.imsglobal.org/ob/v3p0) right after the `<svg>` tag, the
JWT in its `verify` attribute."""

import io
import re
import struct

from PIL import Image
from PIL.PngImagePlugin import PngInfo

PNG_KEYWORD = "openbadgecredential"
SVG_NAMESPACE = "https://purl.imsglobal.org/ob/v3p0"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
COMPACT_JWS = r"[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+"
# Read from untrusted SVG with a pattern rather than an XML parser: nothing in the upload is expanded or fetched.
_SVG_CREDENTIAL = re.compile(
    r"<(?:[A-Za-z_][\w.-]*:)?credential\b[^>]{0,2000}?\sverify\s*=\s*([\"'])\s*(" + COMPACT_JWS + r")\s*\1", re.DOTALL
)
_TOKEN = re.compile(COMPACT_JWS)
_SVG_ROOT = re.compile(r"<svg\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*>")


def bake_png(png, token):
    """`png` (bytes) with `token` in an `openbadgecredential` iTXt chunk, uncompressed as the specification asks."""
    image = Image.open(io.BytesIO(png))
    info = PngInfo()
    info.add_itxt(PNG_KEYWORD, token, zip=False)
    output = io.BytesIO()
    image.save(output, format="PNG", pnginfo=info)
    return output.getvalue()


def bake_svg(svg, token):
    """`svg` (text, our badge image) with the namespace on its root and the credential element as its first child.
    The root tag is found by pattern (quoted attribute values may hold ">"): nothing is parsed or re-serialised."""
    root = _SVG_ROOT.search(svg)
    if root is None:
        raise ValueError("The badge image has no <svg> element.")
    opening = root.group(0)
    if "xmlns:openbadges" not in opening:
        opening = opening[:-1].rstrip() + f' xmlns:openbadges="{SVG_NAMESPACE}">'
    element = f'<openbadges:credential verify="{token}"></openbadges:credential>'
    return svg[: root.start()] + opening + element + svg[root.end() :]


class NoCredential(ValueError):
    """The upload is not an image we can read, or holds no Open Badges 3.0 credential."""


def extract(data):
    """The compact JWT baked into `data` (PNG or SVG bytes)."""
    if data.startswith(PNG_SIGNATURE):
        return _from_png(data)
    text = data.decode("utf-8", errors="replace")
    if "<svg" in text:
        found = _SVG_CREDENTIAL.search(text)
        if found:
            return found.group(2)
        raise NoCredential("svg")
    raise NoCredential("format")


def _from_png(data):
    """Walk the PNG's chunks without decoding its pixels (an upload may be built to inflate to gigabytes)."""
    position = len(PNG_SIGNATURE)
    while position + 8 <= len(data):
        length = struct.unpack(">I", data[position : position + 4])[0]
        kind = data[position + 4 : position + 8]
        body = data[position + 8 : position + 8 + length]
        position += 12 + length
        if kind == b"IEND":
            break
        if kind != b"iTXt":
            continue
        keyword, _, rest = body.partition(b"\0")
        if keyword != PNG_KEYWORD.encode() or len(rest) < 2 or rest[0] != 0:
            continue  # another chunk, or a compressed one (the specification forbids compression)
        _language, _, rest = rest[2:].partition(b"\0")
        _translated, _, text = rest.partition(b"\0")
        found = _TOKEN.fullmatch(text.decode("utf-8", errors="replace").strip())
        if found:
            return found.group(0)
        break
    raise NoCredential("png")
