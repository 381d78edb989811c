"""The pieces of HTML a page repeats for every claim: who made it, whom it names, its card
in a column of the event page, and its mark on the event's timeline.

An event with hundreds of claims shows some two hundred cards and draws 2 x 455 marks;
as template includes (a context, a lookup per variable, a `{% translate %}` per string,
per item) they took most of the page's time. Here each is one `format_html`, with the
words translated once per list and each actor's address reversed once per list.

The output is the HTML the templates wrote: every part an editor wrote is escaped and
isolated in a <bdi>; translated words are trusted as `{% translate %}` trusts them.
"""

import datetime
from collections.abc import Iterable

from django import template
from django.urls import reverse
from django.utils.formats import date_format, localize
from django.utils.html import conditional_escape, escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext

from claims.comparison import Mark
from claims.models import Claim

register = template.Library()

EXCERPT_CHARS = 180

MARK_SHAPES = {
    "circle": mark_safe('<circle r="7"></circle>'),
    "square": mark_safe('<rect x="-7" y="-7" width="14" height="14"></rect>'),
    "triangle": mark_safe('<path d="M0 -8 L8 7 L-8 7 Z"></path>'),
    "diamond": mark_safe('<path d="M0 -9 L9 0 L0 9 L-9 0 Z"></path>'),
}
CROSS = mark_safe('<path d="M-7 -7 L7 7 M7 -7 L-7 7"></path>')


class _Addresses:
    """Actors', people's and sources' pages, each reversed once: a list names the same
    few often."""

    def __init__(self) -> None:
        self._known: dict[tuple[str, object], str] = {}

    def __call__(self, view: str, key: object) -> str:
        if (view, key) not in self._known:
            self._known[view, key] = reverse(view, args=[key])
        return self._known[view, key]


def _actor_link(actor, addresses: _Addresses) -> SafeString:
    return format_html(
        '<a href="{}"><bdi>{}</bdi></a>', addresses("claims:actor_detail", actor.slug), actor
    )


def claimant_html(claim: Claim, addresses: _Addresses) -> SafeString:
    # The newline ends the line as the template this replaced did.
    if claim.claimant_person:
        person = format_html(
            '<a href="{}"><bdi>{}</bdi></a>',
            addresses("claims:person_detail", claim.claimant_person.slug),
            claim.claimant_person,
        )
        title = format_html(", <bdi>{}</bdi>", claim.speaker_title) if claim.speaker_title else ""
        actor = (
            format_html(" ({})", _actor_link(claim.claimant_actor, addresses))
            if claim.claimant_actor
            else ""
        )
        return format_html("{}{}{}\n", person, title, actor)
    if claim.claimant_actor:
        description = (
            format_html(" (<bdi>{}</bdi>)", claim.claimant_description)
            if claim.claimant_description
            else ""
        )
        return format_html("{}{}\n", _actor_link(claim.claimant_actor, addresses), description)
    return format_html("<bdi>{}</bdi>\n", claim.claimant_description)


def claim_target_html(
    claim: Claim, show_hint: bool, addresses: _Addresses, consistent_with: str
) -> SafeString:
    """The actor the claim names, or its description (with the actor it is consistent
    with, when `show_hint`). `consistent_with`: those words, translated."""
    if claim.attributed_actor:
        return _actor_link(claim.attributed_actor, addresses)
    if not claim.attributed_description:
        return SafeString()
    hint = ""
    if show_hint and claim.attributed_actor_hint:
        hint = format_html(
            ' <span class="hint">({} {})</span>',
            consistent_with,
            _actor_link(claim.attributed_actor_hint, addresses),
        )
    return format_html(
        '<q class="described"><bdi>{}</bdi></q>{}', claim.attributed_description, hint
    )


def _consistent_with() -> SafeString:
    return mark_safe(gettext("consistent with"))


@register.simple_tag
def claimant(claim: Claim) -> SafeString:
    """Who made the claim, linked to their page."""
    return claimant_html(claim, _Addresses())


