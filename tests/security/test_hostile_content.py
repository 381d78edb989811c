"""Hostile text typed by an editor is inert everywhere it is shown: on every reader page, in
the admin, in the event page's JSON-LD, in the CSV and NDJSON exports and in the API.

Every text field an editor fills in carries the same payloads: a script element, an
attribute break-out into an image with an error handler, a break-out of a script element,
and a right-to-left override. A web address with the javascript: scheme is refused."""

import csv
import datetime
import io
import json

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from rest_framework.authtoken.models import Token

from claims.models import Citation, Claim, Source
from tests.factories import make_actor, make_event, make_person, make_source
from tests.security.helpers import JSON_LD, inline_scripts, read_page

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"
IMAGE = '"><img src=x onerror=alert(1)>'
BREAKOUT = "</script><script>alert(1)</script>"
RTL = "\u202eevil"
PAYLOAD = f"{SCRIPT} {IMAGE} {BREAKOUT} {RTL}"

# What must never reach a page unescaped.
RAW = ["<script>alert(1)", "<img src=x onerror", "</script><script>", "onerror=alert(1)>"]
ESCAPED_SCRIPT = "&lt;script&gt;alert(1)&lt;/script&gt;"

# Cells a spreadsheet would run as formulas.
FORMULAS = {
    "claimant_description": '=HYPERLINK("https://evil.example/","click")',
    "speaker_title": "+SUM(1,2)",
    "quote": "-2+3+cmd|' /C calc'!A0",
    "attributed_actor_name": "@SUM(1+1)",
}


def hostile(label: str) -> str:
    return f"{label} {PAYLOAD}"


@pytest.fixture
def hostile_world(db):
    """An editor's worst: every free-text field of every record carries the payloads."""
    target = make_actor(hostile("Actor"), slug="hostile-actor")
    target.aliases.create(name=hostile("Alias"))
    claimant = make_actor(hostile("Claimant actor"), slug="hostile-claimant")
    person = make_person(hostile("Person"), slug="hostile-person")
    person.aliases.create(name=hostile("Person alias"))
    event = make_event(
        hostile("Event"), slug="hostile-event", summary=hostile("Summary"), place=hostile("Place")
    )
    source = make_source(
        title=hostile("Source"), outlet=hostile("Outlet"), author=hostile("Author")
    )
    by_official = Claim.objects.create(
        event=event,
        claimant_person=person,
        speaker_title=hostile("Title"),
        claimant_actor=claimant,
        stance=Claim.Stance.ATTRIBUTES,
        attributed_actor=target,
        stated_on=datetime.date(2024, 1, 29),
        status=Claim.Status.CONFIRMED,
        publication=Claim.Publication.PUBLISHED,
    )
    Citation.objects.create(
        claim=by_official,
        source=source,
        quote=hostile("Quote"),
        translation=hostile("Translation"),
        language="ar",
    )
    by_description = Claim.objects.create(
        event=event,
        claimant_description=hostile("Description"),
        stance=Claim.Stance.DENIES,
        attributed_actor=target,
        stated_on=datetime.date(2024, 1, 30),
        status=Claim.Status.DISPUTED,
        publication=Claim.Publication.PUBLISHED,
    )
    Citation.objects.create(claim=by_description, source=source, quote=hostile("Denial"))
    formulas = Claim.objects.create(
        event=make_event("Formula event", slug="formula-event"),
        claimant_description=FORMULAS["claimant_description"],
        speaker_title=FORMULAS["speaker_title"],
        stance=Claim.Stance.ATTRIBUTES,
        attributed_actor=make_actor(FORMULAS["attributed_actor_name"], slug="formula-actor"),
        stated_on=datetime.date(2024, 2, 1),
        publication=Claim.Publication.PUBLISHED,
    )
    Citation.objects.create(claim=formulas, source=make_source(), quote=FORMULAS["quote"])
    return {
        "target": target,
        "claimant": claimant,
        "person": person,
        "event": event,
        "source": source,
        "claim": by_official,
        "denial": by_description,
        "formulas": formulas,
    }


