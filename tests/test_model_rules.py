import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from claims.models import (
    Actor,
    Affiliation,
    Citation,
    Claim,
    DatePrecision,
    Event,
    EventRelation,
    Source,
)
from tests.factories import make_actor, make_claim, make_event, make_person, make_source

Stance = Claim.Stance


def validation_errors(instance) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as excinfo:
        instance.full_clean()
    return excinfo.value.message_dict


def assert_rejected(instance, field: str, fragment: str) -> None:
    errors = validation_errors(instance)
    assert field in errors, errors
    assert any(fragment in message for message in errors[field]), errors[field]


_UNSET = object()


def new_claim(*, attributed_actor=_UNSET, **fields) -> Claim:
    """An unsaved, valid third-party attribution unless fields say otherwise."""
    fields.setdefault("event", make_event())
    fields.setdefault("claimant_description", "unnamed U.S. officials")
    fields.setdefault("stance", Stance.ATTRIBUTES)
    fields.setdefault("stated_on", datetime.date(2024, 2, 1))
    if attributed_actor is _UNSET:
        attributed_actor = make_actor("Kata’ib Hezbollah")
    return Claim(attributed_actor=attributed_actor, **fields)


# Claim


def test_the_default_claim_of_these_tests_is_valid(db):
    new_claim().full_clean()


def test_it_rejects_a_claim_with_no_claimant_at_all(db):
    assert_rejected(new_claim(claimant_description=""), "claimant_actor", "Name a claimant")


@pytest.mark.parametrize("stance", [Stance.ATTRIBUTES, Stance.DENIES, Stance.CLAIMS_RESPONSIBILITY])
def test_it_rejects_a_stance_about_an_actor_without_the_actor(db, stance):
    claim = new_claim(stance=stance, attributed_actor=None, claimant_actor=make_actor())
    assert_rejected(claim, "attributed_actor", f"A claim that {stance.label} needs the actor")


def test_it_rejects_a_report_of_no_claim_that_names_an_actor(db):
    assert_rejected(new_claim(stance=Stance.NO_CLAIM), "attributed_actor", "names no actor")


def test_it_accepts_a_report_of_no_claim_without_an_actor(db):
    new_claim(stance=Stance.NO_CLAIM, attributed_actor=None).full_clean()


def test_it_rejects_a_dispute_that_does_not_say_what_it_disputes(db):
    assert_rejected(new_claim(stance=Stance.DISPUTES), "responds_to", "Choose the claim")


def test_it_accepts_a_dispute_of_a_claim_about_the_same_event(db):
    disputed = make_claim()
    new_claim(stance=Stance.DISPUTES, event=disputed.event, responds_to=disputed).full_clean()


@pytest.fixture
def hierarchy(db) -> dict[str, Actor]:
    pmf = make_actor("Popular Mobilization Forces")
    kataib = make_actor("Kata’ib Hezbollah", parent=pmf)
    return {
        "pmf": pmf,
        "kataib": kataib,
        "brigade": make_actor("Brigade 45", parent=kataib),
        "nujaba": make_actor("Harakat al-Nujaba", parent=pmf),
        "usa": make_actor("United States", kind=Actor.Kind.STATE),
    }


@pytest.mark.parametrize(
    ("claimant", "attributed"),
    [
        ("usa", "kataib"),
        ("nujaba", "kataib"),  # a sibling unit
        ("pmf", "kataib"),  # the parent body, not a sub-unit
    ],
)
def test_it_rejects_a_claim_of_responsibility_by_another_actor(hierarchy, claimant, attributed):
    claim = new_claim(
        stance=Stance.CLAIMS_RESPONSIBILITY,
        claimant_actor=hierarchy[claimant],
        claimant_description="",
        attributed_actor=hierarchy[attributed],
    )
    errors = validation_errors(claim)
    [message] = errors["claimant_actor"]
    assert f"Only {hierarchy[attributed]} or one of its sub-units" in message
    assert f"record what {hierarchy[claimant]} says as “attributes”" in message


