"""What readers saw change, read from history: the public corrections log, and the
record as the tracker showed it at the end of a day.

A correction is a change to something readers saw: a published claim retracted (with
its reason), unpublished, deleted, its status changed, or one of its quotes corrected.
Each is found in the history tables by comparing a version with the one before it, so
nothing is typed twice; an edit of a draft is nobody's business but the editors'.

`shown_on(event, day)` answers "what did the tracker say on 1 February?": the claims
published on the event at the end of that day, with the values (status, stance, actor)
they had then. Today's `as_of` is a different question: the claims made by a date,
judged with today's verdicts.
"""

import datetime
from dataclasses import dataclass

from django.db import models
from django.db.models import F, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from claims.models import Actor, Citation, Claim, Event, Person
from claims.models.choices import choice_label

PUBLISHED = Claim.Publication.PUBLISHED

# The claim's relations a one-line description needs (ClaimQuerySet.with_related).
_DESCRIBED_BY = ["claimant_actor", "claimant_person", "attributed_actor", "attributed_actor_hint"]


class CorrectionKind(models.TextChoices):
    """The kinds of change to what readers saw that the log tells of."""

    RETRACTED = "retracted", _("Retracted")
    UNPUBLISHED = "unpublished", _("Withdrawn from publication")
    DELETED = "deleted", _("Removed")
    STATUS_CHANGED = "status_changed", _("Status changed")
    QUOTE_CORRECTED = "quote_corrected", _("Quote corrected")


@dataclass(frozen=True)
class Correction:
    """One change to what readers saw. `claim` is the claim as readers last saw it
    before the change (its relations loaded, for its one-line description)."""

    kind: str
    at: datetime.datetime
    claim: Claim
    event: Event
    reason: str
    # The status or quote readers saw before, and after the change ("" when gone).
    before: str
    after: str
    # The history row that records the change: the entry's stable identity.
    history_id: int
    source: str  # "claim" or "citation": which history the row is in

    @property
    def label(self) -> str:
        return str(CorrectionKind(self.kind).label)

    @property
    def statuses(self) -> tuple[str, str]:
        """A status change's status before and after, in the reader's words (`before`
        and `after` hold the stored values, which the API gives)."""
        return (
            choice_label(Claim.Status, self.before),
            choice_label(Claim.Status, self.after),
        )

    @property
    def uid(self) -> str:
        return f"{self.source}-{self.history_id}"