READER_PAGES = {
    "home": lambda w: "/",
    "events list": lambda w: "/events/",
    "event": lambda w: f"/events/{w['event'].slug}/",
    "actor": lambda w: f"/actors/{w['target'].slug}/",
    "claimant actor": lambda w: f"/actors/{w['claimant'].slug}/",
    "person": lambda w: f"/people/{w['person'].slug}/",
    "source": lambda w: f"/sources/{w['source'].pk}/",
    # The payload is also the search text: reflected as well as stored.
    "search": lambda w: f"/search/?q={SCRIPT}",
}
ADMIN_PAGES = {
    "events list": lambda w: "/admin/claims/event/",
    "event form": lambda w: f"/admin/claims/event/{w['event'].pk}/change/",
    "event history": lambda w: f"/admin/claims/event/{w['event'].pk}/history/",
    "claims list": lambda w: "/admin/claims/claim/",
    "claims search": lambda w: f"/admin/claims/claim/?q={SCRIPT}",
    "claim form": lambda w: f"/admin/claims/claim/{w['claim'].pk}/change/",
    "claim form by description": lambda w: f"/admin/claims/claim/{w['denial'].pk}/change/",
    "claim history": lambda w: f"/admin/claims/claim/{w['claim'].pk}/history/",
    "citations list": lambda w: "/admin/claims/citation/",
    "actors list": lambda w: "/admin/claims/actor/",
    "actor form": lambda w: f"/admin/claims/actor/{w['target'].pk}/change/",
    "people list": lambda w: "/admin/claims/person/",
    "person form": lambda w: f"/admin/claims/person/{w['person'].pk}/change/",
    "sources list": lambda w: "/admin/claims/source/",
    "source form": lambda w: f"/admin/claims/source/{w['source'].pk}/change/",
    "autocomplete": lambda w: (
        "/admin/autocomplete/?app_label=claims&model_name=claim&field_name=attributed_actor"
        "&term=actor"
    ),
}


def assert_inert(html: str) -> None:
    """No payload survives as markup: no raw tag, no handler, no script a browser runs."""
    for raw in RAW:
        assert raw not in html, f"unescaped {raw!r} in the page"
    page = read_page(html)
    assert page.handlers == []
    assert not [a for tag, a in page.tags if tag == "img" and a.get("src") == "x"]
    assert inline_scripts(html) == []


@pytest.mark.parametrize("name", READER_PAGES)
def test_every_reader_page_shows_the_payloads_as_text(name, hostile_world):
    response = Client().get(READER_PAGES[name](hostile_world))

    assert response.status_code == 200
    html = response.content.decode()
    assert_inert(html)
    assert ESCAPED_SCRIPT in html  # shown, as text: the test is not vacuous


@pytest.mark.parametrize("name", ADMIN_PAGES)
def test_every_admin_page_shows_the_payloads_as_text(name, hostile_world, admin_user):
    client = Client()
    client.force_login(admin_user)

    response = client.get(ADMIN_PAGES[name](hostile_world))

    assert response.status_code == 200
    text = response.content.decode()
    if response["Content-Type"].startswith("application/json"):  # the autocomplete's answer
        labels = [item["text"] for item in json.loads(text)["results"]]
        assert hostile("Actor") in labels
        return
    assert_inert(text)
    assert ESCAPED_SCRIPT in text


def test_the_admin_merge_and_deleted_pages_show_the_payloads_as_text(hostile_world, admin_user):
    client = Client()
    client.force_login(admin_user)
    actors = [hostile_world["target"].pk, hostile_world["claimant"].pk]
    merge = client.post("/admin/claims/actor/", {"action": "merge", "_selected_action": actors})
    draft = Claim.objects.create(
        event=hostile_world["event"],
        claimant_description=hostile("Deleted draft"),
        stance=Claim.Stance.NO_CLAIM,
        stated_on=datetime.date(2024, 2, 2),
    )
    client.post(f"/admin/claims/claim/{draft.pk}/delete/", {"post": "yes"})
    deleted = client.get("/admin/claims/claim/deleted/")

    for response in (merge, deleted):
        assert response.status_code == 200
        html = response.content.decode()
        assert_inert(html)
        assert ESCAPED_SCRIPT in html