@pytest.mark.parametrize(
    ("claimant", "attributed"),
    [("kataib", "kataib"), ("kataib", "pmf"), ("brigade", "pmf")],
    ids=["the actor itself", "a sub-unit", "a sub-unit of a sub-unit"],
)
def test_it_accepts_a_claim_of_responsibility_by_the_actor_or_its_sub_units(
    hierarchy, claimant, attributed
):
    new_claim(
        stance=Stance.CLAIMS_RESPONSIBILITY,
        claimant_actor=hierarchy[claimant],
        claimant_description="",
        attributed_actor=hierarchy[attributed],
    ).full_clean()


@pytest.mark.parametrize("claimant", ["person", "description"])
def test_it_rejects_a_claim_of_responsibility_without_the_claimant_actor(db, claimant):
    fields = (
        {"claimant_person": make_person("Abu Ali al-Askari"), "claimant_description": ""}
        if claimant == "person"
        else {"claimant_description": "a statement on Telegram"}
    )
    claim = new_claim(stance=Stance.CLAIMS_RESPONSIBILITY, **fields)
    assert_rejected(claim, "claimant_actor", "made by the actor itself")


def test_it_rejects_a_response_to_a_claim_about_another_event(db):
    other = make_claim()
    claim = new_claim(stance=Stance.DISPUTES, responds_to=other)
    assert_rejected(claim, "responds_to", "same event")


def test_it_rejects_a_claim_responding_to_itself(db):
    claim = make_claim(stance=Stance.DENIES)
    claim.responds_to = claim
    assert_rejected(claim, "responds_to", "cannot respond to itself")


def test_it_rejects_a_claim_dated_in_the_future(db):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    assert_rejected(new_claim(stated_on=tomorrow), "stated_on", "future")


def test_it_accepts_a_claim_made_today(db):
    new_claim(stated_on=timezone.localdate()).full_clean()


@pytest.mark.parametrize("zone", ["Pacific/Kiritimati", "Etc/GMT+12", "Asia/Baghdad"])
def test_today_and_tomorrow_are_the_site_time_zones_whatever_the_machine_clock(db, zone):
    claim = new_claim()
    with timezone.override(zone):
        today = timezone.localdate()
        for days_later, accepted in ((-3, True), (0, True), (1, False)):
            claim.stated_on = today + datetime.timedelta(days=days_later)
            if accepted:
                claim.full_clean()
            else:
                assert_rejected(claim, "stated_on", "future")


def test_it_accepts_a_claim_dated_before_the_event(db):
    # Warnings and threats precede the event; they are claims all the same.
    event = make_event(date=datetime.date(2024, 1, 28))
    new_claim(event=event, stated_on=datetime.date(2023, 12, 1)).full_clean()


@pytest.mark.parametrize("stance", [Stance.ATTRIBUTES, Stance.DENIES])
def test_it_accepts_an_attribution_or_denial_that_describes_the_actor_instead(db, stance):
    new_claim(
        stance=stance, attributed_actor=None, attributed_description="the culprit"
    ).full_clean()
    new_claim(
        stance=stance,
        attributed_actor=None,
        attributed_description="an Iranian-backed militia",
        attributed_actor_hint=make_actor("Kata'ib Hezbollah"),
    ).full_clean()


def test_it_rejects_a_claim_that_both_names_and_describes_the_actor(db):
    claim = new_claim(attributed_description="an Iranian-backed militia")
    assert_rejected(claim, "attributed_description", "Name the actor or describe it, not both")


def test_it_rejects_a_claim_of_responsibility_that_only_describes_the_actor(db):
    claim = new_claim(
        stance=Stance.CLAIMS_RESPONSIBILITY,
        attributed_actor=None,
        attributed_description="the Islamic Resistance",
        claimant_actor=make_actor(),
    )
    errors = validation_errors(claim)
    assert any("needs the actor it is about" in m for m in errors["attributed_actor"])
    assert any(
        "Only a claim that attributes or denies" in m for m in errors["attributed_description"]
    )


@pytest.mark.parametrize("stance", [Stance.NO_CLAIM, Stance.DISPUTES])
def test_it_rejects_a_description_on_a_stance_that_names_no_actor(db, stance):
    claim = new_claim(stance=stance, attributed_actor=None, attributed_description="the culprit")
    assert_rejected(claim, "attributed_description", "Only a claim that attributes or denies")


def test_it_rejects_a_hint_without_a_description(db):
    claim = new_claim(attributed_actor_hint=make_actor("Harakat al-Nujaba"))
    assert_rejected(claim, "attributed_actor_hint", "A hint goes with a description")


