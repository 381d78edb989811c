"""The editors' desk: a suggested claim accepted as a draft claim with its anchored
citation, a suggestion rejected for its source, and either undone.

An accept writes through `save_claim` like every other channel (policy, rules, history,
announcement), and always as a draft: whoever accepts, publishing is a reviewer's
separate act. The actors, people and event an editor creates in the form itself are
saved first, through `save_record`, in the same transaction: a refused claim leaves
none of them behind.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils.text import slugify
from django.utils.translation import gettext as _

from claims import anchoring
from claims.models import Citation, Claim, RejectedSuggestion, Source

from .claims import CitationChanges, delete_claim, save_claim
from .records import save_record

ACCEPTED = "Accepted on the desk"
CREATED = "Created on the desk"
UNDONE = "Accept undone on the desk"


def quote_span(text: str, quote: str, *, near: tuple[int, int] | None = None) -> tuple[int, int]:
    """Where `quote` is in the captured text: inside the span `near` (the suggestion it
    was cut from) when it is there, else its one occurrence in the whole text. Raises a
    ValidationError on `quote` when it is not in the text exactly as printed."""
    quote = quote.strip()
    if not quote:
        raise ValidationError({"quote": _("Give the quoted words.")})
    if near is not None:
        start = text.find(quote, near[0], max(near[1], near[0] + len(quote)))
        if start >= 0:
            return start, start + len(quote)
    first = text.find(quote)
    if first >= 0 and text.find(quote, first + 1) < 0:
        return first, first + len(quote)
    if first >= 0:
        raise ValidationError(
            {"quote": _("These words appear several times in the text: quote a longer passage.")}
        )
    raise ValidationError(
        {"quote": _("The quote must be a passage of the captured text, exactly as printed.")}
    )


def unique_slug(model, name: str) -> str:
    base = slugify(name)[:180] or model._meta.model_name
    slug, n = base, 1
    while model.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


@transaction.atomic
def accept_suggestion(
    claim: Claim,
    *,
    source: Source,
    quote: str,
    near: tuple[int, int] | None = None,
    translation: str = "",
    language: str = "",
    new_records: dict[str, Model] | None = None,
    by,
) -> Claim:
    """Save `claim` (unsaved) as a draft citing `quote` of `source`, anchored; the
    records in `new_records` (claim field name: unsaved actor, person or event) are
    created first and set on the claim."""
    start, end = quote_span(source.full_text, quote, near=near)
    for name, record in (new_records or {}).items():
        label = getattr(record, "name", "") or getattr(record, "title", "")
        if not record.slug:
            record.slug = unique_slug(type(record), label)
        record.full_clean()
        save_record(record, by=by, reason=CREATED)
        setattr(claim, name, record)
    claim.publication = Claim.Publication.DRAFT
    claim.status = Claim.Status.UNVERIFIED
    citation = Citation(
        source=source,
        quote=source.full_text[start:end],
        locator=anchoring.locator(source.full_text, start),
        selector=anchoring.text_quote_selector(source.full_text, start, end),
        language=language or source.language or "",
        translation=translation,
    )
    return save_claim(claim, by=by, citations=CitationChanges(save=[citation]), reason=ACCEPTED)


def undo_accept(claim: Claim, *, by) -> None:
    """Delete the draft an accept wrote (the policy refuses it once readers saw it)."""
    delete_claim(claim, by=by, reason=UNDONE)


def reject_suggestion(*, source: Source, start: int, end: int, by) -> RejectedSuggestion:
    if not 0 <= start < end <= len(source.full_text):
        raise ValidationError(_("This suggestion is not a passage of the source's text."))
    rejection, _created = RejectedSuggestion.objects.get_or_create(
        source=source,
        start=start,
        end=end,
        defaults={"quote": source.full_text[start:end], "rejected_by": by},
    )
    return rejection


def undo_rejection(rejection: RejectedSuggestion, *, by) -> None:
    rejection.delete()
