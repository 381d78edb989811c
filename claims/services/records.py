"""Events, actors, people and sources: created, changed and deleted the one way.

Deleting what readers have seen needs the Admin's right (`claims.policy`): an event
that ever had a published claim, a source a published claim ever cited, and every
actor and person (their pages are public from the moment they exist; duplicates are
merged instead).
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Model
from django.utils.translation import gettext as _

from claims import policy
from claims.announcements import Change, announce
from claims.attribution import lineage
from claims.models import Actor, Citation, Claim, Event, Person, Source

_CHANGED = {
    Event: Change.EVENT_CHANGED,
    Actor: Change.ACTOR_CHANGED,
    Person: Change.PERSON_CHANGED,
    Source: Change.SOURCE_CHANGED,
}
_DELETED = {
    Event: Change.EVENT_DELETED,
    Actor: Change.ACTOR_DELETED,
    Person: Change.PERSON_DELETED,
    Source: Change.SOURCE_DELETED,
}


def seen_by_readers(record: Model) -> bool:
    """Whether readers have (or had) a page showing this record."""
    published = Claim.Publication.PUBLISHED
    if isinstance(record, Claim):
        return record.was_ever_published()
    if isinstance(record, Event):
        return Claim.history.filter(event_id=record.pk, publication=published).exists()
    if isinstance(record, Source):
        cited_by = Citation.history.filter(source_id=record.pk).values("claim_id")
        return Claim.history.filter(id__in=cited_by, publication=published).exists()
    return isinstance(record, Actor | Person)


@transaction.atomic
def save_record(record: Model, *, by, reason: str | None = None, save_related=None) -> Model:
    """Create or change an event, actor, person or source; `save_related` (the admin's
    inline rows: aliases, affiliations, relations) runs in the same transaction."""
    if isinstance(record, Actor):
        _lock_actor_tree()
        _refuse_parent_cycle(record)
    record._change_reason = reason
    try:
        with transaction.atomic():
            record.save()
    except IntegrityError as error:
        raise _as_validation_error(record, error) from error
    if save_related is not None:
        save_related()
    announce(_CHANGED[type(record)], [record.pk], by=by)
    return record


@transaction.atomic
def delete_record(record: Model, *, by, reason: str | None = None) -> None:
    policy.check_deletion(by, record, seen_by_readers=seen_by_readers(record))
    pk = record.pk
    record._change_reason = reason
    record.delete()
    announce(_DELETED[type(record)], [pk], by=by)


def _refuse_parent_cycle(actor: Actor) -> None:
    """Checked under the lock, on the tree as stored now (not on objects a form loaded
    earlier): two parent changes at once cannot make a cycle."""
    if actor.pk is None or actor.parent_id is None:
        return
    if actor.pk in lineage(actor.parent_id, Actor.objects.parent_map()):
        raise ValidationError(
            {
                "parent": _(
                    "%(parent)s cannot be the parent of %(actor)s: it is %(actor)s itself "
                    "or one of its sub-units."
                )
                % {"parent": actor.parent, "actor": actor}
            }
        )


def _lock_actor_tree() -> None:
    """One writer of the actor tree at a time, until the transaction ends."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [ACTOR_TREE_LOCK])
        else:
            # SQLite: a write takes the database's write lock, held until commit.
            table = connection.ops.quote_name(Actor._meta.db_table)
            cursor.execute(f"UPDATE {table} SET id = id WHERE 0")


# An arbitrary constant naming the advisory lock of the actor tree.
ACTOR_TREE_LOCK = 0x7472_6565


def _as_validation_error(record: Model, error: IntegrityError) -> ValidationError:
    """A unique name or URL taken by a concurrent save: the field's own message."""
    try:
        record.validate_unique()
        record.clean()
    except ValidationError as found:
        return found
    return ValidationError(
        _("This %(record)s clashes with one saved at the same time; reload and try again.")
        % {"record": record._meta.verbose_name}
    )
