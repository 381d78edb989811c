"""The admin's import as background jobs: the dry run, then, once the editor has read
its report and confirmed, the import. The upload waits in the database (ImportJob), so
any web process can take the confirmation and any worker can do the work; the import
itself stays all or nothing (services.import_claims)."""

import dataclasses

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from claims.importer import ImportRefused, ImportReport, read_rows
from claims.models import ImportJob
from claims.services import import_claims

# Rows between two saves of the progress counters.
PROGRESS_EVERY = 1000


def report_data(report: ImportReport) -> dict:
    """The report as plain values, kept with the job."""
    return {
        "rows": report.rows,
        "ok": report.ok,
        "summary": report.summary(),
        "written": report.written,
        "errors": [dataclasses.asdict(error) for error in report.errors],
        "probable_duplicates": [str(duplicate) for duplicate in report.probable_duplicates],
    }


def _counted(job: ImportJob, rows):
    """The rows, counting them into the job as they are read (and checked, one behind)."""
    read = 0
    for row in rows:
        read += 1
        if read % PROGRESS_EVERY == 0:
            ImportJob.objects.filter(pk=job.pk).update(rows_read=read, rows_checked=read - 1)
        yield row
    ImportJob.objects.filter(pk=job.pk).update(rows_read=read)


def _run(job_id: int, *, dry_run: bool) -> str:
    job = ImportJob.objects.select_related("created_by").get(pk=job_id)
    user = get_user_model().objects.get(pk=job.created_by_id)
    rows = read_rows(bytes(job.data), job.filename)
    try:
        report = import_claims(
            rows, by=user, dry_run=dry_run, progress=lambda rows: _counted(job, rows)
        )
    except ImportRefused as refused:
        report, status = refused.report, ImportJob.Status.REFUSED
    except UnicodeDecodeError:
        report, status = None, ImportJob.Status.FAILED
        job.error = _("The file is not UTF-8 text.")
    except Exception as error:
        # Nothing was written (the import is one transaction); the editor sees why.
        report, status = None, ImportJob.Status.FAILED
        job.error = _("The import stopped: %(error)s") % {"error": error}
        _finish(job, status, None)
        raise
    else:
        status = ImportJob.Status.CHECKED if dry_run else ImportJob.Status.IMPORTED
    _finish(job, status, report)
    return status


def _finish(job: ImportJob, status: str, report: ImportReport | None) -> None:
    job.status = status
    if report is not None:
        job.report = report_data(report)
        job.rows_checked = report.rows
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "report", "rows_checked", "error", "finished_at"])


@task()
def check_import(job_id: int) -> str:
    """The dry run: every row checked and matched, nothing written."""
    return _run(job_id, dry_run=True)


@task()
def run_import(job_id: int) -> str:
    """The import of a checked file: all or nothing."""
    return _run(job_id, dry_run=False)


def start(*, filename: str, data: bytes, by) -> ImportJob:
    """Keep the upload and enqueue its dry run (once the upload is committed)."""
    job = ImportJob.objects.create(filename=filename, data=data, created_by=by)
    transaction.on_commit(lambda: check_import.enqueue(job.pk))
    return job


def confirm(job: ImportJob) -> bool:
    """Enqueue the import of a checked file; False when it is not waiting for that."""
    updated = ImportJob.objects.filter(pk=job.pk, status=ImportJob.Status.CHECKED).update(
        status=ImportJob.Status.IMPORTING, rows_read=0, rows_checked=0, finished_at=None
    )
    if updated:
        transaction.on_commit(lambda: run_import.enqueue(job.pk))
    return bool(updated)
