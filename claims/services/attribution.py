"""The derived attribution stored on each event (its headline state and candidates),
kept in step with its published claims and the actor tree. No editor's change: no
history, no new version; an event whose headline state changes is announced."""

from django.db import connection, transaction

from claims.announcements import Change, announce, pending
from claims.attribution import ClaimFacts, attribution_state, with_subunits
from claims.caching import content_changed
from claims.models import Actor, Claim, Event, EventCandidate


def refresh_attribution(event: Event) -> None:
    """Store the event's headline state and candidates as its published claims now say."""
    refresh_attributions([event.pk])
    event.refresh_from_db(fields=["attribution_state", "headline_reason", "published_claim_count"])


@transaction.atomic
def refresh_attributions(event_ids, *, chunk_size: int = 500) -> None:
    """The same for many events at once (an import): the actor tree is read once, and
    claims, citations and the derived rows are read and written a chunk of events at a
    time, as plain values (no model instance per claim and citation)."""
    # What readers see may change even when no event's attribution does (a quote).
    content_changed()
    parents = Actor.objects.parent_map()
    event_ids = sorted(set(event_ids))
    changed: list[int] = []
    for start in range(0, len(event_ids), chunk_size):
        chunk = event_ids[start : start + chunk_size]
        stored = _stored_attributions(chunk)
        facts = _published_facts(chunk)
        candidates, states = [], []
        for event_id, event_facts in facts.items():
            result = attribution_state(event_facts, parents)
            reason = result.headline_reason.as_data()
            states.append((result.state.value, reason, len(event_facts), event_id))
            candidates += [
                EventCandidate(
                    event_id=event_id,
                    actor_id=candidate.actor_id,
                    role=role.role,
                    role_state=role.state,
                    rank=rank,
                    supporting_count=len(candidate.supporting),
                )
                for role in result.roles.values()
                for rank, candidate in enumerate(role.candidates, start=1)
            ]
        # An UPDATE, not save(): derived data is no editor's change (no history, no new
        # version).
        _store_event_states(states)
        EventCandidate.objects.filter(event_id__in=chunk).delete()
        EventCandidate.objects.bulk_create(candidates)
        now = _attributions_of([(st, n, pk) for st, _, n, pk in states], candidates)
        changed += [pk for pk in chunk if stored.get(pk) != now.get(pk)]
    # Once per transaction: an action publishing several claims of one event refreshes it
    # after each, and receivers read the attribution as committed anyway.
    changed = [pk for pk in changed if pk not in pending(Change.ATTRIBUTION_CHANGED)]
    if changed:
        announce(Change.ATTRIBUTION_CHANGED, changed)


def _stored_attributions(event_ids: list[int]) -> dict[int, tuple]:
    """Each event's stored headline state and candidates, to tell which ones change."""
    states = [
        (state, count, pk)
        for pk, state, count in Event.objects.filter(pk__in=event_ids).values_list(
            "pk", "attribution_state", "published_claim_count"
        )
    ]
    candidates = [
        EventCandidate(event_id=e, actor_id=a, role=r, role_state=s, rank=n)
        for e, a, r, s, n in EventCandidate.objects.filter(event_id__in=event_ids).values_list(
            "event_id", "actor_id", "role", "role_state", "rank"
        )
    ]
    return _attributions_of(states, candidates)


def _attributions_of(states, candidates) -> dict[int, tuple]:
    ranked: dict[int, set] = {}
    for c in candidates:
        ranked.setdefault(c.event_id, set()).add((c.actor_id, c.role, c.role_state, c.rank))
    return {pk: (state, count, frozenset(ranked.get(pk, ()))) for state, count, pk in states}


def _store_event_states(states: list[tuple[str, dict, int, int]]) -> None:
    """(state, headline reason, published claim count, event id) rows, in one executemany
    (bulk_update's CASE of every event of the chunk costs more to build than to run)."""
    table = connection.ops.quote_name(Event._meta.db_table)
    reason_field = Event._meta.get_field("headline_reason")
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {table} SET attribution_state = %s, headline_reason = %s, "
            "published_claim_count = %s WHERE id = %s",
            [
                (state, reason_field.get_db_prep_save(reason, connection), count, pk)
                for state, reason, count, pk in states
            ],
        )


def _published_facts(event_ids: list[int]) -> dict[int, list[ClaimFacts]]:
    """Each event's published claims as the attribution rules see them, in date order
    (an event without any: an empty list)."""
    published = Claim.objects.filter(event_id__in=event_ids).published().order_by("stated_on", "pk")
    return {pk: [] for pk in event_ids} | published.facts_by_event()


def refresh_attribution_of_actor_events(actor: Actor) -> None:
    """After a change in the actor tree: every event naming the actor or a body below it."""
    below = with_subunits([actor.pk], Actor.objects.parent_map())
    events = Event.objects.filter(claims__attributed_actor__in=below).values_list("pk", flat=True)
    refresh_attributions(events.distinct())
