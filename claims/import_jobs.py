"""The admin's import as background jobs: the dry run, then, once the editor has read
its report and confirmed, the import. The upload waits in the database (ImportJob), so
any web process can take the confirmation and any worker can do the work; the import
itself stays all or nothing (services.import_claims)."""

import contextlib
import dataclasses

from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.db import connections, router, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from claims.importer import ImportRefused, ImportReport, read_rows
from claims.models import ImportJob
from claims.services import import_claims

# Rows between two notes of the progress, and how long a note is kept.
PROGRESS_EVERY = 1000
PROGRESS_SECONDS = 24 * 3600


def report_data(report: ImportReport) -> dict:
    """The report as plain values, kept with the job."""
    return {
        "rows": report.rows,
        "ok": report.ok,
        "summary": report.summary(),
        "written": report.written,
        "errors": [dataclasses.asdict(error) for error in report.errors],
        "problem_count": report.problem_count,
        "problems_not_listed": report.problems_not_listed,
        "probable_duplicates": [str(duplicate) for duplicate in report.probable_duplicates],
    }


def _progress_key(job: ImportJob) -> str:
    """The job's key in the progress cache. Its upload time is part of it: ids start again
    after a database is reset or restored, and the cache (files in the system's temporary
    folder, by default) outlives both, so an id alone could show another job's count."""
    return f"import-progress-{job.pk}-{job.created_at.timestamp():.6f}"


def _counted(job: ImportJob, rows):
    """The rows, counting them as they are read (and checked, one behind). The count goes
    to the progress cache: the import's transaction would hide it in the database."""
    progress = caches["progress"]
    read = 0
    for row in rows:
        read += 1
        if read % PROGRESS_EVERY == 0:
            progress.set(_progress_key(job), (read, read - 1), timeout=PROGRESS_SECONDS)
        yield row
    progress.set(_progress_key(job), (read, read), timeout=PROGRESS_SECONDS)


def progress(job: ImportJob) -> tuple[int, int]:
    """Rows read and rows checked so far by the job's running step."""
    if job.running:
        found = caches["progress"].get(_progress_key(job))
        if found is not None:
            return tuple(found)
    return job.rows_read, job.rows_checked


def _run(job_id: int, *, dry_run: bool, language: str | None) -> str:
    """The report's messages are made here, in the worker, so in the editor's language:
    the one active when they uploaded or confirmed the file (None: the worker's own)."""
    language = _supported(language)
    with translation.override(language) if language else contextlib.nullcontext():
        return _check_or_import(job_id, dry_run=dry_run)


def _supported(language: str | None) -> str | None:
    """One of the site's languages, or None for the worker's own: a task's arguments are
    stored rows, and Django would load a catalogue from any path a code names."""
    try:
        return translation.get_supported_language_variant(language) if language else None
    except LookupError:
        return None


def _check_or_import(job_id: int, *, dry_run: bool) -> str:
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
        job.rows_read = job.rows_checked = report.rows
    caches["progress"].delete(_progress_key(job))
    job.finished_at = timezone.now()
    job.save(
        update_fields=["status", "report", "rows_read", "rows_checked", "error", "finished_at"]
    )


@task()
def check_import(job_id: int, language: str | None = None) -> str:
    """The dry run: every row checked and matched, nothing written."""
    return _run(job_id, dry_run=True, language=language)


@task()
def run_import(job_id: int, language: str | None = None) -> str:
    """The import of a checked file: all or nothing."""
    return _run(job_id, dry_run=False, language=language)


def start(*, filename: str, data: bytes, by) -> ImportJob:
    """Keep the upload and enqueue its dry run (once the upload is committed)."""
    job = ImportJob.objects.create(filename=filename, data=b"", created_by=by)
    _store_upload(job, data)
    language = translation.get_language()
    transaction.on_commit(lambda: check_import.enqueue(job.pk, language=language))
    return job


def _store_upload(job: ImportJob, data: bytes) -> None:
    """Write the uploaded bytes into the job's row. On PostgreSQL they go as one binary
    parameter: Django's psycopg cursors bind parameters on the client, which sends a 20 MB
    file as 40 MB of escaped text for the server to parse (1.3 s, against 0.3 s)."""
    connection = connections[router.db_for_write(ImportJob)]
    if connection.vendor != "postgresql":
        ImportJob.objects.filter(pk=job.pk).update(data=data)
    else:
        from psycopg import Cursor, sql

        connection.ensure_connection()
        table, column = ImportJob._meta.db_table, ImportJob._meta.get_field("data").column
        with Cursor(connection.connection) as cursor:
            cursor.execute(
                sql.SQL("UPDATE {} SET {} = %b WHERE id = %s").format(
                    sql.Identifier(table), sql.Identifier(column)
                ),
                [data, job.pk],
            )
    job.data = data


def confirm(job: ImportJob) -> bool:
    """Enqueue the import of a checked file; False when it is not waiting for that."""
    updated = ImportJob.objects.filter(pk=job.pk, status=ImportJob.Status.CHECKED).update(
        status=ImportJob.Status.IMPORTING, rows_read=0, rows_checked=0, finished_at=None
    )
    if updated:
        caches["progress"].delete(_progress_key(job))
        language = translation.get_language()
        transaction.on_commit(lambda: run_import.enqueue(job.pk, language=language))
    return bool(updated)
