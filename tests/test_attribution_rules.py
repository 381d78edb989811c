"""The attribution rules as tables: from one event's claims to who is held responsible.

Pure functions over `ClaimFacts`, so nothing here touches the database. The expected
values follow the product's specification (the issue), not whatever the code returns.
"""

import random
from datetime import date

import pytest

from claims.attribution import (
    ROLES,
    AttributionState,
    ClaimFacts,
    ReasonCode,
    attribution_state,
    counted_claims,
    lineage,
    with_subunits,
)

# Actors. KH and Nujaba are brigades of the PMF; the others stand alone.
PMF = 1
KH = 2
NUJABA = 3
US = 10
ISRAEL = 11
ISIS = 20
PARENTS = {KH: PMF, NUJABA: PMF}

# Sources, already resolved to their origins by the caller.
NYT = 100
REUTERS = 101
AP = 102

JAN_28 = date(2024, 1, 28)
JAN_29 = date(2024, 1, 29)
JAN_30 = date(2024, 1, 30)
JAN_31 = date(2024, 1, 31)
FEB_01 = date(2024, 2, 1)

UNATTRIBUTED = AttributionState.UNATTRIBUTED
CLAIMED = AttributionState.CLAIMED
ATTRIBUTED = AttributionState.ATTRIBUTED
CONTESTED = AttributionState.CONTESTED
CONFIRMED = AttributionState.CONFIRMED


def claim(
    id,
    stance="attributes",
    actor=PMF,
    role="perpetrator",
    on=JAN_29,
    *,
    by=None,
    sources=(),
    **kw,
) -> ClaimFacts:
    """One claim: `actor` is the actor it names, `by` the actor making it."""
    return ClaimFacts(
        id=id,
        stance=stance,
        role=role,
        stated_on=on,
        attributed_actor_id=actor,
        claimant_actor_id=by,
        source_origin_ids=frozenset(sources),
        **kw,
    )


def dispute(id, answering, role="perpetrator", on=JAN_29, **kw) -> ClaimFacts:
    """A `disputes` claim answering claim `answering`; it names no actor."""
    return claim(id, "disputes", actor=None, role=role, on=on, responds_to_id=answering, **kw)


def described(
    id, description="the culprit", hint=None, stance="attributes", role="perpetrator", **kw
) -> ClaimFacts:
    """A claim that describes the actor instead of naming it; `hint` is the known actor the
    editors found the description consistent with."""
    return claim(
        id,
        stance,
        actor=None,
        role=role,
        attributed_description=description,
        attributed_actor_hint_id=hint,
        **kw,
    )


def no_claim(id, on=JAN_29, **kw) -> ClaimFacts:
    """A report that nobody has claimed the event."""
    return claim(id, "no_claim", actor=None, on=on, **kw)


def perpetrator(claims, as_of=None, parents=PARENTS):
    return attribution_state(claims, parents, as_of=as_of).roles["perpetrator"]


def candidate(role_attribution, actor_id):
    (found,) = [c for c in role_attribution.candidates if c.actor_id == actor_id]
    return found


# --- The state of the perpetrator role, and who its candidates are ---------------------

