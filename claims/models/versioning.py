"""Optimistic locking: a save based on an older version of a row is refused.

The check and the increment are one UPDATE ... WHERE version = <the version the editor
started from>, so two editors who opened the same claim cannot both save it: the
second gets StaleVersion and sees what changed meanwhile, never a silent overwrite.
"""

from django.db import models, transaction
from django.db.models import F
from django.utils.formats import date_format
from django.utils.translation import gettext
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
        return gettext("This %(name)s was deleted while you were editing it.") % {"name": name}
    history = obj.history.order_by("-history_date", "-history_id")
    latest = history.first()
    then = history.filter(version=expected).first()
    who = ""
    if latest and latest.history_user:
        who = gettext(" by %(user)s") % {"user": latest.history_user}
    when = ""
    if latest:
        when = gettext(" at %(time)s on %(date)s") % {
            "time": f"{latest.history_date:%H:%M}",
            "date": date_format(latest.history_date, "d F Y"),
        }
    changes = ""
    if latest is not None and then is not None:
        delta = latest.diff_against(then, excluded_fields=["version"])
        changes = "; ".join(
            f"{change.field}: “{change.old}” → “{change.new}”" for change in delta.changes
        )
    message = gettext(
        "This %(name)s was changed%(by)s%(at)s while you were editing it "
        "(you opened version %(opened)s; it is now version %(current)s)."
    ) % {"name": name, "by": who, "at": when, "opened": expected, "current": current}
    if changes:
        message += gettext(" What changed: %(changes)s.") % {"changes": changes}
    return message + gettext(" Your changes were not saved: reload it and apply them again.")
