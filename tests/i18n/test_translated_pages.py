"""Each reader page in Arabic and Persian: the language and direction set, and none of the
interface's English left in the main content (only the data's own words: names, titles,
quotes). Searching an Arabic-script name under another spelling finds it."""

import html
import re

import pytest
from rest_framework.test import APIClient

from claims.models import ActorAlias, Claim
from scripts.catalogues import read
from tests.factories import make_actor, make_claim, make_event, make_person, make_source

pytestmark = pytest.mark.django_db

# What the English interface says: every msgid of the catalogue, without placeholders. One
# letter or a word shorter than four letters (":", "on", "to") could be part of the data.
ENGLISH = {
    message.id
    for message in read("ar")
    if isinstance(message.id, str)
    and "%" not in message.id
    and len(message.id) > 3
    and re.search(r"[A-Za-z]", message.id)
}


@pytest.fixture
def world():
    kataib = make_actor("Kata'ib Hezbollah", slug="kataib-hezbollah")
    ActorAlias.objects.create(actor=kataib, name="كتائب حزب الله")
    pentagon = make_actor("Pentagon", slug="pentagon")
    event = make_event("Drone strike on Tower 22", slug="tower-22", country="JO", place="Tower 22")
    spokesman = make_person("Sabrina Singh", slug="sabrina-singh")
    source = make_source(title="Briefing of 29 January")
    attribution = make_claim(
        event=event,
        claimant_person=spokesman,
        claimant_description="",
        claimant_actor=pentagon,
        attributed_actor=kataib,
        hedging=Claim.Hedging.PROBABLE,
    )
    attribution.citations.update(source=source)
    make_claim(
        event=event,
        claimant_actor=kataib,
        claimant_description="",
        attributed_actor=kataib,
        stance=Claim.Stance.DENIES,
    )
    return {"event": event, "actor": kataib, "person": spokesman, "source": source}


PAGES = [
    "/",
    "/events/",
    "/events/tower-22/",
    "/actors/kataib-hezbollah/",
    "/people/sabrina-singh/",
    "/sources/{source}/",
    "/search/?q=Kataib",
    "/network/",
]


def _main(page: str) -> str:
    return page[page.index("<main") : page.index("</main>")]


def _texts(fragment: str) -> list[str]:
    """What a reader sees or hears: text between tags, labels and placeholders."""
    fragment = re.sub(r"<(script|style)\b.*?</\1>", "", fragment, flags=re.S)
    attributes = re.findall(r'(?:aria-label|placeholder|title|alt)="([^"]*)"', fragment)
    texts = re.split(r"<[^>]+>", fragment)
    return [html.unescape(text).strip() for text in [*texts, *attributes] if text.strip()]


@pytest.mark.parametrize("language", ["ar", "fa"])
@pytest.mark.parametrize("path", PAGES)
def test_each_reader_page_speaks_the_language_right_to_left(client, world, language, path):
    url = f"/{language}{path.format(source=world['source'].pk)}"

    response = client.get(url)

    assert response.status_code == 200
    page = response.content.decode()
    assert f'<html lang="{language}" dir="rtl">' in page
    left = sorted({text for text in _texts(_main(page)) if text in ENGLISH})
    assert left == [], f"English left on {url}: {left}"


def test_the_english_page_is_the_reference(client, world):
    """The check above finds English where it is: the English page is full of it."""
    page = client.get("/events/tower-22/").content.decode()

    assert {text for text in _texts(_main(page)) if text in ENGLISH} >= {
        "Who is said to have done it",
        "All claims, in date order",
    }


def test_dates_and_vocabulary_read_in_arabic(client, world):
    page = client.get("/ar/events/tower-22/").content.decode()

    assert "1 فبراير 2024" in page  # the claims' date: Arabic month, as Django's formats
    assert "مرجَّح" in page  # probable
    assert "ينفي" in page  # denies


@pytest.mark.parametrize("spelling", ["کتائب حزب الله", "كتايب حزب الله", "كَتَائِبُ حِزْبِ اللّٰه"])
def test_an_arabic_script_name_is_found_under_another_spelling_on_the_page(client, world, spelling):
    page = client.get("/ar/search/", {"q": spelling}).content.decode()

    assert 'href="/ar/actors/kataib-hezbollah/"' in page


@pytest.mark.parametrize("spelling", ["کتائب حزب الله", "كتايب حزب الله"])
def test_an_arabic_script_name_is_found_under_another_spelling_in_the_api(world, spelling):
    response = APIClient().get("/api/v1/actors/", {"q": spelling})

    assert response.status_code == 200
    assert [actor["slug"] for actor in response.json()["results"]] == ["kataib-hezbollah"]