STATE_TABLE = [
    pytest.param([], UNATTRIBUTED, [], id="no-claims-at-all-is-unattributed"),
    pytest.param(
        [claim(1, "claims_responsibility", ISIS, by=ISIS)],
        CLAIMED,
        [ISIS],
        id="single-self-claim-is-claimed",
    ),
    pytest.param(
        [claim(1, "attributes", US)],
        ATTRIBUTED,
        [US],
        id="single-third-party-attribution-is-attributed",
    ),
    pytest.param(
        [claim(1, "attributes", ISIS, by=US), claim(2, "attributes", ISIS, by=ISRAEL)],
        ATTRIBUTED,
        [ISIS],
        id="several-third-parties-agreeing-is-attributed",
    ),
    pytest.param(
        [claim(1, "attributes", ISIS, by=US), claim(2, "claims_responsibility", ISIS, by=ISIS)],
        CLAIMED,
        [ISIS],
        id="self-claim-backed-by-others-is-claimed",
    ),
    pytest.param(
        [claim(1, "claims_responsibility", ISIS, by=None)],
        ATTRIBUTED,
        [ISIS],
        id="claim-of-responsibility-with-no-claimant-is-not-a-self-claim",
    ),
    pytest.param(
        [claim(1, "claims_responsibility", ISIS, by=US)],
        ATTRIBUTED,
        [ISIS],
        id="claim-of-responsibility-made-by-someone-else-is-not-a-self-claim",
    ),
    pytest.param(
        [claim(1, "claims_responsibility", PMF, by=KH)],
        CLAIMED,
        [PMF],
        id="sub-unit-claiming-in-its-parents-name-is-a-self-claim",
    ),
    pytest.param(
        [claim(1, "attributes", ISIS), claim(2, "attributes", ISIS), claim(3, "attributes", US)],
        CONTESTED,
        [ISIS, US],
        id="two-competing-candidates-are-contested-ordered-by-support",
    ),
    pytest.param(
        [claim(1, "attributes", US), claim(2, "claims_responsibility", ISIS, by=ISIS)],
        CONTESTED,
        [US, ISIS],
        id="self-claim-against-a-third-party-attribution-is-contested",
    ),
    pytest.param(
        [claim(1, "attributes", PMF), claim(2, "attributes", KH)],
        ATTRIBUTED,
        [KH],
        id="parent-and-sub-unit-agree-on-one-candidate",
    ),
    pytest.param(
        [claim(1, "attributes", KH), claim(2, "attributes", NUJABA)],
        CONTESTED,
        [KH, NUJABA],
        id="two-sibling-sub-units-compete",
    ),
    pytest.param(
        [claim(1, "attributes", PMF), claim(2, "attributes", KH), claim(3, "attributes", NUJABA)],
        CONTESTED,
        [KH, NUJABA],
        id="siblings-compete-even-when-their-parent-is-also-named",
    ),
    pytest.param(
        [claim(1, "attributes", ISIS), claim(2, "denies", ISIS, by=ISIS)],
        CONTESTED,
        [ISIS],
        id="denial-by-the-candidate-contests",
    ),
    pytest.param(
        [claim(1, "claims_responsibility", ISIS, by=ISIS), claim(2, "denies", ISIS, by=US)],
        CONTESTED,
        [ISIS],
        id="denial-of-a-self-claimed-candidate-contests",
    ),
    pytest.param(
        [claim(1, "attributes", KH), claim(2, "denies", PMF, by=PMF)],
        CONTESTED,
        [KH],
        id="denial-by-the-parent-of-the-candidate-contests",
    ),
    pytest.param(
        [claim(1, "attributes", ISIS), claim(2, "denies", US, by=US)],
        ATTRIBUTED,
        [ISIS],
        id="denial-of-a-non-candidate-changes-nothing",
    ),
    pytest.param(
        [claim(1, "attributes", KH), claim(2, "denies", NUJABA, by=NUJABA)],
        ATTRIBUTED,
        [KH],
        id="denial-by-a-sibling-of-the-candidate-changes-nothing",
    ),
    pytest.param(
        [claim(1, "attributes", ISIS), claim(2, "denies", ISIS, role="sponsor")],
        ATTRIBUTED,
        [ISIS],
        id="denial-filed-under-another-role-does-not-contest-the-perpetrator",
    ),
    pytest.param(
        [claim(1, "attributes", ISIS), dispute(2, answering=1)],
        CONTESTED,
        [ISIS],
        id="dispute-answering-a-claim-for-the-candidate-contests",
    ),
    pytest.param(
        [claim(1, "attributes", ISIS), dispute(2, answering=1, role="sponsor")],
        CONTESTED,
        [ISIS],
        id="dispute-filed-under-another-role-still-contests-the-role-it-answers",
    ),
    pytest.param(
        [claim(1, "attributes", ISIS), claim(2, "denies", US), dispute(3, answering=2)],
        CONTESTED,
        [ISIS],
        id="dispute-answering-any-claim-in-the-role-contests",
    ),
    pytest.param(
        [
            claim(1, "attributes", ISIS),
            claim(2, "attributes", US, role="sponsor"),
            dispute(3, answering=2, role="perpetrator"),
        ],
        ATTRIBUTED,
        [ISIS],
        id="dispute-filed-here-answering-another-roles-claim-does-not-contest-here",
    ),
    pytest.param(
        [claim(1, "attributes", ISIS), dispute(2, answering=99)],
        ATTRIBUTED,
        [ISIS],
        id="dispute-answering-an-unknown-claim-contests-nothing",
    ),
    pytest.param(
        [claim(1, "attributes", ISIS, status="disputed")],
        CONTESTED,
        [ISIS],
        id="supporting-claim-with-status-disputed-contests",
    ),
    pytest.param(
        [claim(1, "attributes", ISIS), claim(2, "denies", US, status="disputed")],
        CONTESTED,
        [ISIS],
        id="any-claim-in-the-role-with-status-disputed-contests",
    ),
    pytest.param(
        [
            claim(1, "attributes", ISIS),
            claim(2, "attributes", US, role="sponsor", status="disputed"),
        ],
        ATTRIBUTED,
        [ISIS],
        id="disputed-claim-in-another-role-does-not-contest-here",
    ),
    pytest.param(
        [claim(1, "attributes", ISIS, status="refuted")],
        UNATTRIBUTED,
        [],
        id="refuted-sole-attribution-is-unattributed",
    ),
    pytest.param(
        [claim(1, "attributes", ISIS, status="retracted")],
        UNATTRIBUTED,
        [],
        id="retracted-sole-attribution-is-unattributed",
    ),
    pytest.param(
        [claim(1, "attributes", ISIS, published=False)],
        UNATTRIBUTED,
        [],
        id="draft-sole-attribution-is-unattributed",
    ),
    pytest.param(
        [claim(1, "attributes", ISIS), claim(2, "attributes", US, status="retracted")],
        ATTRIBUTED,
        [ISIS],
        id="retracted-competitor-is-ignored",
    ),
    pytest.param(
        [claim(1, "attributes", ISIS), claim(2, "attributes", US, status="refuted")],
        ATTRIBUTED,
        [ISIS],
        id="refuted-competitor-is-ignored",
    ),
    pytest.param(
        [claim(1, "attributes", ISIS), claim(2, "attributes", US, published=False)],
        ATTRIBUTED,
        [ISIS],
        id="draft-competitor-is-ignored",
    ),
    pytest.param(
        [claim(1, "attributes", ISIS), claim(2, "denies", ISIS, status="retracted")],
        ATTRIBUTED,
        [ISIS],
        id="retracted-denial-is-ignored",
    ),
    pytest.param(
        [claim(1, "attributes", ISIS), dispute(2, answering=1, published=False)],
        ATTRIBUTED,
        [ISIS],
        id="draft-dispute-is-ignored",
    ),
    pytest.param(
        [claim(1, "attributes", ISIS, status="confirmed")],
        CONFIRMED,
        [ISIS],
        id="confirmed-supporting-claim-is-confirmed",
    ),
    pytest.param(
        [claim(1, "claims_responsibility", ISIS, by=ISIS, status="confirmed")],
        CONFIRMED,
        [ISIS],
        id="confirmed-wins-over-claimed",
    ),
    pytest.param(
        [
            claim(1, "attributes", ISIS, status="confirmed"),
            claim(2, "attributes", ISIS),
            claim(3, "attributes", US),
            claim(4, "denies", ISIS),
            dispute(5, answering=1),
        ],
        CONFIRMED,
        [ISIS, US],
        id="confirmed-wins-over-contested",
    ),
    pytest.param(
        [claim(1, "attributes", ISIS), claim(2, "denies", ISIS, status="confirmed")],
        CONTESTED,
        [ISIS],
        id="confirmed-denial-does-not-confirm-the-attribution",
    ),
    pytest.param(
        [claim(1, "attributes", ISIS, role="sponsor", status="confirmed")],
        UNATTRIBUTED,
        [],
        id="confirmed-claim-in-another-role-does-not-confirm-here",
    ),
    pytest.param(
        [no_claim(1), no_claim(2)],
        UNATTRIBUTED,
        [],
        id="only-no-claim-reports-is-unattributed",
    ),
    pytest.param(
        [claim(1, "denies", ISIS, by=ISIS)],
        UNATTRIBUTED,
        [],
        id="denial-alone-is-unattributed",
    ),
    pytest.param(
        [claim(1, "denies", ISIS, status="disputed"), dispute(2, answering=1)],
        UNATTRIBUTED,
        [],
        id="no-candidate-is-unattributed-whatever-else-is-said",
    ),
    pytest.param(
        [claim(1, "attributes", None)],
        UNATTRIBUTED,
        [],
        id="attribution-naming-no-actor-makes-no-candidate",
    ),
    pytest.param(
        [claim(1, "attributes", ISIS, role="sponsor")],
        UNATTRIBUTED,
        [],
        id="attribution-in-another-role-leaves-the-perpetrator-unattributed",
    ),
]


