"""Reading the times and durations video platforms write in their reports, in every spelling we have seen."""

import math
import re
from datetime import datetime

# Longer than any clinic, even a Connectathon: a bigger number is a misread cell, not a visit.
MAX_MINUTES = 7 * 24 * 60
DATE_FORMATS = (
    "%m/%d/%Y %I:%M:%S %p", "%m/%d/%Y %I:%M %p", "%m/%d/%Y %H:%M:%S", "%m/%d/%Y %H:%M",
    "%b %d, %Y %I:%M:%S %p", "%b %d, %Y %I:%M %p", "%d %b %Y %H:%M:%S", "%d %b %Y %H:%M",
    "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M",
)  # fmt: skip
TIME_FORMATS = ("%I:%M:%S %p", "%I:%M %p", "%H:%M:%S", "%H:%M")
DURATION_PART = re.compile(r"(\d+(?:[.,]\d+)?)\s*(hours?|hrs?|h|minutes?|mins?|m|seconds?|secs?|s)\b", re.IGNORECASE)


def parse_time(value, zone, day):
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        parsed = None
    for pattern in DATE_FORMATS:
        if parsed is not None:
            break
        try:
            parsed = datetime.strptime(value, pattern)  # noqa: DTZ007 - made aware below, in the report's zone
        except ValueError:
            continue
    for pattern in TIME_FORMATS:
        if parsed is not None:
            break
        try:
            parsed = datetime.combine(day, datetime.strptime(value, pattern).time())  # noqa: DTZ007
        except ValueError:
            continue
    if parsed is None:
        raise ValueError(value)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=zone)


def parse_minutes(value):
    """'45', '45.5', '1 hr 2 min', '42m', '1:02:00' (h:mm:ss) or '1:02' (h:mm) -> whole minutes."""
    value = value.strip()
    if not value:
        return None
    number = value.replace(",", ".")
    if re.fullmatch(r"\d+(\.\d+)?", number):
        return whole_minutes(seconds=float(number) * 60)
    if re.fullmatch(r"\d+(:\d{1,2}){1,2}", value):
        parts = [int(part) for part in value.split(":")] + [0]
        return whole_minutes(seconds=parts[0] * 3600 + parts[1] * 60 + parts[2])
    parts = DURATION_PART.findall(value)
    if not parts or DURATION_PART.sub("", value).strip(" ,"):
        raise ValueError(value)
    seconds = 0.0
    for amount, unit in parts:
        amount = float(amount.replace(",", "."))
        unit = unit.lower()
        seconds += amount * (3600 if unit.startswith("h") else 60 if unit.startswith("m") else 1)
    return whole_minutes(seconds=seconds)


def whole_minutes(*, seconds):
    """Minutes, rounded half up; a visit under a minute still counts as one."""
    return max(math.floor(seconds / 60 + 0.5), 1 if seconds > 0 else 0)
