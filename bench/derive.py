"""Each event's stored attribution (headline state and reason, published claim count,
candidates),
computed in bulk: the same rules as `claims.services.refresh_attribution`, over facts
read a few thousand events at a time instead of five queries per event.

`verify` then checks a sample against `refresh_attribution` itself.
"""

import json
import random
import time

from django.db import connection, transaction

from bench.load import insert_rows
from claims.attribution import attribution_state
from claims.models import Actor, Claim, Event, EventCandidate
from claims.services import refresh_attribution

EVENTS_PER_BATCH = 5000


def derive_all() -> dict:
    started = time.perf_counter()
    parents = Actor.objects.parent_map()
    published = Claim.Publication.PUBLISHED
    last_event = Event.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    states: list[tuple[str, str, int, int]] = []  # state, reason (JSON), count, event id
    candidates: list[tuple] = []
    for low in range(1, last_event + 1, EVENTS_PER_BATCH):
        high = low + EVENTS_PER_BATCH
        by_event = (
            Claim.objects.filter(event_id__gte=low, event_id__lt=high, publication=published)
            .order_by()
            .facts_by_event()
        )
        for event_id, facts in by_event.items():
            result = attribution_state(facts, parents)
            reason = json.dumps(result.headline_reason.as_data())
            states.append((result.state.value, reason, len(facts), event_id))
            for role in result.roles.values():
                for rank, candidate in enumerate(role.candidates, start=1):
                    candidates.append(
                        (
                            event_id,
                            candidate.actor_id,
                            role.role,
                            role.state.value,
                            rank,
                            len(candidate.supporting),
                        )
                    )
    computed = time.perf_counter() - started
    with transaction.atomic():
        EventCandidate.objects.all().delete()
        Event.objects.update(
            attribution_state="unattributed", headline_reason=None, published_claim_count=0
        )
        _update_events(states)
        insert_rows(
            EventCandidate,
            ["event_id", "actor_id", "role", "role_state", "rank", "supporting_count"],
            candidates,
        )
    return {
        "events_with_published_claims": len(states),
        "candidates": len(candidates),
        "compute_seconds": round(computed, 2),
        "seconds": round(time.perf_counter() - started, 2),
    }


def _update_events(states: list[tuple[str, str, int, int]]) -> None:
    table = connection.ops.quote_name(Event._meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "CREATE TEMPORARY TABLE bench_event_state "
                "(state varchar(16), reason jsonb, n integer, id bigint) ON COMMIT DROP"
            )
            with cursor.copy("COPY bench_event_state (state, reason, n, id) FROM STDIN") as copy:
                for row in states:
                    copy.write_row(row)
            cursor.execute(
                f"UPDATE {table} AS e SET attribution_state = s.state, headline_reason = s.reason, "
                "published_claim_count = s.n FROM bench_event_state AS s WHERE e.id = s.id"
            )
        else:
            cursor.executemany(
                f"UPDATE {table} SET attribution_state = %s, headline_reason = %s, "
                "published_claim_count = %s WHERE id = %s",
                states,
            )


def _snapshot(event_id: int) -> tuple:
    event = Event.objects.get(pk=event_id)
    return (
        event.attribution_state,
        event.headline_reason,
        event.published_claim_count,
        sorted(
            EventCandidate.objects.filter(event_id=event_id).values_list(
                "actor_id", "role", "role_state", "rank", "supporting_count"
            )
        ),
    )


def verify(sample: int = 25, seed: int = 1) -> dict:
    """Recompute a sample of events (the largest among them) with refresh_attribution and
    compare with what the bulk computation stored. Raises if any differs."""
    ids = list(Event.objects.order_by("pk").values_list("pk", flat=True))
    rng = random.Random(seed)
    chosen = set(rng.sample(ids, min(sample, len(ids))))
    chosen |= set(Event.objects.order_by("-published_claim_count").values_list("pk", flat=True)[:3])
    differing = []
    for event_id in sorted(chosen):
        before = _snapshot(event_id)
        refresh_attribution(Event.objects.get(pk=event_id))
        if _snapshot(event_id) != before:
            differing.append(event_id)
    if differing:
        raise AssertionError(f"bulk attribution differs from refresh_attribution: {differing}")
    return {"events_checked": len(chosen), "all_equal": True}