@pytest.mark.parametrize(("claims", "state", "candidate_ids"), STATE_TABLE)
def test_perpetrator_state_and_candidates(claims, state, candidate_ids):
    result = perpetrator(claims)

    assert result.state == state
    assert [c.actor_id for c in result.candidates] == candidate_ids


# --- What each candidate carries -------------------------------------------------------


def test_competing_candidates_are_both_listed_with_their_own_support_most_supported_first():
    result = perpetrator(
        [claim(1, "attributes", US), claim(2, "attributes", ISIS), claim(3, "attributes", ISIS)]
    )

    assert [(c.actor_id, c.supporting) for c in result.candidates] == [
        (ISIS, (2, 3)),
        (US, (1,)),
    ]
    assert all(c.opposing == () for c in result.candidates)


def test_equal_support_is_ordered_by_independent_sources():
    result = perpetrator(
        [
            claim(1, "attributes", US, sources={NYT}),
            claim(2, "attributes", ISIS, sources={NYT, REUTERS}),
        ]
    )

    assert [c.actor_id for c in result.candidates] == [ISIS, US]


def test_parent_and_sub_unit_claims_both_support_the_sub_unit():
    result = perpetrator([claim(1, "attributes", PMF), claim(2, "attributes", KH)])

    (kh,) = result.candidates
    assert kh.actor_id == KH
    assert kh.supporting == (1, 2)
    assert kh.also_named_as == (PMF,)
    assert result.state == ATTRIBUTED


def test_a_candidate_named_only_at_its_own_level_has_no_other_names():
    (kh,) = perpetrator([claim(1, "attributes", KH)]).candidates

    assert kh.also_named_as == ()


def test_a_claim_naming_the_parent_supports_each_competing_sibling():
    result = perpetrator(
        [claim(1, "attributes", PMF), claim(2, "attributes", KH), claim(3, "attributes", NUJABA)]
    )

    assert candidate(result, KH).supporting == (1, 2)
    assert candidate(result, NUJABA).supporting == (1, 3)
    assert candidate(result, KH).also_named_as == (PMF,)
    assert candidate(result, NUJABA).also_named_as == (PMF,)


def test_a_denial_of_the_candidate_is_among_its_opposing_claims():
    result = perpetrator([claim(1, "attributes", ISIS), claim(2, "denies", ISIS, by=ISIS)])

    (isis,) = result.candidates
    assert isis.supporting == (1,)
    assert isis.opposing == (2,)
    assert result.other_denials == ()


def test_a_denial_of_a_non_candidate_is_listed_apart_and_opposes_nobody():
    result = perpetrator([claim(1, "attributes", ISIS), claim(2, "denies", US, by=US)])

    assert result.state == ATTRIBUTED
    assert result.other_denials == (2,)
    assert candidate(result, ISIS).opposing == ()


def test_a_denial_with_no_candidate_at_all_is_listed_apart():
    result = perpetrator([claim(1, "denies", ISIS, by=ISIS)])

    assert result.state == UNATTRIBUTED
    assert result.candidates == ()
    assert result.other_denials == (1,)


def test_a_dispute_opposes_only_the_candidate_whose_claim_it_answers():
    result = perpetrator(
        [claim(1, "attributes", ISIS), claim(2, "attributes", US), dispute(3, answering=2)]
    )

    assert result.state == CONTESTED
    assert candidate(result, US).opposing == (3,)
    assert candidate(result, ISIS).opposing == ()


def test_a_dispute_filed_under_another_role_opposes_the_perpetrator_candidate():
    result = attribution_state(
        [claim(1, "attributes", ISIS), dispute(2, answering=1, role="sponsor")], PARENTS
    )

    assert result.roles["perpetrator"].state == CONTESTED
    assert candidate(result.roles["perpetrator"], ISIS).opposing == (2,)
    assert result.roles["sponsor"].state == UNATTRIBUTED


def test_a_dispute_of_a_parent_level_claim_opposes_the_sub_unit_candidate():
    result = perpetrator(
        [claim(1, "attributes", PMF), claim(2, "attributes", KH), dispute(3, answering=1)]
    )

    assert result.state == CONTESTED
    assert candidate(result, KH).opposing == (3,)


def test_confirmed_wins_over_contested_but_the_opposition_still_shows():
    result = perpetrator(
        [
            claim(1, "attributes", ISIS, status="confirmed"),
            claim(2, "denies", ISIS, by=ISIS),
            dispute(3, answering=1),
            claim(4, "attributes", US),
        ]
    )

    assert result.state == CONFIRMED
    isis = candidate(result, ISIS)
    assert isis.confirmed
    assert isis.opposing == (2, 3)
    assert not candidate(result, US).confirmed


def test_self_claimed_is_per_candidate():
    result = perpetrator(
        [claim(1, "claims_responsibility", ISIS, by=ISIS), claim(2, "attributes", US)]
    )

    assert result.state == CONTESTED
    assert candidate(result, ISIS).self_claimed
    assert not candidate(result, US).self_claimed


