"""Each event's stored attribution (headline state and reason, published claim count,
candidates) for the generated data: the services' own bulk refresh, as an import runs it.
"""

import time

from claims.models import Event, EventCandidate
from claims.services import refresh_attributions


def derive_all() -> dict:
    started = time.perf_counter()
    refresh_attributions(Event.objects.order_by("pk").values_list("pk", flat=True))
    return {
        "events_with_published_claims": Event.objects.filter(published_claim_count__gt=0).count(),
        "candidates": EventCandidate.objects.count(),
        "seconds": round(time.perf_counter() - started, 2),
    }
