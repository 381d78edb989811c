"""The change feed: every public claim and event created, changed, withdrawn or deleted
since a moment, in order, so that a nightly client can mirror the public data exactly.

Built on the history tables, which record every save and delete. An object that
changed several times appears once, at its latest change, with its current state:
`upsert` with its data while it is public, or a `delete` tombstone once it is not
(deleted, unpublished, or an event left without published claims). Objects that
were never public are never mentioned.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Max

from claims.models import Claim, Event

PUBLISHED = Claim.Publication.PUBLISHED


@dataclass(frozen=True, order=True)
class Position:
    """Where a change stands in the feed; also the feed's cursor."""

    changed_at: datetime.datetime
    kind: str
    id: int

    def encode(self) -> str:
        return f"{self.changed_at.isoformat()}|{self.kind}|{self.id}"

    @classmethod
    def decode(cls, text: str) -> "Position":
        """Raises ValueError on anything that is not a cursor this feed gave out."""
        moment, kind, pk = text.split("|")
        changed_at = datetime.datetime.fromisoformat(moment)
        if kind not in ("claim", "event") or changed_at.tzinfo is None:
            raise ValueError(text)
        return cls(changed_at, kind, int(pk))


@dataclass
class Change:
    position: Position
    action: str  # "upsert" or "delete"
    reason: str  # "changed", "deleted", "unpublished"
    obj: Claim | Event | None
    slug: str = ""


def _latest_changes(history, since) -> dict[int, datetime.datetime]:
    """Each object changed after `since`, with the moment of its latest change."""
    rows = (
        history.objects.filter(history_date__gt=since)
        .values("id")
        .annotate(latest=Max("history_date"))
        .values_list("id", "latest")
    )
    return dict(rows)


def changes_since(
    since: datetime.datetime, *, after: Position | None = None, limit: int = 500
) -> tuple[list[Change], Position | None]:
    """Up to `limit` changes after `since` (and after the cursor `after`).

    Returns them with the cursor of the next page, or None when this page is the last.
    """
    claim_history = Claim.history.model
    event_history = Event.history.model
    claim_times = _latest_changes(claim_history, since)
    event_times = _latest_changes(event_history, since)
    # A change to a claim that was ever public can publish or withdraw its event, and
    # the event it was moved away from: those events change with it. Drafts never
    # published change nothing a reader sees, and are not mentioned.
    changed = claim_history.objects.filter(history_date__gt=since).values("id")
    ever_public = claim_history.objects.filter(publication=PUBLISHED, id__in=changed).values("id")
    public_claims = set(ever_public.values_list("id", flat=True))
    claim_times = {pk: moment for pk, moment in claim_times.items() if pk in public_claims}
    claim_events = claim_history.objects.filter(id__in=ever_public).values_list("id", "event_id")
    for claim_id, event_id in claim_events.distinct():
        moment = claim_times[claim_id]
        event_times[event_id] = max(moment, event_times.get(event_id, moment))

    positions = sorted(
        [Position(moment, "claim", pk) for pk, moment in claim_times.items()]
        + [Position(moment, "event", pk) for pk, moment in event_times.items()]
    )
    if after is not None:
        positions = [position for position in positions if position > after]
    page, more = positions[:limit], len(positions) > limit

    claim_ids = [p.id for p in page if p.kind == "claim"]
    event_ids = [p.id for p in page if p.kind == "event"]
    claims = {
        claim.pk: claim
        for claim in Claim.objects.filter(pk__in=claim_ids)
        .published()
        .for_display()
        .with_public_responds_to()
    }
    events = {
        event.pk: event
        for event in Event.objects.filter(pk__in=event_ids)
        .public()
        .with_relations(public_only=True)
    }
    ever_public_events = set(
        claim_history.objects.filter(event_id__in=event_ids, publication=PUBLISHED).values_list(
            "event_id", flat=True
        )
    )
    existing_claims = set(Claim.objects.filter(pk__in=claim_ids).values_list("pk", flat=True))
    existing_events = set(Event.objects.filter(pk__in=event_ids).values_list("pk", flat=True))
    event_slugs = dict(
        event_history.objects.filter(id__in=event_ids)
        .order_by("id", "history_date")
        .values_list("id", "slug")
    )

    changes = []
    for position in page:
        if position.kind == "claim":
            if position.id in claims:
                changes.append(Change(position, "upsert", "changed", claims[position.id]))
            elif position.id in public_claims:
                reason = "unpublished" if position.id in existing_claims else "deleted"
                changes.append(Change(position, "delete", reason, None))
        elif position.id in events:
            event = events[position.id]
            changes.append(Change(position, "upsert", "changed", event, event.slug))
        elif position.id in ever_public_events:
            reason = "unpublished" if position.id in existing_events else "deleted"
            changes.append(
                Change(position, "delete", reason, None, event_slugs.get(position.id, ""))
            )
    return changes, (page[-1] if more else None)