def test_a_parent_claiming_for_its_sub_unit_is_not_the_sub_unit_claiming_itself():
    # The claimant must be the named actor or one of its sub-units, not a body above it.
    (kh,) = perpetrator([claim(1, "claims_responsibility", KH, by=PMF)]).candidates

    assert not kh.self_claimed


def test_a_sub_unit_claiming_in_its_parents_name_is_self_claimed():
    result = perpetrator([claim(1, "claims_responsibility", PMF, by=KH)])

    assert result.state == CLAIMED
    assert candidate(result, PMF).self_claimed


# --- As of a date ----------------------------------------------------------------------

EVENT_WITH_A_LATER_DISPUTE = [
    claim(1, "attributes", ISIS, on=JAN_29),
    dispute(2, answering=1, on=JAN_31),
]


@pytest.mark.parametrize(
    ("as_of", "state", "opposing"),
    [
        pytest.param(JAN_28, UNATTRIBUTED, None, id="before-the-first-claim-is-unattributed"),
        pytest.param(JAN_29, ATTRIBUTED, (), id="on-the-day-of-the-attribution-it-counts"),
        pytest.param(JAN_30, ATTRIBUTED, (), id="before-the-dispute-is-attributed"),
        pytest.param(JAN_31, CONTESTED, (2,), id="on-the-exact-day-of-the-dispute-it-counts"),
        pytest.param(FEB_01, CONTESTED, (2,), id="after-the-dispute-is-contested"),
        pytest.param(None, CONTESTED, (2,), id="without-a-date-everything-counts"),
    ],
)
def test_as_of_a_date_only_claims_stated_by_then_count(as_of, state, opposing):
    result = perpetrator(EVENT_WITH_A_LATER_DISPUTE, as_of=as_of)

    assert result.state == state
    if opposing is not None:
        assert candidate(result, ISIS).opposing == opposing


def test_as_of_applies_to_competitors_and_denials_too():
    claims = [
        claim(1, "attributes", ISIS, on=JAN_29),
        claim(2, "attributes", US, on=JAN_30),
        claim(3, "denies", ISIS, on=JAN_31),
    ]

    assert perpetrator(claims, as_of=JAN_29).state == ATTRIBUTED
    assert [c.actor_id for c in perpetrator(claims, as_of=JAN_29).candidates] == [ISIS]
    assert perpetrator(claims, as_of=JAN_30).state == CONTESTED
    assert candidate(perpetrator(claims, as_of=JAN_30), ISIS).opposing == ()
    assert candidate(perpetrator(claims, as_of=JAN_31), ISIS).opposing == (3,)


def test_as_of_applies_to_confirmation():
    claims = [
        claim(1, "attributes", ISIS, on=JAN_29),
        dispute(2, answering=1, on=JAN_30),
        claim(3, "attributes", ISIS, on=JAN_31, status="confirmed"),
    ]

    assert perpetrator(claims, as_of=JAN_30).state == CONTESTED
    assert perpetrator(claims, as_of=JAN_31).state == CONFIRMED


def test_counted_claims_keeps_published_live_claims_stated_by_the_date():
    claims = [
        claim(1, on=JAN_29),
        claim(2, on=JAN_29, status="refuted"),
        claim(3, on=JAN_29, status="retracted"),
        claim(4, on=JAN_29, published=False),
        claim(5, on=JAN_31),
        claim(6, on=JAN_29, status="disputed"),
        claim(7, on=JAN_29, status="confirmed"),
    ]

    assert [c.id for c in counted_claims(claims)] == [1, 5, 6, 7]
    assert [c.id for c in counted_claims(claims, as_of=JAN_30)] == [1, 6, 7]


# --- The event: headline, roles, "responsibility not claimed" ---------------------------


def test_only_no_claim_reports_say_responsibility_has_not_been_claimed():
    result = attribution_state([no_claim(1), no_claim(2)], PARENTS)

    assert result.state == UNATTRIBUTED
    assert result.no_claim_reports == (1, 2)
    assert result.responsibility_not_claimed


@pytest.mark.parametrize(
    "named",
    [
        pytest.param(claim(2, "attributes", ISIS), id="a-third-party-names-a-perpetrator"),
        pytest.param(claim(2, "claims_responsibility", ISIS, by=ISIS), id="a-group-claims-it"),
    ],
)
def test_responsibility_not_claimed_turns_false_once_someone_is_named(named):
    result = attribution_state([no_claim(1), named], PARENTS)

    assert result.state != UNATTRIBUTED
    assert not result.responsibility_not_claimed


def test_no_reports_at_all_do_not_say_responsibility_was_not_claimed():
    result = attribution_state([], PARENTS)

    assert result.state == UNATTRIBUTED
    assert not result.responsibility_not_claimed


def test_a_no_claim_report_that_no_longer_counts_says_nothing():
    result = attribution_state([no_claim(1, status="retracted"), no_claim(2, on=JAN_31)], PARENTS)

    assert result.no_claim_reports == (2,)
    assert not attribution_state([no_claim(2, on=JAN_31)], PARENTS, as_of=JAN_30).no_claim_reports


def test_a_named_sponsor_means_the_event_is_not_only_no_claim_reports():
    result = attribution_state(
        [no_claim(1), claim(2, "attributes", ISRAEL, role="sponsor")], PARENTS
    )

    assert not result.responsibility_not_claimed


def test_every_role_is_reported():
    result = attribution_state([], PARENTS)

    assert tuple(result.roles) == ROLES
    assert all(result.roles[role].role == role for role in ROLES)


def test_roles_are_independent_and_the_headline_is_the_perpetrator():
    result = attribution_state(
        [
            claim(1, "claims_responsibility", KH, by=KH),
            claim(2, "attributes", ISRAEL, role="sponsor"),
            claim(3, "attributes", US, role="sponsor"),
        ],
        PARENTS,
    )

    assert result.roles["perpetrator"].state == CLAIMED
    assert result.roles["sponsor"].state == CONTESTED
    assert result.roles["facilitator"].state == UNATTRIBUTED
    assert result.roles["accountable"].state == UNATTRIBUTED
    assert result.state == CLAIMED