@register.simple_tag
def claim_target(claim: Claim, show_hint: bool = False) -> SafeString:
    """Whom the claim names, linked to their page, or how it describes them."""
    return claim_target_html(claim, show_hint, _Addresses(), _consistent_with())


@register.simple_tag
def claim_cards(
    claims: Iterable[Claim], show_target: bool = False, show_hint: bool = False
) -> SafeString:
    """A card (<li>) per claim: who, stance, whom (when `show_target`), wording, date,
    status, the start of its first quote and a link to the claim in the full list.
    The claims' citations are prefetched (one query otherwise, per card)."""
    addresses = _Addresses()
    consistent_with = _consistent_with()
    full_quote = mark_safe(gettext("Full quote and source"))
    of_claim = mark_safe(gettext("of claim %(number)s"))
    cards = []
    for claim in claims:
        target = ""
        if show_target and claim.attributed_label:
            target = format_html(
                " {}", claim_target_html(claim, show_hint, addresses, consistent_with)
            )
        status = ""
        if claim.status != Claim.Status.UNVERIFIED:
            status = format_html(
                ' · <span class="status status-{}">{}</span>',
                claim.status,
                claim.get_status_display(),
            )
        citations = claim.citations.all()
        excerpt = ""
        if citations:
            excerpt = format_html(
                '\n  <blockquote class="excerpt" dir="auto"><bdi>{}</bdi></blockquote>\n  ',
                Truncator(citations[0].quote).chars(EXCERPT_CHARS),
            )
        number = mark_safe(of_claim % {"number": conditional_escape(localize(claim.pk))})
        cards.append(
            format_html(
                '<li class="claim-card stance-{stance}">\n'
                '  <p class="claim-line">\n'
                '    <span class="stance-mark" aria-hidden="true"></span>\n'
                "    <strong>{claimant}</strong>\n"
                '    <span class="stance">{phrase}</span>{target}\n'
                "  </p>\n"
                '  <p class="meta">\n'
                '    <span class="hedging">{hedging}</span> · '
                '<time datetime="{day}">{day_shown}</time>{status}\n'
                "  </p>\n"
                "  {excerpt}\n"
                '  <p><a href="{href}">{full_quote}'
                '<span class="visually-hidden"> {number}</span></a></p>\n'
                "</li>\n",
                stance=claim.stance,
                claimant=claimant_html(claim, addresses),
                phrase=claim.stance_phrase,
                target=target,
                hedging=claim.get_hedging_display(),
                day=claim.stated_on.isoformat(),
                day_shown=claim.stated_on_display,
                status=status,
                excerpt=excerpt,
                href=claim.href,
                full_quote=full_quote,
                number=number,
            )
        )
    return SafeString("".join(cards))


