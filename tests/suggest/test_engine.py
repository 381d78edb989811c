"""The suggestion engine as tables: a sentence in, the claims it carries out.

No database: the engine is pure functions over text and a gazetteer of plain records.
"""

import datetime

import pytest

from claims.suggest import (
    ActorEntry,
    AffiliationEntry,
    Gazetteer,
    PersonEntry,
    UnknownLanguage,
    suggest_claims,
)

GAZETTEER = Gazetteer(
    [
        ActorEntry("united-states", "United States", "state", None, ("U.S.", "US", "Washington")),
        ActorEntry("us-state-department", "State Department", "government_body", "united-states"),
        ActorEntry("iran", "Iran", "state", None, ("Tehran", "ایران")),
        ActorEntry(
            "irgc",
            "Islamic Revolutionary Guard Corps",
            "armed_forces",
            "iran",
            ("IRGC", "سپاه پاسداران"),
        ),
        ActorEntry("pmf", "Popular Mobilization Forces", "armed_group", None, ("PMF", "PMU")),
        ActorEntry(
            "kataib-hezbollah",
            "Kata'ib Hezbollah",
            "armed_group",
            "pmf",
            ("Kataeb Hezbollah", "Kata’ib Hizbullah", "KH", "كتائب حزب الله"),
        ),
        ActorEntry("hezbollah", "Hezbollah", "armed_group", None, ("Lebanese Hezbollah",)),
        ActorEntry("houthis", "Houthis", "armed_group", None, ("Ansar Allah", "Houthi")),
        ActorEntry("islamic-state", "Islamic State", "armed_group", None, ("IS", "ISIS")),
        ActorEntry("israel", "Israel", "state"),
        ActorEntry("syria", "Syria", "state"),
        ActorEntry("america", "America placeholder", "state"),
    ],
    [
        PersonEntry(
            "mike-pompeo",
            "Mike Pompeo",
            ("Pompeo",),
            (AffiliationEntry("us-state-department", "Secretary of State"),),
        ),
        PersonEntry(
            "javad-zarif",
            "Javad Zarif",
            ("Zarif",),
            (AffiliationEntry("iran", "Foreign Minister"),),
        ),
        PersonEntry(
            "hadi-al-ameri",
            "Hadi al-Ameri",
            (),
            (
                AffiliationEntry("pmf", "Chairman", datetime.date(2020, 1, 14), None),
                AffiliationEntry(
                    "irgc", "Liaison", datetime.date(2010, 1, 1), datetime.date(2020, 1, 13)
                ),
            ),
        ),
    ],
)


def claims(text: str, **options) -> list[dict]:
    return [s.as_dict() for s in suggest_claims(text, GAZETTEER, **options)]


def only(text: str, **options) -> dict:
    found = claims(text, **options)
    assert len(found) == 1, found
    return found[0]


# ---- every cue family: sentence -> stance, hedging, role --------------------------------

