"""What changed, announced once per committed change.

The services announce each change the domain knows (`Change`) when they make it; the
announcement is sent to the `announced` signal's receivers once the transaction
commits, and never if it rolls back. Receivers get `announcement`, an `Announcement`
carrying the kind of change, the ids of the rows it concerns, who made it and what it
changed. Feeds and webhooks subscribe here; so does the readers' cache, which every
announcement retires (now, for the rest of the transaction's own reads, and again at
commit, see `claims.caching.content_changed`).

Connect with `announced.connect(receiver)`; a receiver that raises is logged, and the
others still run.
"""

import dataclasses
import logging
from functools import partial

from django.db import models, transaction
from django.dispatch import Signal
from django.utils.translation import gettext_lazy as _

from claims.caching import content_changed

logger = logging.getLogger(__name__)


class Change(models.TextChoices):
    CLAIM_CREATED = "claim_created", _("claim created")
    CLAIM_CHANGED = "claim_changed", _("claim changed")
    CLAIM_PUBLISHED = "claim_published", _("claim published")
    CLAIM_UNPUBLISHED = "claim_unpublished", _("claim unpublished")
    CLAIM_STATUS_CHANGED = "claim_status_changed", _("claim status changed")
    CLAIM_RETRACTED = "claim_retracted", _("claim retracted")
    CLAIM_DELETED = "claim_deleted", _("claim deleted")
    CLAIM_RESTORED = "claim_restored", _("claim restored from history")
    CLAIM_REVERTED = "claim_reverted", _("claim reverted to an earlier version")
    CITATIONS_CHANGED = "citations_changed", _("citations changed")
    EVENT_CHANGED = "event_changed", _("event created or changed")
    EVENT_DELETED = "event_deleted", _("event deleted")
    ATTRIBUTION_CHANGED = "attribution_changed", _("attribution changed for an event")
    ACTOR_CHANGED = "actor_changed", _("actor created or changed")
    ACTOR_DELETED = "actor_deleted", _("actor deleted")
    PERSON_CHANGED = "person_changed", _("person created or changed")
    PERSON_DELETED = "person_deleted", _("person deleted")
    SOURCE_CHANGED = "source_changed", _("source created or changed")
    SOURCE_DELETED = "source_deleted", _("source deleted")
    RECORD_RESTORED = "record_restored", _("record restored from history")
    MERGED = "merged", _("actor or person merged")
    MERGE_UNDONE = "merge_undone", _("merge undone")
    IMPORTED = "imported", _("claims imported")


@dataclasses.dataclass(frozen=True)
class Announcement:
    kind: Change
    ids: tuple
    by: int | None = None
    # What changed, in plain values: {"status": ["unverified", "confirmed"], "reason": …}
    details: dict = dataclasses.field(default_factory=dict)


announced = Signal()


def announce(kind: Change, ids, *, by=None, **details) -> Announcement:
    """Announce a change of the current transaction, to be sent once it commits."""
    announcement = Announcement(
        kind=Change(kind),
        ids=tuple(ids),
        by=getattr(by, "pk", by),
        details=details,
    )
    content_changed()
    transaction.on_commit(partial(_send, announcement))
    return announcement


def pending(kind: Change) -> set:
    """The ids announced as `kind` in the current transaction, not sent yet (a savepoint
    rolled back takes its announcements with it)."""
    return {
        pk
        for _savepoints, callback, _robust in transaction.get_connection().run_on_commit
        if isinstance(callback, partial)
        and callback.func is _send
        and callback.args[0].kind == kind
        for pk in callback.args[0].ids
    }


def _send(announcement: Announcement) -> None:
    for receiver, result in announced.send_robust(
        sender=announcement.kind, announcement=announcement
    ):
        if isinstance(result, Exception):
            logger.error(
                "%s failed on %s: %r",
                receiver,
                announcement.kind,
                result,
                exc_info=(type(result), result, result.__traceback__),
            )
