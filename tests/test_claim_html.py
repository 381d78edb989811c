"""The shortcuts of the claims' HTML (claims/templatetags/claim_html.py) give what the
template machinery they replace gives: reverse() and the truncatechars filter."""

import unicodedata

import pytest
from django.template.defaultfilters import truncatechars
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from claims.attribution import AttributionState
from claims.html import Addresses
from claims.templatetags.claim_html import _excerpt, state_badge


@pytest.mark.parametrize("language", ["en", "ar"])
@pytest.mark.parametrize(
    ("view", "key"),
    [
        ("claims:actor_detail", "kataib-hezbollah"),
        ("claims:actor_detail", "a_b-9"),
        ("claims:person_detail", "mark-milley"),
        ("claims:source_detail", 42),
        ("claims:source_detail", 8675309),
    ],
)
def test_addresses_are_what_reverse_gives(view, key, language):
    with translation.override(language):
        addresses = Addresses()
        first, again = addresses(view, key), addresses(view, key)
        expected = reverse(view, args=[key])
    assert first == again == expected
    if language == "ar":
        assert expected.startswith("/ar/")


def test_an_address_reverse_refuses_is_refused():
    """A key the stand-in would take but the view's pattern does not goes through
    reverse(), which refuses it as before."""
    with pytest.raises(NoReverseMatch):
        Addresses()("claims:actor_detail", "ḥizb-allāh")
    with pytest.raises(NoReverseMatch):
        Addresses()("claims:source_detail", "not-a-number")


@pytest.mark.parametrize(
    "text",
    [
        "",
        "short",
        "x" * 179,
        "x" * 180,
        "x" * 181,
        "word " * 60,
        # Combining accents do not count: 180 letters, each with one, are not cut.
        "e\u0301" * 180,
        "e\u0301" * 181,
        # Decomposed input comes out composed, as from the filter.
        unicodedata.normalize("NFD", "Kata’ib Ḥizb Allāh " * 5),
        unicodedata.normalize("NFD", "Kata’ib Ḥizb Allāh " * 20),
    ],
)
def test_excerpt_is_what_truncatechars_gives(text):
    assert _excerpt(text, 180) == truncatechars(text, 180)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_state_badges_name_each_state_in_the_readers_language(language):
    with translation.override(language):
        for state in AttributionState:
            badge = state_badge(state)
            assert f'class="badge state-{state.value}"' in badge
            assert f">{state.label}</span>" in badge
        title = translation.gettext("Attribution state")
    assert f'title="{title}"' in badge
    if language == "ar":
        assert title != "Attribution state"


def test_an_unknown_state_is_shown_escaped():
    badge = state_badge('<b x="1">')
    assert "<b " not in badge
    assert "&lt;b x=&quot;1&quot;&gt;</span>" in badge
