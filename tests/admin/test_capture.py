"""The editors' capture page: paste or upload a reference article, confirm the form
pre-filled from the document, and find the source with its text, hash and suggestions."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from claims import capture_jobs
from claims.models import CaptureJob, Source
from tests.capturing import (  # noqa: F401  (fixtures)
    ARTICLES,
    article_html,
    fresh_gazetteer,
    local_fetching,
    pages,
    sha256,
)
from tests.factories import make_actor

pytestmark = pytest.mark.django_db
CAPTURE = "admin:claims_source_capture"
BW_ACTUAL = (ARTICLES / "bw-actual-2024-02-08.txt").read_text()


def confirm(client, page, **fields):
    data = {"token": page.context["token"], "kind": "opinion", "language": "en"} | fields
    return client.post(reverse(CAPTURE), data)


def test_an_editor_pastes_an_article_and_the_source_keeps_its_text_and_hash(client, alice):
    call_command("load_demo", stdout=io.StringIO())
    client.force_login(alice)

    page = client.post(reverse(CAPTURE), {"text": BW_ACTUAL})
    form = page.context["source_form"]
    # Pasted text states nothing about itself: the form is left for the editor.
    assert [form.initial.get(f) for f in ("title", "author", "outlet")] == ["", "", ""]
    before = Source.objects.count()
    done = confirm(client, page, author="BW Actual", published_on="2024-02-08")

    source = Source.objects.exclude(pk__in=Source.objects.order_by("pk")[:before]).get()
    assert done.status_code == 302
    assert done.url == reverse("admin:claims_source_change", args=[source.pk])
    text = BW_ACTUAL.strip()
    assert (source.full_text, source.capture_sha256) == (text, sha256(text.encode()))
    assert source.history.latest().history_change_reason == "Captured"

    change_page = client.get(done.url).content.decode()
    assert sha256(text.encode()) in change_page
    listing = client.get(reverse("admin:claims_source_suggestions", args=[source.pk]))
    quotes = [s.quote for s in listing.context["suggestions"]]
    assert any(q.startswith("Islamic State claimed the two blasts") for q in quotes)
    assert any(q.startswith("An Iraqi official complained") for q in quotes)
    assert f"{len(quotes)} suggested claims" in change_page


def test_an_uploaded_page_fills_the_form_from_its_own_metadata(client, alice):
    make_actor("United States Armed Forces", slug="united-states-armed-forces").aliases.create(
        name="U.S. forces"
    )
    client.force_login(alice)
    data = article_html()
    upload = SimpleUploadedFile("crossfire.html", data, content_type="text/html")

    page = client.post(reverse(CAPTURE), {"file": upload})
    initial = page.context["source_form"].initial
    assert (initial["title"], initial["author"], initial["outlet"]) == (
        "Baghdad Caught in U.S.-Iran Crossfire",
        "Jane Roe",
        "Example Review",
    )
    assert initial["published_on"].isoformat() == "2024-02-11"
    assert not Source.objects.exists()  # nothing saved before the editor confirms

    confirm(client, page, title=initial["title"], author="Jane Roe", outlet="Example Review")
    source = Source.objects.get()
    assert source.capture_sha256 == sha256(data)
    assert source.captured_html == data.decode()
    assert "Recent U.S. retaliatory strikes" in source.full_text


@pytest.fixture
def immediate_jobs(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def test_a_url_that_cannot_be_fetched_offers_paste_and_upload(
    client, alice, settings, immediate_jobs, django_capture_on_commit_callbacks
):
    settings.CAPTURE_ALLOW_PRIVATE_ADDRESSES = False
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        started = client.post(reverse(CAPTURE), {"url": "http://127.0.0.1:9/story"})
    page = client.get(started.url)
    assert page.status_code == 200
    assert "private or local address" in str(page.context["form"].errors["url"])
    assert page.context["form"]["url"].value() == "http://127.0.0.1:9/story"
    assert not Source.objects.exists()


@pytest.mark.usefixtures("local_fetching", "immediate_jobs")
def test_a_url_is_fetched_by_a_job_while_the_page_waits(
    client,
    alice,
    pages,  # noqa: F811  (the fixture)
    django_capture_on_commit_callbacks,
):
    client.force_login(alice)
    started = client.post(reverse(CAPTURE) + "?then=read", {"url": pages.url("/article.html")})
    assert started.status_code == 302  # at once: the fetch is the job's
    assert pages.seen == []
    waiting = client.get(started.url)
    assert "This page refreshes by itself." in waiting.content.decode()
    assert '<meta http-equiv="refresh" content="1">' in waiting.content.decode()

    job = CaptureJob.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        capture_jobs.fetch_and_capture.enqueue(job.pk)
    page = client.get(started.url)
    assert page.context["capture"].url == pages.url("/article.html")
    done = client.post(
        started.url,
        {"token": page.context["token"], "title": "Crossfire", "kind": "opinion", "language": "en"},
    )
    source = Source.objects.get()
    assert done.url == reverse("admin:claims_source_read", args=[source.pk])
    assert source.captured_html and source.full_text
    assert not CaptureJob.objects.exists()


def test_a_capture_is_only_shown_to_whoever_started_it(client, alice, bob):
    job = capture_jobs.start_fetch("https://example.org/story", by=alice)
    client.force_login(bob)
    url = reverse("admin:claims_source_capture_job", args=[job.pk])
    assert client.get(url).status_code == 404
    confirming = client.post(reverse(CAPTURE), {"token": str(job.pk), "kind": "opinion"})
    assert confirming.status_code == 302
    assert not Source.objects.exists()


def test_it_asks_for_exactly_one_way_of_giving_the_source(client, alice):
    client.force_login(alice)
    page = client.post(reverse(CAPTURE), {"text": "Some text.", "url": "https://example.org/"})
    assert "Give the source in one way" in page.content.decode()
    assert not Source.objects.exists()


def test_an_expired_capture_saves_nothing(client, alice):
    client.force_login(alice)
    response = client.post(reverse(CAPTURE), {"token": "0" * 32, "kind": "opinion"})
    assert response.status_code == 302
    assert not Source.objects.exists()


def test_a_recapture_of_changed_text_keeps_the_old_one_in_history(client, alice):
    client.force_login(alice)
    first = client.post(reverse(CAPTURE), {"text": "Israel struck the convoy."})
    confirm(client, first, title="A report")
    source = Source.objects.get()
    url = reverse("admin:claims_source_recapture", args=[source.pk])

    again = client.post(url, {"text": "Israel struck the convoy twice."})
    assert again.context["source_form"].initial["title"] == "A report"  # the source's own
    client.post(url, {"token": again.context["token"], "title": "A report", "kind": "opinion"})

    source.refresh_from_db()
    assert source.full_text == "Israel struck the convoy twice."
    texts = list(source.history.order_by("history_date").values_list("full_text", flat=True))
    assert texts == ["Israel struck the convoy.", "Israel struck the convoy twice."]


def test_people_without_the_right_cannot_capture(client, charlie):
    client.force_login(charlie)
    assert client.get(reverse(CAPTURE)).status_code in (302, 403)
