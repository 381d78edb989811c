"""What the editors' desk shows of a source: its captured text in numbered paragraphs
with the suggested claims marked, and what became of each suggestion.

A suggestion is `accepted` when a citation of this source is anchored inside its span
(whoever accepted it, on the desk or elsewhere: a citation with no selector counts
when its quote is found once in the text), `rejected` when an editor turned it down
for this source, else `open`. The writes are in `claims.services.desk`.
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
    suggestions: list[DeskSuggestion] = field(default_factory=list)


@dataclass(frozen=True)
class MarkedParagraph:
    number: int
    segments: list[Segment]


@dataclass(frozen=True)
class Cited:
    """A citation of the source, as the desk matches it to suggestions."""

    claim_id: int
    quote: str
    selector: dict
    stance: str
    attributed_actor: str | None  # slug


def source_citations(source: Source) -> list[Cited]:
    """The source's citations with their claims' stance and actor (one query)."""
    return [
        Cited(*row)
        for row in Citation.objects.filter(source=source)
        .order_by("pk")
        .values_list(
            "claim_id", "quote", "selector", "claim__stance", "claim__attributed_actor__slug"
        )
    ]


def _span(text: str, cited: Cited) -> tuple[int, int] | None:
    span = anchoring.reanchor(cited.selector, text) if cited.selector else None
    return span or anchoring.reanchor({"exact": cited.quote}, text)


def desk_suggestions(
    text: str,
    suggestions: list[Suggestion],
    citations: list[Cited],
    rejections: list[RejectedSuggestion],
) -> list[DeskSuggestion]:
    """Each suggestion with its paragraph and what became of it (see the docstring).

    A sentence may carry several suggestions ("a U.S. strike killed the commander of the
    Iran-backed militia"): a citation in it is matched to the one whose stance and actor
    its claim has, else to the first of them not yet matched."""
    found = [
        DeskSuggestion(number, s, anchoring.paragraph_number(text, s.start))
        for number, s in enumerate(suggestions, start=1)
    ]
    for cited in citations:
        span = _span(text, cited)
        if span is None:
            continue
        around = [d for d in found if d.suggestion.start <= span[0] < d.suggestion.end]
        same = [
            d
            for d in around
            if (d.suggestion.stance, d.suggestion.attributed_actor)
            == (cited.stance, cited.attributed_actor)
        ]
        unmatched = [d for d in around if not d.claim_ids]
        chosen = (same or unmatched or around or [None])[0]
        if chosen is not None and cited.claim_id not in chosen.claim_ids:
            chosen.claim_ids.append(cited.claim_id)
    rejected = {(r.start, r.end): r.pk for r in rejections}
    for desk in found:
        if desk.claim_ids:
            desk.state = ACCEPTED
        elif (desk.suggestion.start, desk.suggestion.end) in rejected:
            desk.state = REJECTED
            desk.rejection_id = rejected[(desk.suggestion.start, desk.suggestion.end)]
    return found


def marked_paragraphs(text: str, suggestions: list[DeskSuggestion]) -> list[MarkedParagraph]:
    """The text's paragraphs cut into plain runs and suggested passages, each passage with
    the suggestions it carries (a passage over two paragraphs is marked in each; of two
    overlapping passages, the first is marked)."""
    passages: dict[tuple[int, int], list[DeskSuggestion]] = {}
    for desk in suggestions:
        passages.setdefault((desk.suggestion.start, desk.suggestion.end), []).append(desk)
    marked = []
    for paragraph in anchoring.paragraphs(text):
        segments, position = [], paragraph.start
        for (passage_start, passage_end), carried in passages.items():
            start, end = max(passage_start, position), min(passage_end, paragraph.end)
            if start >= end:
                continue
            if start > position:
                segments.append(Segment(text[position:start]))
            segments.append(Segment(text[start:end], carried))
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
