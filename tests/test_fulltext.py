"""Search of quotes and of events through the engines' full-text indexes
(claims/fulltext.py): the readers' query grammar, rendered for PostgreSQL's to_tsquery
and for FTS5's MATCH, finds the same citations and the same events on both engines (this
module runs on each: the expected results are one table, for quotes and events alike),
and no text a reader can type is an error."""

from dataclasses import dataclass, field

import pytest
from django.apps import apps
from django.db import connection
from django.urls import reverse

from claims.fulltext import EVENTS, MAX_TERMS, QUOTES, parse_query
from claims.models import Citation, Event
from tests.factories import make_claim, make_event

# The grammar, rendered: (reader's text, FTS5 MATCH, to_tsquery).
RENDERINGS = [
    ("rockets", '"rockets"*', "'rockets':*"),
    ("us", '"us"', "'us'"),
    ("Kata'ib  HIZBULLAH", '"kataib"* AND "hizbullah"*', "'kataib':* & 'hizbullah':*"),
    (
        '"fired the rockets"',
        '"fired"* + "the" + "rockets"*',
        "('fired':* <-> 'the' <-> 'rockets':*)",
    ),
    ("U.S. forces", '"u" + "s" AND "forces"*', "('u' <-> 's') & 'forces':*"),
    ("rockets -drones", '("rockets"*) NOT ("drones"*)', "'rockets':* & !'drones':*"),
    (
        'base -"was empty" -drones',
        '("base"*) NOT ("was" + "empty"* OR "drones"*)',
        "'base':* & !('was' <-> 'empty':*) & !'drones':*",
    ),
    ("kataib or nujaba", '("kataib"*) OR ("nujaba"*)', "('kataib':*) | ('nujaba':*)"),
    ("OR rockets or", '"rockets"*', "'rockets':*"),
    ("al Muhandis", '"almuhandis"*', "'almuhandis':*"),
    (
        "“smart quotes” work",
        '"smart"* + "quotes"* AND "work"*',
        "('smart':* <-> 'quotes':*) & 'work':*",
    ),
    # Operators of either engine are words here, or folded away.
    (
        "NEAR(a b) AND c*",
        '"near"* + "a" AND "b" AND "and" AND "c"',
        "('near':* <-> 'a') & 'b' & 'and' & 'c'",
    ),
    ("-drones", "", ""),
    ("- -- ( ) * \" '", "", ""),
]


@pytest.mark.parametrize(("text", "fts5", "tsquery"), RENDERINGS)
def test_the_grammar_as_each_engine_reads_it(text, fts5, tsquery):
    query = parse_query(text)
    assert query.as_fts5() == fts5
    assert query.as_tsquery() == tsquery
    assert bool(query) is bool(fts5)


def test_a_long_paste_is_cut_to_a_bounded_query():
    query = parse_query(" ".join(f"word{n}" for n in range(2000)))
    assert len(query.groups[0].must) == MAX_TERMS
    assert parse_query('"' + "word " * 2000 + '"').groups[0].must[0].words == ("word",) * 16


# Texts to find: a quote and its translation, or an event's title and its summary.
TEXTS = {
    "milley": "a sustained campaign by Kata’ib Hezbollah against U.S. personnel",
    "possessive": "Kataib Hezbollah’s fighters fired the rockets at the base",
    "drones": "drones struck the base; the launch site was traced to a farm",
    "nujaba": "Nujaba denied it",
    "usa": "the USA said nothing",
    "persian": "سپاه پاسداران انقلاب اسلامی",
    "translated": ("كتائب حزب الله", "Kataib Hezbollah denied the attack"),
}
# (query, the texts it finds): the same on SQLite and PostgreSQL, in quotes and in events.
FINDS = [
    ("hezbollah", {"milley", "possessive", "translated"}),
    ("hezbollahs", {"possessive"}),
    ("kataib hezbollah", {"milley", "possessive", "translated"}),
    ('"kataib hezbollah fighters"', {"possessive"}),
    ('"hezbollah fired"', set()),
    ("hezbollah -rockets", {"milley", "translated"}),
    ('base -"launch site"', {"possessive"}),
    ("nujaba or drones", {"nujaba", "drones"}),
    ("us", set()),
    ("u.s. personnel", {"milley"}),
    ("the base", {"possessive", "drones"}),
    ("launch site was traced to", {"drones"}),
    ("پاسداران", {"persian"}),
    ("كتائب", {"translated"}),
    ("Kata'ib", {"milley", "possessive", "translated"}),
    ("kat", set()),
    ("denied", {"nujaba", "translated"}),
]


