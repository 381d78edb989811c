"""The pieces of HTML a page repeats for every event: its row in the events list and on
the home page, and the marks of the map (claims/maps.py places them).

The events list shows 25 rows and maps up to 300 events; as template includes and loops
they were most of its rendering. Here each list is one string, written as
claims/templatetags/claim_html.py writes the claims' cards: every value escaped with
`esc`, every part an editor wrote isolated in a <bdi>, the words from the catalogues
translated once per list and trusted, each page's address reversed once per list.
"""

from collections.abc import Iterable

from django import template
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext, pgettext

from claims.html import Addresses, esc
from claims.maps import EventMap
from claims.templatetags.claim_html import _state_badge

register = template.Library()


@register.simple_tag
def event_rows(events: Iterable) -> SafeString:
    """A row (<li>) per event: its title linked to its page; its date, place, country and
    kind; the badge of its attribution state; the actors leading as responsible
    (`leading_candidates`, prefetched) with their claims' count; and why its state is
    what it is (`headline_reason_shown`, when given)."""
    addresses = Addresses()
    badge_title = gettext("Attribution state")
    named = gettext("Named as responsible:")
    nobody = gettext("Nobody named as responsible")
    separator = pgettext("list separator", ", ")
    rows = []
    for event in events:
        place = event.place_shown
        place = f" · <bdi>{esc(place)}</bdi>" if place else ""
        country = f" · {esc(event.country.name)}" if event.country else ""
        if event.leading_candidates:
            candidates = separator.join(
                f'<a href="{addresses.html("claims:actor_detail", candidate.actor.slug)}">'
                f"<bdi>{esc(candidate.actor)}</bdi></a> ("
                + ngettext("%(counter)s claim", "%(counter)s claims", candidate.supporting_count)
                % {"counter": esc(localize(candidate.supporting_count))}
                + ")"
                for candidate in event.leading_candidates
            )
            candidates = f'\n      <span class="candidates">{named} {candidates}</span>\n    '
        else:
            candidates = f'\n      <span class="candidates">{nobody}</span>\n    '
        reason = getattr(event, "headline_reason_shown", None)
        reason = f'<p class="reason">{conditional_escape(reason.html)}</p>' if reason else ""
        rows.append(
            '<li class="event-row">\n'
            f'  <h3><a href="{addresses.html("claims:event_detail", event.slug)}">'
            f"<bdi>{esc(event.title)}</bdi></a></h3>\n"
            '  <p class="meta">\n'
            f"    {esc(event.date_display)}{place}{country} · {esc(event.get_kind_display())}\n"
            "  </p>\n"
            "  <p>\n"
            f"    {_state_badge(event.attribution_state, badge_title)}\n"
            f"    {candidates}\n"
            "  </p>\n"
            f"  {reason}\n"
            "</li>\n"
        )
    return mark_safe("".join(rows))


@register.simple_tag
def map_marks(event_map: EventMap) -> SafeString:
    """The map's marks: first the lines from each moved mark back to its place, then
    each mark, linked, with its label as its title and its count when it stands for
    several events. Numbers as Python writes them, as SVG reads them."""
    leaders = "".join(
        f'<line class="leader" x1="{marker.anchor_x}" y1="{marker.anchor_y}" '
        f'x2="{marker.x}" y2="{marker.y}" aria-hidden="true"></line>'
        for marker in event_map.markers
        if marker.moved
    )
    marks = []
    for marker in event_map.markers:
        count = (
            f'<text x="{marker.count_x}" y="{marker.y}" dominant-baseline="middle">'
            f"{marker.count}</text>"
            if marker.count > 1
            else ""
        )
        marks.append(
            "\n    "
            f'<a class="marker mark-{esc(marker.state)} precision-{esc(marker.precision)}" '
            f'href="{esc(marker.href)}" data-events="{marker.count}">\n'
            f"      <title>{esc(marker.label)}</title>\n"
            f'      <path d="{esc(marker.path)}" '
            f'transform="translate({marker.x} {marker.y})"></path>\n'
            f"      {count}\n"
            "    </a>\n"
            "    "
        )
    return mark_safe(f"{leaders}\n    {''.join(marks)}")
