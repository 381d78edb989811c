from django.core.management.base import BaseCommand

from claims import services
from claims.models import Event


class Command(BaseCommand):
    help = (
        "Recompute every event's stored attribution (headline state and reason, candidates) "
        "from its published claims: once after an upgrade that changes what is stored."
    )

    def handle(self, *args, **options):
        event_ids = list(Event.objects.values_list("pk", flat=True))
        services.refresh_attributions(event_ids)
        self.stdout.write(f"Refreshed the attribution of {len(event_ids)} events.")
