"""`manage.py import_attendance FILE.csv [--dry-run]`: who attended the clinics held before the site existed."""

from clinics.importers import history

from ._history import HistoryImportCommand


class Command(HistoryImportCommand):
    help = (
        "Import clinic attendance from a CSV file (columns in the README). Participants are matched by email or "
        "Wikimedia username, so running it again records nobody twice. Bad rows are reported by line and skipped."
    )
    columns = history.ATTENDANCE_COLUMNS
    required = history.ATTENDANCE_REQUIRED
    import_rows = staticmethod(history.import_attendance)
