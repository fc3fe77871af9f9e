"""The program's history from before the site: clinics (`import_clinics`) and who attended them
(`import_attendance`), from CSV files. Each row is checked, then written in its own savepoint, so a bad row is
reported by its line and the good ones are still imported; matching by slug and by person makes a second run
change nothing. A dry run does everything and rolls it back, so its counts are exactly a real run's."""

import csv
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email, validate_slug
from django.db import DatabaseError, transaction
from django.utils import timezone, translation
from django.utils.text import slugify

from participants.models import Country

from .. import scheduling
from ..models import Attendance, Clinic, ClinicSharer, Topic
from .common import DELIMITERS, ImportFileError, ParticipantFinder, decode, normalise_header, read_rows

CLINIC_COLUMNS = ("slug", "title", "topic", "kind", "language", "starts_at", "duration_minutes", "status",
                  "sharers", "foundation_staff")  # fmt: skip
CLINIC_REQUIRED = ("slug", "title", "topic", "starts_at", "duration_minutes")
ATTENDANCE_COLUMNS = ("clinic", "email", "name", "wikimedia_username", "country", "role")
ATTENDANCE_REQUIRED = ("clinic",)
YES_NO = {"yes": True, "no": False, "": False}
GUEST = re.compile(r"(?P<name>[^<>]*?)\s*<(?P<email>[^<>]+)>")
# Start, length, title and status are what calendars show: a change to one makes them replace their copy.
CALENDAR_FIELDS = {"start", "duration", "title", "status"}


@dataclass
class Summary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    sharers_added: int = 0
    errors: list[str] = field(default_factory=list)

    def count(self, outcome):
        setattr(self, outcome, getattr(self, outcome) + 1)


class RowError(Exception):
    """One row cannot be imported; the message says why, in the words of the file's columns."""


def read_table(*, data, columns, required):
    """[(line, {column: value})] from a CSV file whose header names `required` (and any of `columns`)."""
    text = decode(data)
    for delimiter in DELIMITERS:
        try:
            rows = read_rows(text, delimiter)
        except csv.Error:
            continue
        if not rows:
            break
        header = [normalise_header(name) for name in rows[0][1]]
        if all(column in header for column in required):
            return [
                (line, {column: values[header.index(column)] if header.index(column) < len(values) else ""
                        for column in columns if column in header})
                for line, values in rows[1:]
            ]  # fmt: skip
    raise ImportFileError(
        f"the first line must name the columns {', '.join(columns)} (separated by commas); "
        f"these are required: {', '.join(required)}"
    )


def _run(rows, import_row, *, dry_run):
    summary = Summary()
    with translation.override(settings.LANGUAGE_CODE), transaction.atomic():
        for line, cells in rows:
            try:
                with transaction.atomic():
                    summary.count(import_row(cells, summary))
            except RowError as error:
                summary.errors.append(f"line {line}: {error}")
            except (ValidationError, DatabaseError) as error:
                summary.errors.append(f"line {line}: {'; '.join(getattr(error, 'messages', [str(error)]))}")
        if dry_run:
            transaction.set_rollback(True)
    return summary


def _email(value, column="email"):
    email = value.strip().lower()
    if not email:
        return ""
    try:
        validate_email(email)
    except ValidationError:
        raise RowError(f'{column} "{value}" is not a valid email address') from None
    return email


def _choice(column, value, choices, default):
    value = value.strip().lower() or default
    if value not in choices:
        raise RowError(f'{column} "{value}" is not one of: {", ".join(choices)}')
    return value


# Clinics.


def import_clinics(*, rows, dry_run=False):
    emails = [
        match.group("email") if (match := GUEST.fullmatch(part.strip())) else part.strip()
        for _line, cells in rows
        for part in cells.get("sharers", "").split(";")
    ]
    importer = _ClinicImporter(finder=ParticipantFinder(emails=emails))
    return _run(rows, importer.import_row, dry_run=dry_run)


