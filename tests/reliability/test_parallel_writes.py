"""Writes racing each other through the API, from threads with their own database
connections: the loser gets a 400 naming the field, never a 500 and never a duplicate.
Runs on SQLite and PostgreSQL like the rest of the suite (committed data: the threads
cannot see the test's own transaction)."""

import pytest
from django.contrib.auth import get_user_model

from claims.models import Actor, ActorAlias, Claim
from tests.factories import make_claim
from tests.parallel import at_once
from tests.security.channels import api_client

pytestmark = pytest.mark.django_db(transaction=True)

NAME = "Kata'ib Hezbollah"


@pytest.fixture
def root():
    # Transactional tests run on an empty database (no groups): a superuser.
    return get_user_model().objects.create_superuser("root", "root@example.org", None)


@pytest.mark.parametrize("slugs", ["one slug", "a slug each"])
def test_parallel_creations_of_actors_with_one_name_create_one(root, slugs):
    def create(number: int):
        slug = "kataib-hezbollah" if slugs == "one slug" else f"kataib-hezbollah-{number}"
        return lambda: api_client(root).post(
            "/api/v1/actors/", {"name": NAME, "slug": slug, "kind": "armed_group"}, format="json"
        )

    answers = at_once(*(create(number) for number in range(4)))

    assert sorted(answer.status_code for answer in answers) == [201, 400, 400, 400]
    for refused in (answer for answer in answers if answer.status_code == 400):
        # The name is kept as an alias: a clash is reported on the name, slug or aliases.
        assert set(refused.json()) & {"name", "slug", "aliases"}, refused.json()
    assert Actor.objects.count() == 1
    assert list(ActorAlias.objects.values_list("name", flat=True)) == [NAME]


def test_two_editors_saving_two_claims_at_once_both_succeed(root):
    """Each save reads the claim as stored before writing it; on SQLite, a transaction
    begun without the write lock could not wait for the other's and was refused (503)."""
    claims = [make_claim(hedging="reported") for _ in range(2)]

    def correct(claim: Claim):
        return lambda: api_client(root).patch(
            f"/api/v1/claims/{claim.pk}/",
            {"hedging": "alleged", "version": claim.version},
            format="json",
        )

    answers = at_once(*(correct(claim) for claim in claims))

    assert [answer.status_code for answer in answers] == [200, 200]
    assert set(Claim.objects.values_list("hedging", flat=True)) == {"alleged"}
