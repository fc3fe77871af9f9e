"""CSV import of the program's existing registrations: check every row first, then write them all in one transaction."""

import csv
import io
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from allauth.account.adapter import get_adapter
from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .languages import WikimediaProject, language_codes
from .models import Affiliate, Country, HomeWiki, Participant, SpokenLanguage, User
from .services import confirm_email, refresh_search_document

COLUMNS = (
    "email",
    "display_name",
    "wikimedia_username",
    "country",
    "languages",
    "home_wikis",
    "affiliate",
    "role",
    "gender",
    "registered_at",
    "listed",
)
INDIVIDUAL = "individual"
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
LISTED = {"yes": True, "no": False, "": False}


class ImportFileError(Exception):
    """The file as a whole cannot be imported: not UTF-8, not CSV, or a column is missing from its header."""


@dataclass(frozen=True)
class InvalidRow:
    line: int
    reasons: tuple[str, ...]

    def messages(self):
        return [f"line {self.line}: {reason}" for reason in self.reasons]


@dataclass(frozen=True)
class ParticipantRow:
    line: int
    email: str
    display_name: str
    wikimedia_username: str
    country_code: str
    languages: tuple[str, ...]
    home_wikis: tuple[tuple[str, str], ...]
    affiliation: str
    affiliate: Affiliate | None
    role: str
    gender: str
    registered_at: datetime | None
    listed: bool


@dataclass(frozen=True)
class KeptChoices:
    """The columns of a row that differ from what the person chose themselves, and were left as they chose."""

    line: int
    columns: tuple[str, ...]

    def message(self):
        return _("line %(line)s: the participant chose their own %(columns)s; the file's values were left alone") % {
            "line": self.line,
            "columns": ", ".join(self.columns),
        }


@dataclass(frozen=True)
class ImportSummary:
    created: int
    updated: int
    kept: tuple[KeptChoices, ...] = ()


def parse_rows(*, file):
    """Read a binary CSV file into `(valid_rows, invalid_rows)`; line numbers count the header as line 1.

    Raises ImportFileError when nothing in the file can be trusted: not UTF-8, not CSV, a column missing.
    """
    try:
        text = file.read().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileError(
            f"the file is not UTF-8 text (byte {error.object[error.start]:#04x} at position {error.start}); "
            "save it as “CSV UTF-8” and try again"
        ) from None
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [name.strip().lower() for name in next(reader, [])]
        _check_header(header)
        checker = RowChecker()
        valid_rows, invalid_rows = [], []
        first_line_of_email = {}
        last_line = reader.line_num
        for values in reader:
            line, last_line = last_line + 1, reader.line_num
            if not any(value.strip() for value in values):
                continue
            if len(values) != len(header):
                reason = f"{len(values)} values, but the header names {len(header)} columns"
                invalid_rows.append(InvalidRow(line=line, reasons=(reason,)))
                continue
            cells = {name: value.strip() for name, value in zip(header, values, strict=True)}
            if nul_columns := [name for name in COLUMNS if "\x00" in cells[name]]:
                # No text column of PostgreSQL can hold one; it is a damaged file, not a value to check.
                reasons = tuple(f"{name} contains a NUL character" for name in nul_columns)
                invalid_rows.append(InvalidRow(line=line, reasons=reasons))
                continue
            row, reasons = checker.check(line=line, cells=cells)
            email_key = cells["email"].lower()
            if email_key in first_line_of_email:
                reasons.append(f'email "{cells["email"]}" already appears on line {first_line_of_email[email_key]}')
            elif email_key:
                first_line_of_email[email_key] = line
            if reasons:
                invalid_rows.append(InvalidRow(line=line, reasons=tuple(reasons)))
            else:
                valid_rows.append(row)
    except csv.Error as error:
        raise ImportFileError(f"line {reader.line_num}: the file is not valid CSV ({error})") from None
    return valid_rows, invalid_rows


def _check_header(header):
    if not any(header):
        raise ImportFileError(f"the file is empty; its first line must name the columns: {', '.join(COLUMNS)}")
    if len(header) == 1 and ";" in header[0]:
        raise ImportFileError("the columns are separated by semicolons; export the file with commas")
    missing = [column for column in COLUMNS if column not in header]
    if missing:
        raise ImportFileError(
            f"the header lacks the column(s) {', '.join(missing)}; the columns are: {', '.join(COLUMNS)}"
        )
    repeated = sorted({column for column in COLUMNS if header.count(column) > 1})
    if repeated:
        raise ImportFileError(f"the header names the column(s) {', '.join(repeated)} more than once")


