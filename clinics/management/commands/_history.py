"""What `import_clinics` and `import_attendance` share: read the file, report each bad row, print a summary."""

from django.core.management.base import BaseCommand, CommandError

from clinics.importers import history


class HistoryImportCommand(BaseCommand):
    """A command reading one CSV file whose `columns` (of which `required`) go to `import_rows`."""

    columns = required = ()
    import_rows = None  # history.import_clinics or history.import_attendance

    def add_arguments(self, parser):
        parser.add_argument("file", help="The CSV file (UTF-8, comma-separated, a header line naming the columns).")
        parser.add_argument("--dry-run", action="store_true", help="Check and count everything; write nothing.")

    def handle(self, *args, **options):
        path, dry_run = options["file"], options["dry_run"]
        try:
            with open(path, "rb") as csv_file:
                rows = history.read_table(data=csv_file.read(), columns=self.columns, required=self.required)
        except OSError as error:
            raise CommandError(f"cannot read {path}: {error.strerror}") from None
        except history.ImportFileError as error:
            raise CommandError(f"{path}: {error}; nothing was imported") from None
        summary = self.import_rows(rows=rows, dry_run=dry_run)
        for error in summary.errors:
            self.stderr.write(error)
        line = (
            f"created {summary.created}, updated {summary.updated}, unchanged {summary.unchanged}, "
            f"skipped {len(summary.errors)} invalid; sharers added {summary.sharers_added}"
        )
        self.stdout.write(f"dry run, nothing written: {line}" if dry_run else line)
