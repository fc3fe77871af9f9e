"""`manage.py import_clinics FILE.csv [--dry-run]`: the clinics held before the site existed."""

from clinics.importers import history

from ._history import HistoryImportCommand


class Command(HistoryImportCommand):
    help = (
        "Import clinics from a CSV file (columns in the README): matched by slug, so running it again updates them. "
        "Bad rows are reported by line and skipped; the others are imported."
    )
    columns = history.CLINIC_COLUMNS
    required = history.CLINIC_REQUIRED
    import_rows = staticmethod(history.import_clinics)
