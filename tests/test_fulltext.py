"""Quote search through the engines' full-text indexes (claims/fulltext.py): the readers'
query grammar, rendered for PostgreSQL's to_tsquery and for FTS5's MATCH, gives the same
citations on both engines (this module runs on each: the expected results are the same
table), and no text a reader can type is an error."""

import pytest
from django.db import connection
from django.urls import reverse

from claims.fulltext import (
    MAX_TERMS,
    SQLITE_TRIGGERS,
    QuoteMatch,
    ensure_sqlite_index,
    parse_query,
)
from claims.models import Citation
from tests.factories import make_claim

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


QUOTES = {
    "milley": "a sustained campaign by Kata’ib Hezbollah against U.S. personnel",
    "possessive": "Kataib Hezbollah’s fighters fired the rockets at the base",
    "drones": "drones struck the base; the launch site was traced to a farm",
    "nujaba": "Nujaba denied it",
    "usa": "the USA said nothing",
    "persian": "سپاه پاسداران انقلاب اسلامی",
    "translated": ("كتائب حزب الله", "Kataib Hezbollah denied the attack"),
}
# (query, the quotes it finds): the same on SQLite and PostgreSQL.
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


@pytest.fixture
def quotes(db):
    found = {}
    for name, words in QUOTES.items():
        quote, translation = words if isinstance(words, tuple) else (words, "")
        citation = make_claim().citations.get()
        citation.quote, citation.translation = quote, translation
        citation.save()
        found[citation.pk] = name
    return found


def matching(quotes, text: str) -> set[str]:
    query = parse_query(text)
    if not query:
        return set()
    return {
        quotes[pk] for pk in Citation.objects.filter(QuoteMatch(query)).values_list("pk", flat=True)
    }


@pytest.mark.parametrize(("text", "expected"), FINDS)
def test_the_same_quotes_are_found_on_either_engine(quotes, text, expected):
    assert matching(quotes, text) == expected
    # The page shows the citation that matched, decided in Python as the index decides.
    query = parse_query(text)
    in_python = {quotes[c.pk] for c in Citation.objects.all() if query.matches(c.quote_folded)}
    assert in_python == expected


def test_the_index_follows_edits_and_deletions(quotes):
    citation = Citation.objects.get(pk=next(pk for pk, name in quotes.items() if name == "nujaba"))
    citation.quote = "Harakat al-Nujaba denied it anew"
    citation.save()
    assert matching(quotes, "anew") == {"nujaba"}
    citation.quote = "No comment"
    citation.save()
    assert matching(quotes, "anew") == set()
    assert matching(quotes, "comment") == {"nujaba"}
    Citation.objects.filter(pk=citation.pk).update(quote_folded=" moved by an update ")
    assert matching(quotes, "moved") == {"nujaba"}
    citation.delete()
    assert matching(quotes, "moved") == set()


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the FTS5 table is SQLite's")
def test_the_sqlite_index_is_rebuilt_when_a_migration_dropped_its_triggers(quotes):
    with connection.cursor() as cursor:  # as remaking the table does
        for trigger in SQLITE_TRIGGERS:
            cursor.execute(f"DROP TRIGGER {trigger}")
    unindexed = make_claim().citations.get()
    unindexed.quote = "written while the triggers were gone"
    unindexed.save()
    quotes[unindexed.pk] = "unindexed"
    assert matching(quotes, "triggers") == set()

    ensure_sqlite_index(connection)

    assert matching(quotes, "triggers") == {"unindexed"}
    assert matching(quotes, "hezbollahs") == {"possessive"}


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
    "'; DROP TABLE claims_citation; --",
    "1' OR '1'='1",
    "!kataib & | <-> :*",
    "\\'\\\\",
    "kataib " * 1500,
    "x" * 10_000,
    '"' * 10_000,
    "-" * 10_000,
]


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_no_text_is_an_error(client, quotes, text):
    matching(quotes, text)  # does not raise
    response = client.get(reverse("claims:search"), {"q": text})
    assert response.status_code == 200
