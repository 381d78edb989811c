"""The events' rows and the map's marks, written as strings
(claims/templatetags/event_html.py): what an editor wrote is escaped, the words are the
catalogues', the links are the pages'."""

from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, ngettext

from claims.maps import MappedEvent, build_map
from claims.templatetags.event_html import event_rows, map_marks
from tests.factories import make_actor, make_event

HOSTILE = "<script>alert(\"x\")</script> & 'q'"
ESCAPED = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#x27;q&#x27;"

pytestmark = pytest.mark.django_db


def _candidate(actor, count):
    return SimpleNamespace(actor=actor, supporting_count=count)


def test_a_row_escapes_what_editors_wrote():
    event = make_event(HOSTILE, place=HOSTILE, country="IQ")
    event.leading_candidates = [_candidate(make_actor(HOSTILE), 2)]

    row = event_rows([event])

    assert "<script>" not in row
    assert row.count(ESCAPED) == 3  # the title, the place, the actor
    assert f'href="{reverse("claims:event_detail", args=[event.slug])}"' in row


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_row_names_the_leading_actors_with_their_claims_in_the_readers_language(language):
    event = make_event("Attack on the base", place="", country="IQ")
    first, second = make_actor("Kataib Hezbollah"), make_actor("Harakat al-Nujaba")
    event.leading_candidates = [_candidate(first, 1), _candidate(second, 3)]

    with translation.override(language):
        row = event_rows([event])
        named = gettext("Named as responsible:")
        one = ngettext("%(counter)s claim", "%(counter)s claims", 1) % {"counter": 1}
        three = ngettext("%(counter)s claim", "%(counter)s claims", 3) % {"counter": 3}
        first_href = reverse("claims:actor_detail", args=[first.slug])

    assert f'<span class="candidates">{named} <a href="{first_href}">' in row
    assert f"<bdi>Kataib Hezbollah</bdi></a> ({one})" in row
    assert f"<bdi>Harakat al-Nujaba</bdi></a> ({three})</span>" in row
    if language == "ar":
        assert first_href.startswith("/ar/") and named != "Named as responsible:"


def test_a_row_without_candidates_says_nobody_is_named():
    event = make_event("Attack", country="IQ")
    event.leading_candidates = []

    assert "Nobody named as responsible" in event_rows([event])
    assert event_rows([]) == ""


def _mapped(title, **fields):
    values = {
        "slug": "an-event",
        "title": title,
        "date_display": "28 January 2024",
        "state": "contested",
        "latitude": 33.3,
        "longitude": 44.4,
        "location_precision": "town",
        "country": "IQ",
        "country_name": "Iraq",
    }
    return MappedEvent(**(values | fields))


def test_a_marks_label_and_link_are_escaped():
    one = _mapped(HOSTILE)
    several = [_mapped(f"{HOSTILE} {n}", slug=f"event-{n}", latitude=10.0) for n in range(2)]
    event_map = build_map([one, *several], {"q": "a&b"})

    marks = map_marks(event_map)

    assert "<script>" not in marks
    assert f"<title>{ESCAPED}, 28 January 2024: contested</title>" in marks
    # The mark standing for two links to the list, its filters kept: & written &amp;.
    assert "?q=a%26b&amp;country=IQ&amp;state=contested" in marks
    assert marks.count("<a class=") == 2 and marks.count(">2</text>") == 1
