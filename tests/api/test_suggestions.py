"""Suggested claims through the API, and the command that prints the same ones."""

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench.suggestions import demo_gazetteer
from claims.suggest import suggest_claims
from claims.suggestions import MAX_TEXT_CHARACTERS
from tests.capturing import ARTICLES
from tests.factories import make_actor, make_source

pytestmark = pytest.mark.django_db
URL = "/api/v1/suggestions/"
BW_ACTUAL = ARTICLES / "bw-actual-2024-02-08.txt"


@pytest.fixture
def demo():
    call_command("load_demo", stdout=io.StringIO())


@pytest.fixture
def israel():
    return make_actor("Israel", slug="israel", kind="state")


def test_editors_get_the_claims_a_text_carries(as_alice, israel):
    response = as_alice.post(
        URL, {"text": "Israel struck the convoy.", "published_on": "2024-02-08"}, format="json"
    )
    assert response.status_code == 200, response.json()
    [suggestion] = response.json()["suggestions"]
    assert suggestion == {
        "start": 0,
        "end": 25,
        "quote": "Israel struck the convoy.",
        "stance": "attributes",
        "role": "perpetrator",
        "hedging": "asserted",
        "attributed_actor": "israel",
        "attributed_mention": "Israel",
        "claimant_actor": None,
        "claimant_person": None,
        "claimant_mention": "",
        "claimant_description": "",
        "stated_on": "2024-02-08",
        "cues": ["struck"],
        "confidence": 0.65,
    }


def test_a_new_alias_is_read_at_once(as_alice, israel):
    text = {"text": "The Zionist entity struck the convoy."}
    assert as_alice.post(URL, text, format="json").json()["suggestions"] == []
    israel.aliases.create(name="Zionist entity")
    [suggestion] = as_alice.post(URL, text, format="json").json()["suggestions"]
    assert suggestion["attributed_actor"] == "israel"


@pytest.mark.parametrize(
    "client, status", [("anon", 401), ("as_charlie", 403), ("as_alice", 200), ("as_bob", 200)]
)
def test_only_accounts_that_may_add_claims_get_suggestions(request, client, status):
    response = request.getfixturevalue(client).post(URL, {"text": "Text."}, format="json")
    assert response.status_code == status


def test_a_text_over_the_limit_is_refused_with_413(as_alice):
    response = as_alice.post(URL, {"text": "a" * (MAX_TEXT_CHARACTERS + 1)}, format="json")
    assert response.status_code == 413
    assert "text" in response.json()
    ok = as_alice.post(URL, {"text": "a " * (MAX_TEXT_CHARACTERS // 2)}, format="json")
    assert ok.status_code == 200


@pytest.mark.parametrize(
    "body, field",
    [
        ({}, "text"),
        ({"text": ""}, "text"),
        ({"text": 5}, None),  # a number is taken as its text
        ({"text": "x", "published_on": "08/02/2024"}, "published_on"),
        ({"text": "x", "language": "xx"}, "language"),
    ],
)
def test_bad_input_is_refused_naming_the_field(as_alice, body, field):
    response = as_alice.post(URL, body, format="json")
    if field is None:
        assert response.status_code == 200
    else:
        assert response.status_code == 400
        assert field in response.json()


def test_a_source_answers_with_the_claims_of_its_captured_text(as_alice):
    make_actor("Islamic State", slug="islamic-state")
    make_actor("United States", slug="united-states", kind="state")
    text = BW_ACTUAL.read_text()
    source = make_source(full_text=text, published_on=datetime.date(2024, 2, 8))
    response = as_alice.get(f"/api/v1/sources/{source.pk}/suggestions/")
    assert response.status_code == 200
    [found] = [
        s for s in response.json()["suggestions"] if s["attributed_actor"] == "islamic-state"
    ]
    assert found["quote"].startswith("Islamic State claimed the two blasts")
    assert found["quote"] == text[found["start"] : found["end"]]
    assert (found["stance"], found["stated_on"]) == ("claims_responsibility", "2024-02-08")


def test_a_source_without_text_has_none_and_an_unknown_one_is_404(as_alice, anon):
    source = make_source()
    assert as_alice.get(f"/api/v1/sources/{source.pk}/suggestions/").json() == {"suggestions": []}
    assert as_alice.get("/api/v1/sources/999999/suggestions/").status_code == 404
    assert anon.get(f"/api/v1/sources/{source.pk}/suggestions/").status_code == 401


def test_a_source_in_a_language_without_cues_is_refused(as_alice):
    source = make_source(full_text="نص", language="ar")
    response = as_alice.get(f"/api/v1/sources/{source.pk}/suggestions/")
    assert response.status_code == 400
    assert "language" in response.json()


def test_the_api_the_command_and_the_engine_agree_on_a_reference_article(as_alice, demo):
    text = BW_ACTUAL.read_text()
    api = as_alice.post(URL, {"text": text, "published_on": "2024-02-08"}, format="json").json()
    out = io.StringIO()
    call_command(
        "suggest_claims", str(BW_ACTUAL), "--json", "--published-on=2024-02-08", stdout=out
    )
    assert json.loads(out.getvalue()) == api
    engine = suggest_claims(text, demo_gazetteer(), published_on=datetime.date(2024, 2, 8))
    assert api["suggestions"] == [s.as_dict() for s in engine]
    assert len(api["suggestions"]) >= 10


def test_the_command_prints_a_readable_list():
    make_actor("Islamic State", slug="islamic-state")
    out = io.StringIO()
    call_command("suggest_claims", str(BW_ACTUAL), stdout=out)
    assert "claims_responsibility · perpetrator · reported · islamic-state" in out.getvalue()


def test_the_command_reads_a_url(pages, local_fetching):
    forces = make_actor("United States Armed Forces", slug="united-states-armed-forces")
    forces.aliases.create(name="U.S. forces")
    out = io.StringIO()
    call_command("suggest_claims", pages.url("/article.html"), "--json", stdout=out)
    found = json.loads(out.getvalue())["suggestions"]
    assert any(s["attributed_actor"] == "united-states-armed-forces" for s in found)
    assert {s["stated_on"] for s in found} == {"2024-02-11"}  # the page's own date


def test_the_command_says_what_went_wrong():
    with pytest.raises(CommandError, match="No such file"):
        call_command("suggest_claims", "/no/such/file.txt")
    with pytest.raises(CommandError, match="private or local address"):
        call_command("suggest_claims", "http://127.0.0.1:9/page")


def test_its_query_count_does_not_grow_with_the_text(as_alice, israel):
    as_alice.post(URL, {"text": "Warm-up."}, format="json")  # builds the gazetteer
    for text in ("Israel struck the convoy.", "Israel struck the convoy. " * 200):
        with CaptureQueriesContext(connection) as queries:
            response = as_alice.post(URL, {"text": text}, format="json")
        assert response.status_code == 200
        # 1. the token and its user; 2. and 3. the user's and its groups' permissions;
        # 4. the name tables' counts and highest ids (is the gazetteer current?)
        assert len(queries) == 4, [q["sql"] for q in queries]


def test_it_is_in_the_openapi_schema(anon):
    schema = anon.get("/api/v1/schema/?format=json").json()
    assert "/api/v1/suggestions/" in schema["paths"]
    assert "/api/v1/sources/{id}/suggestions/" in schema["paths"]
    operation = schema["paths"]["/api/v1/suggestions/"]["post"]
    assert "413" in str(operation) or "200,000" in operation["description"]
