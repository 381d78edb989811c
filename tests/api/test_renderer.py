"""The API's JSON is written by orjson (claims/api/renderers.py): the same bytes as DRF's
own renderer, for every answer of the API and for every kind of value it may hold."""

import datetime
import decimal
import uuid
from collections import OrderedDict
from unittest import mock

import pytest
from django.utils import translation
from django.utils.translation import gettext_lazy
from rest_framework.renderers import JSONRenderer as DRFJSONRenderer
from rest_framework.utils.serializer_helpers import ReturnDict, ReturnList

from claims.api.renderers import JSONRenderer
from claims.models import Claim
from tests.factories import make_actor, make_claim, make_event, make_person

UTC = datetime.UTC
MOSCOW = datetime.timezone(datetime.timedelta(hours=3))


def both(data, media_type="application/json", context=None) -> tuple[bytes, bytes]:
    return (
        JSONRenderer().render(data, media_type, context),
        DRFJSONRenderer().render(data, media_type, context),
    )


VALUES = {
    "strings": ["plain", "é ع 中 😀", 'quote " backslash \\ slash /', "\x00\x1f\x7f\t\n"],
    "line separators": "a\u2028b\u2029c",
    "integers": [0, -1, 2**63 - 1, True, False, None],
    "floats": [0.1, 0.93, 1.0, -2.5, 123456.789, 0.0001, 1e-05, 1.5e-07, 1e16, 1.5e300],
    "decimals": [decimal.Decimal("12.34567"), decimal.Decimal("0.00001")],
    "dates": [datetime.date(2024, 1, 28), datetime.time(13, 5, 9, 120)],
    "datetimes": [
        datetime.datetime(2024, 1, 28, 13, 5, tzinfo=UTC),
        datetime.datetime(2024, 1, 28, 13, 5, 9, 123456, tzinfo=UTC),
        datetime.datetime(
            2024, 1, 28, 13, 5, tzinfo=datetime.timezone(datetime.timedelta(hours=3))
        ),
        datetime.datetime(2024, 1, 28, 13, 5),
    ],
    "lazy": gettext_lazy("Attribution tracker"),
    "uuid": uuid.UUID("12345678-1234-5678-1234-567812345678"),
    "containers": ReturnDict(
        {"list": ReturnList([1, 2], serializer=None), "tuple": (1, "a"), "set": {3}},
        serializer=None,
    ),
    "ordered": OrderedDict([("b", 1), ("a", 2)]),
    "nested": [[[{"deep": [None]}]]],
}


@pytest.mark.parametrize("name", VALUES)
def test_it_writes_each_kind_of_value_as_drf_does(name):
    ours, drfs = both({name: VALUES[name]})

    assert ours == drfs


def test_it_writes_translations_in_the_language_of_the_request():
    with translation.override("ar"):
        ours, drfs = both({"title": gettext_lazy("Attribution tracker")})

    assert ours == drfs
    assert b"Attribution tracker" not in ours


@pytest.mark.parametrize(
    "data",
    [
        {1: "integer key", None: "null key"},  # orjson refuses keys that are not strings
        {"big": 2**70},  # beyond 64 bits
        {"float": 1e-05},  # written otherwise by orjson
        {"text": "0.0000 and 1e5 in a string"},  # looks like one: DRF writes it, the same
    ],
)
def test_what_orjson_would_write_otherwise_drf_writes(data):
    ours, drfs = both(data)

    assert ours == drfs


def test_indented_json_is_drfs():
    ours, drfs = both({"a": [1, {"b": 2}]}, "application/json; indent=4")

    assert ours == drfs
    assert b"\n    " in ours


def test_nothing_is_written_for_no_data():
    assert both(None) == (b"", b"")


def test_a_value_drf_cannot_write_is_refused_as_drf_refuses_it():
    with pytest.raises(TypeError):
        JSONRenderer().render({"x": object()})
    with pytest.raises(TypeError):
        DRFJSONRenderer().render({"x": object()})


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/claims/",
        "/api/v1/claims/{claim}/",
        "/api/v1/claims/{claim}/claimreview/",
        "/api/v1/events/",
        "/api/v1/events/{event}/",
        "/api/v1/events/{event}/attributions/",
        "/api/v1/events/{event}/corrections/",
        "/api/v1/actors/",
        "/api/v1/people/",
        "/api/v1/sources/",
        "/api/v1/changes/?since=2024-01-01T00:00:00Z",
    ],
)
def test_every_answer_of_the_api_is_what_drf_would_write(anon, no_page_cache, path):
    event = make_event("Ракетный удар · هجوم صاروخي", latitude="33.31234", longitude="44.36612")
    claim = make_claim(
        event=event,
        attributed_actor=make_actor("Kata'ib Hezbollah"),
        claimant_person=make_person("Mark Milley"),
        status=Claim.Status.CONFIRMED,
    )
    claim.citations.update(quote_similarity=0.8734)
    url = path.format(claim=claim.pk, event=event.slug)

    # Written by orjson: DRF's renderer is not reached.
    with mock.patch.object(DRFJSONRenderer, "render", side_effect=AssertionError("DRF's")):
        response = anon.get(url)

    assert response.status_code == 200, response.content
    assert response.content == DRFJSONRenderer().render(response.data, "application/json")
