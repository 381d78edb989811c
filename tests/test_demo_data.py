"""The demo data set: drawn from the reference articles, loaded once, unchanged the second time."""

import io

import pytest
from django.core.management import call_command

from claims.attribution import AttributionState, ReasonCode
from claims.demo import data
from claims.demo.load import ARTICLES
from claims.models import Actor, Citation, Claim, Event, EventCandidate, Source
from claims.normalize import normalize_name
from claims.quotes import QuoteCheck

pytestmark = pytest.mark.django_db

ARTICLE_TEXTS = {path.name: path.read_text(encoding="utf-8") for path in ARTICLES.glob("*.txt")}
ALL_HISTORY = [model.history.model for model in (Event, Claim, Source)]
# The reasons that decide each state (see tests/test_attribution_rules.py).
DECIDING = {
    AttributionState.CONTESTED: {
        ReasonCode.SEVERAL_CANDIDATES,
        ReasonCode.DENIED,
        ReasonCode.DISPUTED_CLAIM,
        ReasonCode.MARKED_DISPUTED,
    },
    AttributionState.CONFIRMED: {ReasonCode.CONFIRMED_BY_EDITORS},
}


@pytest.fixture
def demo():
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def history_rows() -> int:
    return sum(model.objects.count() for model in ALL_HISTORY)


def test_it_loads_and_a_second_run_changes_nothing(demo):
    counts = (Event.objects.count(), Claim.objects.count(), Source.objects.count())
    before = history_rows()

    out = io.StringIO()
    call_command("load_demo", stdout=out)

    assert "Created:" in demo
    assert out.getvalue().strip() == "Demo data already loaded; nothing changed."
    assert (Event.objects.count(), Claim.objects.count(), Source.objects.count()) == counts
    assert history_rows() == before


def test_it_has_the_events_and_published_claims_readers_need(demo):
    published = Claim.objects.published()
    assert Event.objects.count() >= 15
    assert published.count() >= 40
    assert not published.filter(citations__isnull=True).exists()
    assert Event.objects.public().count() == Event.objects.count()


def test_it_has_events_where_attributions_compete_or_are_disputed(demo):
    contested = set(
        EventCandidate.objects.filter(role_state=AttributionState.CONTESTED).values_list(
            "event__slug", flat=True
        )
    )
    # No text contains a denial; K1 is the one real dispute (two candidates, a dispute and
    # an editor's mark), and the PMU strikes hold two actors accountable. Tower 22, the
    # crackdown on protesters and the attacks of late 2019 were contested only while an
    # unnamed militia was recorded as an actor of its own.
    assert contested == {"k1-base-rocket-attack", "pmu-drone-strikes-2019"}
    assert Claim.objects.filter(event__slug="k1-base-rocket-attack", stance="disputes").exists()


def test_tower_22_is_attributed_to_kataib_hezbollah_with_the_militia_claim_consistent(demo):
    event = Event.objects.get(slug="tower-22-drone-attack")
    claims = list(Claim.objects.filter(event=event).published().with_related())
    perpetrator = event.attribution(claims).roles["perpetrator"]
    nyt = Claim.objects.get(event=event, attributed_description="an Iranian-backed Iraqi militia")

    assert event.attribution_state == AttributionState.ATTRIBUTED
    (candidate,) = perpetrator.candidates
    assert candidate.actor_id == Actor.objects.get(slug="kataib-hezbollah").pk
    assert len(candidate.supporting) == 2
    assert candidate.consistent == (nyt.pk,)
    assert [reason.code for reason in perpetrator.reasons] == [
        ReasonCode.NAMED_BY_OTHERS,
        ReasonCode.CONSISTENT_DESCRIPTION,
    ]


def test_no_unnamed_militia_is_an_actor_and_each_description_is_in_its_quotes_words(demo):
    assert not Actor.objects.filter(slug="iran-backed-iraqi-militias").exists()
    described = Claim.objects.exclude(attributed_description="").prefetch_related("citations")
    assert described.count() == 10
    for claim in described:
        assert claim.attributed_actor_id is None
        assert any(claim.attributed_description in c.quote for c in claim.citations.all()), claim
    hints = set(described.values_list("attributed_actor_hint__slug", flat=True))
    assert hints == {"kataib-hezbollah", None}


def test_every_contested_or_confirmed_state_says_why_on_its_page(demo, client):
    stated = 0
    for event in Event.objects.all():
        claims = list(Claim.objects.filter(event=event).published().with_related())
        page = client.get(event.get_absolute_url()).content.decode()
        for role in event.attribution(claims).roles.values():
            if role.state not in (AttributionState.CONTESTED, AttributionState.CONFIRMED):
                continue
            decided = role.reasons[0].code
            assert decided in DECIDING[role.state], (event.slug, role.role)
            heading = "perpetrator-heading" if role.role == "perpetrator" else f"role-{role.role}"
            shown = page.split(f'id="{heading}"')[1]
            reasons = shown.split('<ul class="reasons"')[1].split("</ul>")[0]
            assert reasons.count("<li") == len(role.reasons), (event.slug, role.role)
            stated += 1
    # K1 and the PMU strikes (contested), the two U.S. strikes of February 2024 (confirmed).
    assert stated == 4