def test_a_description_alone_is_still_something_to_name(db):
    claim = new_claim(attributed_actor=None, attributed_description="  ")
    assert_rejected(claim, "attributed_actor", "or a description of it")


@pytest.mark.parametrize("claimant", ["actor", "person", "description"])
def test_it_accepts_any_one_kind_of_claimant_alone(db, claimant):
    fields = {
        "actor": {"claimant_actor": make_actor("United States"), "claimant_description": ""},
        "person": {"claimant_person": make_person("Mark Milley"), "claimant_description": ""},
        "description": {"claimant_description": "unnamed U.S. officials"},
    }[claimant]
    new_claim(**fields).full_clean()


# Each rule below is also a database constraint, so that code which bypasses
# clean() (imports, shell, .update()) cannot store a claim that breaks it.
DATABASE_VIOLATIONS = {
    "no claimant": {"claimant_description": ""},
    "no claim naming an actor": {"stance": Stance.NO_CLAIM},
    "dispute responding to nothing": {"stance": Stance.DISPUTES},
    "attribution to nobody": {"attributed_actor": None},
    "claim of responsibility without claimant actor": {"stance": Stance.CLAIMS_RESPONSIBILITY},
    "actor named and described": {"attributed_description": "the culprit"},
    "hint without a description": {"attributed_actor_hint_id": F("attributed_actor_id")},
    "claim of responsibility described only": {
        "stance": Stance.CLAIMS_RESPONSIBILITY,
        "claimant_actor_id": F("attributed_actor_id"),
        "attributed_actor": None,
        "attributed_description": "the culprit",
    },
    "no claim with a description": {
        "stance": Stance.NO_CLAIM,
        "attributed_actor": None,
        "attributed_description": "the culprit",
    },
}


def _claim_fields(**overrides) -> dict:
    return {
        "event": make_event(),
        "claimant_description": "unnamed U.S. officials",
        "stance": Stance.ATTRIBUTES,
        "attributed_actor": make_actor(),
        "stated_on": datetime.date(2024, 2, 1),
    } | overrides


def test_the_database_accepts_the_claim_the_constraint_tests_start_from(db):
    Claim.objects.create(**_claim_fields())


def test_the_database_accepts_a_claim_that_describes_the_actor(db):
    Claim.objects.create(
        **_claim_fields(
            attributed_actor=None,
            attributed_description="an Iranian-backed militia",
            attributed_actor_hint=make_actor(),
        )
    )


# Rows created from field values (an F() names a value only an update can read).
CREATABLE_VIOLATIONS = {
    name: overrides
    for name, overrides in DATABASE_VIOLATIONS.items()
    if not any(isinstance(value, F) for value in overrides.values())
}


@pytest.mark.parametrize(
    "overrides", CREATABLE_VIOLATIONS.values(), ids=CREATABLE_VIOLATIONS.keys()
)
def test_the_database_refuses_to_create_a_claim_that_breaks_a_rule(db, overrides):
    fields = _claim_fields(**overrides)
    with pytest.raises(IntegrityError), transaction.atomic():
        Claim.objects.create(**fields)


@pytest.mark.parametrize("overrides", DATABASE_VIOLATIONS.values(), ids=DATABASE_VIOLATIONS.keys())
def test_the_database_refuses_an_update_that_breaks_a_rule(db, overrides):
    claim = Claim.objects.create(**_claim_fields())
    with pytest.raises(IntegrityError), transaction.atomic():
        Claim.objects.filter(pk=claim.pk).update(**overrides)


def test_the_database_refuses_a_claim_responding_to_itself(db):
    claim = Claim.objects.create(**_claim_fields())
    with pytest.raises(IntegrityError), transaction.atomic():
        Claim.objects.filter(pk=claim.pk).update(responds_to=F("pk"))


# Actor


def test_it_rejects_an_actor_that_is_its_own_parent(db):
    actor = make_actor("Kata’ib Hezbollah")
    actor.parent = actor
    assert_rejected(actor, "parent", "itself or one of its sub-units")


def test_it_rejects_a_parent_cycle(db):
    pmf = make_actor("Popular Mobilization Forces")
    kataib = make_actor("Kata’ib Hezbollah", parent=pmf)
    pmf.parent = kataib
    assert_rejected(pmf, "parent", "itself or one of its sub-units")