def test_a_sponsor_attribution_does_not_change_the_perpetrator_state():
    perpetrator_only = [claim(1, "attributes", ISIS)]
    with_a_sponsor = [*perpetrator_only, claim(2, "attributes", US, role="sponsor")]

    assert attribution_state(with_a_sponsor, PARENTS).state == ATTRIBUTED
    assert attribution_state(with_a_sponsor, PARENTS).state == (
        attribution_state(perpetrator_only, PARENTS).state
    )
    assert attribution_state(with_a_sponsor, PARENTS).roles["sponsor"].state == ATTRIBUTED


def test_the_same_actor_in_two_roles_is_a_candidate_in_each():
    result = attribution_state(
        [claim(1, "attributes", KH), claim(2, "attributes", PMF, role="accountable")], PARENTS
    )

    assert [c.actor_id for c in result.roles["perpetrator"].candidates] == [KH]
    assert [c.actor_id for c in result.roles["accountable"].candidates] == [PMF]


def test_the_headline_is_unattributed_when_only_another_role_is_named():
    result = attribution_state([claim(1, "attributes", US, role="sponsor")], PARENTS)

    assert result.state == UNATTRIBUTED
    assert result.roles["sponsor"].state == ATTRIBUTED


# --- Independent sources ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("claims", "expected"),
    [
        pytest.param(
            [claim(1, sources={NYT}), claim(2, sources={NYT})],
            1,
            id="two-claims-citing-the-same-origin-count-once",
        ),
        pytest.param(
            [claim(1, sources={NYT}), claim(2, sources={REUTERS})],
            2,
            id="two-claims-citing-different-origins-count-twice",
        ),
        pytest.param(
            [claim(1, sources={NYT, REUTERS}), claim(2, sources={REUTERS, AP})],
            3,
            id="overlapping-citations-count-each-origin-once",
        ),
        pytest.param(
            [claim(1, sources={NYT}), claim(2, sources=())],
            1,
            id="a-claim-with-no-citations-adds-nothing",
        ),
        pytest.param([claim(1, sources=())], 0, id="no-citations-at-all-is-zero"),
        pytest.param(
            [claim(1, actor=PMF, sources={NYT}), claim(2, actor=KH, sources={REUTERS})],
            2,
            id="parent-level-claims-sources-count-for-the-sub-unit",
        ),
        pytest.param(
            [claim(1, sources={NYT}), claim(2, sources={REUTERS}, status="retracted")],
            1,
            id="a-retracted-claims-sources-do-not-count",
        ),
        pytest.param(
            [claim(1, sources={NYT}), claim(2, "denies", PMF, sources={REUTERS})],
            1,
            id="an-opposing-claims-sources-do-not-count",
        ),
        pytest.param(
            [claim(1, sources={NYT}), claim(2, role="sponsor", sources={REUTERS})],
            1,
            id="another-roles-sources-do-not-count",
        ),
    ],
)
def test_independent_sources_are_distinct_origins_of_the_supporting_claims(claims, expected):
    (only,) = perpetrator(claims).candidates

    assert only.independent_sources == expected


def test_independent_sources_are_counted_per_candidate():
    result = perpetrator(
        [
            claim(1, "attributes", ISIS, sources={NYT}),
            claim(2, "attributes", US, sources={REUTERS, AP}),
        ]
    )

    assert candidate(result, ISIS).independent_sources == 1
    assert candidate(result, US).independent_sources == 2


# --- The parent chain ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("actor", "parents", "expected"),
    [
        pytest.param(ISIS, PARENTS, [ISIS], id="actor-with-no-parent-is-alone"),
        pytest.param(KH, PARENTS, [KH, PMF], id="sub-unit-then-its-parent"),
        pytest.param(PMF, PARENTS, [PMF], id="a-parent-does-not-include-its-sub-units"),
        pytest.param(KH, {KH: PMF, PMF: None}, [KH, PMF], id="explicit-none-ends-the-chain"),
        pytest.param(KH, {KH: PMF, PMF: ISRAEL}, [KH, PMF, ISRAEL], id="grandparent-nearest-first"),
        pytest.param(KH, {KH: PMF, PMF: KH}, [KH, PMF], id="two-actor-cycle-stops"),
        pytest.param(KH, {KH: KH}, [KH], id="actor-its-own-parent-stops"),
        pytest.param(
            KH, {KH: PMF, PMF: US, US: PMF}, [KH, PMF, US], id="cycle-above-the-actor-stops"
        ),
    ],
)
def test_lineage(actor, parents, expected):
    assert lineage(actor, parents) == expected


@pytest.mark.parametrize(
    ("actors", "parents", "expected"),
    [
        pytest.param([PMF], PARENTS, {PMF, KH, NUJABA}, id="a-parent-with-its-sub-units"),
        pytest.param([KH], PARENTS, {KH}, id="a-sub-unit-without-its-parent-or-siblings"),
        pytest.param([ISIS], PARENTS, {ISIS}, id="an-actor-alone"),
        pytest.param([KH, ISIS], PARENTS, {KH, ISIS}, id="several-actors"),
        pytest.param(
            [US], {KH: PMF, PMF: US, NUJABA: PMF, US: None}, {US, PMF, KH, NUJABA}, id="any-depth"
        ),
        pytest.param([KH], {KH: PMF, PMF: KH}, {KH, PMF}, id="a-cycle-stops"),
        pytest.param([], PARENTS, set(), id="no-actor"),
    ],
)
def test_with_subunits(actors, parents, expected):
    assert with_subunits(actors, parents) == expected


def test_with_subunits_is_every_actor_whose_lineage_reaches_one_of_them():
    chooser = random.Random(7)
    for _ in range(300):
        actors = range(1, chooser.randint(2, 30))
        # Parents chosen at random, cycles and actors their own parent included.
        parents = {a: chooser.choice([None, *actors]) for a in actors}
        chosen = set(chooser.sample(list(actors), chooser.randint(0, min(3, len(actors)))))
        expected = {a for a in parents if chosen & set(lineage(a, parents))}
        assert with_subunits(chosen, parents) == expected


