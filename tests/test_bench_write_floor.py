"""The benchmark's write floor: the schema's own cost of an import's rows, measured on
the real tables and rolled back."""

import pytest
from django.db import connection
from psycopg.conninfo import make_conninfo

from bench.pgcopy import write_floor
from claims.models import Citation, Claim

from .factories import make_claim


def _url() -> str:
    """The test database as a connection string (write_floor opens its own)."""
    params = connection.get_connection_params()
    return make_conninfo(
        **{k: v for k, v in params.items() if k in {"dbname", "user", "password", "host", "port"}}
    )


def _stored() -> tuple:
    return (
        Claim.objects.count(),
        Citation.objects.count(),
        Claim.history.count(),
        Citation.history.count(),
        sorted(Citation.objects.values_list("id", "claim_id")),
    )


@pytest.mark.django_db(transaction=True)
def test_the_write_floor_writes_every_row_again_and_keeps_nothing():
    if connection.vendor != "postgresql":
        pytest.skip("the floor is measured on PostgreSQL")
    answered = make_claim(citations=2)
    make_claim(event=answered.event, responds_to=answered, stance=Claim.Stance.DISPUTES)
    before = _stored()

    floor = write_floor(_url())

    assert floor["claims"] == 2
    assert set(floor["tables"]) == {
        "claims_claim",
        "claims_historicalclaim",
        "claims_citation",
        "claims_historicalcitation",
    }
    assert floor["claims_per_s"] > 0
    assert _stored() == before
