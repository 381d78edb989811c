"""The change feed: every public claim and event created, changed, withdrawn or deleted
since a moment, in order, so that a nightly client can mirror the public data exactly.

Built on the history tables, which record every save and delete. An object that
changed several times appears once, at its latest public change, with its current
state: `upsert` with its data while it is public, or a `delete` tombstone once it is
not (deleted, unpublished, or an event left without published claims).

Nothing readers never saw is mentioned, not even in a cursor (which is always the
position of the last entry its page gave). A claim's public changes are its saves
while published and the save that withdrew it (unpublished, moved away, deleted); an
edit of a draft, or of an event with drafts only, changes nothing a reader sees, and
a tombstone is dated when the object was withdrawn, with the slug readers knew.

An object also changes when something its data shows does: an event with the public
changes of its claims (its state) and of the events its `related` names (which list
public events only), a claim with the claim its `responds_to` names (null while that
claim is not published).
"""

import datetime
from dataclasses import dataclass

from django.db.models import F, Max, OuterRef, Subquery
from django.db.models.functions import Coalesce

from claims.models import Claim, Event, EventRelation

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


def _later(moments: dict[int, datetime.datetime], pk: int, moment: datetime.datetime) -> None:
    moments[pk] = max(moment, moments.get(pk, moment))


def _claims_public_changes(since) -> dict[tuple[int, int], datetime.datetime]:
    """For each claim published at some point and each event it was published on, the
    moment of its latest public change there, when that is after `since`.

    That is the save that took it off the event or out of readers' sight (unpublished,
    moved, deleted), or its last save while published there if none did. One query:
    each published version with the moment of the claim's next version, if any; the
    latest of those per claim and event (a later version's next one is later still).
    """
    history = Claim.history.model
    touched = history.objects.filter(history_date__gt=since).values("id")
    next_version = (
        history.objects.filter(id=OuterRef("id"), history_date__gt=OuterRef("history_date"))
        .order_by("history_date")
        .values("history_date")[:1]
    )
    rows = (
        history.objects.filter(id__in=touched, publication=PUBLISHED)
        .annotate(left_at=Coalesce(Subquery(next_version), F("history_date")))
        .values("id", "event_id")
        .annotate(moment=Max("left_at"))
        .order_by()
        .values_list("id", "event_id", "moment")
    )
    return {(claim, event): moment for claim, event, moment in rows if moment > since}


def _latest_edits(history, since) -> dict[int, datetime.datetime]:
    """Each object saved or deleted after `since`, with the moment of its latest save."""
    rows = (
        history.objects.filter(history_date__gt=since)
        .values("id")
        .annotate(latest=Max("history_date"))
        .values_list("id", "latest")
    )
    return dict(rows)


def _positions(since) -> list[Position]:
    """Every claim and event readers saw change after `since`, at its latest public change."""
    claim_history = Claim.history.model
    event_history = Event.history.model
    claims: dict[int, datetime.datetime] = {}
    by_claims: dict[int, datetime.datetime] = {}  # each event: its claims' changes there
    for (claim, event), moment in _claims_public_changes(since).items():
        _later(claims, claim, moment)
        _later(by_claims, event, moment)

    # The events that may have changed: those saved, and those a published claim was on.
    touched_claims = claim_history.objects.filter(history_date__gt=since).values("id")
    events_of_claims = claim_history.objects.filter(
        id__in=touched_claims, publication=PUBLISHED
    ).values("event_id")
    saved_events = event_history.objects.filter(history_date__gt=since).values("id")
    # One set of ids (a UNION): an OR of the two lookups had PostgreSQL run each subquery
    # again for every event once they outgrew its memory, quadratic in the events
    # touched (more than twelve minutes for a year at a million claims).
    touched_events = saved_events.order_by().union(events_of_claims.order_by())
    edits = _latest_edits(event_history, since)
    events: dict[int, datetime.datetime] = {}
    # Every edit of a public event is public: one made while it had drafts only came
    # before the publication that made it public, which its claims' changes date. (The
    # saved events only: any other changed with its claims, below, whether public or
    # not; looking among all the touched events read every published claim version.)
    for pk in Event.objects.public().filter(pk__in=saved_events).values_list("pk", flat=True):
        events[pk] = max(moment for moment in (edits.get(pk), by_claims.get(pk)) if moment)
    # An event readers no longer see changed last when its last public claim left it.
    for pk, moment in by_claims.items():
        events.setdefault(pk, moment)

    # What the data of others shows: the events a public event relates to, the claim a
    # published claim answers.
    own_events, own_claims = dict(events), dict(claims)
    relations = EventRelation.objects.filter(
        to_event__in=touched_events, from_event__published_claim_count__gt=0
    ).values_list("from_event_id", "to_event_id")
    for from_event, to_event in relations:
        if to_event in own_events:
            _later(events, from_event, own_events[to_event])
    answers = (
        Claim.objects.published()
        .filter(responds_to__in=touched_claims)
        .values_list("pk", "responds_to_id")
    )
    for claim, answered in answers:
        if answered in own_claims:
            _later(claims, claim, own_claims[answered])

    return sorted(
        [Position(moment, "claim", pk) for pk, moment in claims.items()]
        + [Position(moment, "event", pk) for pk, moment in events.items()]
    )


def _slugs_readers_knew(positions: list[Position]) -> dict[int, str]:
    """The slug of each of these events as of the moment of its position."""
    moments = {position.id: position.changed_at for position in positions}
    slugs = {}
    for pk, moment, slug in (
        Event.history.model.objects.filter(id__in=list(moments))
        .order_by("id", "history_date")
        .values_list("id", "history_date", "slug")
    ):
        if moment <= moments[pk]:
            slugs[pk] = slug
    return slugs


def changes_since(
    since: datetime.datetime, *, after: Position | None = None, limit: int = 500
) -> tuple[list[Change], Position | None]:
    """Up to `limit` changes after `since` (and after the cursor `after`).

    Returns them with the cursor of the next page, or None when this page is the last.
    """
    positions = _positions(since)
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
    gone_claims = [pk for pk in claim_ids if pk not in claims]
    gone_events = [p for p in page if p.kind == "event" and p.id not in events]
    existing_claims = set(Claim.objects.filter(pk__in=gone_claims).values_list("pk", flat=True))
    existing_events = set(
        Event.objects.filter(pk__in=[p.id for p in gone_events]).values_list("pk", flat=True)
    )
    slugs = _slugs_readers_knew(gone_events)

    changes = []
    for position in page:
        if position.kind == "claim":
            if position.id in claims:
                changes.append(Change(position, "upsert", "changed", claims[position.id]))
            else:
                reason = "unpublished" if position.id in existing_claims else "deleted"
                changes.append(Change(position, "delete", reason, None))
        elif position.id in events:
            event = events[position.id]
            changes.append(Change(position, "upsert", "changed", event, event.slug))
        else:
            reason = "unpublished" if position.id in existing_events else "deleted"
            changes.append(Change(position, "delete", reason, None, slugs.get(position.id, "")))
    return changes, (page[-1] if more else None)