def test_a_cycle_in_the_parent_map_does_not_hang_the_rules():
    result = perpetrator([claim(1, "attributes", KH)], parents={KH: PMF, PMF: KH})

    assert result.state == ATTRIBUTED


def test_a_cycle_in_the_parent_map_does_not_make_named_actors_vanish():
    result = perpetrator(
        [claim(1, "attributes", KH), claim(2, "attributes", PMF)], parents={KH: PMF, PMF: KH}
    )

    assert result.state != UNATTRIBUTED
    assert result.candidates


def test_a_sub_units_denial_says_nothing_of_the_parent_named_as_candidate():
    result = perpetrator([claim(1, "attributes", PMF), claim(2, "denies", NUJABA, by=NUJABA)])

    assert result.state == ATTRIBUTED
    assert candidate(result, PMF).opposing == ()
    assert result.other_denials == (2,)


def test_denying_the_parent_body_opposes_its_sub_unit_named_as_candidate():
    result = perpetrator([claim(1, "attributes", KH), claim(2, "denies", PMF, by=PMF)])

    assert result.state == CONTESTED
    assert candidate(result, KH).opposing == (2,)


# --- Unnamed culprits: claims that describe the actor instead of naming it ---------------

UNNAMED_TABLE = [
    pytest.param(
        [described(1, "radical Iran-backed militant groups")],
        UNATTRIBUTED,
        {},
        (1,),
        id="a-description-alone-makes-no-candidate",
    ),
    pytest.param(
        [described(1, "the culprit"), described(2, "an Iranian-backed militia")],
        UNATTRIBUTED,
        {},
        (1, 2),
        id="several-descriptions-alone-make-no-candidate",
    ),
    pytest.param(
        [described(1, "an Iranian-backed militia", hint=KH)],
        UNATTRIBUTED,
        {},
        (1,),
        id="a-hint-alone-makes-no-candidate",
    ),
    pytest.param(
        [described(1, "its proxies", stance="denies")],
        UNATTRIBUTED,
        {},
        (1,),
        id="a-denial-of-a-description-alone-is-unnamed",
    ),
    pytest.param(
        [claim(1, "attributes", KH), described(2, "radical militant groups")],
        ATTRIBUTED,
        {KH: ()},
        (2,),
        id="a-description-beside-a-named-candidate-does-not-contest",
    ),
    pytest.param(
        [claim(1, "attributes", KH), described(2, "an Iranian-backed militia", hint=KH)],
        ATTRIBUTED,
        {KH: (2,)},
        (),
        id="a-description-hinting-at-the-candidate-is-consistent-with-it",
    ),
    pytest.param(
        [claim(1, "attributes", KH), described(2, "a PMF brigade", hint=PMF)],
        ATTRIBUTED,
        {KH: (2,)},
        (),
        id="a-hint-at-the-body-above-the-candidate-is-consistent-with-it",
    ),
    pytest.param(
        [claim(1, "attributes", PMF), described(2, "an Iranian-backed militia", hint=KH)],
        ATTRIBUTED,
        {PMF: (2,)},
        (),
        id="a-hint-at-a-sub-unit-of-the-candidate-is-consistent-with-it",
    ),
    pytest.param(
        [claim(1, "attributes", KH), described(2, "another militia", hint=NUJABA)],
        ATTRIBUTED,
        {KH: ()},
        (2,),
        id="a-hint-at-a-sibling-is-not-consistent-with-the-candidate",
    ),
    pytest.param(
        [claim(1, "attributes", ISIS), described(2, "a foreign power", hint=US)],
        ATTRIBUTED,
        {ISIS: ()},
        (2,),
        id="a-hint-at-an-actor-nobody-named-stays-unnamed",
    ),
    pytest.param(
        [
            claim(1, "attributes", KH),
            claim(2, "attributes", NUJABA),
            described(3, "a PMF brigade", hint=PMF),
        ],
        CONTESTED,
        {KH: (3,), NUJABA: (3,)},
        (),
        id="a-hint-above-two-competing-candidates-is-consistent-with-both",
    ),
    pytest.param(
        [claim(1, "attributes", KH), described(2, "its proxies", hint=KH, stance="denies")],
        ATTRIBUTED,
        {KH: (2,)},
        (),
        id="a-denial-of-a-description-consistent-with-the-candidate-does-not-oppose-it",
    ),
    pytest.param(
        [claim(1, "attributes", KH), described(2, "the militias", status="disputed")],
        ATTRIBUTED,
        {KH: ()},
        (2,),
        id="an-unnamed-claim-marked-disputed-does-not-contest",
    ),
    pytest.param(
        [claim(1, "attributes", KH), described(2, "the militias"), dispute(3, answering=2)],
        ATTRIBUTED,
        {KH: ()},
        (2, 3),
        id="a-dispute-answering-an-unnamed-claim-goes-with-it-and-contests-nothing",
    ),
    pytest.param(
        [
            claim(1, "attributes", KH),
            described(2, "an Iranian-backed militia", hint=KH),
            dispute(3, answering=2),
        ],
        ATTRIBUTED,
        {KH: (2, 3)},
        (),
        id="a-dispute-answering-a-consistent-claim-is-listed-under-the-candidate",
    ),
    pytest.param(
        [claim(1, "attributes", KH), described(2, "the militias", status="confirmed", hint=KH)],
        ATTRIBUTED,
        {KH: (2,)},
        (),
        id="a-confirmed-description-does-not-confirm-the-candidate",
    ),
    pytest.param(
        [claim(1, "attributes", KH), described(2, "the militias", hint=KH, status="retracted")],
        ATTRIBUTED,
        {KH: ()},
        (),
        id="a-retracted-description-is-ignored",
    ),
    pytest.param(
        [claim(1, "attributes", KH), described(2, "the militias", role="sponsor")],
        ATTRIBUTED,
        {KH: ()},
        (),
        id="a-description-in-another-role-is-not-listed-here",
    ),
    pytest.param(
        [claim(1, "attributes", KH), claim(2, "attributes", ISIS), described(3, "locals")],
        CONTESTED,
        {KH: (), ISIS: ()},
        (3,),
        id="a-description-beside-competing-candidates-changes-nothing",
    ),
]


