"""What every clinics import shares: reading an uploaded CSV whatever its encoding and delimiter, and finding
the participant a row names (by email, then by Wikimedia username)."""

import csv
import io

from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from participants.models import Participant

DELIMITERS = (",", ";", "\t")
# An uploaded report larger than this is not one clinic's attendance; refusing it keeps memory bounded.
MAX_FILE_BYTES = 5 * 1024 * 1024


class ImportFileError(Exception):
    """The file as a whole cannot be read: not text, not CSV, or not a format we know."""


def decode(data, *, max_bytes=None):
    """The text of a file: UTF-8 (with or without a byte-order mark) or UTF-16 as Excel writes it."""
    if max_bytes is not None and len(data) > max_bytes:
        raise ImportFileError(
            _("The file is larger than %(size)s MB; a clinic's report is much smaller.")
            % {"size": max_bytes // (1024 * 1024)}
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="strict") if _is_utf16(data) else None
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = None
    if text is None or "\x00" in text:
        raise ImportFileError(_("The file is not a CSV text file. Export the report as CSV and upload that file."))
    if not text.strip():
        raise ImportFileError(_("The file is empty."))
    return text


def _is_utf16(data):
    try:
        data.decode("utf-16")
    except UnicodeDecodeError:
        return False
    return True


def read_rows(text, delimiter):
    """[(line number, [cells])] of the non-blank lines; raises csv.Error on malformed quoting."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows, last_line = [], 0
    for values in reader:
        line, last_line = last_line + 1, reader.line_num
        if any(value.strip() for value in values):
            rows.append((line, [value.strip() for value in values]))
    return rows


def normalise_header(value):
    return " ".join(value.replace("\ufeff", "").strip().lower().split())


def normalise_username(value):
    """MediaWiki treats `_` as a space and ignores the case of the first letter; we ignore case altogether."""
    return " ".join(value.replace("_", " ").split()).casefold()


class ParticipantFinder:
    """Finds participants by email (case-insensitive, on the account's address) or by Wikimedia username,
    loading only the participants the file can name, in two queries."""

    def __init__(self, *, emails=(), usernames=()):
        emails = {email.lower() for email in emails if email}
        usernames = {normalise_username(name) for name in usernames if name}
        participants = Participant.objects.select_related("user")
        self.by_email = {
            participant.user.email.lower(): participant
            for participant in participants.annotate(email_lower=Lower("user__email")).filter(email_lower__in=emails)
        }
        candidates = participants.annotate(username_lower=Lower("wikimedia_username")).filter(
            username_lower__in=usernames | {name.replace(" ", "_") for name in usernames}
        )
        by_username = {}
        for participant in candidates:
            by_username.setdefault(normalise_username(participant.wikimedia_username), []).append(participant)
        # A username two profiles claim (neither verified, say) names nobody for sure.
        self.by_username = {name: found[0] for name, found in by_username.items() if len(found) == 1}

    def find(self, *, email="", usernames=()):
        if email and email.lower() in self.by_email:
            return self.by_email[email.lower()]
        for name in usernames:
            if name and normalise_username(name) in self.by_username:
                return self.by_username[normalise_username(name)]
        return None
