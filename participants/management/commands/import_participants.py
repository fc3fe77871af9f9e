"""`manage.py import_participants FILE.csv [--dry-run] [--skip-invalid]`: bring existing registrations in."""

from django.core.management.base import BaseCommand, CommandError

from participants import importers


class Command(BaseCommand):
    help = (
        "Import participants from a UTF-8 CSV file (columns in the README). Matched by email, so running it "
        "again updates them. A file with bad rows imports nothing unless --skip-invalid."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The CSV file.")
        parser.add_argument("--dry-run", action="store_true", help="Check the file and report; write nothing.")
        parser.add_argument("--skip-invalid", action="store_true", help="Import the valid rows, report the bad ones.")

    def handle(self, *args, **options):
        path, dry_run, skip_invalid = options["file"], options["dry_run"], options["skip_invalid"]
        try:
            with open(path, "rb") as csv_file:
                rows, invalid_rows = importers.parse_rows(file=csv_file)
        except OSError as error:
            raise CommandError(f"cannot read {path}: {error.strerror}") from None
        except importers.ImportFileError as error:
            raise CommandError(f"{path}: {error}; nothing was imported") from None
        problems = [message for invalid_row in invalid_rows for message in invalid_row.messages()]
        if problems and not skip_invalid and not dry_run:
            raise CommandError(
                "nothing was imported: the file has bad rows (fix them, or use --skip-invalid "
                "to import only the valid ones):\n" + "\n".join(problems)
            )
        for problem in problems:
            self.stderr.write(problem)
        summary = importers.import_participants(rows=rows, dry_run=dry_run)
        for kept in summary.kept:
            self.stdout.write(kept.message())
        if dry_run:
            self.stdout.write(
                f"dry run, nothing written: {summary.created} new, {summary.updated} updated, "
                f"{len(invalid_rows)} invalid"
            )
            if problems and not skip_invalid:
                raise CommandError("the file has bad rows: without --skip-invalid, a real run would import nothing")
            return
        self.stdout.write(f"created {summary.created}, updated {summary.updated}, skipped {len(invalid_rows)} invalid")