@pytest.mark.parametrize(("claims", "state", "consistent", "unnamed"), UNNAMED_TABLE)
def test_unnamed_claims_make_no_candidate_and_never_contest(claims, state, consistent, unnamed):
    result = perpetrator(claims)

    assert result.state == state
    assert {c.actor_id: c.consistent for c in result.candidates} == consistent
    assert result.unnamed == unnamed
    # Consistent is not support: only claims that name an actor support a candidate.
    supporting = {pk for c in result.candidates for pk in c.supporting + c.opposing}
    assert not supporting & {pk for c in result.candidates for pk in c.consistent}


def test_a_presidents_we_know_the_culprit_is_an_unnamed_attribution():
    result = attribution_state(
        [
            described(1, "the culprit", by=US),
            claim(2, "denies", ISRAEL, by=ISRAEL),
        ],
        PARENTS,
    )

    role = result.roles["perpetrator"]
    assert role.state == UNATTRIBUTED
    assert role.candidates == ()
    assert role.unnamed == (1,)
    assert role.other_denials == (2,)
    assert [(r.code, r.claims) for r in role.reasons] == [(ReasonCode.ONLY_UNNAMED, (1,))]
    assert result.state == UNATTRIBUTED


# --- Reasons: why each role is in its state, as data -----------------------------------

NOTHING = ()
NAMED = ReasonCode.NAMED_BY_OTHERS

REASONS_TABLE = [
    pytest.param([], [(ReasonCode.NOBODY_NAMED, (), ())], id="nothing-said"),
    pytest.param(
        [claim(1, "denies", ISIS, by=ISIS)],
        [(ReasonCode.NOBODY_NAMED, (), ())],
        id="a-denial-alone-names-nobody",
    ),
    pytest.param(
        [no_claim(1), no_claim(2)],
        [(ReasonCode.NO_CLAIM_REPORTED, (1, 2), ())],
        id="reports-that-nobody-claimed-it",
    ),
    pytest.param(
        [described(1), described(2, stance="denies", hint=ISIS)],
        [(ReasonCode.ONLY_UNNAMED, (1, 2), ())],
        id="only-descriptions",
    ),
    pytest.param(
        [no_claim(1), described(2)],
        [(ReasonCode.NO_CLAIM_REPORTED, (1,), ()), (ReasonCode.ONLY_UNNAMED, (2,), ())],
        id="no-claim-reports-and-a-description",
    ),
    pytest.param(
        [claim(1, "claims_responsibility", ISIS, by=ISIS)],
        [(ReasonCode.SELF_CLAIMED, (1,), (ISIS,))],
        id="claimed-by-the-candidate-itself",
    ),
    pytest.param(
        [claim(1, "attributes", ISIS, by=US), claim(2, "claims_responsibility", ISIS, by=ISIS)],
        [(ReasonCode.SELF_CLAIMED, (2,), (ISIS,))],
        id="the-self-claim-is-the-reason-not-the-others",
    ),
    pytest.param(
        [claim(1, "attributes", PMF), claim(2, "attributes", KH)],
        [(NAMED, (1, 2), (KH,))],
        id="named-by-others-at-two-levels",
    ),
    pytest.param(
        [claim(1, "attributes", ISIS), claim(2, "attributes", US), claim(3, "attributes", ISIS)],
        [(ReasonCode.SEVERAL_CANDIDATES, (), (ISIS, US))],
        id="several-candidates-most-supported-first",
    ),
    pytest.param(
        [claim(1, "attributes", ISIS), claim(2, "denies", ISIS, by=ISIS)],
        [(ReasonCode.DENIED, (2,), (ISIS,))],
        id="the-candidate-denies",
    ),
    pytest.param(
        [claim(1, "attributes", KH), claim(2, "denies", PMF, by=PMF)],
        [(ReasonCode.DENIED, (2,), (PMF,))],
        id="the-body-above-the-candidate-denies",
    ),
    pytest.param(
        [claim(1, "attributes", KH), claim(2, "attributes", NUJABA), claim(3, "denies", PMF)],
        [(ReasonCode.SEVERAL_CANDIDATES, (), (KH, NUJABA)), (ReasonCode.DENIED, (3,), (PMF,))],
        id="a-denial-opposing-two-siblings-is-one-reason",
    ),
    pytest.param(
        [claim(1, "attributes", ISIS), dispute(2, answering=1)],
        [(ReasonCode.DISPUTED_CLAIM, (2, 1), ())],
        id="a-dispute-names-itself-and-the-claim-it-answers",
    ),
    pytest.param(
        [claim(1, "attributes", ISIS), dispute(2, answering=1, role="sponsor")],
        [(ReasonCode.DISPUTED_CLAIM, (2, 1), ())],
        id="a-dispute-filed-under-another-role",
    ),
    pytest.param(
        [claim(1, "attributes", ISIS), claim(2, "denies", US), dispute(3, answering=2)],
        [(ReasonCode.DISPUTED_CLAIM, (3, 2), ())],
        id="a-dispute-of-a-denial-of-a-non-candidate",
    ),
    pytest.param(
        [claim(1, "attributes", ISIS, status="disputed")],
        [(ReasonCode.MARKED_DISPUTED, (1,), ())],
        id="an-editor-marked-the-claim-disputed",
    ),
    pytest.param(
        [claim(1, "attributes", ISIS), claim(2, "denies", US, status="disputed")],
        [(ReasonCode.MARKED_DISPUTED, (2,), ())],
        id="an-editor-marked-another-claim-in-the-role-disputed",
    ),
    pytest.param(
        [
            claim(1, "attributes", ISIS, status="disputed", sources={NYT}),
            claim(2, "attributes", US),
            claim(3, "denies", ISIS, by=ISIS),
            dispute(4, answering=2),
        ],
        [
            (ReasonCode.SEVERAL_CANDIDATES, (), (ISIS, US)),
            (ReasonCode.DENIED, (3,), (ISIS,)),
            (ReasonCode.DISPUTED_CLAIM, (4, 2), ()),
            (ReasonCode.MARKED_DISPUTED, (1,), ()),
        ],
        id="every-contesting-reason-in-order",
    ),
    pytest.param(
        [claim(1, "attributes", ISIS, status="confirmed")],
        [(ReasonCode.CONFIRMED_BY_EDITORS, (1,), (ISIS,))],
        id="an-editor-confirmed-the-claim",
    ),
    pytest.param(
        [
            claim(1, "attributes", ISIS, status="confirmed", sources={NYT}),
            claim(2, "attributes", US),
            claim(3, "denies", ISIS),
            dispute(4, answering=1),
        ],
        [
            (ReasonCode.CONFIRMED_BY_EDITORS, (1,), (ISIS,)),
            (ReasonCode.SEVERAL_CANDIDATES, (), (ISIS, US)),
            (ReasonCode.DENIED, (3,), (ISIS,)),
            (ReasonCode.DISPUTED_CLAIM, (4, 1), ()),
        ],
        id="confirmed-then-the-opposition-it-wins-over",
    ),
    pytest.param(
        [
            claim(1, "attributes", KH),
            claim(2, "attributes", KH),
            described(3, "an Iranian-backed Iraqi militia", hint=KH),
        ],
        [(NAMED, (1, 2), (KH,)), (ReasonCode.CONSISTENT_DESCRIPTION, (3,), (KH,))],
        id="tower-22-named-by-others-and-a-consistent-description",
    ),
    pytest.param(
        [
            claim(1, "attributes", KH),
            described(2, "an Iranian-backed militia", hint=KH),
            dispute(3, answering=2),
        ],
        [(NAMED, (1,), (KH,)), (ReasonCode.CONSISTENT_DESCRIPTION, (2,), (KH,))],
        id="a-dispute-of-a-consistent-description-is-no-reason",
    ),
    pytest.param(
        [claim(1, "attributes", KH), described(2, "radical militant groups")],
        [(NAMED, (1,), (KH,)), (ReasonCode.UNNAMED_DESCRIPTION, (2,), ())],
        id="a-description-consistent-with-no-candidate",
    ),
]


