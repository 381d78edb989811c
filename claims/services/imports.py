"""Importing a file of claims: all or nothing, idempotent, every row judged by the
permission policy as the same change made by hand would be (see claims.importer for
the formats, the checks and the matching)."""

import contextlib
import gc
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from claims.announcements import Change, announce
from claims.bulk import insert
from claims.importer import Importer, ImportRefused, ImportReport, validate_import
from claims.models import Actor, ActorAlias, Citation, Claim, Event, Person, PersonAlias, Source
from claims.normalize import normalize_name

from .attribution import refresh_attributions

IMPORTED = "Imported"
_CLAIM_PARTIES = ("claimant_actor", "claimant_person", "attributed_actor", "attributed_actor_hint")


def import_claims(
    rows: Iterable[tuple[int, dict]], *, by=None, dry_run: bool = False, progress=None
) -> ImportReport:
    """Validate every row; unless `dry_run`, write them all, or raise ImportRefused."""
    with _collector_paused():
        importer = validate_import(rows, by=by, progress=progress)
        report = importer.report
        if report.errors:
            raise ImportRefused(report)
        if not dry_run:
            _write(importer, by=by)
            report.written = True
    return report


@transaction.atomic
def _write(plan: Importer, *, by) -> None:
    now = timezone.now()
    for actor in plan.new_actors:
        actor.parent = None
    # Each new actor or person with its name as its first alias.
    for model, alias_model, owner, named in (
        (Actor, ActorAlias, "actor", plan.new_actors),
        (Person, PersonAlias, "person", plan.new_people),
    ):
        insert(model, named, now=now)
        aliases = [
            alias_model(**{owner: obj}, name=obj.name, normalized=normalize_name(obj.name))
            for obj in named
        ]
        insert(alias_model, aliases, now=now)
    insert(Event, plan.new_events, now=now)
    insert(Source, plan.new_sources, now=now)
    for claim in plan.new_claims:
        claim.event_id = claim.event.pk
        for name in (
            "claimant_actor",
            "claimant_person",
            "attributed_actor",
            "attributed_actor_hint",
        ):
            related = getattr(claim, name)
            setattr(claim, f"{name}_id", related.pk if related else None)
        claim.created_by = claim.updated_by = by
    history = {"user": by, "reason": IMPORTED}
    insert(
        Claim, _answered_first(plan.new_claims), now=now, history=history, before=_point_at_answered
    )
    for citation in plan.new_citations:
        citation.claim_id = citation.claim.pk
        citation.source_id = citation.source.pk
    insert(Citation, plan.new_citations, now=now, history=history)
    for claim in plan.changed_claims:
        claim.updated_by = by
        claim._change_reason = IMPORTED
        if by is not None:
            claim._history_user = by
        claim.save()
    # (Changed claims refreshed their events when saved; new ones were bulk-written.)
    refresh_attributions({claim.event_id for claim in plan.new_claims})
    announce(
        Change.IMPORTED,
        [claim.pk for claim in plan.new_claims + plan.changed_claims],
        by=by,
        created=len(plan.new_claims),
        updated=len(plan.changed_claims),
    )


def _answered_first(claims: list[Claim]) -> list[Claim]:
    """Ids in waves, each answering only claims before it, as a dispute names the claim
    it answers (the rows are written at once: foreign keys are checked at commit)."""
    waiting, ordered, numbered = claims, [], set()
    while waiting:
        wave = [
            c
            for c in waiting
            if c.responds_to is None
            or c.responds_to.pk is not None
            or id(c.responds_to) in numbered
        ]
        if not wave:  # a cycle of answers; the importer refuses those
            raise ValueError("claims answering each other in a circle")
        ordered += wave
        numbered |= {id(claim) for claim in wave}
        waiting = [c for c in waiting if id(c) not in numbered]
    return ordered


def _answered_by_then(claim: Claim, numbered: set[int]) -> bool:
    answered = claim.responds_to
    return answered is None or answered.pk is not None or id(answered) in numbered


def _point_at_answered(claims: list[Claim]) -> None:
    for claim in claims:
        claim.responds_to_id = claim.responds_to.pk if claim.responds_to else None


@contextlib.contextmanager
def _collector_paused():
    """Python's cyclic garbage collector off for the import: everything it builds (several
    objects a row) stays alive until the end, and the collector would walk it all again
    and again as it grows (a fifth of the time of a 100,000-row import)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
