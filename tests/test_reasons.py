"""The reasons in words: one sentence per reason, the same for the page and the API, with
every editor-written part isolated in the page's version. Claims and actors are built in
memory, as the pages have them loaded: nothing here touches the database."""

import datetime

import pytest

from claims.attribution import Reason, ReasonCode
from claims.models import Actor, Claim, Person
from claims.reasons import in_words

IRAN = Actor(pk=1, name="Iran", slug="iran")
KH = Actor(pk=2, name="Kata'ib Hezbollah", slug="kataib-hezbollah")
ISIS = Actor(pk=3, name="Islamic State", slug="islamic-state")
US = Actor(pk=4, name="United States", slug="united-states")
POMPEO = Person(pk=1, name="Mike Pompeo", slug="mike-pompeo")
MOUSAVI = Person(pk=2, name="Abbas Mousavi", slug="abbas-mousavi")
ACTORS = {actor.pk: actor for actor in (IRAN, KH, ISIS, US)}


def claim(pk, *, on=datetime.date(2019, 9, 14), precision="day", **fields) -> Claim:
    return Claim(pk=pk, stated_on=on, stated_on_precision=precision, **fields)


CLAIMS = {
    c.pk: c
    for c in [
        claim(1, claimant_person=POMPEO, attributed_actor=IRAN, status="disputed"),
        claim(
            2,
            claimant_actor=IRAN,
            claimant_person=MOUSAVI,
            stance="denies",
            attributed_actor=IRAN,
            on=datetime.date(2019, 9, 15),
        ),
        claim(3, claimant_actor=ISIS, stance="claims_responsibility", attributed_actor=ISIS),
        claim(
            4,
            claimant_description="a blogger",
            stance="disputes",
            on=datetime.date(2020, 1, 1),
            precision="month",
        ),
        claim(
            5,
            claimant_description="The New York Times",
            attributed_description="an Iranian-backed Iraqi militia",
            on=datetime.date(2024, 2, 1),
            precision="month",
        ),
        claim(6, claimant_actor=US, stance="denies", attributed_actor=KH),
        claim(7, claimant_description="unnamed officials", stance="no_claim"),
        *(
            claim(100 + n, claimant_description=f"outlet {n}", attributed_actor=US)
            for n in range(5)
        ),
    ]
}


def said(code, claims=(), actors=()) -> str:
    (reason,) = in_words([Reason(code, tuple(claims), tuple(actors))], CLAIMS, ACTORS)
    assert reason.code == code
    return reason.text


WORDS = [
    (ReasonCode.NOBODY_NAMED, (), (), "Nobody is named."),
    (
        ReasonCode.NO_CLAIM_REPORTED,
        (7,),
        (),
        "Reported that nobody has claimed it (unnamed officials, 14 September 2019).",
    ),
    (
        ReasonCode.ONLY_UNNAMED,
        (5,),
        (),
        "Nobody is named; described without a name as “an Iranian-backed Iraqi militia” "
        "(The New York Times, February 2024).",
    ),
    (
        ReasonCode.SELF_CLAIMED,
        (3,),
        (3,),
        "Islamic State claimed it itself (14 September 2019).",
    ),
    (
        ReasonCode.NAMED_BY_OTHERS,
        (1,),
        (1,),
        "Iran is named by others, not by itself (Mike Pompeo, 14 September 2019).",
    ),
    (
        ReasonCode.SEVERAL_CANDIDATES,
        (),
        (2, 3),
        "2 candidates are named: Kata'ib Hezbollah and Islamic State.",
    ),
    (ReasonCode.DENIED, (2,), (1,), "Iran denies (Abbas Mousavi, 15 September 2019)."),
    (
        ReasonCode.DENIED,
        (6,),
        (2,),
        "United States denies it was Kata'ib Hezbollah (14 September 2019).",
    ),
    (
        ReasonCode.DISPUTED_CLAIM,
        (4, 1),
        (),
        "a blogger disputes Mike Pompeo’s claim of 14 September 2019 (January 2020).",
    ),
    (
        ReasonCode.MARKED_DISPUTED,
        (1,),
        (),
        "An editor marked Mike Pompeo’s claim of 14 September 2019 disputed.",
    ),
    (
        ReasonCode.CONFIRMED_BY_EDITORS,
        (1,),
        (1,),
        "An editor marked Mike Pompeo’s claim of 14 September 2019 confirmed.",
    ),
    (
        ReasonCode.CONFIRMED_BY_EDITORS,
        (100, 101),
        (4,),
        "Editors marked 2 claims naming United States confirmed (outlet 0, 14 September "
        "2019; outlet 1, 14 September 2019).",
    ),
    (
        ReasonCode.CONSISTENT_DESCRIPTION,
        (5,),
        (2,),
        "Consistent with Kata'ib Hezbollah without naming it: “an Iranian-backed Iraqi "
        "militia” (The New York Times, February 2024).",
    ),
    (
        ReasonCode.UNNAMED_DESCRIPTION,
        (5,),
        (),
        "Described without a name, counted for no candidate: “an Iranian-backed Iraqi "
        "militia” (The New York Times, February 2024).",
    ),
]


@pytest.mark.parametrize(("code", "claims", "actors", "text"), WORDS)
def test_each_reason_reads_as_one_sentence(code, claims, actors, text):
    assert said(code, claims, actors) == text


def test_every_code_has_its_words_in_the_table():
    assert {code for code, *_ in WORDS} == set(ReasonCode)


def test_beyond_three_claims_the_rest_are_counted():
    text = said(ReasonCode.NAMED_BY_OTHERS, (100, 101, 102, 103, 104), (4,))

    assert text == (
        "United States is named by others, not by itself (outlet 0, 14 September 2019; "
        "outlet 1, 14 September 2019; outlet 2, 14 September 2019; 2 more)."
    )


def test_the_page_isolates_every_name_an_editor_wrote():
    hostile = Actor(pk=9, name="\u202eevil <b>", slug="evil")
    claim_by_hostile = claim(9, claimant_actor=hostile, stance="denies", attributed_actor=hostile)

    (reason,) = in_words(
        [Reason(ReasonCode.DENIED, (9,), (9,))], {9: claim_by_hostile}, {9: hostile}
    )

    assert reason.text == "\u202eevil <b> denies (14 September 2019)."
    assert reason.html == "<bdi>\u202eevil &lt;b&gt;</bdi> denies (14 September 2019)."
    assert [actor.slug for actor in reason.actors] == ["evil"]