CUE_TABLE = [
    # stances
    (
        "Islamic State claimed responsibility for the bombing.",
        "claims_responsibility",
        "reported",
        "perpetrator",
        "islamic-state",
    ),
    (
        "Kataib Hezbollah said it carried out the attack.",
        "claims_responsibility",
        "asserted",
        "perpetrator",
        "kataib-hezbollah",
    ),
    ("Iran was behind the attack, Pompeo said.", "attributes", "asserted", "perpetrator", "iran"),
    ("Pompeo blamed Iran for the attack.", "attributes", "asserted", "perpetrator", "iran"),
    (
        "Washington accused Kataib Hezbollah of the rocket attack.",
        "attributes",
        "alleged",
        "perpetrator",
        "kataib-hezbollah",
    ),
    (
        "Officials pointed the finger at Kataib Hezbollah.",
        "attributes",
        "reported",
        "perpetrator",
        "kataib-hezbollah",
    ),
    ("Iran denied any involvement in the attack.", "denies", "asserted", "perpetrator", "iran"),
    (
        "Kataib Hezbollah dismissed the accusations.",
        "denies",
        "asserted",
        "perpetrator",
        "kataib-hezbollah",
    ),
    (
        "Kataib Hezbollah rejected the accusations on Monday.",
        "denies",
        "asserted",
        "perpetrator",
        "kataib-hezbollah",
    ),
    (
        "Kataib Hezbollah said it had nothing to do with the attack.",
        "denies",
        "asserted",
        "perpetrator",
        "kataib-hezbollah",
    ),
    (
        "There is no evidence that Iran was behind the strike, Zarif said.",
        "disputes",
        "asserted",
        "perpetrator",
        "iran",
    ),
    (
        "Zarif questioned whether Iran had any part in it.",
        "disputes",
        "asserted",
        "perpetrator",
        "iran",
    ),
    ("Responsibility for the attack was not claimed.", "no_claim", "asserted", "perpetrator", None),
    ("No one has claimed the attack so far.", "no_claim", "asserted", "perpetrator", None),
    # hedging
    (
        "Kataib Hezbollah was responsible for the attack.",
        "attributes",
        "asserted",
        "perpetrator",
        "kataib-hezbollah",
    ),
    (
        "Kataib Hezbollah is thought to be responsible for the attack.",
        "attributes",
        "probable",
        "perpetrator",
        "kataib-hezbollah",
    ),
    (
        "Kataib Hezbollah likely carried out the attack.",
        "attributes",
        "probable",
        "perpetrator",
        "kataib-hezbollah",
    ),
    (
        "Kataib Hezbollah is believed to be behind the attack.",
        "attributes",
        "probable",
        "perpetrator",
        "kataib-hezbollah",
    ),
    (
        "Officials say Kataib Hezbollah was responsible for the attack.",
        "attributes",
        "reported",
        "perpetrator",
        "kataib-hezbollah",
    ),
    (
        "The attack is reported to have been carried out by Kataib Hezbollah.",
        "attributes",
        "reported",
        "perpetrator",
        "kataib-hezbollah",
    ),
    (
        "According to officials, Kataib Hezbollah carried out the attack.",
        "attributes",
        "reported",
        "perpetrator",
        "kataib-hezbollah",
    ),
    (
        "Kataib Hezbollah allegedly carried out the attack.",
        "attributes",
        "alleged",
        "perpetrator",
        "kataib-hezbollah",
    ),
    (
        "Kataib Hezbollah may have carried out the attack.",
        "attributes",
        "speculative",
        "perpetrator",
        "kataib-hezbollah",
    ),
    (
        "Kataib Hezbollah could be behind the attack.",
        "attributes",
        "speculative",
        "perpetrator",
        "kataib-hezbollah",
    ),
    # roles
    (
        "Pompeo held Iran responsible for the attack.",
        "attributes",
        "asserted",
        "accountable",
        "iran",
    ),
    (
        "The PMF holds Washington accountable for the strike.",
        "attributes",
        "asserted",
        "accountable",
        "united-states",
    ),
    (
        "Zarif condemned the U.S. strike on the convoy.",
        "attributes",
        "asserted",
        "accountable",
        "united-states",
    ),
    (
        "The U.S. provided air cover for the strike.",
        "attributes",
        "asserted",
        "facilitator",
        "united-states",
    ),
    (
        "Syria allowed the fighters to cross before the attack.",
        "attributes",
        "asserted",
        "facilitator",
        "syria",
    ),
    ("Pompeo said Iran funded the attack.", "attributes", "asserted", "sponsor", "iran"),
    ("Israel struck the convoy.", "attributes", "asserted", "perpetrator", "israel"),
]


@pytest.mark.parametrize("text, stance, hedging, role, actor", CUE_TABLE)
def test_it_reads_each_cue(text, stance, hedging, role, actor):
    found = claims(text)
    assert [(c["stance"], c["hedging"], c["role"], c["attributed_actor"]) for c in found] == [
        (stance, hedging, role, actor)
    ], found


# ---- names ----------------------------------------------------------------------------

