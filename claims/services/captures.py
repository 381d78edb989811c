"""The write of a captured source: create it, or update it with a new capture.

`record_capture` is the only function that writes a capture; the admin, the API and
commands call it, and it saves through `save_record` (history, announcement). A
re-capture whose bytes have the same SHA-256 as the stored one changes no text; one
with different bytes replaces the text, and the history keeps the old one (reason
"Captured").
"""

from django.db import transaction

from claims.capture.extract import Capture
from claims.models import Source

from .records import save_record

CHANGE_REASON = "Captured"
# The fields of a source that a capture's form may set.
SOURCE_FIELDS = {
    "title",
    "outlet",
    "author",
    "published_on",
    "url",
    "kind",
    "language",
    "republishes",
}


@transaction.atomic
def record_capture(
    *, source_fields: dict, capture: Capture, by, source: Source | None = None
) -> Source:
    """Create a source (or update `source`) with `source_fields` and the captured text.

    Raises django.core.exceptions.ValidationError, naming the field, and writes nothing.
    """
    unknown = set(source_fields) - SOURCE_FIELDS
    if unknown:
        raise ValueError(f"Not fields a capture sets: {sorted(unknown)}")
    source = Source() if source is None else Source.objects.select_for_update().get(pk=source.pk)
    for name, value in source_fields.items():
        setattr(source, name, value)
    if source.capture_sha256 != capture.sha256:
        source.full_text = capture.text
        source.captured_html = capture.raw_html
        source.capture_sha256 = capture.sha256
        source.captured_at = capture.captured_at
    source.full_clean()
    if by is not None:
        source._history_user = by
    return save_record(source, by=by, reason=CHANGE_REASON)
