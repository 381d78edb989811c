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


def operation(schema: dict, method: str, path: str) -> dict:
    return schema["paths"][path][method]


def test_reading_is_open_to_all_and_writing_needs_a_token(schema, anon):
    for path, operations in schema["paths"].items():
        for method, op in operations.items():
            open_to_all = {} in op["security"]
            if path.endswith("/suggestions/") or path.startswith("/api/v1/webhooks/"):
                assert not open_to_all, (method, path)  # editors' and operators' tools
            else:
                assert open_to_all == (method == "get"), (method, path)
    # As the server answers: a read without a token, a write refused without one.
    assert anon.get("/api/v1/claims/").status_code == 200
    assert anon.post("/api/v1/claims/", {}, format="json").status_code == 401


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/api/v1/claims/?page=0", 404),
        ("/api/v1/claims/?page=2", 404),
        ("/api/v1/claims/?page_size=0", 400),
        ("/api/v1/claims/?page_size=abc", 400),
        ("/api/v1/claims/?source=0", 400),
        ("/api/v1/claims/?include_subunits=maybe", 400),
        ("/api/v1/changes/?since=2024-01-01T00:00:00Z&limit=0", 400),
        ("/api/v1/changes/?since=2024-01-01T00:00:00Z&cursor=", 400),
        ("/api/v1/claims/export.csv?format=xml", 404),
    ],
)
def test_every_status_the_server_answers_is_in_the_schema(schema, anon, url, status):
    response = anon.get(url)

    assert response.status_code == status, response.content
    path = url.split("?")[0]
    assert str(status) in operation(schema, "get", path)["responses"]


def test_the_schema_gives_each_parameter_its_real_bounds(schema, anon):
    claims = parameters(schema, "/api/v1/claims/")
    changes = parameters(schema, "/api/v1/changes/")

    assert claims["page"]["schema"]["minimum"] == 1
    assert claims["page_size"]["schema"]["minimum"] == 1
    assert claims["source"]["schema"] == {"type": "integer", "minimum": 1, "maximum": 2**63 - 1}
    assert claims["include_subunits"]["schema"]["type"] == "boolean"
    assert changes["limit"]["schema"]["minimum"] == 1
    assert changes["cursor"]["schema"]["minLength"] == 1
    # An empty optional filter reads as absent, as a form sends it; the feed's are refused.
    assert claims["stance"]["allowEmptyValue"] is True
    assert anon.get("/api/v1/claims/", {"stance": ""}).status_code == 200
    assert "allowEmptyValue" not in changes["limit"]
    assert anon.get("/api/v1/claims/", {"source": 1}).status_code == 200
    # A NUL character is refused in any parameter: no string the schema allows holds one.
    assert re.fullmatch(claims["q"]["schema"]["pattern"], "a\x00b") is None
    assert re.fullmatch(claims["q"]["schema"]["pattern"], "Kata’ib") is not None
    assert anon.get("/api/v1/claims/?q=%00").status_code == 400


def test_the_schema_lists_the_conflicts_each_write_can_meet(schema, as_alice):
    for path in ("/api/v1/claims/{id}/", "/api/v1/events/{slug}/"):
        for method in ("put", "patch"):
            assert {"409", "428"} <= operation(schema, method, path)["responses"].keys()
    # Only claims and events are versioned: no 428 where the server never asks for one.
    assert "428" not in operation(schema, "put", "/api/v1/actors/{slug}/")["responses"]
    for path in ("/api/v1/actors/{slug}/", "/api/v1/claims/{id}/", "/api/v1/sources/{id}/"):
        assert "409" in operation(schema, "delete", path)["responses"]
    event = Event.objects.create(title="K1", slug="k1", date="2019-12-27", kind="other")
    response = as_alice.patch("/api/v1/events/k1/", {"title": "K1 base"}, format="json")
    assert response.status_code == 428
    assert event.pk
