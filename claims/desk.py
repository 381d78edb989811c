"""What the editors' desk shows of a source: its captured text in numbered paragraphs
with the suggested claims marked, and what became of each suggestion.

A suggestion is `accepted` when a citation of this source is anchored inside its span
(whoever accepted it, on the desk or elsewhere: a citation with no selector counts
when its quote is a passage of the suggestion), `rejected` when an editor turned it
down for this source, else `open`. The writes are in `claims.services.desk`.
"""

import datetime
from dataclasses import dataclass, field

from claims import anchoring
from claims.models import Affiliation, Citation, Claim, RejectedSuggestion, Source
from claims.suggest import Suggestion

OPEN, ACCEPTED, REJECTED = "open", "accepted", "rejected"


@dataclass
class DeskSuggestion:
    number: int  # from 1, in text order
    suggestion: Suggestion
    paragraph: int | None
    state: str = OPEN
    claim_ids: list[int] = field(default_factory=list)
    rejection_id: int | None = None

    @property
    def stance_label(self) -> str:
        stance = self.suggestion.stance
        return Claim.Stance(stance).label if stance in Claim.Stance.values else ""


@dataclass(frozen=True)
class Segment:
    text: str
    suggestion: DeskSuggestion | None = None


@dataclass(frozen=True)
class MarkedParagraph:
    number: int
    segments: list[Segment]


def _cited_spans(text: str, citations: list[tuple[int, str, dict]]) -> list[tuple[int, int, int]]:
    """(start, end, claim id) of each citation, given as (claim id, quote, selector),
    found in the text."""
    spans = []
    for claim_id, quote, selector in citations:
        span = anchoring.reanchor(selector, text) if selector else None
        if span is None:
            span = anchoring.reanchor({"exact": quote}, text)
        if span is not None:
            spans.append((*span, claim_id))
    return spans


def source_citations(source: Source) -> list[tuple[int, str, dict]]:
    """The source's citations as `desk_suggestions` reads them (one query)."""
    return list(Citation.objects.filter(source=source).values_list("claim_id", "quote", "selector"))


def desk_suggestions(
    text: str,
    suggestions: list[Suggestion],
    citations: list[tuple[int, str, dict]],
    rejections: list[RejectedSuggestion],
) -> list[DeskSuggestion]:
    """Each suggestion with its paragraph and what became of it (see the docstring)."""
    spans = _cited_spans(text, citations)
    rejected = {(r.start, r.end): r.pk for r in rejections}
    found = []
    for number, suggestion in enumerate(suggestions, start=1):
        desk = DeskSuggestion(
            number, suggestion, anchoring.paragraph_number(text, suggestion.start)
        )
        desk.claim_ids = sorted(
            {claim for start, end, claim in spans if suggestion.start <= start < suggestion.end}
        )
        if desk.claim_ids:
            desk.state = ACCEPTED
        elif (suggestion.start, suggestion.end) in rejected:
            desk.state = REJECTED
            desk.rejection_id = rejected[(suggestion.start, suggestion.end)]
        found.append(desk)
    return found


def marked_paragraphs(text: str, suggestions: list[DeskSuggestion]) -> list[MarkedParagraph]:
    """The text's paragraphs cut into plain runs and suggested passages (a passage over
    two paragraphs is marked in each; overlapping suggestions: the first one wins)."""
    marked = []
    for paragraph in anchoring.paragraphs(text):
        segments, position = [], paragraph.start
        for desk in suggestions:
            start = max(desk.suggestion.start, position)
            end = min(desk.suggestion.end, paragraph.end)
            if start >= end:
                continue
            if start > position:
                segments.append(Segment(text[position:start]))
            segments.append(Segment(text[start:end], desk))
            position = end
        if position < paragraph.end:
            segments.append(Segment(text[position : paragraph.end]))
        marked.append(MarkedParagraph(paragraph.number, segments))
    return marked


def speaker_title(person_id: int | None, on: datetime.date | None) -> str:
    """The person's title in their post on that day (their first post entered, when the
    day is unknown): one query."""
    if not person_id:
        return ""
    posts = list(Affiliation.objects.filter(person_id=person_id).order_by("id"))
    for post in posts:
        if on is None or (
            (post.start is None or post.start <= on) and (post.end is None or on <= post.end)
        ):
            return post.title
    return ""


def previous_event_id(source: Source) -> int | None:
    """The event of the claim last written citing this source (one query)."""
    return (
        Claim.objects.filter(citations__source=source)
        .order_by("-created_at", "-pk")
        .values_list("event_id", flat=True)
        .first()
    )