def test_it_records_that_responsibility_for_the_mosul_rockets_was_not_claimed(demo):
    event = Event.objects.get(slug="mosul-base-rocket-attack")
    assert event.attribution_state == AttributionState.UNATTRIBUTED
    assert event.claims.filter(stance=Claim.Stance.NO_CLAIM).exists()


def test_every_quote_is_checked_and_found_verbatim_in_its_source(demo):
    checks = set(Citation.objects.values_list("quote_check", flat=True))
    assert checks == {QuoteCheck.VERBATIM}


def test_every_article_is_a_source_with_its_text(demo):
    stored = list(Source.objects.exclude(full_text="").values_list("full_text", flat=True))
    assert set(ARTICLE_TEXTS.values()) <= set(stored)
    # The others (the pasted NYT article, a quoted article, a tweet) are passages of one.
    for text in stored:
        assert any(text in article for article in ARTICLE_TEXTS.values())
    assert not Source.objects.filter(full_text="", citations__isnull=False).exists()


def test_it_gives_only_the_provenance_the_texts_give(demo):
    blog = Source.objects.get(author="BW Actual")
    nyt = Source.objects.get(outlet="The New York Times")
    assert (blog.published_on.isoformat(), blog.title, blog.url) == ("2024-02-08", "", "")
    assert blog.republishes == nyt and blog.origin == nyt
    assert not Source.objects.exclude(url="").exists()
    republished = Source.objects.get(
        title="The United States and Iran continue to maneuver in Iraq"
    )
    assert republished.republishes.outlet == "Arab Center Washington DC"


def test_the_militia_carries_the_spellings_found_in_the_articles(demo):
    kataib = Actor.objects.get(slug="kataib-hezbollah")
    spellings = {normalize_name(alias.name) for alias in kataib.aliases.all()}
    for variant in ("Kataib Hezbollah", "Kata’ib Hizbollah", "Kataeb Hezbollah", "KH"):
        assert normalize_name(variant) in spellings
    assert Actor.objects.search("Kataeb Hezbollah").get() == kataib


def test_the_demo_claims_are_told_apart_by_their_natural_key():
    keys = [
        (
            row["event"],
            row.get("claimant_actor"),
            row.get("claimant_person"),
            row.get("claimant_description"),
            row["stance"],
            row.get("attributed_actor"),
            row.get("attributed_description"),
            row.get("role"),
            row["stated_on"],
        )
        for row in data.CLAIMS
    ]
    assert len(keys) == len(set(keys))


def test_k1_says_why_it_was_contested_before_any_rival_was_named(demo, client):
    event = Event.objects.get(slug="k1-base-rocket-attack")

    page = client.get(event.get_absolute_url(), {"as_of": "2019-12-31"})

    perpetrator = page.context["comparison"].perpetrator
    assert perpetrator.state == AttributionState.CONTESTED
    assert [len(column.opposing) for column in perpetrator.columns] == [0]
    assert [reason.text for reason in perpetrator.reasons] == [
        "An editor marked United States’s claim of December 2019 disputed."
    ]
    assert "An editor marked <bdi>United States</bdi>’s claim" in page.content.decode()


def test_a_database_loaded_before_unnamed_culprits_is_brought_up_to_date(demo):
    kh = Actor.objects.get(slug="kataib-hezbollah")
    described = Claim.objects.exclude(attributed_description="")
    count, hinted = Claim.objects.count(), set(described.values_list("pk", "attributed_actor_hint"))
    # The shape of the demo data before: one collective actor for the unnamed militias.
    retired = Actor.objects.create(
        slug="iran-backed-iraqi-militias", name="Iran-backed Iraqi militias", kind="armed_group"
    )
    described.update(
        attributed_actor=retired, attributed_description="", attributed_actor_hint=None
    )

    out = io.StringIO()
    call_command("load_demo", stdout=out)

    assert "Deleted: 1 actors." in out.getvalue()
    assert Claim.objects.count() == count
    assert set(described.values_list("pk", "attributed_actor_hint")) == hinted
    assert {pk for pk, hint in hinted if hint == kh.pk}
    assert not Actor.objects.filter(slug="iran-backed-iraqi-militias").exists()
    again = io.StringIO()
    call_command("load_demo", stdout=again)
    assert again.getvalue().strip() == "Demo data already loaded; nothing changed."


def test_a_plural_name_takes_a_plural_verb_on_its_event_page(demo, client):
    claim = Claim.objects.published().get(
        claimant_actor__slug="popular-mobilization-forces",
        attributed_actor__slug="united-states",
        role="facilitator",
    )

    page = client.get(claim.event.get_absolute_url()).content.decode()

    assert Actor.objects.get(slug="popular-mobilization-forces").grammatical_number == "plural"
    assert claim.stance_phrase == "attribute"
    assert "Popular Mobilization Forces</bdi></a> attribute " in page or (
        "Popular Mobilization Forces" in page and " attribute " in page
    )
