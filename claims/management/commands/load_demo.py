from django.core.management.base import BaseCommand

from claims.demo.load import load_demo


class Command(BaseCommand):
    help = "Load the demo data set drawn from the reference articles (safe to run again)."

    def handle(self, *args, **options):
        report = load_demo()
        if not report.changed_anything:
            self.stdout.write("Demo data already loaded; nothing changed.")
            return
        for label, counts in (
            ("Created", report.created),
            ("Updated", report.updated),
            ("Deleted", report.deleted),
        ):
            if counts:
                summary = ", ".join(f"{n} {name}" for name, n in sorted(counts.items()))
                self.stdout.write(self.style.SUCCESS(f"{label}: {summary}."))
