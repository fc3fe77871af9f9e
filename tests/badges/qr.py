"""A small QR code reader for tests: enough of ISO/IEC 18004 to read back a clean, upright code as a PDF embeds it
(no error correction, no perspective), so that a test checks what a phone would find in the code.

Only the standard's tables (block structure and alignment pattern positions) are taken from the qrcode package.
"""

from qrcode.base import rs_blocks
from qrcode.util import PATTERN_POSITION_TABLE

MASKS = [
    lambda r, c: (r + c) % 2 == 0,
    lambda r, c: r % 2 == 0,
    lambda r, c: c % 3 == 0,
    lambda r, c: (r + c) % 3 == 0,
    lambda r, c: (r // 2 + c // 3) % 2 == 0,
    lambda r, c: (r * c) % 2 + (r * c) % 3 == 0,
    lambda r, c: ((r * c) % 2 + (r * c) % 3) % 2 == 0,
    lambda r, c: ((r + c) % 2 + (r * c) % 3) % 2 == 0,
]
ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"


def _modules(image):
    """The code's modules as rows of booleans (True: dark), sampled at the centre of each module."""
    image = image.convert("L")
    width, height = image.size
    pixels = image.load()
    dark = [[pixels[x, y] < 128 for x in range(width)] for y in range(height)]
    top = next(y for y in range(height) if any(dark[y]))
    left = next(x for x in range(width) if any(dark[y][x] for y in range(height)))
    right = max(x for x in range(width) if any(dark[y][x] for y in range(height)))
    run = next(x for x in range(left, width) if not dark[top][x]) - left  # the finder's top edge: 7 modules
    module = run / 7
    size = round((right - left + 1) / module)
    return [
        [dark[int(top + (row + 0.5) * module)][int(left + (column + 0.5) * module)] for column in range(size)]
        for row in range(size)
    ]


def _function_modules(size, version):
    """Where the finder, timing, alignment, format and version patterns are: no data there."""
    taken = [[False] * size for _ in range(size)]

    def block(top, left, height, width):
        for row in range(max(top, 0), min(top + height, size)):
            for column in range(max(left, 0), min(left + width, size)):
                taken[row][column] = True

    block(0, 0, 9, 9)  # finder, separator, format information
    block(0, size - 8, 9, 8)
    block(size - 8, 0, 8, 9)
    centres = PATTERN_POSITION_TABLE[version - 1]
    for row in centres:
        for column in centres:
            if not taken[row][column]:  # none where a finder is
                block(row - 2, column - 2, 5, 5)
    block(6, 0, 1, size)  # timing patterns
    block(0, 6, size, 1)
    if version >= 7:
        block(0, size - 11, 6, 3)
        block(size - 11, 0, 3, 6)
    return taken


class _Bits:
    def __init__(self, data):
        self.bits = [(byte >> (7 - i)) & 1 for byte in data for i in range(8)]
        self.position = 0

    def read(self, count):
        value = 0
        for bit in self.bits[self.position : self.position + count]:
            value = value << 1 | bit
        self.position += count
        return value

    @property
    def left(self):
        return len(self.bits) - self.position


def decode(image):
    """The text a QR code image holds (byte, alphanumeric and numeric segments)."""
    modules = _modules(image)
    size = len(modules)
    version = (size - 17) // 4
    # Format information, read from the copy beside the top-left finder (bit 0 first), unmasked.
    places = [(i, 8) for i in range(6)] + [(7, 8), (8, 8)] + [(size - 15 + i, 8) for i in range(8, 15)]
    format_bits = sum(modules[row][column] << i for i, (row, column) in enumerate(places)) ^ 0b101010000010010
    error_correction, mask = format_bits >> 13, (format_bits >> 10) & 0b111
    taken = _function_modules(size, version)
    bits = []
    column, upwards = size - 1, True
    while column > 0:
        if column == 6:  # the vertical timing pattern
            column -= 1
        rows = range(size - 1, -1, -1) if upwards else range(size)
        for row in rows:
            for c in (column, column - 1):
                if not taken[row][c]:
                    bits.append(int(modules[row][c] ^ MASKS[mask](row, c)))
        column, upwards = column - 2, not upwards
    codewords = [int("".join(map(str, bits[i : i + 8])), 2) for i in range(0, len(bits) - 7, 8)]
    blocks = rs_blocks(version, error_correction)
    data = [[] for _ in blocks]
    position = 0
    for i in range(max(block.data_count for block in blocks)):
        for number, block in enumerate(blocks):
            if i < block.data_count:
                data[number].append(codewords[position])
                position += 1
    stream = _Bits([byte for block in data for byte in block])
    small, medium = version <= 9, version <= 26
    text = ""
    while stream.left >= 4:
        mode = stream.read(4)
        if mode == 0b0100:
            count = stream.read(8 if small else 16)
            text += bytes(stream.read(8) for _ in range(count)).decode()
        elif mode == 0b0010:
            count = stream.read(9 if small else 11 if medium else 13)
            for _ in range(count // 2):
                pair = stream.read(11)
                text += ALPHANUMERIC[pair // 45] + ALPHANUMERIC[pair % 45]
            if count % 2:
                text += ALPHANUMERIC[stream.read(6)]
        elif mode == 0b0001:
            count = stream.read(10 if small else 12 if medium else 14)
            for _ in range(count // 3):
                text += f"{stream.read(10):03d}"
            if count % 3 == 2:
                text += f"{stream.read(7):02d}"
            elif count % 3 == 1:
                text += str(stream.read(4))
        else:  # 0000: the terminator
            break
    return text
