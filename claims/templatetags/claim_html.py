"""The pieces of HTML a page repeats for every claim: who made it, whom it names, its card
in a column of the event page, its entry in the event's full list, its mark on the
event's timeline, and the entries of the event's corrections log.

An event with hundreds of claims shows some two hundred cards, fifty entries and two
hundred corrections, and draws 2 x 455 marks; as template includes and loops (a
context, a lookup per variable, a `{% translate %}` and a `{% url %}` per item) they
took most of the page's time. Here each is one string, with the words translated once
per list and each page's address reversed once per list.

The output is the HTML the templates wrote. Every value is escaped with `esc` (what
`{{ value }}` does) and every part an editor wrote is isolated in a <bdi>; the words
from the catalogues are trusted, as `{% translate %}` trusts them, and so is the HTML
these functions write themselves. Nothing else goes in unescaped.
"""

import datetime
import unicodedata
from collections.abc import Iterable

from django import template
from django.utils.formats import date_format, localize
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.timezone import localtime
from django.utils.translation import gettext

from claims.attribution import AttributionState
from claims.comparison import Mark
from claims.corrections import Correction, CorrectionKind
from claims.html import Addresses, esc
from claims.models import Claim

register = template.Library()

EXCERPT_CHARS = 180
SEARCH_EXCERPT_CHARS = 240

MARK_SHAPES = {
    "circle": '<circle r="7"></circle>',
    "square": '<rect x="-7" y="-7" width="14" height="14"></rect>',
    "triangle": '<path d="M0 -8 L8 7 L-8 7 Z"></path>',
    "diamond": '<path d="M0 -9 L9 0 L0 9 L-9 0 Z"></path>',
}
CROSS = '<path d="M-7 -7 L7 7 M7 -7 L-7 7"></path>'


def _excerpt(text: str, length: int) -> str:
    """truncatechars: `text` cut to `length` characters with an ellipsis. Most quotes are
    shorter, and are returned as the filter returns them (NFC) without its count of each
    character."""
    text = unicodedata.normalize("NFC", text)
    if len(text) <= length:
        return text
    return Truncator(text).chars(length)


def _actor_link(actor, addresses: Addresses) -> str:
    return (
        f'<a href="{addresses.html("claims:actor_detail", actor.slug)}"><bdi>{esc(actor)}</bdi></a>'
    )


def _claimant(claim: Claim, addresses: Addresses) -> str:
    # The newline ends the line as the template this replaced did.
    if claim.claimant_person:
        person = claim.claimant_person
        href = addresses.html("claims:person_detail", person.slug)
        title = f", <bdi>{esc(claim.speaker_title)}</bdi>" if claim.speaker_title else ""
        actor = f" ({_actor_link(claim.claimant_actor, addresses)})" if claim.claimant_actor else ""
        return f'<a href="{href}"><bdi>{esc(person)}</bdi></a>{title}{actor}\n'
    if claim.claimant_actor:
        description = claim.claimant_description
        described = f" (<bdi>{esc(description)}</bdi>)" if description else ""
        return f"{_actor_link(claim.claimant_actor, addresses)}{described}\n"
    return f"<bdi>{esc(claim.claimant_description)}</bdi>\n"


def _target(claim: Claim, show_hint: bool, addresses: Addresses, consistent_with: str) -> str:
    """The actor the claim names, or its description (with the actor it is consistent
    with, when `show_hint`). `consistent_with`: those words, translated."""
    if claim.attributed_actor:
        return _actor_link(claim.attributed_actor, addresses)
    if not claim.attributed_description:
        return ""
    hint = ""
    if show_hint and claim.attributed_actor_hint:
        link = _actor_link(claim.attributed_actor_hint, addresses)
        hint = f' <span class="hint">({consistent_with} {link})</span>'
    return f'<q class="described"><bdi>{esc(claim.attributed_description)}</bdi></q>{hint}'


@register.simple_tag
def claimant(claim: Claim) -> SafeString:
    """Who made the claim, linked to their page."""
    return mark_safe(_claimant(claim, Addresses()))


