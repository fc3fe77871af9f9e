"""Attendance from a video platform's participant report (Zoom, Google Meet, Jitsi and the like).

Three steps, each a plain function: `parse_report` reads the uploaded file into `ReportLine`s (one per line of
the report); `plan_import` merges a person's rejoins, matches participants and decides what each person becomes
(matched, new, ignored with a reason) against what the clinic already records; `save_report` writes a plan in
one transaction. The admin shows the plan as a preview, keeps the report signed (`sign_report`) between preview
and confirmation, and saves a fresh plan on confirmation, so importing the same report twice adds nothing.
"""

import csv
import re
import zoneinfo
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta

from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import Attendance, Clinic
from .common import (
    DELIMITERS,
    MAX_FILE_BYTES,
    ImportFileError,
    ParticipantFinder,
    decode,
    normalise_header,
    read_rows,
)
from .report_values import MAX_MINUTES, parse_minutes, parse_time, whole_minutes

# Column names each platform writes (compared lower-cased, spaces collapsed); the last matching column wins,
# because Zoom's one-table export repeats the host's "User Email" and "Duration (Minutes)" before the person's.
COLUMNS = {
    "name": ("name (original name)", "user name (original name)", "name", "full name", "display name",
             "participant", "participant name", "user name", "attendee", "attendee name"),
    "first_name": ("first name",),
    "last_name": ("last name",),
    "email": ("user email", "email", "email address", "e-mail", "participant email", "attendee email"),
    "username": ("wikimedia username", "username"),
    "joined": ("join time", "time joined", "joined", "joined at", "join", "first join", "first joined",
               "first seen"),
    "left": ("leave time", "time exited", "left", "left at", "leave", "last leave", "last left", "last seen"),
    "minutes": ("duration (minutes)", "total duration (minutes)", "time in session (minutes)", "duration (min)",
                "duration", "minutes", "total duration", "attendance duration"),
    "role": ("role", "user role", "participant role"),
}  # fmt: skip
PLATFORMS = {
    "zoom": gettext_lazy("Zoom participant report"),
    "meet": gettext_lazy("Google Meet attendance report"),
    "other": gettext_lazy("Jitsi or another platform's export"),
}
HOST_ROLES = {"host", "organizer", "organiser", "moderator"}
# The first lines a report may spend on a summary of the meeting (Zoom's "Export with meeting data").
HEADER_SEARCH_LINES = 20
MAX_LINES = 5000
SIGNED_FOR_SECONDS = 6 * 60 * 60


@dataclass(frozen=True)
class ReportLine:
    """One line of a report, read but not yet judged: `reason` is set when the line itself is unusable."""

    line: int
    name: str = ""
    other_name: str = ""  # Zoom's "(Original Name)", the name the person joined with
    email: str = ""
    username: str = ""
    joined: datetime | None = None
    left: datetime | None = None
    minutes: int | None = None
    host: bool = False
    reason: str = ""


@dataclass(frozen=True)
class Report:
    platform: str
    lines: tuple[ReportLine, ...]

    @property
    def platform_label(self):
        return PLATFORMS[self.platform]


@dataclass
class Person:
    """Everyone a report names once, their rejoins merged: what will be saved, or why not."""

    lines: list[int]
    name: str
    email: str
    usernames: list[str]
    joined: datetime | None
    minutes: int | None
    host: bool = False
    participant: object = None
    role: str = Attendance.Role.LEARNER
    reason: str = ""

    @property
    def shown_name(self):
        return self.participant.display_name if self.participant else self.name or self.email


@dataclass
class Plan:
    matched: list[Person] = field(default_factory=list)
    new: list[Person] = field(default_factory=list)
    ignored: list[Person] = field(default_factory=list)


def parse_report(*, data, time_zone, clinic):
    """Read an uploaded report (bytes) into a Report. Times without an offset are in `time_zone`; a time
    without a date is on the clinic's day. Raises ImportFileError when the file is not a report we know."""
    text = decode(data, max_bytes=MAX_FILE_BYTES)
    zone = zoneinfo.ZoneInfo(time_zone)
    day = clinic.start.astimezone(zone).date()
    for delimiter in DELIMITERS:
        try:
            rows = read_rows(text, delimiter)
        except csv.Error:
            continue
        found = _find_header(rows)
        if found is not None:
            header_index, columns, platform = found
            body = rows[header_index + 1 :]
            if len(body) > MAX_LINES:
                raise ImportFileError(
                    _("The report has %(count)s lines; at most %(max)s can be imported at once.")
                    % {"count": len(body), "max": MAX_LINES}
                )
            lines = tuple(_read_line(line, cells, columns, zone, day) for line, cells in body)
            return Report(platform=platform, lines=lines)
    raise ImportFileError(
        _(
            "This file is not a participant report we know. Its first line should name the columns, for "
            "example Zoom's “Name (Original Name)”, “User Email”, “Join Time”, “Leave Time”, “Duration "
            "(Minutes)”; Google Meet's “First name”, “Last name”, “Email”, “Duration”, “Time joined”, “Time "
            "exited”; or, from Jitsi and other platforms, “Name”, “Email”, “Joined”, “Left”, “Duration”. A "
            "name column is required."
        )
    )


