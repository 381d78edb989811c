"""The admin's import as background jobs: upload, dry run, report, confirmation,
import, and the report reopened later; all or nothing."""

import itertools

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse

from claims import import_jobs
from claims.models import Claim, ImportJob
from tests.factories import make_user
from tests.test_import import row, simple_csv

IMPORT_URL = "/admin/claims/claim/import/"


@pytest.fixture
def immediate_jobs(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def _upload(client, text: str, name: str = "claims.csv"):
    return client.post(IMPORT_URL, {"file": SimpleUploadedFile(name, text.encode())})


@pytest.mark.usefixtures("immediate_jobs")
def test_an_editor_imports_a_file_after_reading_its_dry_run(
    client, alice, django_capture_on_commit_callbacks
):
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        uploaded = _upload(client, simple_csv(row(), row(stated_on="2019-12-30")))
    job = ImportJob.objects.get()
    assert uploaded.status_code == 302
    assert uploaded.url == reverse("admin:claims_claim_import_job", args=[job.pk])

    report = client.get(uploaded.url).content.decode()
    assert not Claim.objects.exists()
    assert "It would import" in report
    assert "Import 2 rows" in report

    with django_capture_on_commit_callbacks(execute=True):
        client.post(uploaded.url)

    assert Claim.objects.filter(created_by=alice).count() == 2
    job.refresh_from_db()
    assert (job.status, job.rows_read, job.rows_checked) == ("imported", 2, 2)
    # The report stays, reachable from the import page.
    listing = client.get(IMPORT_URL).content.decode()
    assert uploaded.url in listing
    reopened = client.get(uploaded.url).content.decode()
    assert "Imported:" in reopened
    assert "Import 2 rows" not in reopened


@pytest.mark.usefixtures("immediate_jobs")
def test_the_report_lists_every_bad_row_and_offers_no_import(
    client, alice, django_capture_on_commit_callbacks
):
    client.force_login(alice)
    text = simple_csv(row(stance="blames"), row(publication="published", stated_on="2019-12-30"))
    with django_capture_on_commit_callbacks(execute=True):
        uploaded = _upload(client, text)
    page = client.get(uploaded.url).content.decode()

    assert "Nothing can be imported: 2 problems" in page
    assert "Publishing a claim needs the reviewer&#x27;s right." in page
    assert "It would import" not in page
    assert 'type="submit" class="default"' not in page
    job = ImportJob.objects.get()
    assert client.post(reverse("admin:claims_claim_import_job", args=[job.pk])).status_code == 302
    assert not Claim.objects.exists()


def test_the_upload_is_kept_byte_for_byte(client, alice):
    # Every byte value, and text in Arabic script: the file's bytes, not a decoding of them.
    data = bytes(range(256)) + "كتائب حزب الله\n".encode() * 10_000
    client.force_login(alice)
    client.post(IMPORT_URL, {"file": SimpleUploadedFile("claims.csv", data)})

    job = ImportJob.objects.get()
    assert bytes(job.data) == data
    assert bytes(ImportJob.objects.values_list("data", flat=True).get()) == data


def test_the_page_shows_progress_while_the_job_waits_for_a_worker(client, alice):
    client.force_login(alice)
    page = client.get(_upload(client, simple_csv(row())).url).content.decode()
    assert "checking the file" in page.lower()
    assert "Rows read: 0; rows checked: 0" in page
    assert 'http-equiv="refresh"' in page


def test_an_import_is_only_shown_to_whoever_uploaded_it(client, alice, bob):
    client.force_login(alice)
    url = _upload(client, simple_csv(row())).url
    client.force_login(bob)
    assert client.get(url).status_code == 404
    assert url not in client.get(IMPORT_URL).content.decode()


def test_a_file_that_is_not_utf8_is_reported(client, alice, immediate_jobs):
    client.force_login(alice)
    job = ImportJob.objects.create(filename="claims.csv", data=b"\xff\xfe\x00bad", created_by=alice)
    import_jobs.check_import.call(job.pk)
    job.refresh_from_db()
    assert job.status == "failed"
    assert (
        "not UTF-8"
        in client.get(reverse("admin:claims_claim_import_job", args=[job.pk])).content.decode()
    )


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_checks_then_imports_the_upload(client):
    """The jobs wait in the database and the db_worker command runs them, as in
    production (with any web process taking the confirmation)."""
    root = make_user("importer", superuser=True)
    client.force_login(root)
    url = _upload(client, simple_csv(row(), row(stated_on="2019-12-30"))).url
    job = ImportJob.objects.get()
    assert job.status == "checking"

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    job.refresh_from_db()
    assert job.status == "checked"
    assert not Claim.objects.exists()

    client.post(url)
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    job.refresh_from_db()
    assert job.status == "imported"
    assert Claim.objects.count() == 2


def test_progress_is_seen_outside_the_imports_transaction(alice):
    """The import reads its rows inside one transaction, which a dry run rolls back: the
    count it keeps on the way is read by the page from elsewhere."""
    job = ImportJob.objects.create(filename="claims.csv", data=b"", created_by=alice)
    with transaction.atomic():
        rows = import_jobs._counted(job, ((n, {}) for n in range(2500)))
        assert len(list(itertools.islice(rows, 2000))) == 2000
        assert import_jobs.progress(job) == (2000, 1999)
        list(rows)
        transaction.set_rollback(True)
    assert import_jobs.progress(job) == (2500, 2500)


def test_a_job_never_shows_the_progress_of_an_earlier_job_with_its_id(alice):
    """Ids start again after a database is reset; the progress cache outlives it."""
    earlier = ImportJob.objects.create(filename="old.csv", data=b"", created_by=alice)
    list(import_jobs._counted(earlier, ((n, {}) for n in range(1500))))
    assert import_jobs.progress(earlier) == (1500, 1500)
    job_id = earlier.pk
    earlier.delete()

    job = ImportJob.objects.create(pk=job_id, filename="new.csv", data=b"", created_by=alice)

    assert import_jobs.progress(job) == (0, 0)
