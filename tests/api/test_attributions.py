"""The derived comparison of an event: per role its state and candidates, as of a date."""

import datetime

import pytest

from tests.factories import make_actor, make_claim, make_source

pytestmark = pytest.mark.django_db


@pytest.fixture
def disputed():
    """Kata'ib Hezbollah blamed on 28 December 2019 (two sources, one a copy), disputed on
    2 January 2020."""
    kh = make_actor("Kata'ib Hezbollah", slug="kataib-hezbollah")
    first = make_claim(attributed_actor=kh, stated_on=datetime.date(2019, 12, 28), citations=0)
    original = make_source()
    first.citations.create(source=original, quote="KH did it")
    first.citations.create(source=make_source(republishes=original), quote="KH did it")
    first.citations.create(source=make_source(), quote="It was KH")
    dispute = make_claim(
        event=first.event,
        stance="disputes",
        responds_to=first,
        stated_on=datetime.date(2020, 1, 2),
    )
    return first, dispute


def test_as_of_before_and_after_a_dispute(anon, disputed):
    first, dispute = disputed
    url = f"/api/v1/events/{first.event.slug}/attributions/"

    before = anon.get(url, {"as_of": "2019-12-31"}).json()
    after = anon.get(url, {"as_of": "2020-01-02"}).json()
    today = anon.get(url).json()

    assert before["state"] == "attributed"
    assert before["as_of"] == "2019-12-31"
    assert after["state"] == "contested"
    assert today["state"] == "contested"
    assert today["as_of"] is None
    perpetrator = before["roles"]["perpetrator"]
    assert perpetrator["state"] == "attributed"
    assert perpetrator["candidates"] == [
        {
            "actor": "kataib-hezbollah",
            "self_claimed": False,
            "confirmed": False,
            "independent_sources": 2,  # the republication counts as its original
            "supporting": [first.pk],
            "opposing": [],
            "also_named_as": [],
            "consistent": [],
        }
    ]
    assert perpetrator["reasons"] == [
        {
            "code": "named_by_others",
            "text": "Kata'ib Hezbollah is named by others, not by itself "
            "(unnamed officials, 28 December 2019).",
            "claims": [first.pk],
            "actors": ["kataib-hezbollah"],
        }
    ]
    assert perpetrator["unnamed"] == []
    candidate = after["roles"]["perpetrator"]["candidates"][0]
    assert candidate["supporting"] == [first.pk]
    assert candidate["opposing"] == [dispute.pk]
    assert set(after["roles"]) == {"perpetrator", "sponsor", "facilitator", "accountable"}
    assert after["roles"]["perpetrator"]["reasons"] == [
        {
            "code": "disputed_claim",
            "text": "unnamed officials dispute unnamed officials’ claim of 28 December 2019 "
            "(2 January 2020).",
            "claims": [dispute.pk, first.pk],
            "actors": [],
        }
    ]
    assert after["roles"]["sponsor"] == {
        "state": "unattributed",
        "reasons": [
            {"code": "nobody_named", "text": "Nobody is named.", "claims": [], "actors": []}
        ],
        "candidates": [],
        "other_denials": [],
        "unnamed": [],
    }


def test_a_self_claim_and_a_draft_that_would_contest_it(anon):
    isis = make_actor("Islamic State", slug="islamic-state")
    claim = make_claim(claimant_actor=isis, stance="claims_responsibility", attributed_actor=isis)
    make_claim(event=claim.event, publication="draft")  # another candidate, not yet public

    body = anon.get(f"/api/v1/events/{claim.event.slug}/attributions/").json()

    assert body["state"] == "claimed"
    [candidate] = body["roles"]["perpetrator"]["candidates"]
    assert candidate["actor"] == "islamic-state"
    assert candidate["self_claimed"] is True


def test_a_malformed_as_of_is_a_400_naming_it(anon, disputed):
    first, _ = disputed

    for value in ("31/12/2019", "2019-02-30", "yesterday"):
        response = anon.get(f"/api/v1/events/{first.event.slug}/attributions/", {"as_of": value})
        assert response.status_code == 400
        assert "as_of" in response.json()


def test_unnamed_claims_are_listed_apart_or_under_the_candidate_they_are_consistent_with(anon):
    kh = make_actor("Kata'ib Hezbollah", slug="kataib-hezbollah")
    named = make_claim(attributed_actor=kh, claimant_description="BW Actual (blog)")
    consistent = make_claim(
        event=named.event,
        attributed_actor=None,
        attributed_description="an Iranian-backed Iraqi militia",
        attributed_actor_hint=kh,
        claimant_description="The New York Times",
        stated_on=datetime.date(2024, 2, 1),
    )
    vague = make_claim(
        event=named.event, attributed_actor=None, attributed_description="the culprit"
    )

    body = anon.get(f"/api/v1/events/{named.event.slug}/attributions/").json()

    perpetrator = body["roles"]["perpetrator"]
    assert body["state"] == perpetrator["state"] == "attributed"
    [candidate] = perpetrator["candidates"]
    assert candidate["supporting"] == [named.pk]
    assert candidate["consistent"] == [consistent.pk]
    assert perpetrator["unnamed"] == [vague.pk]
    assert [(r["code"], r["claims"], r["actors"]) for r in perpetrator["reasons"]] == [
        ("named_by_others", [named.pk], ["kataib-hezbollah"]),
        ("consistent_description", [consistent.pk], ["kataib-hezbollah"]),
        ("unnamed_description", [vague.pk], []),
    ]
    assert perpetrator["reasons"][1]["text"] == (
        "Consistent with Kata'ib Hezbollah without naming it: “an Iranian-backed Iraqi "
        "militia” (The New York Times, 1 February 2024)."
    )