@register.simple_tag
def claim_target(claim: Claim, show_hint: bool = False) -> SafeString:
    """Whom the claim names, linked to their page, or how it describes them."""
    return mark_safe(_target(claim, show_hint, Addresses(), gettext("consistent with")))


@register.simple_tag
def claim_cards(
    claims: Iterable[Claim], show_target: bool = False, show_hint: bool = False
) -> SafeString:
    """A card (<li>) per claim: who, stance, whom (when `show_target`), wording, date,
    status, the start of its first quote and a link to the claim in the full list.
    The claims' citations are prefetched (a query otherwise, per card)."""
    addresses = Addresses()
    consistent_with = gettext("consistent with")
    full_quote = gettext("Full quote and source")
    of_claim = gettext("of claim %(number)s")
    cards = []
    for claim in claims:
        target = ""
        if show_target and claim.attributed_label:
            target = " " + _target(claim, show_hint, addresses, consistent_with)
        status = ""
        if claim.status != Claim.Status.UNVERIFIED:
            status = (
                f' · <span class="status status-{esc(claim.status)}">'
                f"{esc(claim.get_status_display())}</span>"
            )
        citations = claim.citations.all()
        excerpt = ""
        if citations:
            quote = _excerpt(citations[0].quote, EXCERPT_CHARS)
            excerpt = (
                '\n  <blockquote class="excerpt" dir="auto">'
                f"<bdi>{esc(quote)}</bdi></blockquote>\n  "
            )
        number = of_claim % {"number": esc(localize(claim.pk))}
        cards.append(
            f'<li class="claim-card stance-{esc(claim.stance)}">\n'
            '  <p class="claim-line">\n'
            '    <span class="stance-mark" aria-hidden="true"></span>\n'
            f"    <strong>{_claimant(claim, addresses)}</strong>\n"
            f'    <span class="stance">{esc(claim.stance_phrase)}</span>{target}\n'
            "  </p>\n"
            '  <p class="meta">\n'
            f'    <span class="hedging">{esc(claim.get_hedging_display())}</span> · '
            f'<time datetime="{claim.stated_on.isoformat()}">{esc(claim.stated_on_display)}</time>'
            f"{status}\n"
            "  </p>\n"
            f"  {excerpt}\n"
            f'  <p><a href="{esc(claim.href)}">{full_quote}'
            f'<span class="visually-hidden"> {number}</span></a></p>\n'
            "</li>\n"
        )
    return mark_safe("".join(cards))


