"""The Atom feeds: valid Atom as a feed reader parses it, stable ids, no draft ever."""

import xml.etree.ElementTree as ET

import feedparser
import pytest

from claims import services
from claims.models import Claim
from tests.factories import make_actor, make_claim, make_event

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def story(bob):
    kh = make_actor("Kata'ib Hezbollah", slug="kataib-hezbollah")
    event = make_event("K1 base rocket attack", slug="k1-base")
    published = make_claim(event=event, attributed_actor=kh)
    retracted = make_claim(event=event, attributed_actor=kh)
    services.retract_claim(retracted, reason="The outlet withdrew its story.", by=bob)
    draft = make_claim(
        event=event,
        attributed_actor=kh,
        claimant_description="a secret draft source",
        publication=Claim.Publication.DRAFT,
    )
    return event, kh, published, retracted, draft


def _read(client, url: str):
    answer = client.get(url)
    assert answer.status_code == 200
    assert answer["Content-Type"].startswith("application/atom+xml")
    body = answer.content
    root = ET.fromstring(body)
    # Atom's required elements (RFC 4287 §4.1): the feed's id, title, updated and author
    # (for entries without their own); each entry's id, title and updated.
    for name in ("id", "title", "updated", "author"):
        assert root.find(f"{ATOM}{name}") is not None, name
    for entry in root.findall(f"{ATOM}entry"):
        for name in ("id", "title", "updated", "link"):
            assert entry.find(f"{ATOM}{name}") is not None, name
    parsed = feedparser.parse(body)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    return parsed, body.decode()


def test_the_event_feed_has_its_claims_and_corrections_and_no_draft(client, story):
    event, _, published, _, draft = story
    parsed, body = _read(client, f"/events/{event.slug}/feed/")
    ids = [entry.id for entry in parsed.entries]
    assert f"http://testserver/claims/{published.pk}/" in ids
    assert len(ids) == len(set(ids))
    retraction = [entry for entry in parsed.entries if entry.title.startswith("Retracted")]
    assert "The outlet withdrew its story." in retraction[0].summary
    assert retraction[0].link.startswith("http://testserver/events/k1-base/")
    assert "secret draft" not in body
    assert f"/claims/{draft.pk}/" not in body


def test_entry_ids_stay_the_same_from_one_reading_to_the_next(client, story):
    event, *_ = story
    first, _ = _read(client, f"/events/{event.slug}/feed/")
    second, _ = _read(client, f"/events/{event.slug}/feed/")
    assert [e.id for e in first.entries] == [e.id for e in second.entries]


def test_the_corrections_feed_lists_the_retraction_with_its_reason(client, story):
    parsed, body = _read(client, "/feeds/corrections/")
    assert len(parsed.entries) == 1
    assert "The outlet withdrew its story." in parsed.entries[0].summary
    assert "secret draft" not in body


def test_the_actor_feed_lists_published_claims_naming_it(client, story):
    _, kh, published, retracted, _ = story
    parsed, body = _read(client, f"/actors/{kh.slug}/feed/")
    links = {entry.link for entry in parsed.entries}
    assert links == {
        f"http://testserver/claims/{published.pk}/",
        f"http://testserver/claims/{retracted.pk}/",
    }
    assert "secret draft" not in body


def test_an_event_with_drafts_only_has_no_feed(client):
    event = make_event()
    make_claim(event=event, publication=Claim.Publication.DRAFT)
    assert client.get(f"/events/{event.slug}/feed/").status_code == 404


def test_the_pages_link_their_feeds(client, story):
    event, kh, *_ = story
    event_page = client.get(event.get_absolute_url()).content.decode()
    actor_page = client.get(f"/actors/{kh.slug}/").content.decode()
    assert (
        f'<link rel="alternate" type="application/atom+xml" href="/events/{event.slug}/feed/"'
        in event_page
    )
    assert (
        f'<link rel="alternate" type="application/atom+xml" href="/actors/{kh.slug}/feed/"'
        in actor_page
    )


def test_the_event_feed_runs_six_queries(client, story, django_assert_num_queries):
    event, *_ = story
    # 1 the event, 2 its published claims with what they name, 3 the claims' changes,
    # 4 the quotes' changes, 5 the versions readers saw before them, 6 the actors named.
    with django_assert_num_queries(6):
        client.get(f"/events/{event.slug}/feed/")


def test_an_entry_title_is_one_sentence_in_the_readers_language(client, story):
    """The verb agrees with the claimant, and the order is the language's own."""
    event, kh, *_ = story
    make_claim(event=event, attributed_actor=kh, claimant_description="unnamed U.S. officials")

    english, _ = _read(client, f"/events/{event.slug}/feed/")
    persian, _ = _read(client, f"/fa/events/{event.slug}/feed/")

    titles = [entry.title for entry in english.entries]
    assert "unnamed U.S. officials attribute Kata'ib Hezbollah" in titles
    assert any(
        t.startswith("unnamed U.S. officials") and "— Kata'ib Hezbollah" in t
        for t in (entry.title for entry in persian.entries)
    )
