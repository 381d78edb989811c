"""Capturing a source: text and own metadata from HTML and PDF, fetching with its limits,
and the one write that stores it."""

import socket

import pytest
from django.core.exceptions import ValidationError

from claims.capture.extract import CaptureError, capture_document, capture_html, capture_text
from claims.capture.fetch import FetchError, fetch
from claims.models import Source
from claims.services import record_capture
from tests.capturing import CROSSFIRE, article_html, article_pdf, sha256
from tests.factories import make_source, make_user

# ---- extraction -------------------------------------------------------------------------


def test_html_gives_the_article_text_and_the_metadata_its_markup_states():
    data = article_html()
    capture = capture_html(data)
    assert capture.kind == "html"
    assert "Recent U.S. retaliatory strikes on Iran-aligned militia forces" in capture.text
    assert "Subscribe to our newsletter" not in capture.text
    assert (capture.title, capture.author, capture.outlet) == (
        "Baghdad Caught in U.S.-Iran Crossfire",
        "Jane Roe",
        "Example Review",
    )
    assert capture.published_on.isoformat() == "2024-02-11"
    assert capture.language == "en"
    assert capture.sha256 == sha256(data)
    assert capture.raw_html.startswith("<!doctype html>")


def test_nothing_is_taken_from_the_address_or_guessed_from_the_text():
    data = article_html(metadata=False)
    capture = capture_document(
        data, content_type="text/html", url="https://news.example.org/2019/05/01/story"
    )
    assert (capture.author, capture.outlet, capture.published_on) == ("", "", None)
    fields = capture.source_fields()
    assert fields["url"] == "https://news.example.org/2019/05/01/story"
    assert (fields["outlet"], fields["published_on"]) == ("", None)


def test_a_pdf_gives_its_text_title_and_author_but_no_date():
    data = article_pdf(CROSSFIRE[:1500], title="Crossfire", author="Jane Roe")
    capture = capture_document(data, filename="crossfire.pdf")
    assert capture.kind == "pdf"
    assert "retaliatory strikes" in capture.text
    assert (capture.title, capture.author, capture.published_on) == ("Crossfire", "Jane Roe", None)
    assert capture.sha256 == sha256(data)


@pytest.mark.parametrize(
    "data, name, message",
    [
        (b"%PDF-1.4 this is no pdf", "x.pdf", "not a readable PDF"),
        (b"\x89PNG\r\n\x1a\n0000", "x.png", "Only HTML, PDF and plain text"),
        (b"<html><body></body></html>", "x.html", "No article text"),
    ],
)
def test_it_refuses_what_it_cannot_read(data, name, message):
    with pytest.raises(CaptureError, match=message):
        capture_document(data, filename=name)


def test_pasted_text_is_hashed_as_utf8():
    capture = capture_text("  Israel struck the convoy.\r\n")
    assert capture.text == "Israel struck the convoy."
    assert capture.sha256 == sha256(b"Israel struck the convoy.")
    with pytest.raises(CaptureError):
        capture_text("   ")


# ---- fetching ---------------------------------------------------------------------------


def test_it_fetches_a_page_and_follows_redirects(pages, local_fetching):
    fetched = fetch(pages.url("/moved"))
    assert fetched.url == pages.url("/article.html")
    capture = capture_document(fetched.data, content_type=fetched.content_type, url=fetched.url)
    assert capture.title == "Baghdad Caught in U.S.-Iran Crossfire"


def test_it_fetches_a_pdf(pages, local_fetching):
    fetched = fetch(pages.url("/paper.pdf"))
    assert capture_document(fetched.data, content_type=fetched.content_type).kind == "pdf"


def test_it_refuses_private_and_loopback_addresses_without_the_setting(pages, settings):
    settings.CAPTURE_ALLOW_PRIVATE_ADDRESSES = False
    for host in ("127.0.0.1", "localhost"):  # localhost: checked after resolution
        with pytest.raises(FetchError, match="private or local address"):
            fetch(pages.url("/article.html", host=host))
    for address in ("http://10.0.0.1/", "http://169.254.169.254/latest/", "http://[::1]/"):
        with pytest.raises(FetchError, match="private or local address"):
            fetch(address)
    assert pages.seen == []  # refused before any connection


