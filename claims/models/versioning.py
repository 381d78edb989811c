"""Optimistic locking: a save based on an older version of a row is refused.

The check and the increment are one UPDATE ... WHERE version = <the version the editor
started from>, so two editors who opened the same claim cannot both save it: the
second gets StaleVersion and sees what changed meanwhile, never a silent overwrite.
"""

from django.db import models, transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _


class StaleVersion(Exception):
    def __init__(self, obj: models.Model, expected: int, current: int | None):
        self.obj, self.expected, self.current = obj, expected, current
        super().__init__(changed_meanwhile(obj, expected, current))


class Versioned(models.Model):
    version = models.PositiveIntegerField(
        _("version"),
        default=1,
        help_text=_("Raised by one on every save; a save from an older version fails."),
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        if self._state.adding or kwargs.get("update_fields") is not None:
            return super().save(*args, **kwargs)
        with transaction.atomic():
            rows = type(self)._base_manager.filter(pk=self.pk, version=self.version)
            if not rows.update(version=F("version") + 1):
                current = (
                    type(self)._base_manager.filter(pk=self.pk).values_list("version", flat=True)
                ).first()
                raise StaleVersion(self, self.version, current)
            self.version += 1
            super().save(*args, **kwargs)

    def current_version(self) -> int | None:
        return type(self)._base_manager.filter(pk=self.pk).values_list("version", flat=True).first()


def changed_meanwhile(obj: models.Model, expected: int, current: int | None) -> str:
    """What happened to `obj` since the version an editor started from, in words."""
    name = obj._meta.verbose_name
    if current is None:
        return f"This {name} was deleted while you were editing it."
    history = obj.history.order_by("-history_date", "-history_id")
    latest = history.first()
    then = history.filter(version=expected).first()
    who = f" by {latest.history_user}" if latest and latest.history_user else ""
    when = f" at {latest.history_date:%H:%M on %d %B %Y}" if latest else ""
    changes = ""
    if latest is not None and then is not None:
        delta = latest.diff_against(then, excluded_fields=["version"])
        changes = "; ".join(
            f"{change.field}: “{change.old}” → “{change.new}”" for change in delta.changes
        )
    message = (
        f"This {name} was changed{who}{when} while you were editing it "
        f"(you opened version {expected}; it is now version {current})."
    )
    if changes:
        message += f" What changed: {changes}."
    return message + " Your changes were not saved: reload it and apply them again."
