"""The capture page's captures, kept in the database until the editor confirms them
(CaptureJob): a pasted text or an uploaded file is captured in the request, a URL is
fetched by a background job, so that a slow site never holds a web worker and any web
process can show the result and take the confirmation."""

import dataclasses
import datetime

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from claims.capture.extract import Capture, CaptureError, capture_document
from claims.capture.fetch import fetch
from claims.models import CaptureJob

# Captures never confirmed are forgotten after this long.
KEPT_FOR = datetime.timedelta(days=2)


def capture_data(capture: Capture) -> dict:
    data = dataclasses.asdict(capture)
    data["captured_at"] = capture.captured_at.isoformat()
    data["published_on"] = capture.published_on.isoformat() if capture.published_on else None
    return data


def capture_of(job: CaptureJob) -> Capture:
    data = dict(job.capture)
    data["captured_at"] = datetime.datetime.fromisoformat(data["captured_at"])
    if data["published_on"]:
        data["published_on"] = datetime.date.fromisoformat(data["published_on"])
    return Capture(**data)


def _forget_old() -> None:
    CaptureJob.objects.filter(created_at__lt=timezone.now() - KEPT_FOR).delete()


def keep(capture: Capture, *, by, source=None) -> CaptureJob:
    """Keep a capture made in the request until it is confirmed."""
    _forget_old()
    return CaptureJob.objects.create(
        status=CaptureJob.Status.READY, capture=capture_data(capture), created_by=by, source=source
    )


def start_fetch(url: str, *, by, source=None) -> CaptureJob:
    """Enqueue the fetch and capture of `url` (once the job is committed)."""
    _forget_old()
    job = CaptureJob.objects.create(url=url, created_by=by, source=source)
    transaction.on_commit(lambda: fetch_and_capture.enqueue(job.pk))
    return job


@task()
def fetch_and_capture(job_id: int) -> str:
    """Fetch the job's URL and capture the document, or keep why it could not be."""
    job = CaptureJob.objects.filter(pk=job_id, status=CaptureJob.Status.FETCHING).first()
    if job is None:
        return "gone"
    try:
        fetched = fetch(job.url)
        capture = capture_document(fetched.data, content_type=fetched.content_type, url=job.url)
    except CaptureError as error:
        job.status, job.error = CaptureJob.Status.FAILED, str(error)
    else:
        job.status, job.capture = CaptureJob.Status.READY, capture_data(capture)
    job.save(update_fields=["status", "error", "capture"])
    return job.status


def confirmed(job: CaptureJob) -> None:
    """The capture is saved as a source: nothing more to keep."""
    job.delete()