def test_the_parent_cycle_message_names_the_chosen_parent(db):
    pmf = make_actor("Popular Mobilization Forces")
    kataib = make_actor("Kata’ib Hezbollah", parent=pmf)
    pmf.parent = kataib
    assert_rejected(pmf, "parent", "Kata’ib Hezbollah cannot be the parent of Popular Mobilization")


def test_it_accepts_a_parent_above_the_actor(db):
    pmf = make_actor("Popular Mobilization Forces")
    kataib = make_actor("Kata’ib Hezbollah")
    kataib.parent = pmf
    kataib.full_clean()


def test_the_database_refuses_an_actor_that_is_its_own_parent(db):
    actor = make_actor()
    with pytest.raises(IntegrityError), transaction.atomic():
        Actor.objects.filter(pk=actor.pk).update(parent=F("pk"))


@pytest.mark.parametrize("wikidata_id", ["1141934", "q12", "Q", "Q0123", "Q12a", " Q12"])
def test_it_rejects_a_malformed_wikidata_id(db, wikidata_id):
    actor = make_actor()
    actor.wikidata_id = wikidata_id
    assert_rejected(actor, "wikidata_id", "Wikidata item id such as Q1141934")


def test_it_accepts_a_wikidata_id(db):
    make_actor(wikidata_id="Q1141934").full_clean()


# Source


def new_source(**fields) -> Source:
    fields.setdefault("kind", Source.Kind.NEWS_REPORT)
    return Source(**fields)


@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://x.org/a", "example.com/a"])
def test_it_rejects_a_source_url_that_is_not_a_web_address(db, url):
    assert_rejected(new_source(url=url), "url", "starting with http:// or https://")


@pytest.mark.parametrize("url", ["http://example.com/a", "https://example.com/a"])
def test_it_accepts_an_http_or_https_source_url(db, url):
    new_source(url=url).full_clean()


def test_it_rejects_a_source_url_with_an_impossible_port(db):
    assert_rejected(new_source(url="http://example.com:99999/a"), "url", "port")


def test_it_rejects_a_source_that_cannot_be_identified(db):
    assert_rejected(
        new_source(), "title", "at least a title, a URL, an outlet, an author or the captured text"
    )


@pytest.mark.parametrize("field", ["title", "url", "outlet", "author"])
def test_one_identifying_detail_is_enough_for_a_source(db, field):
    value = "https://example.com/a" if field == "url" else "Reuters"
    new_source(**{field: value}).full_clean()


@pytest.mark.parametrize(
    "url",
    [
        "https://www.example.com/news/strike",
        "https://example.com/news/strike?utm_source=twitter",
        "https://example.com/news/strike/",
        "http://example.com/news/strike",
    ],
)
def test_it_rejects_a_second_source_for_the_same_url(db, url):
    existing = make_source(url="https://example.com/news/strike", title="Strike kills commander")
    duplicate = new_source(url=url, title="Another title")
    assert_rejected(duplicate, "url", f"already recorded as “{existing}”")


def test_a_source_does_not_clash_with_its_own_url(db):
    make_source(url="https://example.com/news/strike").full_clean()


def test_the_database_refuses_a_second_source_for_the_same_url(db):
    make_source(url="https://example.com/news/strike")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_source(url="https://www.example.com/news/strike/?utm_source=x")


def test_sources_without_a_url_do_not_clash(db):
    make_source(url="", title="Broadcast one")
    second = new_source(url="", title="Broadcast two")
    second.full_clean()
    second.save()
    assert Source.objects.filter(url_normalized="").count() == 2


def test_it_rejects_a_republication_cycle(db):
    original = make_source()
    copy = make_source(republishes=original)
    original.republishes = copy
    assert_rejected(original, "republishes", "cannot (even indirectly) republish itself")


def test_the_origin_of_a_source_follows_the_republication_chain(db):
    original = make_source(title="Original")
    syndicated = make_source(title="Syndicated", republishes=original)
    reposted = make_source(title="Reposted", republishes=syndicated)
    assert reposted.origin == original
    assert syndicated.origin == original
    assert original.origin is None