def test_the_payload_cannot_end_the_json_ld_block(hostile_world):
    html = Client().get(f"/events/{hostile_world['event'].slug}/").content.decode()

    blocks = JSON_LD.findall(html)
    assert len(blocks) == 1
    block = blocks[0]
    assert "</script" not in block.lower()
    assert "<script" not in block.lower()
    reviews = json.loads(block)  # the whole block, intact
    by_official = next(r for r in reviews if r["itemReviewed"]["author"]["@type"] == "Person")
    author = by_official["itemReviewed"]["author"]
    assert author["name"] == hostile("Person")
    assert author["jobTitle"] == hostile("Title")
    assert author["affiliation"]["name"] == hostile("Claimant actor")
    appearance = by_official["itemReviewed"]["appearance"][0]
    assert appearance["headline"] == hostile("Source")
    assert appearance["publisher"]["name"] == hostile("Outlet")
    assert hostile("Event") in by_official["claimReviewed"]
    by_description = next(r for r in reviews if r is not by_official)
    assert by_description["itemReviewed"]["author"]["name"] == hostile("Description")


def test_the_csv_export_keeps_the_payloads_as_data_and_defuses_formulas(hostile_world):
    response = Client().get("/api/v1/claims/export.csv")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith("attachment;")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert len(rows) == 3
    for row in rows:
        for column, cell in row.items():
            assert not cell.startswith(("=", "+", "-", "@")), (column, cell)
    by_id = {int(row["id"]): row for row in rows}
    official = by_id[hostile_world["claim"].pk]
    assert official["event_title"] == hostile("Event")
    assert official["claimant_person_name"] == hostile("Person")
    assert official["speaker_title"] == hostile("Title")
    assert official["quotes"] == hostile("Quote")
    assert json.loads(official["citations"])[0]["translation"] == hostile("Translation")
    formulas = by_id[hostile_world["formulas"].pk]
    for column in ("claimant_description", "speaker_title", "attributed_actor_name"):
        assert formulas[column] == f"'{FORMULAS[column]}"
    assert formulas["quotes"] == f"'{FORMULAS['quote']}"


def test_the_ndjson_export_keeps_the_payloads_as_json_strings(hostile_world):
    response = Client().get("/api/v1/claims/export.ndjson")

    assert response["Content-Type"].startswith("application/x-ndjson")
    lines = b"".join(response.streaming_content).decode().splitlines()
    records = {record["id"]: record for record in map(json.loads, lines)}
    official = records[hostile_world["claim"].pk]
    assert official["claimant_person_name"] == hostile("Person")
    assert official["citations"][0]["quote"] == hostile("Quote")


def strings_in(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in strings_in(item)]
    if isinstance(value, list):
        return [s for item in value for s in strings_in(item)]
    return []


API_PAGES = {
    "claims list": lambda w: "/api/v1/claims/",
    "claim": lambda w: f"/api/v1/claims/{w['claim'].pk}/",
    "claim review": lambda w: f"/api/v1/claims/{w['claim'].pk}/claimreview/",
    "event": lambda w: f"/api/v1/events/{w['event'].slug}/",
    "actor": lambda w: f"/api/v1/actors/{w['target'].slug}/",
    "person": lambda w: f"/api/v1/people/{w['person'].slug}/",
    "source": lambda w: f"/api/v1/sources/{w['source'].pk}/",
    "search": lambda w: "/api/v1/actors/?q=alert",
}


@pytest.mark.parametrize("name", API_PAGES)
def test_the_api_returns_the_payloads_as_json_strings(name, hostile_world):
    response = Client().get(API_PAGES[name](hostile_world))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["X-Content-Type-Options"] == "nosniff"
    text = response.content.decode()
    strings = strings_in(json.loads(text))
    # Every payload in the body is inside a JSON string, whole.
    assert text.count("alert(1)") == sum(s.count("alert(1)") for s in strings) > 0
    assert any(PAYLOAD in s for s in strings)


def test_the_api_names_each_payload_in_its_own_field(hostile_world):
    claim = Client().get(f"/api/v1/claims/{hostile_world['claim'].pk}/").json()
    actor = Client().get(f"/api/v1/actors/{hostile_world['target'].slug}/").json()
    source = Client().get(f"/api/v1/sources/{hostile_world['source'].pk}/").json()

    assert claim["speaker_title"] == hostile("Title")
    assert claim["citations"][0]["quote"] == hostile("Quote")
    assert claim["citations"][0]["translation"] == hostile("Translation")
    assert (actor["name"], actor["aliases"]) == (hostile("Actor"), [hostile("Alias")])
    assert (source["title"], source["outlet"]) == (hostile("Source"), hostile("Outlet"))


