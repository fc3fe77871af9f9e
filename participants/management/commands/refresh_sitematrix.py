"""Replace the shipped site matrix snapshot with a newer saved answer of Meta-Wiki's `action=sitematrix`."""

import json

from django.core.management.base import BaseCommand, CommandError

from participants import wikis


class Command(BaseCommand):
    help = (
        "Replace participants/data/sitematrix.json with a saved answer of "
        "https://meta.wikimedia.org/w/api.php?action=sitematrix&format=json&uselang=en, "
        "after checking it, and print the wikis that came, went, closed or reopened."
    )

    def add_arguments(self, parser):
        parser.add_argument("answer", help="the saved API answer (a JSON file)")
        parser.add_argument("--dry-run", action="store_true", help="print the changes, keep the snapshot")

    def handle(self, *args, answer, dry_run, **options):
        try:
            with open(answer, encoding="utf-8") as file:
                decoded = json.load(file)
            new = wikis.parse(decoded)
        except OSError as error:
            raise CommandError(f"cannot read {answer}: {error.strerror}") from None
        except ValueError as error:
            raise CommandError(f"{answer} is not a site matrix: {error}") from None
        old = wikis.parse(json.loads(wikis.SNAPSHOT.read_text(encoding="utf-8")))
        for line in _changes(old, new):
            self.stdout.write(line)
        if dry_run:
            return
        wikis.SNAPSHOT.write_text(json.dumps(decoded, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        wikis.site_matrix.cache_clear()
        open_count = sum(1 for wiki in new.wikis.values() if not wiki.closed)
        self.stdout.write(f"{len(new.wikis)} wikis ({open_count} open, {len(new.wikis) - open_count} closed) saved")


def _changes(old, new):
    for key in sorted(new.wikis.keys() - old.wikis.keys()):
        yield f"new: {new.wikis[key].code}" + (" (closed)" if new.wikis[key].closed else "")
    for key in sorted(old.wikis.keys() - new.wikis.keys()):
        yield f"gone: {old.wikis[key].code}"
    for key in sorted(old.wikis.keys() & new.wikis.keys()):
        if old.wikis[key].closed != new.wikis[key].closed:
            yield f"{'closed' if new.wikis[key].closed else 'reopened'}: {new.wikis[key].code}"
