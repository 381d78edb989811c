import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from claims.importer import ImportRefused, import_claims, read_rows


class Command(BaseCommand):
    help = (
        "Import claims from a CSV or NDJSON file in the export's format, or from the simpler "
        "spreadsheet CSV described in the README. All or nothing: one bad row and nothing is "
        "written, and every bad row is listed. Importing the same file again creates nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--dry-run", action="store_true", help="Validate and report; write nothing."
        )

    def handle(self, *args, file: Path, dry_run: bool, **options):
        try:
            data = file.read_bytes()
        except OSError as error:
            raise CommandError(f"{file}: {error.strerror}") from error
        rows = read_rows(data, file.name)
        show = sys.stderr.isatty()

        def progress(items):
            return tqdm(items, unit="rows", file=sys.stderr, disable=not show)

        try:
            report = import_claims(rows, dry_run=dry_run, progress=progress)
        except ImportRefused as refused:
            for error in refused.report.errors:
                self.stderr.write(f"{file.name}: {error}")
            raise CommandError(
                f"Nothing was imported: {len(refused.report.errors)} problem(s) in "
                f"{refused.report.rows} row(s)."
            ) from refused
        except UnicodeDecodeError as error:
            raise CommandError(f"{file}: not UTF-8 text ({error.reason}).") from error
        for duplicate in report.probable_duplicates:
            self.stdout.write(self.style.WARNING(f"Probable duplicate: {duplicate}."))
        verb = "Would import" if dry_run else "Imported"
        self.stdout.write(self.style.SUCCESS(f"{verb} {report.rows} rows: {report.summary()}."))