def end_of_day(day: datetime.date) -> datetime.datetime:
    """The last moment of `day` in the site's time zone."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.max))


def _previous(history, field: str) -> Subquery:
    """The value of `field` in the version before the outer historical row, if any."""
    return Subquery(
        history.objects.filter(id=OuterRef("id"))
        .filter(
            Q(history_date__lt=OuterRef("history_date"))
            | Q(history_date=OuterRef("history_date"), history_id__lt=OuterRef("history_id"))
        )
        .order_by("-history_date", "-history_id")
        .values(field)[:1]
    )


def _claim_changes(claim_ids, since: datetime.datetime | None):
    """Historical claim rows that changed what readers saw: the previous version was
    published and this one unpublishes, deletes or changes the status. One query; of
    the claims `claim_ids` (a subquery), or of any claim (None)."""
    history = Claim.history.model
    rows = (
        history.objects.filter(**({} if claim_ids is None else {"id__in": claim_ids}))
        .annotate(
            was_publication=_previous(history, "publication"),
            was_status=_previous(history, "status"),
        )
        .filter(was_publication=PUBLISHED)
        .filter(
            ~Q(publication=F("was_publication")) | ~Q(status=F("was_status")) | Q(history_type="-")
        )
    )
    if since is not None:
        rows = rows.filter(history_date__gt=since)
    return rows


def _quote_changes(claim_ids, since: datetime.datetime | None):
    """Historical citation rows that corrected the quote of a claim published at the
    time. One query; of the claims `claim_ids` (a subquery), or of any claim (None)."""
    history = Citation.history.model
    claim_then = (
        Claim.history.model.objects.filter(
            id=OuterRef("claim_id"), history_date__lte=OuterRef("history_date")
        )
        .order_by("-history_date", "-history_id")
        .values("publication")[:1]
    )
    rows = (
        history.objects.filter(
            history_type="~", **({} if claim_ids is None else {"claim_id__in": claim_ids})
        )
        .annotate(was_quote=_previous(history, "quote"), claim_publication=Subquery(claim_then))
        .filter(claim_publication=PUBLISHED)
        .exclude(was_quote=F("quote"))
        .exclude(was_quote__isnull=True)
    )
    if since is not None:
        rows = rows.filter(history_date__gt=since)
    return rows


def corrections(
    *, event: Event | None = None, since: datetime.datetime | None = None, limit: int = 200
) -> list[Correction]:
    """The latest corrections, newest first: of one event's claims, or of every claim.

    Six queries whatever the number: the claims' changes, the quotes' changes, the
    versions readers saw before them, the actors, the people and the events named.
    """
    # Every version of the claims ever on the event (the comparison with the previous
    # version needs them all). The whole log needs no list of claims, as a correction
    # is of a claim published at the time: the list of those ever published was read
    # whole for each quote edit (2.5 s at a million claims with their history).
    claims = (
        Claim.history.model.objects.filter(event_id=event.pk).values("id")
        if event is not None
        else None
    )
    claim_rows = list(
        _claim_changes(claims, since)
        .order_by("-history_date", "-history_id")
        .values(
            "history_id", "id", "history_date", "history_type", "history_change_reason",
            "publication", "status", "was_status", "retraction_reason",
        )[:limit]
    )  # fmt: skip
    quote_rows = list(
        _quote_changes(claims, since)
        .order_by("-history_date", "-history_id")
        .values("history_id", "claim_id", "history_date", "history_change_reason", "quote")
        .annotate(before=F("was_quote"))[:limit]
    )
    # The version of each claim readers saw just before each change: the latest
    # published one at or before it.
    moments = [(row["id"], row["history_date"]) for row in claim_rows] + [
        (row["claim_id"], row["history_date"]) for row in quote_rows
    ]
    versions = _published_versions({pk for pk, _ in moments})
    found = []
    for row in claim_rows:
        seen = _seen_before(versions, row["id"], row["history_date"], row["history_id"])
        if seen is None or (event is not None and seen.event_id != event.pk):
            continue
        if row["history_type"] == "-":
            kind, after = CorrectionKind.DELETED, ""
        elif row["status"] != row["was_status"] and row["status"] == Claim.Status.RETRACTED:
            kind, after = CorrectionKind.RETRACTED, row["status"]
        elif row["publication"] != PUBLISHED:
            kind, after = CorrectionKind.UNPUBLISHED, ""
        else:
            kind, after = CorrectionKind.STATUS_CHANGED, row["status"]
        reason = (
            row["retraction_reason"]
            if kind == CorrectionKind.RETRACTED
            else row["history_change_reason"] or ""
        )
        found.append(
            (kind, row["history_date"], seen, reason, row["was_status"], after, row, "claim")
        )
    for row in quote_rows:
        seen = _seen_before(versions, row["claim_id"], row["history_date"])
        if seen is None or (event is not None and seen.event_id != event.pk):
            continue
        found.append(
            (
                CorrectionKind.QUOTE_CORRECTED,
                row["history_date"],
                seen,
                row["history_change_reason"] or "",
                row["before"],
                row["quote"],
                row,
                "citation",
            )
        )
    found.sort(key=lambda entry: (entry[1], entry[6]["history_id"]), reverse=True)
    found = found[:limit]
    _describe([entry[2] for entry in found], event)
    return [
        Correction(
            kind=kind,
            at=at,
            claim=claim,
            event=claim.event,
            reason=reason,
            before=before or "",
            after=after or "",
            history_id=row["history_id"],
            source=source,
        )
        for kind, at, claim, reason, before, after, row, source in found
    ]


# A claim's values as its history rows hold them, in the order `Claim.from_db` takes.
_CLAIM_COLUMNS = tuple(field.attname for field in Claim._meta.concrete_fields)


def _published_versions(claim_ids: set[int]) -> dict[int, list[tuple]]:
    """Every published version of these claims, oldest first, by claim, each as its
    moment, its history id and the claim's values (one query). Values, not historical
    rows: an event's log reads a few hundred versions to show one each for its
    corrections."""
    by_claim: dict[int, list[tuple]] = {}
    if not claim_ids:
        return by_claim
    rows = (
        Claim.history.model.objects.filter(id__in=claim_ids, publication=PUBLISHED)
        .exclude(history_type="-")
        .order_by("history_date", "history_id")
        .values_list("history_date", "history_id", *_CLAIM_COLUMNS)
    )
    claim_id = 2 + _CLAIM_COLUMNS.index("id")
    for row in rows:
        by_claim.setdefault(row[claim_id], []).append(row)
    return by_claim


def _seen_before(versions, claim_id: int, moment, change_id: int | None = None) -> Claim | None:
    """The claim as readers saw it last before a change made at `moment`: to the claim
    itself (its history row `change_id`), after the versions before it in the
    history's order (`_previous`'s), those of the same moment with lower ids included;
    to one of its citations (None), after the versions of that moment too."""
    if change_id is None:
        earlier = [row for row in versions.get(claim_id, []) if row[0] <= moment]
    else:
        earlier = [row for row in versions.get(claim_id, []) if row[:2] < (moment, change_id)]
    return Claim.from_db(Claim.objects.db, _CLAIM_COLUMNS, earlier[-1][2:]) if earlier else None


def _describe(claims: list[Claim], event: Event | None) -> None:
    """Load what each claim's one-line description names: three queries for them all."""
    actor_ids = {
        getattr(claim, f"{name}_id")
        for claim in claims
        for name in ("claimant_actor", "attributed_actor", "attributed_actor_hint")
    } - {None}
    actors = Actor.objects.in_bulk(actor_ids)
    people = Person.objects.in_bulk({c.claimant_person_id for c in claims} - {None})
    events = (
        {event.pk: event}
        if event is not None
        else Event.objects.in_bulk({claim.event_id for claim in claims})
    )
    for claim in claims:
        for name in ("claimant_actor", "attributed_actor", "attributed_actor_hint"):
            setattr(claim, name, actors.get(getattr(claim, f"{name}_id")))
        claim.claimant_person = people.get(claim.claimant_person_id)
        claim.event = events.get(claim.event_id)