@pytest.mark.parametrize(("claims", "expected"), REASONS_TABLE)
def test_each_state_carries_its_reasons(claims, expected):
    result = perpetrator(claims)

    assert [(r.code, r.claims, r.actors) for r in result.reasons] == expected


def test_the_reasons_table_produces_every_reason_code():
    produced = {code for row in REASONS_TABLE for code, _, _ in row.values[1]}

    assert produced == set(ReasonCode)


# The reasons that can decide each state: the first reason always says why.
DECIDING = {
    UNATTRIBUTED: {
        ReasonCode.NOBODY_NAMED,
        ReasonCode.NO_CLAIM_REPORTED,
        ReasonCode.ONLY_UNNAMED,
    },
    CLAIMED: {ReasonCode.SELF_CLAIMED},
    ATTRIBUTED: {ReasonCode.NAMED_BY_OTHERS},
    CONTESTED: {
        ReasonCode.SEVERAL_CANDIDATES,
        ReasonCode.DENIED,
        ReasonCode.DISPUTED_CLAIM,
        ReasonCode.MARKED_DISPUTED,
    },
    CONFIRMED: {ReasonCode.CONFIRMED_BY_EDITORS},
}


@pytest.mark.parametrize(
    "claims", [row.values[0] for row in STATE_TABLE + UNNAMED_TABLE + REASONS_TABLE]
)
def test_every_state_path_says_why_first(claims):
    result = perpetrator(claims)

    assert result.reasons, result
    assert result.reasons[0].code in DECIDING[result.state]
    # Every claim a reason rests on is one the rules counted.
    counted = {c.id for c in counted_claims(claims)}
    assert {pk for reason in result.reasons for pk in reason.claims} <= counted


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        pytest.param(JAN_28, [(ReasonCode.NOBODY_NAMED, ())], id="before-anything"),
        pytest.param(JAN_29, [(NAMED, (1,))], id="once-attributed"),
        pytest.param(JAN_30, [(NAMED, (1,))], id="before-the-dispute"),
        pytest.param(JAN_31, [(ReasonCode.DISPUTED_CLAIM, (2, 1))], id="on-the-dispute"),
        pytest.param(None, [(ReasonCode.DISPUTED_CLAIM, (2, 1))], id="today"),
    ],
)
def test_reasons_follow_the_as_of_date(as_of, expected):
    result = perpetrator(EVENT_WITH_A_LATER_DISPUTE, as_of=as_of)

    assert [(r.code, r.claims) for r in result.reasons] == expected


def test_an_editors_mark_is_the_only_reason_until_a_rival_is_named():
    """The K1 example: the first attribution, marked disputed, stands alone at first."""
    claims = [
        claim(1, "attributes", KH, on=JAN_28, status="disputed"),
        claim(2, "attributes", ISIS, on=JAN_31),
        described(3, "Iranian-backed militias", hint=KH, on=JAN_30),
    ]

    early = perpetrator(claims, as_of=JAN_29)
    later = perpetrator(claims)

    assert early.state == CONTESTED
    assert [(r.code, r.claims) for r in early.reasons] == [(ReasonCode.MARKED_DISPUTED, (1,))]
    assert [r.code for r in later.reasons] == [
        ReasonCode.SEVERAL_CANDIDATES,
        ReasonCode.MARKED_DISPUTED,
        ReasonCode.CONSISTENT_DESCRIPTION,
    ]
    assert candidate(early, KH).consistent == ()
    assert candidate(later, KH).consistent == (3,)


def test_every_role_has_its_own_reasons():
    result = attribution_state(
        [claim(1, "claims_responsibility", KH, by=KH), claim(2, "attributes", US, role="sponsor")],
        PARENTS,
    )

    assert result.roles["perpetrator"].reasons[0].code == ReasonCode.SELF_CLAIMED
    assert result.roles["sponsor"].reasons[0].code == ReasonCode.NAMED_BY_OTHERS
    assert result.roles["facilitator"].reasons[0].code == ReasonCode.NOBODY_NAMED