@register.simple_tag
def claim_entries(claims: Iterable[Claim], as_of: datetime.date | None) -> SafeString:
    """An entry (<li>) per claim of the event page's full list: who, stance, whom and as
    what, date, wording, channel, status (and whether it came after `as_of`), why it was
    retracted, what it answers, and every quote with its source. The claims' citations
    and their sources are prefetched (queries otherwise, per entry)."""
    addresses = Addresses()
    consistent_with = gettext("consistent with")
    as_role = gettext("as %(role)s")
    worded_as = gettext("worded as")
    made_after = ""
    if as_of:
        made_after = " · " + gettext("made after %(date)s") % {
            "date": esc(date_format(as_of, "j F Y"))
        }
    retracted = gettext("Retracted:")
    in_answer_to = gettext("In answer to")
    translation = gettext("Translation:")
    entries = []
    for claim in claims:
        later = bool(as_of and claim.stated_on > as_of)
        target = ""
        if claim.attributed_label:
            role = as_role % {"role": esc(claim.get_role_display())}
            target = f" {_target(claim, True, addresses, consistent_with)} {role}"
        channel = f" · {esc(claim.get_channel_display())}" if claim.channel else ""
        retraction = ""
        if claim.status == Claim.Status.RETRACTED and claim.retraction_reason:
            retraction = (
                f'<p class="retraction"><strong>{retracted}</strong> '
                f"<bdi>{esc(claim.retraction_reason)}</bdi></p>"
            )
        answers = ""
        if claim.answers:
            answered = claim.answers
            answers = (
                f'<p>{in_answer_to} <a href="{esc(answered.href)}">'
                f"<bdi>{esc(answered.claimant_label)}</bdi>, "
                f"{esc(answered.stated_on_display)}</a>.</p>"
            )
        quotes = []
        for citation in claim.citations.all():
            translated = ""
            if citation.translation:
                translated = (
                    f'<p class="translation">{translation} '
                    f"<bdi>{esc(citation.translation)}</bdi></p>"
                )
            locator = f", <bdi>{esc(citation.locator)}</bdi>" if citation.locator else ""
            source = citation.source
            source_href = addresses.html("claims:source_detail", source.pk)
            quotes.append(
                "\n"
                '        <figure class="citation">\n'
                f'          <blockquote lang="{esc(citation.language or "en")}" dir="auto">'
                f"<bdi>{esc(citation.quote)}</bdi></blockquote>\n"
                f"          {translated}\n"
                f'          <figcaption>— <a href="{source_href}">'
                f"<bdi>{esc(source)}</bdi></a>{locator}</figcaption>\n"
                "        </figure>\n"
                "        "
            )
        entries.append(
            "\n"
            f'      <li id="claim-{esc(localize(claim.pk))}" '
            f'class="full-claim{" later" if later else ""}">\n'
            f'        <p class="claim-line"><strong>{_claimant(claim, addresses)}</strong> '
            f"{esc(claim.stance_phrase)}{target}.</p>\n"
            f'        <p class="meta"><time datetime="{claim.stated_on.isoformat()}">'
            f"{esc(claim.stated_on_display)}</time> · {worded_as} "
            f'<span class="hedging">{esc(claim.get_hedging_display())}</span>{channel} · '
            f'<span class="status status-{esc(claim.status)}">'
            f"{esc(claim.get_status_display())}</span>{made_after if later else ''}</p>\n"
            f"        {retraction}\n"
            f"        {answers}\n"
            f"        {''.join(quotes)}\n"
            "      </li>\n"
            "      "
        )
    return mark_safe("".join(entries))


@register.simple_tag
def correction_entries(corrections: Iterable[Correction]) -> SafeString:
    """An entry (<li>) per correction of the event page's log: when, what kind, the claim
    as readers saw it before (who, stance, whom), and the status before and after, the
    quote before and after, or the reason, where the correction has them."""
    before_now = gettext("Before:"), gettext("Now:")
    reason_is = gettext("Reason:")
    status_change = gettext("status %(before)s → %(after)s")
    # Days written once each: an event's log has many entries a day, and writing a date
    # in words costs what the rest of an entry does.
    days: dict[datetime.date, str] = {}
    entries = []
    for correction in corrections:
        claim = correction.claim
        # As the `date` filter shows it: in the site's time zone.
        at = localtime(correction.at)
        if (day := at.date()) not in days:
            days[day] = esc(date_format(at, "j F Y"))
        whom = f" <bdi>{esc(claim.attributed_label)}</bdi>" if claim.attributed_label else ""
        status = ""
        if correction.kind == CorrectionKind.STATUS_CHANGED:
            before, after = correction.statuses
            status = " · " + status_change % {"before": esc(before), "after": esc(after)}
        quotes = ""
        if correction.kind == CorrectionKind.QUOTE_CORRECTED:
            quotes = (
                f'<p class="meta">{before_now[0]} <bdi>“{esc(correction.before)}”</bdi> '
                f"{before_now[1]} <bdi>“{esc(correction.after)}”</bdi></p>"
            )
        reason = ""
        if correction.reason:
            reason = f'<p class="meta">{reason_is} <bdi>{esc(correction.reason)}</bdi></p>'
        entries.append(
            f'\n    <li id="correction-{esc(correction.uid)}">\n'
            f'      <p><time datetime="{at.isoformat()}">{days[day]}</time>'
            f" · <strong>{esc(correction.label)}</strong>: "
            f"<bdi>{esc(claim.claimant_label)}</bdi> {esc(claim.get_stance_display())}"
            f"{whom}{status}</p>\n"
            f"      {quotes}\n"
            f"      {reason}\n"
            "    </li>"
        )
    return mark_safe("".join(entries))