def shown_on(event: Event, day: datetime.date) -> list[Claim]:
    """The claims published on `event` at the end of `day`, as they were then, in date
    order, with what their descriptions name. One query (the versions, with a join per
    relation).

    The citations behind them are read as of the same moment by `source_origins_then`.
    """
    rows = (
        Claim.history.filter(history_date__lte=end_of_day(day))
        .latest_of_each()
        .exclude(history_type="-")
        .filter(event_id=event.pk, publication=PUBLISHED)
        .select_related(*_DESCRIBED_BY)
        .order_by("stated_on", "id")
    )
    claims = []
    for row in rows:
        claim = row.instance
        claim.event = event
        for name in _DESCRIBED_BY:
            setattr(claim, name, getattr(row, name))
        claims.append(claim)
    return claims


def actor_tree_then(day: datetime.date) -> dict[int, int | None]:
    """Every actor's parent id at the end of `day` (Actor.objects.parent_map as it was),
    so that a brigade moved under another force since then is counted under its parent of
    then. Actors with no history at all keep today's parent. One query."""
    then = (
        Actor.history.filter(history_date__lte=end_of_day(day))
        .latest_of_each()
        .exclude(history_type="-")
        .order_by()
        .values_list("id", "parent_id")
    )
    untracked = (
        Actor.objects.order_by()
        .exclude(pk__in=Actor.history.values("id"))
        .values_list("pk", "parent_id")
    )
    return dict(then.union(untracked, all=True))


def source_origins_then(claims: list[Claim], day: datetime.date) -> dict[int, frozenset[int]]:
    """Each claim's sources as its citations stood at the end of `day`, as the origins
    the attribution rules count (ClaimQuerySet.source_origins). One query."""
    rows = (
        Citation.history.filter(history_date__lte=end_of_day(day))
        .latest_of_each()
        .exclude(history_type="-")
        .filter(claim_id__in=[claim.pk for claim in claims])
        .values_list("claim_id", "source_id", "source__origin_id")
    )
    origins: dict[int, set[int]] = {}
    for claim_id, source_id, origin_id in rows:
        origins.setdefault(claim_id, set()).add(origin_id or source_id)
    return {claim_id: frozenset(ids) for claim_id, ids in origins.items()}