@pytest.mark.parametrize("name", ["claims list", "claim", "event", "actor"])
def test_the_browsable_api_shows_the_payloads_as_text(name, hostile_world):
    response = Client().get(API_PAGES[name](hostile_world), HTTP_ACCEPT="text/html")

    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert_inert(html)
    assert "alert(1)" in html


# --- Right-to-left override ------------------------------------------------------------

# Text that is laid out on its own whatever it holds: a form control's option, and an SVG
# text or tooltip (the timeline's lane labels). Markup cannot isolate them any further.
SELF_CONTAINED = {"option", "textarea", "text", "title"}


def isolated(ancestors) -> bool:
    """Inside a <bdi>, or an element with a dir attribute (dir="auto" isolates its text)."""
    return ancestors[-1][0] in SELF_CONTAINED or any(
        tag == "bdi" or "dir" in attributes for tag, attributes in ancestors
    )


def override_runs(html: str) -> list[tuple[str, tuple]]:
    """Every text node carrying the override, with its open elements, outside <head>."""
    return [
        (text, ancestors)
        for text, ancestors in read_page(html).texts
        if RTL in text and not any(tag == "head" for tag, _ in ancestors)
    ]


def describe(text: str, ancestors) -> str:
    path = " > ".join(
        tag + "".join(f".{c}" for c in attributes.get("class", "").split()[:1])
        for tag, attributes in ancestors
        if tag not in {"html", "body"}
    )
    label = text.strip().split(" <", 1)[0].split(" &lt;", 1)[0]
    return f"{label!r} in {path}"


def test_the_event_page_isolates_the_quote_and_the_claimant(hostile_world):
    html = Client().get(f"/events/{hostile_world['event'].slug}/").content.decode()
    runs = override_runs(html)

    quotes = [a for text, a in runs if text.startswith("Quote ")]
    assert quotes, "the quote is on the page"
    for ancestors in quotes:
        # Isolated by the element around it: a <bdi>, or the blockquote with dir="auto".
        tag, attributes = ancestors[-1]
        assert tag == "bdi" or (tag, attributes.get("dir")) == ("blockquote", "auto")
    claimants = [
        a
        for text, a in runs
        if text.startswith(("Person ", "Title ", "Claimant actor ", "Description "))
        and any(tag == "strong" for tag, _ in a)  # the claim lines: <strong>claimant</strong>
    ]
    assert len(claimants) >= 4
    for ancestors in claimants:
        assert ancestors[-1][0] == "bdi"


@pytest.mark.parametrize("name", READER_PAGES)
def test_every_reader_page_isolates_every_editor_text(name, hostile_world):
    html = Client().get(READER_PAGES[name](hostile_world)).content.decode()
    runs = override_runs(html)

    assert runs, "the payload is on the page"
    loose = [describe(text, a) for text, a in runs if not isolated(a)]
    assert loose == []


# --- javascript: addresses -------------------------------------------------------------

BAD_URLS = [
    "javascript:alert(1)",
    "JavaScript:alert(document.cookie)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
]


@pytest.mark.parametrize("url", BAD_URLS)
@pytest.mark.parametrize("field", ["url", "archive_url"])
def test_a_source_with_a_script_address_is_refused_by_validation(url, field):
    source = Source(title="A report", kind=Source.Kind.NEWS_REPORT, **{field: url})

    with pytest.raises(ValidationError) as refused:
        source.full_clean()

    assert field in refused.value.message_dict


@pytest.mark.parametrize("url", BAD_URLS[:2])
def test_the_admin_refuses_a_source_with_a_script_address(url, alice):
    client = Client()
    client.force_login(alice)

    response = client.post(
        "/admin/claims/source/add/",
        {"title": "A report", "kind": "news_report", "language": "en", "url": url},
    )

    assert response.status_code == 200
    assert "url" in response.context["adminform"].form.errors
    assert not Source.objects.exists()


@pytest.mark.parametrize("url", BAD_URLS)
def test_the_api_refuses_a_source_with_a_script_address(url, alice):
    token = Token.objects.create(user=alice)
    response = Client().post(
        "/api/v1/sources/",
        {"title": "A report", "kind": "news_report", "url": url},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {token.key}",
    )

    assert response.status_code == 400
    assert "url" in response.json()
    assert not Source.objects.exists()