ALIAS_TABLE = [
    ("Kataeb Hezbollah attacked the base.", "Kataeb Hezbollah"),
    ("Kata’ib Hizbullah attacked the base.", "Kata’ib Hizbullah"),
    ("Kata'ib Hezbollah attacked the base.", "Kata'ib Hezbollah"),
    ("KATAIB HEZBOLLAH attacked the base.", "KATAIB HEZBOLLAH"),
    ("KH attacked the base.", "KH"),
    ("كتائب حزب الله attacked the base.", "كتائب حزب الله"),
]


@pytest.mark.parametrize("text, mention", ALIAS_TABLE)
def test_it_finds_an_actor_under_any_spelling_and_script(text, mention):
    claim = only(text)
    assert (claim["attributed_actor"], claim["attributed_mention"]) == ("kataib-hezbollah", mention)


def test_it_finds_persian_aliases():
    claim = only("سپاه پاسداران attacked the base.")
    assert claim["attributed_actor"] == "irgc"


def test_the_longest_name_wins_where_two_overlap():
    claim = only("Kata'ib Hezbollah attacked the base.")
    assert claim["attributed_actor"] == "kataib-hezbollah"  # not Lebanese Hezbollah


def test_a_short_alias_in_capitals_matches_only_capitals():
    assert claims("Let us see whether it is over.") == []
    assert only("IS attacked the base.")["attributed_actor"] == "islamic-state"


def test_a_name_inside_a_longer_word_is_not_a_mention():
    assert claims("Iranair struck a deal. Israelite warriors struck the camp.") == []
    assert only("Israel struck the camp.")["attributed_actor"] == "israel"


def test_a_plural_possessive_is_no_subject():
    assert claims("The Iranians' neighbours attacked nobody.") == []


def test_a_possessive_still_names_the_actor():
    claim = only("Israel’s drone struck the convoy.")
    assert claim["attributed_actor"] == "israel"


def test_an_unknown_name_comes_back_as_a_mention_without_slug():
    claim = only("The attack was claimed by nobody until Hamas Brigades claimed responsibility.")
    assert claim["stance"] == "claims_responsibility"
    assert (claim["attributed_actor"], claim["attributed_mention"]) == (None, "Hamas Brigades")


# ---- negation, two claims, quotations ---------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Hamas did not claim the attack.", [("no_claim", None)]),
        ("No group has claimed responsibility for the blast.", [("no_claim", None)]),
        ("Iran did not carry out the attack, Zarif said.", [("denies", "iran")]),
        ("Pompeo did not blame Iran for the attack.", []),
        ("Israel never struck the convoy, officials said.", []),
    ],
)
def test_it_reads_negation(text, expected):
    assert [(c["stance"], c["attributed_actor"]) for c in claims(text)] == expected


def test_a_sentence_may_carry_two_claims():
    found = claims("Pompeo blamed Iran and disputed the Houthis’ claim of responsibility.")
    assert sorted((c["stance"], c["attributed_actor"]) for c in found) == [
        ("attributes", "iran"),
        ("disputes", "houthis"),
    ]
    assert {c["claimant_person"] for c in found} == {"mike-pompeo"}


def test_a_quotation_over_two_sentences_is_one_quote():
    text = "Before that. “We struck the base. We will strike again,” the Houthi spokesman said."
    claim = only(text)
    assert claim["quote"] == text[13:] == text[claim["start"] : claim["end"]]
    assert claim["stance"] == "claims_responsibility"
    assert (claim["claimant_actor"], claim["attributed_actor"]) == ("houthis", "houthis")


def test_a_quotation_standing_alone_goes_on_in_the_voice_before_it():
    text = (
        "The PMF said the strike was an act of war. “We hold Washington fully responsible "
        "for this aggression.”"
    )
    found = claims(text)
    assert [(c["role"], c["attributed_actor"], c["claimant_actor"]) for c in found] == [
        ("accountable", "united-states", "pmf")
    ]