class RowChecker:
    """Turns the cells of one row into a ParticipantRow, or into the reasons it cannot be imported."""

    def __init__(self):
        self.country_codes = {str(code) for code in Country.objects.values_list("code", flat=True)}
        self.affiliates = {affiliate.name.casefold(): affiliate for affiliate in Affiliate.objects.all()}
        self.projects = {code for code, _label in WikimediaProject.CHOICES}

    def check(self, *, line, cells):
        reasons = []
        email = self._email(cells["email"], reasons)
        display_name = self._text("display_name", cells["display_name"], reasons, required=True)
        wikimedia_username = self._text("wikimedia_username", cells["wikimedia_username"], reasons)
        country_code = self._country(cells["country"], reasons)
        languages = self._languages(cells["languages"], reasons)
        home_wikis = self._home_wikis(cells["home_wikis"], reasons)
        affiliation, affiliate = self._affiliate(cells["affiliate"], reasons)
        role = self._choice("role", cells["role"], Participant.Role, reasons)
        gender = self._choice("gender", cells["gender"], Participant.Gender, reasons, private=True)
        registered_at = self._registered_at(cells["registered_at"], reasons)
        listed = LISTED.get(cells["listed"].lower())
        if listed is None:
            reasons.append(f'listed "{cells["listed"]}" is neither yes nor no')
        if reasons:
            return None, reasons
        row = ParticipantRow(
            line=line,
            email=email,
            display_name=display_name,
            wikimedia_username=wikimedia_username,
            country_code=country_code,
            languages=languages,
            home_wikis=home_wikis,
            affiliation=affiliation,
            affiliate=affiliate,
            role=role,
            gender=gender,
            registered_at=registered_at,
            listed=listed,
        )
        return row, reasons

    def _email(self, value, reasons):
        # allauth keeps addresses in lower case; so do we, which makes re-imports match whatever the case.
        email = value.lower()
        if not email:
            reasons.append("email is empty")
            return email
        try:
            validate_email(email)
        except ValidationError:
            reasons.append(f'email "{value}" is not a valid email address')
            return email
        if len(email) > User._meta.get_field("email").max_length:
            reasons.append(f'email "{value}" is longer than {User._meta.get_field("email").max_length} characters')
        return email

    def _text(self, column, value, reasons, *, required=False):
        max_length = Participant._meta.get_field(column).max_length
        if required and not value:
            reasons.append(f"{column} is empty")
        elif len(value) > max_length:
            reasons.append(f"{column} is {len(value)} characters long; at most {max_length} are allowed")
        return value

    def _country(self, value, reasons):
        code = value.upper()
        if not code:
            reasons.append("country is empty")
        elif code not in self.country_codes:
            reasons.append(f'country "{value}" is not an ISO 3166 country code')
        return code

    def _languages(self, value, reasons):
        languages = _split(value)
        for code in languages:
            if code not in language_codes():
                reasons.append(f'language "{code}" is not an ISO 639 language code')
        return languages

    def _home_wikis(self, value, reasons):
        home_wikis = []
        for code in _split(value):
            language, _dot, project = code.rpartition(".")
            if project not in self.projects:
                reasons.append(f'home wiki "{code}": "{project}" is not a Wikimedia project')
            elif project in WikimediaProject.MULTILINGUAL and language:
                reasons.append(f'home wiki "{code}": {project} has no language editions; write "{project}"')
            elif project not in WikimediaProject.MULTILINGUAL and not language:
                reasons.append(f'home wiki "{code}" needs a language edition, e.g. "sw.{project}"')
            elif language and language not in language_codes():
                reasons.append(f'home wiki "{code}": "{language}" is not an ISO 639 language code')
            else:
                home_wikis.append((project, language))
        return tuple(home_wikis)

    def _affiliate(self, value, reasons):
        if not value:
            return "", None
        if value.lower() == INDIVIDUAL:
            return Participant.Affiliation.INDIVIDUAL, None
        affiliate = self.affiliates.get(value.casefold())
        if affiliate is None:
            reasons.append(f'unknown affiliate "{value}": add it in the admin first')
        return Participant.Affiliation.AFFILIATE, affiliate

    def _choice(self, column, value, choices, reasons, *, private=False):
        choice = value.lower()
        if choice and choice not in choices.values:
            # A private answer is not repeated in the report, even a mistyped one.
            shown = "" if private else f' "{value}"'
            reasons.append(f"{column}{shown} is not one of: {', '.join(choices.values)}")
        return choice

    def _registered_at(self, value, reasons):
        if not value:
            return None
        try:
            if not ISO_DATE.fullmatch(value):
                raise ValueError
            registered_on = date.fromisoformat(value)
        except ValueError:
            reasons.append(f'registered_at "{value}" is not a date written YYYY-MM-DD')
            return None
        registered_at = datetime.combine(registered_on, time.min, tzinfo=UTC)
        if registered_at > timezone.now():
            reasons.append(f'registered_at "{value}" is in the future')
        return registered_at


def _split(value):
    """`sw; EN;sw` -> ("sw", "en"): lower case, without blanks or repeats, in the file's order."""
    return tuple(dict.fromkeys(part.strip().lower() for part in value.split(";") if part.strip()))