def test_the_origin_follows_when_a_middle_link_is_repointed(db):
    original = make_source(title="Original")
    other = make_source(title="Another original")
    syndicated = make_source(title="Syndicated", republishes=original)
    reposted = make_source(title="Reposted", republishes=syndicated)

    syndicated.republishes = other
    syndicated.save()

    reposted.refresh_from_db()
    assert (syndicated.origin, reposted.origin) == (other, other)


@pytest.mark.parametrize("language", ["english", "EN", "e", "en_US"])
def test_it_rejects_a_source_language_that_is_not_a_code(db, language):
    assert_rejected(new_source(title="x", language=language), "language", "language code")


@pytest.mark.parametrize("language", ["en", "ar", "fa", "pt-BR", ""])
def test_it_accepts_a_source_language_code(db, language):
    new_source(title="x", language=language).full_clean()


# Event


def new_event(**fields) -> Event:
    fields.setdefault("title", "Drone attack on Tower 22")
    fields.setdefault("slug", "tower-22")
    fields.setdefault("date", datetime.date(2024, 1, 28))
    fields.setdefault("kind", Event.Kind.DRONE_STRIKE)
    return Event(**fields)


def test_it_rejects_an_event_ending_before_it_starts(db):
    event = new_event(end_date=datetime.date(2024, 1, 27))
    assert_rejected(event, NON_FIELD_ERRORS, "end date cannot be before the date")


def test_it_accepts_an_event_ending_on_the_day_it_starts(db):
    new_event(end_date=datetime.date(2024, 1, 28)).full_clean()


@pytest.mark.parametrize(
    ("latitude", "longitude"),
    [("95", "10"), ("-90.5", "10"), ("33", "180.5"), ("33", "-181")],
)
def test_it_rejects_coordinates_out_of_range(db, latitude, longitude):
    event = new_event(latitude=Decimal(latitude), longitude=Decimal(longitude))
    assert_rejected(event, NON_FIELD_ERRORS, "Give both latitude (-90 to 90)")


@pytest.mark.parametrize(
    ("latitude", "longitude"), [(Decimal("33.2"), None), (None, Decimal("44.4"))]
)
def test_it_rejects_half_a_position(db, latitude, longitude):
    event = new_event(latitude=latitude, longitude=longitude)
    assert_rejected(event, NON_FIELD_ERRORS, "Give both latitude")


