"""The phrases the tracker writes around editors' words read correctly for one speaker,
several, and a missing value: the claim's verb, the place of an event, a source's name."""

import datetime

import pytest
from django.utils import translation

from claims.claimreview import claim_reviewed
from claims.grammar import PLURAL, SINGULAR, number_of_description
from claims.models import Actor, Claim, Event, Source
from claims.models.claims import stance_phrase
from claims.templatetags.event_html import event_rows
from tests.factories import make_actor, make_claim, make_event, make_person, make_source

Stance = Claim.Stance


@pytest.mark.parametrize(
    ("description", "number"),
    [
        ("unnamed U.S. officials", PLURAL),
        ("Iraqi security sources", PLURAL),
        ("officials of the Interior Ministry", PLURAL),
        ("Officials in Baghdad", PLURAL),
        ("local people", PLURAL),
        ("a senior U.S. official", SINGULAR),
        ("a spokesman for the coalition", SINGULAR),
        ("The New York Times", SINGULAR),
        ("the press", SINGULAR),
        ("the IRGC", SINGULAR),
        ("", SINGULAR),
    ],
)
def test_a_descriptions_number_is_read_from_its_head_noun(description, number):
    assert number_of_description(description) == number


@pytest.mark.parametrize(
    ("stance", "singular", "plural"),
    [
        (Stance.CLAIMS_RESPONSIBILITY, "claims responsibility", "claim responsibility"),
        (Stance.ATTRIBUTES, "attributes", "attribute"),
        (Stance.DENIES, "denies", "deny"),
        (Stance.DISPUTES, "disputes", "dispute"),
        (
            Stance.NO_CLAIM,
            "reports no claim of responsibility",
            "report no claim of responsibility",
        ),
    ],
)
def test_every_stance_has_a_verb_for_one_and_for_several(stance, singular, plural):
    assert stance_phrase(stance, SINGULAR) == singular
    assert stance_phrase(stance, PLURAL) == plural


@pytest.mark.django_db
class TestClaims:
    def test_a_plural_actor_claims_in_the_plural(self):
        houthis = make_actor("Houthis", grammatical_number=Actor.GrammaticalNumber.PLURAL)
        claim = make_claim(
            event=make_event("Abqaiq attack"),
            claimant_actor=houthis,
            claimant_description="",
            stance=Stance.CLAIMS_RESPONSIBILITY,
            attributed_actor=houthis,
        )

        assert str(claim) == "Houthis claim responsibility Houthis as perpetrator (Abqaiq attack)"
        assert claim_reviewed(claim) == (
            "Houthis claim responsibility Houthis as perpetrator: Abqaiq attack."
        )

    def test_a_singular_actor_and_a_person_claim_in_the_singular(self):
        us = make_actor("United States")  # singular, the default
        claim = make_claim(claimant_actor=us, claimant_description="", stance=Stance.DENIES)
        assert claim.stance_phrase == "denies"

        plural = make_actor("Popular Mobilization Forces", grammatical_number="plural")
        spoken = make_claim(claimant_actor=plural, claimant_person=make_person("Falih al-Fayyadh"))
        assert spoken.stance_phrase == "attributes"  # the person speaks, alone

    def test_unnamed_officials_report_in_the_plural(self):
        claim = make_claim(
            event=make_event("Rocket attack on K1"),
            claimant_description="unnamed U.S. officials",
            stance=Stance.NO_CLAIM,
        )

        assert str(claim) == (
            "unnamed U.S. officials report no claim of responsibility (Rocket attack on K1)"
        )

    def test_a_claim_not_yet_given_a_claimant_still_reads(self):
        # As the admin names a claim being entered, before its claimant is chosen.
        claim = Claim(event=make_event("Tower 22"), stance=Stance.DENIES)

        assert str(claim) == "Someone unnamed denies (Tower 22)"

    def test_the_event_page_writes_the_verb_that_agrees(self, client):
        houthis = make_actor("Houthis", grammatical_number="plural")
        iran = make_actor("Iran")
        event = make_event("Abqaiq attack", slug="abqaiq")
        make_claim(
            event=event,
            claimant_actor=houthis,
            claimant_description="",
            stance=Stance.CLAIMS_RESPONSIBILITY,
            attributed_actor=houthis,
        )
        make_claim(
            event=event,
            claimant_actor=iran,
            claimant_description="",
            stance=Stance.DENIES,
            attributed_actor=iran,
        )

        page = client.get("/events/abqaiq/").content.decode()

        assert '<span class="stance">claim responsibility</span>' in page
        assert '<span class="stance">claims responsibility</span>' not in page
        assert '<span class="stance">denies</span>' in page
        assert "Houthis</bdi> claimed it themselves" in page