def import_participants(*, rows, dry_run=False):
    """Create or update the account and profile of every row, all or nothing; a dry run rolls everything back."""
    created = updated = 0
    kept = []
    with transaction.atomic():
        for row in rows:
            new, kept_columns = _import_row(row=row)
            if new:
                created += 1
            else:
                updated += 1
            if kept_columns:
                kept.append(KeptChoices(line=row.line, columns=tuple(kept_columns)))
        if dry_run:
            transaction.set_rollback(True)
    return ImportSummary(created=created, updated=updated, kept=tuple(kept))


def _import_row(*, row):
    """Write one row; returns whether its participant is new, and the columns left as the person chose them."""
    user = _existing_user(email=row.email)
    if user is None:
        user = User(
            username=get_adapter().generate_unique_username([row.wikimedia_username, row.email]),
            email=row.email,
            date_joined=row.registered_at or timezone.now(),
        )
        # They choose a password through "forgot password", which needs the email address below.
        user.set_unusable_password()
        user.save()
        EmailAddress.objects.create(user=user, email=row.email, primary=True, verified=False)
    participant = Participant.objects.filter(user=user).first()
    created = participant is None
    if created:
        participant = Participant(user=user)
    profile = _Profile(participant=participant, theirs=not created and _used_by_its_owner(user))
    profile.put("display_name", "display_name", row.display_name)
    profile.put("country", "country_id", row.country_code)
    profile.put("role", "role", row.role)
    profile.put("gender", "gender", row.gender)
    profile.put("listed", "listed", row.listed, can_be_empty=False)
    # A username confirmed by a Wikimedia sign-in is better than whatever the file says.
    if not participant.wikimedia_username_verified:
        profile.put("wikimedia_username", "wikimedia_username", row.wikimedia_username)
    affiliation_is_theirs = profile.theirs and participant.affiliation
    if affiliation_is_theirs:
        mine = (participant.affiliation, set(participant.affiliates.values_list("pk", flat=True)))
        if mine != (row.affiliation, {row.affiliate.pk} if row.affiliate else set()):
            profile.kept.append("affiliate")
    else:
        participant.affiliation = row.affiliation
        participant.group_name = ""
    if row.registered_at is not None:
        participant.created_at = row.registered_at
    participant.save()
    if not affiliation_is_theirs:
        participant.affiliates.set([row.affiliate] if row.affiliate else [])
    languages = participant.languages.values_list("language", flat=True)
    if profile.fills(column="languages", current=languages, wanted=row.languages):
        _replace_languages(participant=participant, languages=row.languages)
    home_wikis = participant.home_wikis.values_list("project", "language")
    if profile.fills(column="home_wikis", current=home_wikis, wanted=row.home_wikis):
        _replace_home_wikis(participant=participant, home_wikis=row.home_wikis)
    refresh_search_document(participant=participant)
    # Staff vouch for the address: attendance recorded under it without an account becomes the participant's.
    confirm_email(participant=participant, email=row.email)
    return created, profile.kept


def _used_by_its_owner(user):
    """Whether the person has used their account: signed up with a password, or signed in at least once.

    An account the import created has no password and has never been signed in to; until its owner claims it, its
    profile holds only what imports wrote, and a later import may correct it. After that, what the profile says
    is the person's own choice (even where they kept what the import proposed)."""
    return user.has_usable_password() or user.last_login is not None


class _Profile:
    """Writes a row's values into a profile: all of them into one the import owns; into a person's own, only
    where it is empty, noting the columns whose different value was left alone."""

    def __init__(self, *, participant, theirs):
        self.participant = participant
        self.theirs = theirs
        self.kept = []

    def put(self, column, attribute, value, *, can_be_empty=True):
        current = getattr(self.participant, attribute)
        if self.theirs and not (can_be_empty and current in ("", None)):
            if current != value:
                self.kept.append(column)
            return
        setattr(self.participant, attribute, value)

    def fills(self, *, column, current, wanted):
        """Whether a list (languages, home wikis) is the import's to write."""
        current = set(current)
        if self.theirs and current:
            if current != set(wanted):
                self.kept.append(column)
            return False
        return True


def _existing_user(*, email):
    address = EmailAddress.objects.filter(email__iexact=email).select_related("user").order_by("pk").first()
    if address is not None:
        return address.user
    return User.objects.filter(email__iexact=email).order_by("pk").first()


def _replace_languages(*, participant, languages):
    """The file's languages replace the participant's; a language they had keeps its level."""
    participant.languages.exclude(language__in=languages).delete()
    known = set(participant.languages.values_list("language", flat=True))
    SpokenLanguage.objects.bulk_create(
        SpokenLanguage(participant=participant, language=code) for code in languages if code not in known
    )


def _replace_home_wikis(*, participant, home_wikis):
    known = {(wiki.project, wiki.language): wiki.pk for wiki in participant.home_wikis.all()}
    participant.home_wikis.filter(pk__in=[pk for key, pk in known.items() if key not in home_wikis]).delete()
    HomeWiki.objects.bulk_create(
        HomeWiki(participant=participant, project=project, language=language)
        for project, language in home_wikis
        if (project, language) not in known
    )