def test_the_database_refuses_a_latitude_without_longitude(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        new_event(latitude=Decimal("33.2")).save()


def test_it_accepts_a_position(db):
    new_event(latitude=Decimal("31.49"), longitude=Decimal("38.77")).full_clean()


def test_it_rejects_an_event_related_to_itself(db):
    event = make_event()
    relation = EventRelation(
        from_event=event, to_event=event, relation=EventRelation.Relation.RETALIATION_FOR
    )
    assert_rejected(relation, "to_event", "cannot be related to itself")


def test_it_accepts_a_relation_between_two_events(db):
    EventRelation(
        from_event=make_event(), to_event=make_event(), relation=EventRelation.Relation.FOLLOWS
    ).full_clean()


# Affiliation and citation


def test_it_rejects_an_affiliation_ending_before_it_starts(db):
    affiliation = Affiliation(
        person=make_person(),
        actor=make_actor(),
        start=datetime.date(2019, 10, 1),
        end=datetime.date(2019, 9, 30),
    )
    assert_rejected(affiliation, NON_FIELD_ERRORS, "end date cannot be before the start date")


@pytest.mark.parametrize("end", [None, datetime.date(2019, 10, 1), datetime.date(2023, 9, 30)])
def test_it_accepts_an_affiliation_ending_after_it_starts_or_still_held(db, end):
    Affiliation(
        person=make_person(), actor=make_actor(), start=datetime.date(2019, 10, 1), end=end
    ).full_clean()


def test_it_rejects_a_citation_without_a_quote(db):
    citation = Citation(claim=make_claim(citations=0), source=make_source(), quote="")
    assert_rejected(citation, "quote", "cannot be blank")


# Display


def test_an_attribution_reads_as_a_sentence(db):
    claim = make_claim(
        event=make_event("Drone attack on Tower 22"),
        claimant_actor=make_actor("United States"),
        claimant_description="",
        attributed_actor=make_actor("Kata’ib Hezbollah"),
        role=Claim.Role.SPONSOR,
    )
    assert str(claim) == (
        "United States attributes Kata’ib Hezbollah as sponsor (Drone attack on Tower 22)"
    )


def test_a_claim_by_a_person_names_their_title_and_body(db):
    claim = make_claim(
        event=make_event("Drone attack on Tower 22"),
        claimant_person=make_person("Mark Milley"),
        speaker_title="Chairman of the Joint Chiefs of Staff",
        claimant_actor=make_actor("United States"),
        stance=Stance.DENIES,
        attributed_actor=make_actor("Iran"),
    )
    assert str(claim).startswith(
        "Mark Milley, Chairman of the Joint Chiefs of Staff (United States) denies Iran"
    )


def test_an_unnamed_attribution_reads_with_its_description_quoted(db):
    claim = make_claim(
        event=make_event("Drone attack on Tower 22"),
        claimant_description="The New York Times",
        attributed_actor=None,
        attributed_description="an Iranian-backed Iraqi militia",
    )
    assert str(claim) == (
        "The New York Times attributes “an Iranian-backed Iraqi militia” as perpetrator "
        "(Drone attack on Tower 22)"
    )


def test_a_report_of_no_claim_reads_without_an_actor(db):
    claim = make_claim(
        event=make_event("Rocket attack on K1"),
        claimant_description="unnamed U.S. officials",
        stance=Stance.NO_CLAIM,
    )
    assert str(claim) == (
        "unnamed U.S. officials report no claim of responsibility (Rocket attack on K1)"
    )


def test_every_model_has_a_readable_name(db):
    person = make_person("Mark Milley")
    actor = make_actor("United States")
    first = make_event("Rocket attack on K1")
    second = make_event("Strikes on Kata’ib Hezbollah sites")
    source = make_source(
        title="U.S. strikes militia", outlet="Reuters", published_on=datetime.date(2019, 12, 29)
    )
    claim = make_claim(citations=0)
    untitled = make_source(title="", outlet="Al Sumaria", kind=Source.Kind.OTHER)
    relation = EventRelation(
        from_event=second, to_event=first, relation=EventRelation.Relation.RETALIATION_FOR
    )
    cases = [
        (actor, "United States"),
        (actor.aliases.get(), "United States"),
        (person, "Mark Milley"),
        (person.aliases.get(), "Mark Milley"),
        (first, "Rocket attack on K1"),
        (source, "U.S. strikes militia (Reuters, 29 December 2019)"),
        (untitled, "Al Sumaria"),
        (relation, "Strikes on Kata’ib Hezbollah sites was in retaliation for Rocket attack on K1"),
        (
            Affiliation(person=person, actor=actor, title="Chairman"),
            "Mark Milley: Chairman, United States",
        ),
        (Affiliation(person=person, actor=actor), "Mark Milley: United States"),
        (Citation(claim=claim, source=source, quote="We hold them"), "“We hold them”"),
    ]
    assert [(type(obj).__name__, str(obj)) for obj, _ in cases] == [
        (type(obj).__name__, expected) for obj, expected in cases
    ]


def test_a_long_quote_is_shortened_in_its_name(db):
    citation = Citation(quote="x" * 81)
    assert str(citation) == f"“{'x' * 79}…”"
    assert str(Citation(quote="x" * 80)) == f"“{'x' * 80}”"


@pytest.mark.parametrize(
    ("precision", "expected"),
    [
        (DatePrecision.DAY, "27 December 2019"),
        (DatePrecision.MONTH, "December 2019"),
        (DatePrecision.YEAR, "2019"),
    ],
)
def test_a_date_is_shown_to_its_precision(precision, expected):
    assert precision.format(datetime.date(2019, 12, 27)) == expected


def test_a_day_is_shown_without_a_leading_zero():
    assert DatePrecision.DAY.format(datetime.date(2019, 8, 1)) == "1 August 2019"


def test_no_date_is_shown_as_nothing():
    assert DatePrecision.MONTH.format(None) == ""


def test_an_event_date_is_shown_to_its_precision():
    event = Event(date=datetime.date(2019, 8, 1), date_precision=DatePrecision.MONTH)
    assert event.date_display == "August 2019"


def test_a_claim_date_is_shown_to_its_precision():
    claim = Claim(stated_on=datetime.date(2019, 8, 1), stated_on_precision=DatePrecision.YEAR)
    assert claim.stated_on_display == "2019"