@pytest.mark.django_db
class TestPlaces:
    @pytest.mark.parametrize(
        ("place", "country", "shown"),
        [
            ("Iraq", "IQ", "Iraq"),  # the place is the country: once
            ("iraq", "IQ", "Iraq"),
            ("Abqaiq", "SA", "Abqaiq · Saudi Arabia"),
            ("", "IQ", "Iraq"),
            ("Somewhere at sea", "", "Somewhere at sea"),
            ("", "", ""),
        ],
    )
    def test_the_place_and_country_read_once_each(self, place, country, shown):
        event = make_event("Attack", place=place, country=country)
        event.leading_candidates = []

        row = event_rows([event])

        meta = " ".join(row.split('class="meta">')[1].split("</p>")[0].split())
        parts = [part.strip() for part in meta.split(" · ")][1:-1]  # between date and kind
        words = " · ".join(part.replace("<bdi>", "").replace("</bdi>", "") for part in parts)
        assert words == shown


@pytest.mark.django_db
class TestSources:
    DAY = datetime.date(2019, 9, 15)

    @pytest.mark.parametrize(
        ("fields", "name"),
        [
            ({"outlet": "USA Today", "published_on": DAY}, "USA Today, 15 September 2019"),
            ({"outlet": "USA Today"}, "USA Today"),
            (
                {"title": "Saudi oil attack", "outlet": "USA Today", "published_on": DAY},
                "Saudi oil attack (USA Today, 15 September 2019)",
            ),
            (
                {"title": "Saudi oil attack", "outlet": "Reuters", "author": "A. Reporter"},
                "Saudi oil attack (Reuters, A. Reporter)",
            ),
            ({"title": "Saudi oil attack"}, "Saudi oil attack"),
            ({"author": "A. Reporter", "published_on": DAY}, "A. Reporter, 15 September 2019"),
            ({"kind": Source.Kind.NEWS_REPORT}, "Untitled news report"),
            (
                {"kind": Source.Kind.NEWS_REPORT, "published_on": DAY},
                "Untitled news report, 15 September 2019",
            ),
        ],
    )
    def test_a_source_is_named_as_a_reader_cites_it(self, fields, name):
        values = {"title": "", "outlet": "", "author": "", "published_on": None} | fields
        assert str(make_source(**values)) == name

    def test_a_source_with_only_its_text_is_named_by_its_opening_words(self):
        source = make_source(
            title="", outlet="", author="", kind=Source.Kind.OTHER, full_text="Drones struck the"
        )

        assert str(source) == "Untitled other beginning “Drones struck the…”"


@pytest.mark.parametrize("language", ["en", "ar", "fa"])
def test_the_labels_of_choices_are_what_djangos_own_display_gives(language):
    """Event.get_kind_display and the claim's get_FOO_display translate each label once
    per language (claims.models.choices); they must say what Django's would."""
    displayed = [
        (Event(kind=kind), "kind") for kind in [*Event.Kind.values, "no-longer-a-kind", ""]
    ]
    for name in ("stance", "role", "hedging", "status", "channel"):
        choices = Claim._meta.get_field(name).choices
        displayed += [(Claim(**{name: value}), name) for value, _label in choices]
    with translation.override(language):
        for instance, name in displayed:
            field = instance._meta.get_field(name)
            ours = getattr(instance, f"get_{name}_display")()
            assert ours == instance._get_FIELD_display(field), (name, getattr(instance, name))
