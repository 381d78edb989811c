from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class Merge(models.Model):
    """One actor or person merged into another: what moved, so that it can be undone."""

    class Kind(models.TextChoices):
        ACTOR = "actor", _("actor")
        PERSON = "person", _("person")

    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    survivor_id = models.PositiveBigIntegerField(_("survivor ID"))
    survivor_name = models.CharField(_("survivor name"), max_length=200)
    loser_name = models.CharField(_("loser name"), max_length=200)
    # The merged-away record's fields, to recreate it with the same id on undo.
    loser_fields = models.JSONField(_("loser fields"))
    # Ids of the rows that were repointed, by relation, e.g. {"claims_made": [3, 9]}.
    moved = models.JSONField(_("moved"))
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("merged by"),
    )
    merged_at = models.DateTimeField(_("merged at"), auto_now_add=True)
    undone_at = models.DateTimeField(_("undone at"), null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("undone by"),
    )

    class Meta:
        verbose_name = _("merge")
        verbose_name_plural = _("merges")
        ordering = ["-merged_at"]

    def __str__(self) -> str:
        names = {"merged": self.loser_name, "survivor": self.survivor_name}
        if self.undone_at:
            return gettext("%(merged)s merged into %(survivor)s (undone)") % names
        return gettext("%(merged)s merged into %(survivor)s") % names
