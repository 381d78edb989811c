"""Going back in history: reverting a record to an earlier version, restoring a
deleted one. Both are judged by what they would change, as any other write: reverting
a claim to a published, confirmed version is a publication and a status change."""

import datetime

from django.apps import apps
from django.db import IntegrityError, transaction
from django.db.models import Model

from claims import policy
from claims.announcements import Change, announce
from claims.models import Claim

from .claims import check_publishable, claim_state, save_claim
from .records import save_record

# Rows deleted with a record (by cascade) are stamped within moments of it.
RESTORE_WINDOW = datetime.timedelta(seconds=5)


def revert_reason(historical) -> str:
    return f"Reverted to the version of {historical.history_date:%Y-%m-%d %H:%M}"


def revert(obj: Model, *, by, reason: str, save_related=None) -> Model:
    """Save `obj`, an earlier version's values over the current record (the admin's
    revert form builds it from a historical row)."""
    if isinstance(obj, Claim):
        return save_claim(obj, by=by, reason=reason, announce_as=Change.CLAIM_REVERTED)
    return save_record(obj, by=by, reason=reason, save_related=save_related)


@transaction.atomic
def restore_deleted(record, *, by, restore_with: tuple[tuple[str, str], ...] = ()) -> Model:
    """Recreate a deleted record from its last historical row, with the rows deleted with
    it (`restore_with`: (model label, foreign key) pairs, such as a claim's citations)."""
    obj = record.instance
    if isinstance(obj, Claim):
        # As a new claim: a published one comes back published, which needs the right.
        policy.check_claim_change(by, None, claim_state(obj))
    reason = "Restored from history"
    obj._change_reason = reason
    obj.save(force_insert=True)
    window = (record.history_date - RESTORE_WINDOW, record.history_date + RESTORE_WINDOW)
    for label, foreign_key in restore_with:
        model = apps.get_model(label)
        parts = model.history.model.objects.filter(
            history_type="-", history_date__range=window, **{foreign_key: obj.pk}
        ).exclude(id__in=model._base_manager.values("pk"))
        for part in parts:
            restored = part.instance
            restored._change_reason = reason
            try:
                with transaction.atomic():
                    restored.save(force_insert=True)
            except IntegrityError:
                pass  # already back: the record's own name alias is recreated with it
    if isinstance(obj, Claim):
        check_publishable(obj, list(obj.citations.all()))
    kind = Change.CLAIM_RESTORED if isinstance(obj, Claim) else Change.RECORD_RESTORED
    announce(kind, [obj.pk], by=by, model=obj._meta.label)
    return obj