class _ClinicImporter:
    def __init__(self, *, finder):
        self.finder = finder

    def import_row(self, cells, summary):
        values = self._check(cells)
        sharers = self._sharers(cells.get("sharers", ""), cells.get("foundation_staff", ""))
        clinic = Clinic.objects.filter(slug=values["slug"]).first()
        if clinic is None:
            clinic = Clinic.objects.create(**values)
            self._sync_sharers(clinic, sharers, summary)
            return "created"
        changed = {name for name, value in values.items() if getattr(clinic, name) != value}
        for name in changed:
            setattr(clinic, name, values[name])
        if changed & CALENDAR_FIELDS:
            clinic.sequence += 1
        if changed:
            clinic.save()
        sharers_changed = self._sync_sharers(clinic, sharers, summary)
        return "updated" if changed or sharers_changed else "unchanged"

    def _check(self, cells):
        slug = cells["slug"].strip()
        try:
            validate_slug(slug)
        except ValidationError:
            raise RowError(f'slug "{slug}" may hold only letters, digits, hyphens and underscores') from None
        title = cells["title"].strip()
        if not title:
            raise RowError("title is empty")
        if len(title) > 200 or len(slug) > 220:
            raise RowError("title is longer than 200 characters or slug longer than 220")
        if any(character in scheduling.LINE_BREAKS for character in title):
            raise RowError("title holds a line break; write it on one line")
        start = self._start(cells["starts_at"].strip())
        try:
            minutes = int(cells["duration_minutes"].strip())
        except ValueError:
            minutes = 0
        if not 0 < minutes <= scheduling.MAX_DURATION_MINUTES:
            raise RowError(
                f'duration_minutes "{cells["duration_minutes"]}" is not a whole number of minutes '
                f"from 1 to {scheduling.MAX_DURATION_MINUTES}"
            )
        default_status = Clinic.Status.HELD if start < timezone.now() else Clinic.Status.SCHEDULED
        return {
            "slug": slug,
            "title": title,
            "topic": self._topic(cells["topic"].strip()),
            "kind": _choice("kind", cells.get("kind", ""), Clinic.Kind.values, Clinic.Kind.CLINIC),
            "language": _choice("language", cells.get("language", ""), [code for code, _ in settings.LANGUAGES], "en"),
            "start": start,
            "duration": timedelta(minutes=minutes),
            "status": _choice("status", cells.get("status", ""), Clinic.Status.values, default_status),
        }

    def _start(self, value):
        try:
            start = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            example = "2024-03-14T15:00+03:00"
            raise RowError(f'starts_at "{value}" is not an ISO 8601 date and time, e.g. {example}') from None
        if start.tzinfo is None:
            raise RowError(f'starts_at "{value}" has no UTC offset; write it like 2024-03-14T15:00+03:00')
        if not scheduling.FIRST_YEAR <= start.year <= scheduling.LAST_YEAR:
            raise RowError(
                f'starts_at "{value}" is not between the years {scheduling.FIRST_YEAR} and {scheduling.LAST_YEAR}'
            )
        return start

    def _topic(self, value):
        if not value:
            raise RowError("topic is empty")
        topic = Topic.objects.filter(slug=value).first() or Topic.objects.filter(name_en__iexact=value).first()
        if topic is not None:
            return topic
        base = slugify(value)[:45] or "topic"
        slug, number = base, 2
        while Topic.objects.filter(slug=slug).exists():
            slug, number = f"{base}-{number}", number + 1
        return Topic.objects.create(slug=slug, name=value[:150])

    def _sharers(self, value, foundation_staff):
        staff = YES_NO.get(foundation_staff.strip().lower())
        if staff is None:
            raise RowError(f'foundation_staff "{foundation_staff}" is neither yes nor no')
        sharers, seen = [], set()
        for part in (part.strip() for part in value.split(";")):
            if not part:
                continue
            guest = GUEST.fullmatch(part)
            email = _email(guest.group("email") if guest else part, column="sharer")
            participant = self.finder.find(email=email)
            if participant is None and not (guest and guest.group("name")):
                raise RowError(f'no participant has the email "{email}"; write a guest as "Name <{email}>"')
            if email not in seen:
                seen.add(email)
                sharers.append({"participant": participant, "name": "" if participant else guest.group("name"),
                                "email": "" if participant else email})  # fmt: skip
        if staff and not sharers:
            raise RowError("foundation_staff is yes, but there are no sharers")
        guests = [sharer for sharer in sharers if sharer["participant"] is None]
        # The file says only that someone was Foundation staff: the guests, or else the first participant.
        for sharer in sharers:
            sharer["foundation_staff"] = staff and (sharer in guests if guests else sharer is sharers[0])
        return sharers

    def _sync_sharers(self, clinic, sharers, summary):
        existing = [sharer for sharer in clinic.sharers.all() if not sharer.anonymous]
        changed = False
        for position, wanted in enumerate(sharers):
            sharer = next((sharer for sharer in existing if _same_sharer(sharer, wanted)), None)
            if sharer is None:
                ClinicSharer.objects.create(clinic=clinic, position=position, **wanted)
                summary.sharers_added += 1
                changed = True
                continue
            existing.remove(sharer)
            wanted = {**wanted, "position": position}
            if any(getattr(sharer, name) != value for name, value in wanted.items()):
                for name, value in wanted.items():
                    setattr(sharer, name, value)
                sharer.save()
                changed = True
        for sharer in existing:
            sharer.delete()
            changed = True
        return changed