def _state_badge(state: str, title: str) -> str:
    """The badge of an attribution state; `title`: "Attribution state", translated.
    Ends with the newline the badge's template ended with."""
    try:
        label = str(AttributionState(state).label)
    except ValueError:
        label = esc(state)
    return f'<span class="badge state-{esc(state)}" title="{title}">{label}</span>\n'


@register.simple_tag
def state_badge(state: str) -> SafeString:
    """An attribution state (AttributionState's value) as a badge, in words."""
    return mark_safe(_state_badge(state, gettext("Attribution state")))


@register.simple_tag
def search_events(events: Iterable) -> SafeString:
    """An item (<li>) per event found by the reader search: its title linked to its
    page, its date and the badge of its attribution state."""
    addresses = Addresses()
    title = gettext("Attribution state")
    return mark_safe(
        "".join(
            f'<li><a href="{addresses.html("claims:event_detail", event.slug)}">'
            f"<bdi>{esc(event)}</bdi></a> "
            f'<span class="meta">{esc(event.date_display)}</span> '
            f"{_state_badge(event.attribution_state, title)}</li>"
            for event in events
        )
    )


@register.simple_tag
def search_claims(claims: Iterable[Claim]) -> SafeString:
    """An item (<li>) per claim found by the reader search: who, stance, whom, on which
    event (linked to the claim), when, and the quote that matched (`matched_citation`,
    cut to SEARCH_EXCERPT_CHARS) with its source."""
    addresses = Addresses()
    on = gettext("on")
    items = []
    for claim in claims:
        target = ""
        if claim.attributed_actor:
            target = " " + _actor_link(claim.attributed_actor, addresses)
        quoted = ""
        citation = claim.matched_citation
        if citation:
            source = citation.source
            quoted = (
                '<blockquote dir="auto">'
                f"<bdi>{esc(_excerpt(citation.quote, SEARCH_EXCERPT_CHARS))}</bdi></blockquote>"
                f'<p class="meta">— <a href="{addresses.html("claims:source_detail", source.pk)}">'
                f"<bdi>{esc(source)}</bdi></a></p>"
            )
        items.append(
            "\n      <li>\n"
            f'        <p class="claim-line"><strong>{_claimant(claim, addresses)}</strong> '
            f"{esc(claim.stance_phrase)}{target}, {on} "
            f'<a href="{addresses.html("claims:claim_detail", claim.pk)}">'
            f"<bdi>{esc(claim.event)}</bdi></a> "
            f'<span class="meta">· <time datetime="{claim.stated_on.isoformat()}">'
            f"{esc(claim.stated_on_display)}</time></span></p>\n"
            f"        {quoted}\n"
            "      </li>"
        )
    return mark_safe("".join(items))


@register.simple_tag
def timeline_marks(marks: Iterable[Mark]) -> SafeString:
    """The marks of one drawing of the timeline, each a group with its shape, its count
    and its label (the claims it stands for, in words), at the place worked out for it.
    Numbers as Python writes them, as SVG reads them, in every language."""
    parts = []
    for mark in marks:
        later = " later" if mark.after_as_of else ""
        count = (
            '<text class="count" x="10" y="0" dominant-baseline="middle">'
            f"{esc(mark.count_label)}</text>"
            if mark.count_label
            else ""
        )
        parts.append(
            f'\n  <g class="mark stance-{esc(mark.claim.stance)}{later}" '
            f'transform="translate({mark.x} {mark.y})" data-claim="{mark.claim.pk}">\n'
            f"    <title>{esc(mark.label)}</title>\n"
            f"    {MARK_SHAPES.get(mark.shape, CROSS)}\n"
            f"    {count}\n"
            "  </g>\n"
            "  "
        )
    return mark_safe("".join(parts))
