"""A source's text and its own metadata, from pasted text, HTML or PDF.

HTML goes through trafilatura for the article's text and its title, author, date and
site name, PDF through pypdf for its text, title and author. Only what the document's
markup states is taken: trafilatura is not given the URL (it would make a site name of
the host and a date of the path) and does not search the text for dates; a PDF's
creation date is when the file was made, not when it was published, so it is not taken.
"""

import datetime
import hashlib
import io
import re
from dataclasses import dataclass

import lxml.html
import trafilatura
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from pypdf import PdfReader
from pypdf.errors import PyPdfError

from claims.models.sources import language_code_validator

HTML_TYPES = {"text/html", "application/xhtml+xml"}
PDF_TYPES = {"application/pdf"}
# Markup only: no date guessed from the text or the address.
_DATE_FROM_MARKUP = {"extensive_search": False, "original_date": True}


class CaptureError(Exception):
    """A document that cannot be captured; the message says why, for the editor."""


@dataclass(frozen=True)
class Capture:
    kind: str  # text, html, pdf
    text: str
    sha256: str  # of the bytes captured
    captured_at: datetime.datetime
    raw_html: str = ""
    title: str = ""
    author: str = ""
    outlet: str = ""
    published_on: datetime.date | None = None
    language: str = ""
    url: str = ""

    def source_fields(self) -> dict:
        """What the document states about itself, for the source form."""
        fields = {
            "title": self.title[:500],
            "author": self.author[:200],
            "outlet": self.outlet[:200],
            "published_on": self.published_on,
            "url": self.url,
        }
        if self.language:
            fields["language"] = self.language
        return fields


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def capture_text(text: str) -> Capture:
    text = text.replace("\r\n", "\n").strip()
    if not text:
        raise CaptureError(_("The pasted text is empty."))
    return Capture("text", text, _digest(text.encode("utf-8")), timezone.now())


def _decode(data: bytes) -> str:
    return trafilatura.utils.decode_file(data)


def _language(html: str) -> str:
    try:
        root = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return ""
    code = (root.get("lang") or "").strip().split("-")[0].lower()
    try:
        language_code_validator(code)
    except ValidationError:  # a malformed lang attribute is simply not taken
        return ""
    return code


def capture_html(data: bytes, *, url: str = "") -> Capture:
    html = _decode(data)
    document = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        date_extraction_params=_DATE_FROM_MARKUP,
    )
    text = (getattr(document, "text", None) or "").strip() if document is not None else ""
    if not text:
        raise CaptureError(_("No article text was found in this HTML."))
    published = None
    if getattr(document, "date", None):
        try:
            published = datetime.date.fromisoformat(document.date[:10])
        except ValueError:
            published = None
    return Capture(
        "html",
        text,
        _digest(data),
        timezone.now(),
        raw_html=html,
        title=(document.title or "").strip(),
        author=(document.author or "").strip(),
        outlet=(document.sitename or "").strip(),
        published_on=published,
        language=_language(html),
        url=url,
    )


def capture_pdf(data: bytes, *, url: str = "") -> Capture:
    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
        metadata = reader.metadata or {}
        title = metadata.get("/Title") or ""
        author = metadata.get("/Author") or ""
    except (PyPdfError, ValueError, KeyError, TypeError) as error:
        raise CaptureError(_("This file is not a readable PDF.")) from error
    text = "\n\n".join(page.strip() for page in pages if page.strip())
    if not text:
        raise CaptureError(_("This PDF has no text layer (a scan?): paste its text instead."))
    return Capture(
        "pdf",
        text,
        _digest(data),
        timezone.now(),
        title=str(title).strip(),
        author=str(author).strip(),
        url=url,
    )


def capture_document(
    data: bytes, *, content_type: str = "", filename: str = "", url: str = ""
) -> Capture:
    """An uploaded or fetched document, by its type (else its name, else its first bytes)."""
    kind = content_type.split(";")[0].strip().lower()
    name = filename.lower()
    if kind in PDF_TYPES or name.endswith(".pdf") or data.startswith(b"%PDF-"):
        return capture_pdf(data, url=url)
    looks_html = re.match(rb"\s*(<!doctype html|<html|<head|<body|<\?xml)", data[:512], re.I)
    if kind in HTML_TYPES or name.endswith((".html", ".htm")) or looks_html:
        return capture_html(data, url=url)
    if kind.startswith("text/") or name.endswith(".txt"):
        try:
            return capture_text(data.decode("utf-8"))
        except UnicodeDecodeError as error:
            raise CaptureError(_("This text file is not in UTF-8.")) from error
    raise CaptureError(_("Only HTML, PDF and plain text can be captured."))
