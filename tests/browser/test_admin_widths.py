"""No page the editors use scrolls sideways on a laptop (1366 × 768) nor on a desktop
(1920 × 1080): the changelists, the change forms with their inlines, the desk."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import Page

from claims.models import Actor, Claim, Event, Person, Source

pytestmark = pytest.mark.browser

SIZES = {"laptop": {"width": 1366, "height": 768}, "desktop": {"width": 1920, "height": 1080}}


def editors_pages() -> dict[str, str]:
    """The busiest record of each kind: the event with the most claims, and so on."""
    event = max(Event.objects.all(), key=lambda e: e.claims.count())
    claim = max(Claim.objects.all(), key=lambda c: c.citations.count())
    source = Source.objects.exclude(full_text="").first()
    return {
        "claims": "/admin/claims/claim/",
        "events": "/admin/claims/event/",
        "sources": "/admin/claims/source/",
        "actors": "/admin/claims/actor/",
        "people": "/admin/claims/person/",
        "citations": "/admin/claims/citation/",
        "claim": f"/admin/claims/claim/{claim.pk}/change/",
        "new claim": "/admin/claims/claim/add/",
        "event": f"/admin/claims/event/{event.pk}/change/",
        "source": f"/admin/claims/source/{source.pk}/change/",
        "actor": f"/admin/claims/actor/{Actor.objects.first().pk}/change/",
        "person": f"/admin/claims/person/{Person.objects.first().pk}/change/",
        "desk": f"/admin/claims/source/{source.pk}/read/",
    }


@pytest.mark.parametrize("size", SIZES, ids=SIZES.keys())
def test_no_editors_page_scrolls_sideways(page: Page, size):
    get_user_model().objects.create_superuser("root", "root@example.org", "pw")
    page.set_viewport_size(SIZES[size])
    page.goto("/admin/login/")
    page.fill("#id_username", "root")
    page.fill("#id_password", "pw")
    page.click("input[type=submit]")
    too_wide = {}
    for name, path in editors_pages().items():
        response = page.goto(path)
        assert response is not None and response.ok, (name, response and response.status)
        page.wait_for_load_state("networkidle")
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > SIZES[size]["width"]:
            too_wide[name] = width
    assert too_wide == {}
