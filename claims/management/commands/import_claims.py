import sys
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from claims.importer import ImportRefused, read_rows
from claims.services import import_claims


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
        parser.add_argument(
            "--user",
            help="Import as this account: its rights decide what the file may publish, "
            "verify or change, and history names it. Without it, the import is the "
            "system's own (an operator's), which may do everything.",
        )

    def handle(self, *args, file: Path, dry_run: bool, user: str | None, **options):
        by = None
        if user is not None:
            by = get_user_model().objects.filter(username=user).first()
            if by is None:
                raise CommandError(f"No account named “{user}”.")
            # As on the admin's import page: importing is adding claims.
            if not by.has_perm("claims.add_claim"):
                raise CommandError(f"“{user}” may not add claims, so may not import them.")
        try:
            stream = file.open("rb")
        except OSError as error:
            raise CommandError(f"{file}: {error.strerror}") from error
        with stream:
            self._import(stream, file, dry_run=dry_run, by=by)

    def _import(self, stream, file: Path, *, dry_run: bool, by) -> None:
        # Read as the import goes, a chunk of rows at a time: never the whole file.
        rows = read_rows(stream, file.name)
        show = sys.stderr.isatty()

        def progress(items):
            return tqdm(items, unit="rows", file=sys.stderr, disable=not show)

        try:
            report = import_claims(rows, dry_run=dry_run, by=by, progress=progress)
        except ImportRefused as refused:
            report = refused.report
            for error in report.errors:
                self.stderr.write(f"{file.name}: {error}")
            if report.problems_not_listed:
                self.stderr.write(f"{file.name}: and {report.problems_not_listed} more problem(s).")
            raise CommandError(
                f"Nothing was imported: {report.problem_count} problem(s) in {report.rows} row(s)."
            ) from refused
        except UnicodeDecodeError as error:
            raise CommandError(f"{file}: not UTF-8 text ({error.reason}).") from error
        for duplicate in report.probable_duplicates:
            self.stdout.write(self.style.WARNING(f"Probable duplicate: {duplicate}."))
        verb = "Would import" if dry_run else "Imported"
        self.stdout.write(self.style.SUCCESS(f"{verb} {report.rows} rows: {report.summary()}."))
