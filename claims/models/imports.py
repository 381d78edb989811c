"""An admin import waiting for, or done by, a background job (claims/import_jobs.py)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportJob(models.Model):
    """One uploaded file, its dry run, its import and the report, kept for reopening.

    The file is kept in the database so that any web process can confirm it and any
    worker can read it."""

    class Status(models.TextChoices):
        CHECKING = "checking", _("checking the file")
        CHECKED = "checked", _("checked: waiting for confirmation")
        REFUSED = "refused", _("refused: nothing can be imported")
        IMPORTING = "importing", _("importing")
        IMPORTED = "imported", _("imported")
        FAILED = "failed", _("failed: nothing was imported")

    filename = models.CharField(_("file name"), max_length=200)
    data = models.BinaryField(_("uploaded file"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.CHECKING
    )
    rows_read = models.PositiveIntegerField(_("rows read"), default=0)
    rows_checked = models.PositiveIntegerField(_("rows checked"), default=0)
    # The dry run's, then the import's report (claims.import_jobs.report_data).
    report = models.JSONField(_("report"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self) -> str:
        return f"{self.filename} ({self.get_status_display()})"

    @property
    def running(self) -> bool:
        return self.status in (self.Status.CHECKING, self.Status.IMPORTING)


class CaptureJob(models.Model):
    """A source captured on the capture page, waiting for the editor's confirmation; for a
    URL, the fetch is a background job (claims/capture_jobs.py). Kept in the database so
    that any web process can show it and take the confirmation."""

    class Status(models.TextChoices):
        FETCHING = "fetching", _("fetching the page")
        READY = "ready", _("captured: waiting for confirmation")
        FAILED = "failed", _("could not be captured")

    url = models.URLField(_("URL"), max_length=2000, blank=True)
    # The source captured again, when this is a re-capture.
    source = models.ForeignKey(
        "claims.Source",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("source"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.FETCHING
    )
    # The capture's fields (claims.capture_jobs.capture_data), once captured.
    capture = models.JSONField(_("capture"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("capture")
        verbose_name_plural = _("captures")
        # Never listed in the admin: the capture page is its only view.
        default_permissions = ()

    def __str__(self) -> str:
        return f"{self.url or self.pk} ({self.get_status_display()})"