def _find_header(rows):
    for index, (_line, cells) in enumerate(rows[:HEADER_SEARCH_LINES]):
        names = [normalise_header(cell) for cell in cells]
        columns = {}
        for key, aliases in COLUMNS.items():
            positions = [position for position, name in enumerate(names) if name in aliases]
            if positions:
                columns[key] = positions[-1]
        # A summary line ("Meeting ID, Topic, ..., User Email, Duration") names no person: keep looking.
        if "name" in columns or "first_name" in columns:
            if "name (original name)" in names or "user name (original name)" in names or "user email" in names:
                platform = "zoom"
            elif "time joined" in names or "time exited" in names or "first name" in names:
                platform = "meet"
            else:
                platform = "other"
            return index, columns, platform
    return None


def _read_line(line, cells, columns, zone, day):
    def cell(key):
        position = columns.get(key)
        return cells[position] if position is not None and position < len(cells) else ""

    name, other_name = cell("name"), ""
    if not name:
        name = " ".join(part for part in (cell("first_name"), cell("last_name")) if part)
    # Zoom writes "Current name (Original Name)" when someone renamed themself.
    renamed = re.fullmatch(r"(.+?)\s*\(([^()]+)\)", name)
    if renamed:
        name, other_name = renamed.group(1).strip(), renamed.group(2).strip()
    email = cell("email").lower()
    try:
        validate_email(email)
        if len(email) > Attendance._meta.get_field("email").max_length:
            raise ValidationError(email)
    except ValidationError:
        email = ""  # Meet writes nothing, others "-" or a phone number, for people without an account
    values = {
        "line": line,
        "name": name[:200],
        "other_name": other_name[:200],
        "email": email,
        "username": cell("username")[:255],
        "host": cell("role").lower() in HOST_ROLES,
    }
    if not (name or email):
        return ReportLine(**values, reason=_("blank: no name and no email"))
    try:
        joined = parse_time(cell("joined"), zone, day)
        left = parse_time(cell("left"), zone, day)
        if joined and left and left < joined and left.date() == joined.date():
            left += timedelta(days=1)  # times without dates, across midnight
    except (ValueError, OverflowError) as error:
        value = error.args[0] if isinstance(error, ValueError) else cell("left")
        return ReportLine(**values, reason=_("unreadable time “%(value)s”") % {"value": value})
    try:
        minutes = parse_minutes(cell("minutes"))
        if minutes is None and joined and left and left >= joined:
            minutes = whole_minutes(seconds=(left - joined).total_seconds())
        if minutes is not None and minutes > MAX_MINUTES:
            raise ValueError(cell("minutes"))
    except ValueError:
        return ReportLine(**values, reason=_("unreadable duration “%(value)s”") % {"value": cell("minutes")})
    return ReportLine(**values, joined=joined, left=left, minutes=minutes)


def plan_import(*, clinic, report, min_minutes=0):
    """Decide, without writing, what each person in the report becomes for this clinic."""
    plan = Plan()
    lines_by_key, seen_visits = {}, {}
    for report_line in report.lines:
        if report_line.reason:
            plan.ignored.append(_person([report_line], reason=report_line.reason))
            continue
        key = report_line.email or " ".join(report_line.name.casefold().split())
        visit = (key, report_line.joined, report_line.left, report_line.minutes)
        if visit in seen_visits:
            reason = _("duplicate of line %(line)s") % {"line": seen_visits[visit]}
            plan.ignored.append(_person([report_line], reason=reason))
            continue
        seen_visits[visit] = report_line.line
        lines_by_key.setdefault(key, []).append(report_line)
    every_line = [line for lines in lines_by_key.values() for line in lines]
    finder = ParticipantFinder(
        emails=[line.email for line in every_line],
        usernames=[name for line in every_line for name in _usernames(line)],
    )
    people, by_participant = [], {}
    for lines in lines_by_key.values():
        person = _person(lines)
        person.participant = finder.find(email=person.email, usernames=person.usernames)
        if person.participant is None:
            people.append(person)
        elif person.participant.pk in by_participant:
            # Two names of one participant (their email on one line, their username on another): one visit.
            _merge(by_participant[person.participant.pk], person)
        else:
            by_participant[person.participant.pk] = person
            people.append(person)
    context = _ClinicContext(clinic)
    for person in people:
        context.judge(person, min_minutes=min_minutes)
        if person.reason:
            plan.ignored.append(person)
        elif person.participant is not None:
            plan.matched.append(person)
        else:
            plan.new.append(person)
    plan.ignored.sort(key=lambda person: person.lines[0])
    return plan


