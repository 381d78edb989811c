"""Importing a file of claims: all or nothing, idempotent, every row judged by the
permission policy as the same change made by hand would be (see claims.importer for
the formats, the checks and the matching)."""

import array
import contextlib
import gc
import itertools
from collections.abc import Iterable

from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from claims.announcements import Change, announce
from claims.bulk import background_writes, insert, take_ids
from claims.importer import Importer, ImportRefused, ImportReport, RowError
from claims.models import Actor, ActorAlias, Citation, Claim, Event, Person, PersonAlias, Source
from claims.normalize import normalize_name

from .attribution import refresh_attributions

IMPORTED = "Imported"
_CLAIM_PARTIES = ("claimant_actor", "claimant_person", "attributed_actor", "attributed_actor_hint")


# Rows read, checked and written at a time: memory holds one chunk, whatever the file's size.
CHUNK_ROWS = 5_000
FULL_COLLECTION_CHUNKS = 20


def import_claims(
    rows: Iterable[tuple[int, dict]], *, by=None, dry_run: bool = False, progress=None
) -> ImportReport:
    """Check every row and write them all, or none and raise ImportRefused.

    The rows are read a chunk at a time: each chunk is checked against what is stored
    (earlier chunks included) and written before the next is read, in one transaction
    that is rolled back at the end if any row was bad, so that nothing is half-written.
    After a bad row, the rest are only checked. A dry run does the same and rolls back
    whatever happens: its report is the import's.
    """
    report = ImportReport()
    try:
        owns_transaction = not connection.in_atomic_block
        with _collector_paused(), transaction.atomic():
            _one_import_at_a_time()
            if owns_transaction:
                _keys_checked_as_written()
            with background_writes():
                _import(rows, by=by, dry_run=dry_run, progress=progress, report=report)
    except IntegrityError as error:
        # A name, URL or slug the file creates, saved by someone else meanwhile (the
        # look-ups were read when the import began): nothing was written.
        report.add_errors(
            [
                RowError(
                    0,
                    "file",
                    _(
                        "something this file creates (a name, a URL or a slug) was saved "
                        "by someone else during the import; import the file again"
                    ),
                )
            ]
        )
        raise ImportRefused(report) from error
    if report.errors:
        raise ImportRefused(report)
    return report


def _import(rows, *, by, dry_run: bool, progress, report: ImportReport) -> None:
    importer = Importer(user=by, report=report)
    now = timezone.now()
    touched_events: set[int] = set()
    # Eight bytes an id, where a list of a million ints holds 32 MB.
    written_ids = array.array("q")
    for chunk in _chunks((progress or (lambda r: r))(rows), CHUNK_ROWS):
        for line, row in chunk:
            importer.add_row(line, row)
        importer.finish_rows()
        importer.match_claims()
        importer.resolve_responses()
        _write_chunk(importer, by=by, now=now, events=touched_events, ids=written_ids)
    # Claims answering a claim later in the file, written once it was.
    while importer.waiting:
        before = len(importer.waiting)
        importer.resolve_responses()
        _write_chunk(importer, by=by, now=now, events=touched_events, ids=written_ids)
        if len(importer.waiting) == before:
            break
    importer.resolve_responses(final=True)
    importer.file_ids.drop()
    report.errors.sort(key=lambda error: error.line)
    if report.errors or dry_run:
        transaction.set_rollback(True)
    else:
        refresh_attributions(touched_events)
        announce(
            Change.IMPORTED,
            written_ids,
            by=by,
            created=report.created["claims"],
            updated=report.updated["claims"],
        )
        report.written = True


def _one_import_at_a_time() -> None:
    """Imports wait for each other, until the transaction ends: each reads what is stored
    when it begins, so two at once would create the same new names twice."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [IMPORT_LOCK])
    # SQLite: the transaction holds the database's write lock from its start.


def _keys_checked_as_written() -> None:
    """Foreign keys checked at the end of each statement rather than all at the commit
    (Django declares them deferred), for the rest of the import's own transaction: the
    checks are then made by the background writer, beside the next chunk's checks, not
    alone at the end (an eighth of an import). The writes are in the keys' order (the
    answered claim first, `_answered_first`). Not inside someone else's transaction:
    its pending checks would be made here, and its choice of mode undone."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


# An arbitrary constant naming the advisory lock that imports take.
IMPORT_LOCK = 0x696D_706F


def _chunks(items: Iterable, size: int):
    # itertools.batched, which Python 3.11 lacks.
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def _write_chunk(plan: Importer, *, by, now, events: set[int], ids: array.array) -> None:
    """Count the chunk's new rows and, unless a bad row was met, write them."""
    plan.count_new()
    if not plan.report.errors:
        _write(plan, by=by, now=now)
        events.update(claim.event_id for claim in plan.new_claims)
        ids.extend(claim.pk for claim in plan.new_claims + plan.changed_claims)
    plan.next_chunk()
    # What the chunk built, cycles included (the collector is paused): the young
    # generations only, where all of it is, but for claims that waited for a later chunk;
    # now and then everything, for those (a full collection walks the look-ups' maps
    # too, every time).
    plan.chunks_written += 1
    gc.collect(2 if plan.chunks_written % FULL_COLLECTION_CHUNKS == 0 else 1)


def _write(plan: Importer, *, by, now) -> None:
    for actor in plan.new_actors:
        actor.parent = None
    # Each new actor or person with its name as its first alias.
    named = [
        (Actor, ActorAlias, "actor", plan.new_actors),
        (Person, PersonAlias, "person", plan.new_people),
    ]
    claims = _answered_first(plan.new_claims)
    # Every id taken before anything is written: taking one waits for the writes queued
    # before it, and the background writer writes them while the next chunk is checked.
    for model, _alias_model, _owner, objs in named:
        take_ids(model, objs)
    aliases = {
        alias_model: [
            alias_model(**{owner: obj}, name=obj.name, normalized=normalize_name(obj.name))
            for obj in objs
        ]
        for _model, alias_model, owner, objs in named
    }
    for model, objs in [
        *aliases.items(),
        (Event, plan.new_events),
        (Source, plan.new_sources),
        (Claim, claims),
        (Citation, plan.new_citations),
    ]:
        take_ids(model, objs)
    for model, alias_model, _owner, objs in named:
        insert(model, objs, now=now)
        insert(alias_model, aliases[alias_model], now=now)
    insert(Event, plan.new_events, now=now)
    insert(Source, plan.new_sources, now=now)
    for claim in claims:
        if claim.event_id is None:  # a new event's
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
    insert(Claim, claims, now=now, history=history, before=_point_at_answered)
    for citation in plan.new_citations:
        citation.claim_id = citation.claim.pk
        if citation.source_id is None:  # a new source's
            citation.source_id = citation.source.pk
    insert(Citation, plan.new_citations, now=now, history=history)
    for claim in plan.changed_claims:
        claim.updated_by = by
        claim._change_reason = IMPORTED
        if by is not None:
            claim._history_user = by
        claim.save()
    # (Changed claims refreshed their events when saved; new ones are refreshed at the end.)


def _answered_first(claims: list[Claim]) -> list[Claim]:
    """Ids in waves, each answering only claims before it, as a dispute names the claim
    it answers (a chunk's claims are written by one statement, whose foreign keys are
    checked when it ends, or at the commit inside a caller's transaction)."""
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