def _same_sharer(sharer, wanted):
    if wanted["participant"] is not None:
        return sharer.participant_id == wanted["participant"].pk
    return sharer.participant_id is None and sharer.email.lower() == wanted["email"]


# Attendance.


def import_attendance(*, rows, dry_run=False):
    importer = _AttendanceImporter(
        finder=ParticipantFinder(
            emails=[cells.get("email", "").strip() for _line, cells in rows],
            usernames=[cells.get("wikimedia_username", "").strip() for _line, cells in rows],
        ),
        clinics=Clinic.objects.in_bulk([cells["clinic"].strip() for _line, cells in rows], field_name="slug"),
    )
    return _run(rows, importer.import_row, dry_run=dry_run)


class _AttendanceImporter:
    def __init__(self, *, finder, clinics):
        self.finder = finder
        self.clinics = clinics
        self.countries = {str(code) for code in Country.objects.values_list("code", flat=True)}

    def import_row(self, cells, summary):
        clinic = self.clinics.get(cells["clinic"].strip())
        if clinic is None:
            raise RowError(f'no clinic has the slug "{cells["clinic"].strip()}"')
        email = _email(cells.get("email", ""))
        name = cells.get("name", "").strip()[:200]
        username = cells.get("wikimedia_username", "").strip()[:255]
        country = cells.get("country", "").strip().upper()
        if country and country not in self.countries:
            raise RowError(f'country "{country}" is not an ISO 3166 alpha-2 country code')
        role = _choice("role", cells.get("role", ""), Attendance.Role.values, Attendance.Role.LEARNER)
        participant = self.finder.find(email=email, usernames=[username])
        if participant is None and not (name or username):
            raise RowError(
                f'no participant has the email "{email}"; give a name to record someone without an account'
                if email
                else "the row names nobody: give an email, a name or a wikimedia_username"
            )
        if role == Attendance.Role.SHARER:
            self._record_sharer(clinic, participant, name or username, email, summary)
        if participant is not None:
            attendance = Attendance.objects.filter(clinic=clinic, participant=participant).first()
            wanted = {"role": role, **({"country_id": country} if country else {})}
        else:
            attendance = _unregistered_attendance(clinic, email=email, username=username, name=name)
            wanted = {"name": name or username, "email": email, "wikimedia_username": username, "role": role,
                      **({"country_id": country} if country else {})}  # fmt: skip
        if attendance is None:
            Attendance.objects.create(clinic=clinic, participant=participant, **wanted)
            return "created"
        if all(getattr(attendance, key) == value for key, value in wanted.items()):
            return "unchanged"
        for key, value in wanted.items():
            setattr(attendance, key, value)
        attendance.save()
        return "updated"

    def _record_sharer(self, clinic, participant, name, email, summary):
        if participant is not None:
            _sharer, created = ClinicSharer.objects.get_or_create(clinic=clinic, participant=participant)
        else:
            guests = clinic.sharers.filter(participant__isnull=True, anonymous=False)
            found = guests.filter(email__iexact=email) if email else guests.filter(name__iexact=name)
            created = not found.exists()
            if created:
                ClinicSharer.objects.create(clinic=clinic, name=name, email=email)
        if created:
            summary.sharers_added += 1


def _unregistered_attendance(clinic, *, email, username, name):
    attendances = Attendance.objects.filter(clinic=clinic, participant__isnull=True, anonymous=False)
    if email:
        return attendances.filter(email__iexact=email).first()
    if username:
        return attendances.filter(wikimedia_username__iexact=username).first()
    return attendances.filter(name__iexact=name, email="", wikimedia_username="").first()


__all__ = ["ImportFileError", "import_attendance", "import_clinics", "read_table"]