@register.simple_tag
def claim_entries(claims: Iterable[Claim], as_of: datetime.date | None) -> SafeString:
    """An entry (<li>) per claim of the event page's full list: who, stance, whom and as
    what, date, wording, channel, status (and whether it came after `as_of`), why it was
    retracted, what it answers, and every quote with its source. The claims' citations
    and their sources are prefetched (queries otherwise, per entry)."""
    addresses = _Addresses()
    consistent_with = _consistent_with()
    as_role = mark_safe(gettext("as %(role)s"))
    worded_as = mark_safe(gettext("worded as"))
    made_after = ""
    if as_of:
        day = conditional_escape(date_format(as_of, "j F Y"))
        made_after = mark_safe(" · " + gettext("made after %(date)s") % {"date": day})
    retracted = mark_safe(gettext("Retracted:"))
    in_answer_to = mark_safe(gettext("In answer to"))
    translation = mark_safe(gettext("Translation:"))
    entries = []
    for claim in claims:
        later = bool(as_of and claim.stated_on > as_of)
        target = ""
        if claim.attributed_label:
            role = mark_safe(as_role % {"role": conditional_escape(claim.get_role_display())})
            target = format_html(
                " {} {}", claim_target_html(claim, True, addresses, consistent_with), role
            )
        channel = format_html(" · {}", claim.get_channel_display()) if claim.channel else ""
        retraction = ""
        if claim.status == Claim.Status.RETRACTED and claim.retraction_reason:
            retraction = format_html(
                '<p class="retraction"><strong>{}</strong> <bdi>{}</bdi></p>',
                retracted,
                claim.retraction_reason,
            )
        answers = ""
        if claim.answers:
            answers = format_html(
                '<p>{} <a href="{}"><bdi>{}</bdi>, {}</a>.</p>',
                in_answer_to,
                claim.answers.href,
                claim.answers.claimant_label,
                claim.answers.stated_on_display,
            )
        quotes = []
        for citation in claim.citations.all():
            translated = ""
            if citation.translation:
                translated = format_html(
                    '<p class="translation">{} <bdi>{}</bdi></p>', translation, citation.translation
                )
            locator = format_html(", <bdi>{}</bdi>", citation.locator) if citation.locator else ""
            quotes.append(
                format_html(
                    "\n"
                    '        <figure class="citation">\n'
                    '          <blockquote lang="{}" dir="auto"><bdi>{}</bdi></blockquote>\n'
                    "          {}\n"
                    '          <figcaption>— <a href="{}"><bdi>{}</bdi></a>{}</figcaption>\n'
                    "        </figure>\n"
                    "        ",
                    citation.language or "en",
                    citation.quote,
                    translated,
                    addresses("claims:source_detail", citation.source.pk),
                    citation.source,
                    locator,
                )
            )
        entries.append(
            format_html(
                "\n"
                '      <li id="claim-{pk}" class="full-claim{later}">\n'
                '        <p class="claim-line"><strong>{claimant}</strong> {phrase}{target}.</p>\n'
                '        <p class="meta"><time datetime="{day}">{day_shown}</time> · '
                '{worded_as} <span class="hedging">{hedging}</span>{channel} · '
                '<span class="status status-{status}">{status_shown}</span>{made_after}</p>\n'
                "        {retraction}\n"
                "        {answers}\n"
                "        {quotes}\n"
                "      </li>\n"
                "      ",
                pk=localize(claim.pk),
                later=" later" if later else "",
                claimant=claimant_html(claim, addresses),
                phrase=claim.stance_phrase,
                target=target,
                day=claim.stated_on.isoformat(),
                day_shown=claim.stated_on_display,
                worded_as=worded_as,
                hedging=claim.get_hedging_display(),
                channel=channel,
                status=claim.status,
                status_shown=claim.get_status_display(),
                made_after=made_after if later else "",
                retraction=retraction,
                answers=answers,
                quotes=SafeString("".join(quotes)),
            )
        )
    return SafeString("".join(entries))


@register.simple_tag
def timeline_marks(marks: Iterable[Mark]) -> SafeString:
    """The marks of one drawing of the timeline, each a group with its shape, its count
    and its label (the claims it stands for, in words), at the place worked out for it.
    Numbers as Python writes them, as SVG reads them, in every language. Nine hundred
    marks for the largest events: plain strings, each part escaped, not format_html."""
    parts = []
    for mark in marks:
        later = " later" if mark.after_as_of else ""
        count = (
            f'<text class="count" x="10" y="0" dominant-baseline="middle">'
            f"{escape(mark.count_label)}</text>"
            if mark.count_label
            else ""
        )
        parts.append(
            f'\n  <g class="mark stance-{escape(mark.claim.stance)}{later}" '
            f'transform="translate({mark.x} {mark.y})" data-claim="{mark.claim.pk}">\n'
            f"    <title>{escape(mark.label)}</title>\n"
            f"    {MARK_SHAPES.get(mark.shape, CROSS)}\n"
            f"    {count}\n"
            "  </g>\n"
            "  "
        )
    return mark_safe("".join(parts))