def test_every_redirect_is_checked_again(pages, local_fetching):
    only_this_server = lambda address: str(address) == "127.0.0.1"  # noqa: E731
    with pytest.raises(FetchError, match=r"127\.0\.0\.2 is a private or local address"):
        fetch(pages.url("/elsewhere"), allowed=only_this_server)
    assert pages.seen == ["/elsewhere"]


def test_a_slow_server_times_out(pages, local_fetching):
    local_fetching.CAPTURE_TIMEOUT_SECONDS = 0.5
    for path in ("/slow", "/drip"):
        with pytest.raises(FetchError, match=r"within 0\.5 seconds"):
            fetch(pages.url(path))


def test_a_document_over_the_size_cap_is_refused(pages, local_fetching):
    local_fetching.CAPTURE_MAX_BYTES = 20_000
    for path in ("/big", "/big-unannounced"):
        with pytest.raises(FetchError, match=r"larger than 0\.02 MB"):
            fetch(pages.url(path))


@pytest.mark.parametrize(
    "url", ["ftp://example.org/file", "file:///etc/passwd", "javascript:alert(1)"]
)
def test_only_web_addresses_are_fetched(url):
    with pytest.raises(FetchError, match="Only http:// and https://"):
        fetch(url)


def test_without_a_network_it_says_to_paste_or_upload(monkeypatch):
    def no_network(*args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    with pytest.raises(FetchError, match=r"could not be fetched.*Paste the text or upload"):
        fetch("https://www.example.org/story")


def test_an_error_status_is_reported(pages, local_fetching):
    with pytest.raises(FetchError, match="answered 404"):
        fetch(pages.url("/missing"))


# ---- storing ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_record_capture_creates_the_source_with_its_capture():
    alice = make_user("alice", role="Editor")
    data = article_html()
    capture = capture_html(data)
    source = record_capture(
        source_fields={**capture.source_fields(), "kind": Source.Kind.ANALYSIS},
        capture=capture,
        by=alice,
    )
    source.refresh_from_db()
    assert source.full_text == capture.text
    assert source.capture_sha256 == sha256(data)
    assert source.captured_html == data.decode()
    assert source.captured_at is not None
    assert source.title == "Baghdad Caught in U.S.-Iran Crossfire"
    latest = source.history.latest()
    assert (latest.history_change_reason, latest.history_user) == ("Captured", alice)


@pytest.mark.django_db
def test_a_recapture_with_different_bytes_keeps_the_old_text_in_history():
    alice = make_user("alice", role="Editor")
    source = record_capture(
        source_fields={"kind": "news_report"}, capture=capture_text("First text."), by=alice
    )
    record_capture(source_fields={}, capture=capture_text("Second text."), by=alice, source=source)
    source.refresh_from_db()
    assert source.full_text == "Second text."
    assert [h.full_text for h in source.history.order_by("history_date")] == [
        "First text.",
        "Second text.",
    ]


@pytest.mark.django_db
def test_the_same_bytes_again_change_no_text():
    alice = make_user("alice", role="Editor")
    first = capture_text("Same text.")
    source = record_capture(source_fields={"kind": "news_report"}, capture=first, by=alice)
    again = capture_text("Same text.")
    record_capture(source_fields={}, capture=again, by=alice, source=source)
    source.refresh_from_db()
    assert source.captured_at == first.captured_at


@pytest.mark.django_db
def test_a_refused_capture_writes_nothing():
    alice = make_user("alice", role="Editor")
    make_source(url="https://example.org/a")
    with pytest.raises(ValidationError) as refused:
        record_capture(
            source_fields={"kind": "news_report", "url": "https://www.example.org/a/"},
            capture=capture_text("Text."),
            by=alice,
        )
    assert "url" in refused.value.message_dict
    assert Source.objects.count() == 1
