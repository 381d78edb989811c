"""The OpenAPI description and its documentation page, served without any outside host."""

import json
import re

import pytest
import yaml
from django.core.management import call_command

from claims.attribution import ReasonCode
from claims.models import Claim, Event

pytestmark = pytest.mark.django_db


@pytest.fixture
def schema(anon) -> dict:
    response = anon.get("/api/v1/schema/", {"format": "json"})
    assert response.status_code == 200
    return json.loads(response.content)


def parameters(schema: dict, path: str) -> dict[str, dict]:
    return {param["name"]: param for param in schema["paths"][path]["get"]["parameters"]}


def test_the_schema_is_an_openapi_3_document(anon):
    response = anon.get("/api/v1/schema/")

    assert response.status_code == 200
    document = yaml.safe_load(response.content)
    assert document["openapi"].startswith("3.")
    assert document["info"]["title"] == "Attribution tracker API"


def test_the_schema_lists_every_resource(schema):
    assert {
        "/api/v1/actors/",
        "/api/v1/actors/{slug}/",
        "/api/v1/people/",
        "/api/v1/people/{slug}/",
        "/api/v1/sources/",
        "/api/v1/sources/{id}/",
        "/api/v1/events/",
        "/api/v1/events/{slug}/",
        "/api/v1/events/{slug}/attributions/",
        "/api/v1/events/{slug}/claimreview/",
        "/api/v1/claims/",
        "/api/v1/claims/{id}/",
        "/api/v1/claims/{id}/claimreview/",
        "/api/v1/claims/export.csv",
        "/api/v1/claims/export.ndjson",
        "/api/v1/changes/",
    } <= schema["paths"].keys()


def test_the_schema_lists_the_claims_filters_with_their_choices(schema):
    params = parameters(schema, "/api/v1/claims/")

    assert {
        "event",
        "attributed_actor",
        "claimant_actor",
        "claimant_person",
        "include_subunits",
        "stance",
        "role",
        "hedging",
        "status",
        "source",
        "outlet",
        "stated_after",
        "stated_before",
        "updated_since",
        "q",
        "ordering",
        "page",
        "page_size",
    } <= params.keys()
    assert set(params["stance"]["schema"]["enum"]) == set(Claim.Stance.values)
    assert params["stated_after"]["schema"]["format"] == "date"
    assert params["updated_since"]["schema"]["format"] == "date-time"


def test_the_schema_names_the_enums_of_the_claim(schema):
    components = schema["components"]["schemas"]
    enums = {
        name: set(component["enum"])
        for name, component in components.items()
        if "enum" in component
    }

    assert set(Claim.Stance.values) in enums.values()
    assert set(Claim.Role.values) in enums.values()
    assert set(Claim.Status.values) in enums.values()
    assert set(Event.Kind.values) in enums.values()


def resolve(schema: dict, node: dict) -> dict:
    """The component a property refers to (directly, or through allOf with a description)."""
    ref = node["$ref"] if "$ref" in node else node["allOf"][0]["$ref"]
    return schema["components"]["schemas"][ref.rsplit("/", 1)[1]]


def test_the_schema_describes_unnamed_culprits_and_the_reasons_of_a_state(schema):
    claim = schema["components"]["schemas"]["Claim"]["properties"]
    attributions = schema["paths"]["/api/v1/events/{slug}/attributions/"]["get"]
    response = attributions["responses"]["200"]["content"]["application/json"]["schema"]
    body = resolve(schema, response)
    role = resolve(schema, body["properties"]["roles"]["additionalProperties"])
    reason = resolve(schema, role["properties"]["reasons"]["items"])
    codes = resolve(schema, reason["properties"]["code"])["enum"]

    assert {"attributed_description", "attributed_actor_hint"} <= claim.keys()
    assert {"reasons", "unnamed", "candidates", "state"} <= role["properties"].keys()
    assert set(reason["properties"]) == {"code", "text", "claims", "actors"}
    assert set(codes) == set(ReasonCode.values)
    params = parameters(schema, "/api/v1/claims/")
    assert {"attributed_description", "attributed_actor_hint"} <= params.keys()


def test_the_schema_documents_the_other_filters_and_parameters(schema):
    events = parameters(schema, "/api/v1/events/")
    actors = parameters(schema, "/api/v1/actors/")
    changes = parameters(schema, "/api/v1/changes/")
    attributions = parameters(schema, "/api/v1/events/{slug}/attributions/")

    assert {"country", "kind", "state", "actor", "date_after", "date_before", "q"} <= events.keys()
    assert {"kind", "country", "q"} <= actors.keys()
    assert changes["since"]["required"] is True
    assert {"cursor", "limit"} <= changes.keys()
    assert attributions["as_of"]["schema"]["format"] == "date"


def test_the_schema_documents_token_authentication(schema):
    schemes = schema["components"]["securitySchemes"]

    assert any(
        scheme.get("in") == "header" and scheme.get("name") == "Authorization"
        for scheme in schemes.values()
    )


def test_the_schema_validates_without_warnings(tmp_path):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "s.yaml"))

    assert yaml.safe_load((tmp_path / "s.yaml").read_text())["openapi"].startswith("3.")


def test_the_documentation_page_loads_nothing_from_another_host(anon):
    response = anon.get("/api/v1/docs/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui" in html
    assert "cdn" not in html.lower()
    addresses = re.findall(r"""(?:src|href)\s*=\s*["']([^"']+)["']""", html)
    assert addresses, html
    for address in addresses:
        assert address.startswith("/"), address
        assert not address.startswith("//"), address
    assert not re.search(r"https?://", html)
    # Its own script is a file too (no inline script, as the Content-Security-Policy asks),
    # and it reads this site's schema.
    assert not re.search(r"<script>", html)
    script = anon.get("/api/v1/docs/", {"script": ""})
    assert script.status_code == 200
    assert "/api/v1/schema/" in script.content.decode()


@pytest.mark.parametrize("path", ["/api/v1/claims/export.csv", "/api/v1/claims/export.ndjson"])
def test_the_schema_lists_the_filters_of_the_exports(schema, path):
    operation = schema["paths"][path]["get"]
    names = {param["name"] for param in operation.get("parameters", [])}

    assert {"attributed_actor", "stance", "stated_after", "updated_since"} <= names


def test_the_schema_says_what_readers_are_not_told_of_drafts(schema):
    claim = schema["components"]["schemas"]["Claim"]["properties"]
    event = schema["components"]["schemas"]["Event"]["properties"]

    assert claim["responds_to"]["nullable"] is True
    assert "not published" in claim["responds_to"]["description"]
    assert "published claim" in event["related"]["description"]
    source = schema["components"]["schemas"]["Source"]["properties"]
    assert source["republishes"]["nullable"] is True
    assert "no published claim cites" in source["republishes"]["description"]


def test_the_documentation_shows_the_token_header_as_written(schema):
    """Swagger UI renders descriptions as Markdown: outside a code span `<key>` would be
    taken for an HTML tag and vanish ("Authorization: Token )")."""
    description = schema["info"]["description"]

    assert "`Authorization: Token <key>`" in description
    outside_code = re.sub(r"`[^`]*`", "", description)
    assert "<" not in outside_code
    for path in schema["paths"].values():
        for operation in path.values():
            text = re.sub(r"`[^`]*`", "", operation.get("description", ""))
            assert not re.search(r"<[a-z]", text), text
