"""Pages read by their keys first (claims/paging.py) are the pages Django's Paginator
reads by slicing: the same events, in the same order, on every page, in one query."""

import datetime

import pytest
from django.core.paginator import Paginator

from claims.models import Event
from claims.paging import PagedByKeys
from claims.services.attribution import refresh_attributions
from tests.factories import make_actor, make_claim, make_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def events():
    """Eleven events, several on one date (the order's tie broken by key), three of them
    named as the work of two actors each."""
    first, second = make_actor("First"), make_actor("Second")
    made = []
    for n in range(11):
        event = make_event(f"Attack {n}", date=datetime.date(2024, 1, 1 + n % 4))
        make_claim(event=event, attributed_actor=first)
        if n % 4 == 0:
            make_claim(event=event, attributed_actor=second)
        made.append(event)
    refresh_attributions([event.pk for event in made])
    return first, second


def _pages(object_list, per_page=3):
    paginator = Paginator(object_list, per_page)
    return paginator.count, [
        [event.pk for event in paginator.page(n).object_list] for n in paginator.page_range
    ]


def test_every_page_holds_what_slicing_gives():
    ordered = Event.objects.order_by("-date", "pk")
    for n in range(11):
        make_event(f"Attack {n}", date=datetime.date(2024, 1, 1 + n % 4))

    count, pages = _pages(PagedByKeys(ordered))

    assert (count, pages) == _pages(ordered)
    assert count == 11 and len(pages) == 4 and len(pages[-1]) == 2


def test_a_filter_that_joins_and_removes_doubles_pages_the_same(events):
    """The actors filter joins each event's candidates and asks for distinct events."""
    first, second = events
    named = (
        Event.objects.public()
        .filter(candidates__actor__in=[first, second])
        .distinct()
        .order_by("-date", "pk")
    )

    count, pages = _pages(PagedByKeys(named))

    assert (count, pages) == _pages(named)
    listed = [pk for page in pages for pk in page]
    assert count == 11 and len(listed) == len(set(listed)) == 11


def test_a_page_is_one_query(events, django_assert_num_queries):
    paginator = Paginator(PagedByKeys(Event.objects.order_by("-date", "pk")), 3)
    paginator.count  # noqa: B018 (counted once, by the paginator)

    with django_assert_num_queries(1):
        assert len(list(paginator.page(4).object_list)) == 2
