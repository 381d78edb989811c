"""The API answers errors in the language of Accept-Language: the same JSON shape, field
names and codes, the messages translated."""

import re

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff]")


def _shape(body):
    """The keys all the way down, without the messages."""
    if isinstance(body, dict):
        return {key: _shape(value) for key, value in body.items()}
    if isinstance(body, list):
        return [_shape(item) for item in body]
    return type(body).__name__


def test_a_bad_parameter_is_refused_in_arabic():
    english = APIClient().get("/api/v1/changes/", {"since": "yesterday"})
    arabic = APIClient().get("/api/v1/changes/", {"since": "yesterday"}, HTTP_ACCEPT_LANGUAGE="ar")

    assert english.status_code == arabic.status_code == 400
    assert _shape(arabic.json()) == _shape(english.json()) == {"since": ["str"]}
    assert english.json()["since"] == ["Give an ISO 8601 date-time, e.g. 2024-02-08T00:00:00Z."]
    assert arabic.json()["since"] == ["أعطِ تاريخًا ووقتًا بصيغة ISO 8601، مثل 2024-02-08T00:00:00Z."]
    assert arabic["Content-Language"] == "ar"


@pytest.mark.parametrize("language", ["ar", "fa"])
def test_a_bad_write_is_refused_in_the_writers_language_with_english_field_names(alice, language):
    writer = APIClient()
    writer.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=alice).key}")
    actor = {"name": "", "slug": "x", "kind": "warlord"}

    english = writer.post("/api/v1/actors/", actor, format="json")
    translated = writer.post("/api/v1/actors/", actor, format="json", HTTP_ACCEPT_LANGUAGE=language)

    assert english.status_code == translated.status_code == 400
    assert _shape(translated.json()) == _shape(english.json())
    assert set(translated.json()) >= {"name", "kind"}
    for field in ("name", "kind"):
        assert translated.json()[field] != english.json()[field]
        assert all(ARABIC_SCRIPT.search(message) for message in translated.json()[field])


def test_an_unknown_address_is_not_found_in_persian():
    response = APIClient().get("/api/v1/nothing-here/", HTTP_ACCEPT_LANGUAGE="fa")

    assert response.status_code == 404
    assert response.json() == {"detail": "پیدا نشد."}
