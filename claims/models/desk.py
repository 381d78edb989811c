from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .sources import Source


class RejectedSuggestion(models.Model):
    """A suggested claim an editor turned down on the desk, remembered for its source so
    that nobody is offered it again (claims.desk)."""

    source = models.ForeignKey(
        Source,
        on_delete=models.CASCADE,
        related_name="rejected_suggestions",
        verbose_name=_("source"),
    )
    # The suggestion's span of the source's captured text.
    start = models.PositiveIntegerField(_("start"))
    end = models.PositiveIntegerField(_("end"))
    quote = models.TextField(_("quote"))
    rejected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("rejected by"),
    )
    rejected_at = models.DateTimeField(_("rejected at"), auto_now_add=True)

    class Meta:
        verbose_name_plural = _("rejected suggestions")
        verbose_name = _("rejected suggestion")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "start", "end"], name="claims_rejectedsuggestion_once"
            ),
        ]

    def __str__(self) -> str:
        return self.quote[:80]