@pytest.mark.parametrize("marks", ["“{}”", "«{}»", "„{}“", '"{}"'])
def test_it_reads_every_kind_of_quotation_mark(marks):
    text = "Zarif said: " + marks.format("Israel was behind the attack.") + " Then he left."
    claim = only(text)
    assert (claim["attributed_actor"], claim["claimant_person"]) == ("israel", "javad-zarif")


# ---- speakers ---------------------------------------------------------------------------


def test_a_named_person_speaks_for_the_actor_of_their_post():
    claim = only("Pompeo said Kataib Hezbollah carried out the attack.")
    assert claim["claimant_person"] == "mike-pompeo"
    assert claim["claimant_actor"] == "us-state-department"
    assert claim["claimant_mention"] == "Pompeo"


def test_he_said_is_the_last_person_named():
    text = "Pompeo spoke on Monday. He said Kataib Hezbollah carried out the attack."
    claim = only(text)
    assert (claim["claimant_person"], claim["claimant_mention"]) == ("mike-pompeo", "He")


def test_officials_said_is_a_description():
    claim = only("Kataib Hezbollah carried out the attack, U.S. officials said.")
    assert claim["claimant_person"] is None
    assert claim["claimant_description"] == "U.S. officials"
    assert claim["claimant_actor"] == "united-states"
    assert claim["hedging"] == "reported"


def test_an_unknown_speaker_keeps_the_title_before_the_name():
    claim = only("Foreign Ministry spokesman Abbas Mousavi said Israel was behind the attack.")
    assert claim["claimant_person"] is None
    assert claim["claimant_mention"] == "Abbas Mousavi"
    assert claim["claimant_description"] == "Foreign Ministry spokesman"


def test_the_affiliation_is_the_one_held_on_the_statement_date():
    text = "Hadi al-Ameri said Israel carried out the attack."
    before = only(text, published_on=datetime.date(2019, 6, 1))
    after = only(text, published_on=datetime.date(2020, 2, 1))
    assert (before["claimant_actor"], after["claimant_actor"]) == ("irgc", "pmf")


def test_without_a_speaker_the_source_speaks_in_its_own_voice():
    claim = only("Israel struck the convoy on Sunday.")
    assert [claim[k] for k in ("claimant_actor", "claimant_person", "claimant_mention")] == [
        None,
        None,
        "",
    ]


def test_a_speaker_named_later_does_not_speak_for_the_writer_before():
    text = (
        "U.S. forces struck the camp, killing a commander of Kataib Hezbollah that U.S. "
        "officials say was responsible for the Jordan attack."
    )
    found = {c["attributed_actor"]: c for c in claims(text)}
    assert found["united-states"]["claimant_description"] == ""
    assert found["kataib-hezbollah"]["claimant_description"] == "U.S. officials"


def test_stated_on_is_the_source_date():
    claim = only("Israel struck the convoy.", published_on=datetime.date(2024, 2, 8))
    assert claim["stated_on"] == "2024-02-08"
    assert only("Israel struck the convoy.")["stated_on"] is None


def test_every_quote_is_exactly_the_text_between_its_offsets():
    text = "  • Israel struck the convoy.\n\nIran denied it.  “KH did it,” Pompeo said. "
    for claim in claims(text):
        assert claim["quote"] == text[claim["start"] : claim["end"]]
        assert claim["quote"] == claim["quote"].strip()


def test_suggestions_come_in_text_order():
    text = "Israel struck the convoy. Iran denied any involvement. KH attacked the base."
    starts = [c["start"] for c in claims(text)]
    assert starts == sorted(starts) and len(starts) == 3


def test_an_unknown_language_is_refused():
    with pytest.raises(UnknownLanguage):
        suggest_claims("text", GAZETTEER, language="xx")
    with pytest.raises(UnknownLanguage):
        suggest_claims("text", GAZETTEER, language="../en")


def test_an_empty_gazetteer_and_text_give_nothing():
    assert suggest_claims("", Gazetteer([], [])) == []
    assert suggest_claims("Israel struck the convoy.", Gazetteer([], [])) == []
