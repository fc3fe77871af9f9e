"""The geometry of the impact page's bar charts, drawn as SVG by templates/impact/chart.html.

Charts are pictures of the tables beside them (the SVG is hidden from screen readers, the table is not).
In a right-to-left language every chart is mirrored: labels on the right, bars growing to the left, time
running from right to left. A hidden figure ("fewer than 5") gets no bar, only its label.
"""

from dataclasses import dataclass

from django.utils.translation import get_language_bidi, gettext

from .display import shown

WIDTH = 900
ROW_HEIGHT = 30
MOST_BARS = 15  # a longer list is in the table only
LABEL_WIDTH = 330
VALUE_ROOM = 110
COLUMN_AREA_HEIGHT = 200
COLUMN_LABELS_HEIGHT = 44


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    label_x: float
    label_y: float
    value: str
    value_x: float
    value_y: float
    hidden: bool
    caption: str = ""  # under a column: the year at each first quarter
    caption_y: float = 0


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bars: list
    horizontal: bool
    baseline: tuple = ()  # (x1, y1, x2, y2) of the axis line


def _mirror(x, width, rtl):
    """The left edge of a shape of `width` starting at `x` in left-to-right terms."""
    return WIDTH - x - width if rtl else x


def by_value(items):
    """(label, figure) pairs sorted by their own figures, largest first; the hidden ones after the shown ones
    (by label: their order must not hint at their size), zeros last."""
    from .disclosure import _order

    return sorted(items, key=lambda item: (*_order(item[1]), str(item[0]).casefold()))


def horizontal(items):
    """One row per (label, figure), the first MOST_BARS: a bar as long as the figure, its value after it."""
    rtl = get_language_bidi()
    items = list(items)[:MOST_BARS]
    largest = max([figure.value for _label, figure in items if not figure.suppressed] + [1])
    room = WIDTH - LABEL_WIDTH - VALUE_ROOM
    bars = []
    for index, (label, figure) in enumerate(items):
        length = 0 if figure.suppressed else round(room * figure.value / largest, 1)
        y = index * ROW_HEIGHT
        bar_x = _mirror(LABEL_WIDTH, length, rtl)
        end = LABEL_WIDTH + length + 6
        bars.append(
            Bar(
                x=bar_x,
                y=y + 5,
                width=length,
                height=ROW_HEIGHT - 10,
                label=label,
                label_x=WIDTH - LABEL_WIDTH + 8 if rtl else LABEL_WIDTH - 8,
                label_y=y + ROW_HEIGHT / 2 + 5,
                value=shown(figure),
                value_x=WIDTH - end if rtl else end,
                value_y=y + ROW_HEIGHT / 2 + 5,
                hidden=figure.suppressed,
            )
        )
    return Chart(width=WIDTH, height=max(len(items), 1) * ROW_HEIGHT, bars=bars, horizontal=True)


def columns(quarters, attribute):
    """One column per quarter for `attribute` of each QuarterRow, time running in the reading direction."""
    rtl = get_language_bidi()
    quarters = list(quarters)
    count = max(len(quarters), 1)
    step = WIDTH / count
    largest = max([getattr(row, attribute).value for row in quarters if not getattr(row, attribute).suppressed] + [1])
    top = 20  # room for the value above the tallest column
    bars = []
    for index, row in enumerate(quarters):
        figure = getattr(row, attribute)
        height = 0 if figure.suppressed else round(COLUMN_AREA_HEIGHT * figure.value / largest, 1)
        width = step * 0.7
        x = _mirror(index * step + step * 0.15, width, rtl)
        middle = x + width / 2
        bottom = top + COLUMN_AREA_HEIGHT
        bars.append(
            Bar(
                x=round(x, 1),
                y=bottom - height,
                width=round(width, 1),
                height=height,
                # Translators: a quarter of the year in a chart's axis: Q1 is January to March.
                label=gettext("Q%(quarter)s") % {"quarter": row.quarter},
                label_x=round(middle, 1),
                label_y=bottom + 16,
                value="" if figure.suppressed else shown(figure),
                value_x=round(middle, 1),
                value_y=bottom - height - 5,
                hidden=figure.suppressed,
                caption=str(row.year) if row.quarter == 1 or index == 0 else "",
                caption_y=bottom + 36,
            )
        )
    bottom = top + COLUMN_AREA_HEIGHT
    return Chart(
        width=WIDTH,
        height=bottom + COLUMN_LABELS_HEIGHT,
        bars=bars,
        horizontal=False,
        baseline=(0, bottom, WIDTH, bottom),
    )