def _usernames(line):
    return [name for name in (line.username, line.name, line.other_name) if name]


def _person(lines, reason=""):
    joins = [line.joined for line in lines if line.joined]
    minutes = [line.minutes for line in lines if line.minutes is not None]
    return Person(
        lines=[line.line for line in lines],
        name=next((line.name for line in lines if line.name), ""),
        email=next((line.email for line in lines if line.email), ""),
        usernames=list(dict.fromkeys(name for line in lines for name in _usernames(line))),
        joined=min(joins) if joins else None,
        minutes=sum(minutes) if minutes else None,
        host=any(line.host for line in lines),
        reason=reason,
    )


def _merge(person, other):
    person.lines = sorted(person.lines + other.lines)
    person.email = person.email or other.email
    joins = [joined for joined in (person.joined, other.joined) if joined]
    person.joined = min(joins) if joins else None
    if other.minutes is not None:
        person.minutes = (person.minutes or 0) + other.minutes
    person.host = person.host or other.host


class _ClinicContext:
    """What the clinic already knows: its sharers, liaisons (the meeting's hosts) and recorded attendance."""

    def __init__(self, clinic):
        self.clinic = clinic
        sharers = list(clinic.sharers.all())
        self.sharer_participants = {sharer.participant_id for sharer in sharers if sharer.participant_id}
        self.sharer_emails = {sharer.email.lower() for sharer in sharers if sharer.email}
        self.sharer_names = {sharer.name.casefold() for sharer in sharers if sharer.name}
        self.liaison_emails = {email.lower() for email in clinic.liaisons.values_list("email", flat=True) if email}
        attendances = list(clinic.attendances.values("participant_id", "email", "name"))
        self.recorded_participants = {row["participant_id"] for row in attendances if row["participant_id"]}
        self.recorded_emails = {row["email"].lower() for row in attendances if row["email"]}
        self.recorded_names = {
            row["name"].casefold() for row in attendances if row["name"] and not row["participant_id"]
        }

    def judge(self, person, *, min_minutes):
        participant = person.participant
        if participant is not None:
            # Recorded by email before they had an account counts too: the same person, once.
            recorded = participant.pk in self.recorded_participants or person.email in self.recorded_emails
            is_sharer = participant.pk in self.sharer_participants or person.email in self.sharer_emails
        else:
            name = person.name.casefold()
            recorded = (person.email in self.recorded_emails) if person.email else name in self.recorded_names
            is_sharer = (person.email in self.sharer_emails) if person.email else name in self.sharer_names
        if is_sharer:
            person.role = Attendance.Role.SHARER
        if recorded:
            person.reason = _("already recorded")
        elif not is_sharer and (person.host or person.email in self.liaison_emails):
            person.reason = _("host of the meeting")
        elif not is_sharer and person.minutes is not None and person.minutes < min_minutes:
            person.reason = _("present %(minutes)s min, less than %(min)s") % {
                "minutes": person.minutes,
                "min": min_minutes,
            }


def save_report(*, clinic, report, min_minutes=0):
    """Record the attendance a report adds to a clinic, all in one transaction; returns the Plan it saved.

    The plan is made again inside the transaction, under a lock on the clinic, so a report saved twice (or
    by two liaisons at once) records each person once."""
    with transaction.atomic():
        clinic = Clinic.objects.select_for_update().get(pk=clinic.pk)
        plan = plan_import(clinic=clinic, report=report, min_minutes=min_minutes)
        Attendance.objects.bulk_create(
            Attendance(
                clinic=clinic,
                participant=person.participant,
                name="" if person.participant else person.name or person.email,
                email="" if person.participant else person.email,
                role=person.role,
                joined_at=person.joined,
                minutes=person.minutes,
            )
            for person in plan.matched + plan.new
        )
    return plan


def _salt(clinic):
    return f"clinics.attendance-report.{clinic.pk}"


def sign_report(*, clinic, report, min_minutes):
    """The parsed report, signed for this clinic, to carry from the preview to the confirmation."""
    lines = [{**asdict(line), "joined": _iso(line.joined), "left": _iso(line.left)} for line in report.lines]
    payload = {"platform": report.platform, "min_minutes": min_minutes, "lines": lines}
    return signing.dumps(payload, salt=_salt(clinic), compress=True)


def unsign_report(*, clinic, signed):
    """(Report, min_minutes) back from `sign_report`; raises signing.BadSignature if changed or too old."""
    payload = signing.loads(signed, salt=_salt(clinic), max_age=SIGNED_FOR_SECONDS)
    lines = tuple(
        ReportLine(**{**line, "joined": _from_iso(line["joined"]), "left": _from_iso(line["left"])})
        for line in payload["lines"]
    )
    return Report(platform=payload["platform"], lines=lines), payload["min_minutes"]


def _iso(moment):
    return moment.isoformat() if moment else None


def _from_iso(value):
    return datetime.fromisoformat(value) if value else None