@dataclass
class Texts:
    """The texts written as quotes (a quote and its translation) or as events (a title
    and its summary), saved as every write path saves them; `names`: pk → name."""

    kind: str
    names: dict = field(default_factory=dict)

    @property
    def model(self):
        return Citation if self.kind == "quotes" else Event

    @property
    def index(self):
        return QUOTES if self.kind == "quotes" else EVENTS

    def add(self, name: str, text: str, more: str = ""):
        row = make_claim().citations.get() if self.kind == "quotes" else make_event()
        self.write(row, text, more)
        self.names[row.pk] = name
        return row

    def write(self, row, text: str, more: str = "") -> None:
        if self.kind == "quotes":
            row.quote, row.translation = text, more
        else:
            row.title, row.summary = text, more
        row.save()

    def get(self, name: str):
        return self.model.objects.get(pk=next(pk for pk, n in self.names.items() if n == name))

    def matching(self, text: str) -> set[str]:
        query = parse_query(text)
        if not query:
            return set()
        found = self.model.objects.filter(self.index.matching(query))
        return {self.names[pk] for pk in found.values_list("pk", flat=True)}


@pytest.fixture(params=["quotes", "events"])
def texts(request, db):
    texts = Texts(request.param)
    for name, words in TEXTS.items():
        text, more = words if isinstance(words, tuple) else (words, "")
        texts.add(name, text, more)
    return texts


@pytest.mark.parametrize(("text", "expected"), FINDS)
def test_the_same_rows_are_found_on_either_engine(texts, text, expected):
    assert texts.matching(text) == expected
    # The page shows the citation that matched, decided in Python as the index decides.
    query = parse_query(text)
    folded = texts.model.objects.values_list("pk", texts.index.folded)
    assert {texts.names[pk] for pk, words in folded if query.matches(words)} == expected


def test_the_index_follows_edits_and_deletions(texts):
    row = texts.get("nujaba")
    texts.write(row, "Harakat al-Nujaba denied it anew")
    assert texts.matching("anew") == {"nujaba"}
    texts.write(row, "No comment")
    assert texts.matching("anew") == set()
    assert texts.matching("comment") == {"nujaba"}
    texts.model.objects.filter(pk=row.pk).update(**{texts.index.folded: " moved by an update "})
    assert texts.matching("moved") == {"nujaba"}
    row.delete()
    assert texts.matching("moved") == set()


def test_the_migration_folds_the_rows_stored_before_it(texts):
    texts.model.objects.update(**{texts.index.folded: ""})  # as the column was added
    assert texts.matching("hezbollah") == set()

    texts.index.fold_stored(apps, None)

    assert texts.matching("hezbollah") == {"milley", "possessive", "translated"}


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the FTS5 tables are SQLite's")
def test_the_sqlite_index_is_rebuilt_when_a_migration_dropped_its_triggers(texts):
    with connection.cursor() as cursor:  # as remaking the table does
        for trigger in texts.index.sqlite_triggers:
            cursor.execute(f"DROP TRIGGER {trigger}")
    texts.add("unindexed", "written while the triggers were gone")
    assert texts.matching("triggers") == set()

    texts.index.ensure_sqlite(connection)

    assert texts.matching("triggers") == {"unindexed"}
    assert texts.matching("hezbollahs") == {"possessive"}


HOSTILE = [
    '"',
    '"unclosed phrase',
    "(((",
    "a) OR (b",
    "*",
    "hezbollah*",
    "NEAR",
    "NEAR(kataib hezbollah, 2)",
    "AND",
    "kataib AND OR NOT",
    "-",
    "- - -",
    "--rockets",
    "^kataib",
    "quote_folded:kataib",
    "text_folded:kataib",
    "'; DROP TABLE claims_citation; --",
    "1' OR '1'='1",
    "!kataib & | <-> :*",
    "\\'\\\\",
    "kataib " * 1500,
    "x" * 10_000,
    '"' * 10_000,
    "-" * 10_000,
    "نحن لم نطلق أي صاروخ على القاعدة",
    "كتائب " * 2000,
]


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_no_text_is_an_error(client, texts, text):
    texts.matching(text)  # does not raise
    response = client.get(reverse("claims:search"), {"q": text})
    assert response.status_code == 200
