import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from claims.exports import csv_lines, ndjson_lines
from claims.models import Claim

FORMATS = {".csv": csv_lines, ".ndjson": ndjson_lines, ".jsonl": ndjson_lines}


class Command(BaseCommand):
    help = (
        "Write every published claim to FILE as CSV or NDJSON (by its extension), in the "
        "same format as the API's exports. Shows a progress bar on a terminal."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="e.g. claims.csv or claims.ndjson")
        parser.add_argument(
            "--include-drafts", action="store_true", help="Export draft claims too."
        )

    def handle(self, *args, file: Path, include_drafts: bool, **options):
        lines = FORMATS.get(file.suffix.lower())
        if lines is None:
            raise CommandError(f"{file}: the name must end in {', '.join(FORMATS)}.")
        claims = Claim.objects.all() if include_drafts else Claim.objects.published()
        total = claims.count()
        rows = lines(claims, include_drafts=include_drafts)
        progress = tqdm(
            total=total, unit="claims", disable=not sys.stderr.isatty(), file=sys.stderr
        )
        with file.open("w", encoding="utf-8", newline="") as out, progress:
            if file.suffix.lower() == ".csv":
                out.write(next(rows))  # the header row
            for line in rows:
                out.write(line)
                progress.update()
        self.stdout.write(self.style.SUCCESS(f"Wrote {total} claims to {file}."))
