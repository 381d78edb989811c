import gzip
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand

# Rebuilt by `migrate` or of no value in a restore.
EXCLUDED = ["contenttypes", "auth.permission", "sessions", "axes", "admin.logentry"]


class Command(BaseCommand):
    help = (
        "Write a full backup (every record and its history, accounts, groups and API tokens) "
        "to FILE as JSON, gzipped when FILE ends in .gz. Restore it into an empty, migrated "
        "database with: python manage.py loaddata FILE"
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="e.g. backup-2024-02-08.json.gz")

    def handle(self, *args, file: Path, **options):
        opener = gzip.open if file.suffix == ".gz" else open
        with opener(file, "wt", encoding="utf-8") as out:
            call_command(
                "dumpdata",
                natural_foreign=True,
                natural_primary=True,
                exclude=EXCLUDED,
                stdout=out,
            )
        self.stdout.write(self.style.SUCCESS(f"Backup written to {file}."))
