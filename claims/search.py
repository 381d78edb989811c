"""Reader search: one text, three groups of results (events, actors and people, claims),
each with its count. Published claims only, as everywhere readers look.

- **Names.** Actors and people whose name or any alias contains the text, both folded
  (`claims.normalize`): "kataeb" finds Kata'ib Hezbollah.
- **A name under any spelling.** When the whole text is one spelling of an actor or a
  person ("Kataeb Hezbollah"), the search also looks for *them*: the events where that
  actor is a candidate (or where that person made a claim), the claims that name them
  as claimant or attributed actor, and the claims whose quotes print any of their
  spellings ("Kataib Hezbollah" in General Milley's words). Spellings are looked for as
  whole words in a row (a phrase of the full-text index), and not those of fewer than
  three letters ("US" would find "us"). Events whose title or summary prints one of
  the spellings are found too.
- **Words.** Events whose title or summary, and claims whose quote or translation,
  match the text as a search box's query: all its words, "quoted phrases", `or`,
  `-excluded` words (`claims.fulltext`), looked for in the folded words
  (`Event.text_folded`, `Citation.quote_folded`) through the engine's full-text
  indexes. Words, not parts of words: a word of four letters or more also finds the
  longer words it begins ("hezbollah" finds "Hezbollah’s", "rocket" finds "rockets"),
  but "base" does not find "airbase"; an excluded word alone finds nothing.

Each group is listed most recent first, not by relevance: readers follow what was said
about an event over time, the page says "the 50 most recent of N", and ranking would
have to score every match before listing any (and would rank differently on each
engine, where dates do not).

Events and claims are counted up to 1,000; past that the page says "more than 1,000",
as search engines do. An exact count of a common name's claims would recheck every
quote that prints it (85,000 quotes, a third of a second, for one alias at a million
claims), for a figure no reader of a page of 50 needs; the actor's own page counts them.
"""

from dataclasses import dataclass, field
from operator import itemgetter

from django.db import connection
from django.db.models import F, Func, Q, QuerySet

from claims.fulltext import EVENTS, QUOTES, Query, parse_query, words
from claims.models import (
    Actor,
    ActorAlias,
    Citation,
    Claim,
    Event,
    EventCandidate,
    Person,
    PersonAlias,
)
from claims.models.claims import citations_with_sources
from claims.normalize import normalize_name


class NotByIndex(Func):
    """A column that SQLite must not look up through an index (its unary `+`)."""

    template = "%(expressions)s"

    def __init__(self, column: str):
        super().__init__(F(column))

    def as_sqlite(self, compiler, connection, **extra):
        return super().as_sql(compiler, connection, template="+%(expressions)s", **extra)


# Each group lists this many, most recent first.
SEARCH_LIMIT = 50
# Events and claims are counted up to this many; one more stands for "more than".
COUNT_LIMIT = 1000
# Spellings shorter than this, folded, are common words too ("US", "IS"): not looked for
# in quotes, though the actor's own claims are still found.
SHORTEST_SPELLING_IN_QUOTES = 3


@dataclass
class SearchResults:
    text: str
    events: list[Event] = field(default_factory=list)
    events_count: int = 0
    actors: list[Actor] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    names_count: int = 0
    claims: list[Claim] = field(default_factory=list)
    claims_count: int = 0
    # The actors and people the text is a spelling of, searched for under every spelling.
    named_actor_ids: frozenset[int] = frozenset()
    named_person_ids: frozenset[int] = frozenset()
    # The counts of events and claims stop at one past this (`COUNT_LIMIT`).
    count_limit: int = COUNT_LIMIT

    @property
    def events_over_limit(self) -> bool:
        return self.events_count > self.count_limit

    @property
    def claims_over_limit(self) -> bool:
        return self.claims_count > self.count_limit

    @property
    def found_anything(self) -> bool:
        return bool(self.events_count or self.names_count or self.claims_count)


def _spellings(alias_model, key: str) -> dict[int, set[str]]:
    """The owners that `key` is a spelling of, each with all its spellings (one query)."""
    owner = alias_model.owner_field
    named = alias_model.objects.filter(normalized=key).values(owner)
    spellings: dict[int, set[str]] = {}
    for owner_id, spelling in alias_model.objects.filter(**{f"{owner}__in": named}).values_list(
        f"{owner}_id", "name"
    ):
        spellings.setdefault(owner_id, set()).add(spelling)
    return spellings


def spelling_phrases(spellings: list[str]) -> list[tuple[str, ...]]:
    """The folded words of each spelling long enough to be looked for in quotes."""
    phrases = [words(spelling) for spelling in spellings if distinctive(spelling)]
    return list(dict.fromkeys(phrase for phrase in phrases if phrase))


def distinctive(spelling: str) -> bool:
    """Whether a spelling is long enough to be looked for in texts."""
    return sum(len(word) for word in words(spelling)) >= SHORTEST_SPELLING_IN_QUOTES


def search_all(text: str) -> SearchResults | None:
    """Everything readers can find with `text` (None for a text with nothing to look for).

    A fixed number of queries: the spellings of the actors and of the people the text
    names (2); for each group the page's rows and their count (6); the prefetched
    aliases of the actors and people listed, and citations of the claims listed (3, each
    run only when its group is not empty).
    """
    key = normalize_name(text)
    if not key:
        return None
    actor_spellings = _spellings(ActorAlias, key)
    person_spellings = _spellings(PersonAlias, key)
    named_actors, named_people = list(actor_spellings), list(person_spellings)

    query = parse_query(text).or_phrases(
        spelling_phrases(
            [
                s
                for spellings in [*actor_spellings.values(), *person_spellings.values()]
                for s in spellings
            ]
        )
    )

    # The events found each way, as one set of ids (as the claims below): an OR of the
    # words' lookup with the actor's candidacies read every event (0.2 s at 1M claims).
    # "U.S. strikes on five Kata'ib Hezbollah sites" names it without blaming it: the
    # query's spellings find it.
    event_ids = []
    if named_actors:
        event_ids.append(EventCandidate.objects.filter(actor__in=named_actors).values("event_id"))
    if named_people:
        event_ids.append(
            Claim.objects.published().filter(claimant_person__in=named_people).values("event_id")
        )
    event_lookups = [Q(pk__in=ids) for ids in event_ids]
    if query:
        in_words = Q(EVENTS.matching(query))
        event_ids.insert(0, Event.objects.filter(in_words).values("pk"))
        event_lookups.insert(0, in_words)
    events_count, shown_events = _found(
        Event.objects.public(), ids=event_ids, lookups=event_lookups, order=("-date", "pk")
    )

    # The claims found each way, as one set of ids: a UNION of lookups that each use an
    # index (the full-text one, the foreign keys'), where an OR of them across columns
    # had the engine read every claim (SQLite did, 360 ms at 100k).
    claim_lookups = []
    if named_actors:
        claim_lookups += [Q(attributed_actor__in=named_actors), Q(claimant_actor__in=named_actors)]
    if named_people:
        claim_lookups.append(Q(claimant_person__in=named_people))
    claim_ids = [Claim.objects.filter(lookup).values("pk") for lookup in claim_lookups]
    if query:
        quoted = Citation.objects.filter(QUOTES.matching(query)).values("claim_id")
        claim_ids.insert(0, quoted)
        claim_lookups.insert(0, Q(pk__in=quoted))
    claims_count, shown = _found(
        # Published ones only, tested on the claims found: SQLite would otherwise read
        # every published claim through the publication index to test its id.
        Claim.objects.alias(published=NotByIndex("publication")).filter(
            published=Claim.Publication.PUBLISHED
        ),
        ids=claim_ids,
        lookups=claim_lookups,
        order=("-stated_on", "pk"),
        one_read=True,
    )

    actors = Actor.objects.search(text)
    people = Person.objects.search(text)
    shown_claims = list(
        shown.with_related()
        .prefetch_related(citations_with_sources())
        .order_by("-stated_on", "pk")[:SEARCH_LIMIT]
    )
    for claim in shown_claims:
        claim.matched_citation = _matched_citation(claim, query)
    return SearchResults(
        text=text,
        events=list(shown_events.order_by("-date", "pk")[:SEARCH_LIMIT]),
        events_count=events_count,
        actors=list(actors.prefetch_related("aliases")[:SEARCH_LIMIT]),
        people=list(people.prefetch_related("aliases")[:SEARCH_LIMIT]),
        names_count=actors.count() + people.count(),
        claims=shown_claims,
        claims_count=claims_count,
        named_actor_ids=frozenset(named_actors),
        named_person_ids=frozenset(named_people),
        count_limit=COUNT_LIMIT,
    )


def _found(
    chosen: QuerySet, *, ids: list[QuerySet], lookups: list[Q], order, one_read: bool = False
) -> tuple:
    """How many rows of `chosen` (the published ones) any of the lookups finds, counted
    up to COUNT_LIMIT + 1, and a queryset holding the first SEARCH_LIMIT of them in
    `order`, to list.

    `ids` are the lookups as sets of ids, read through their own indexes and joined as
    one UNION. Where the engine can limit the parts of a UNION (PostgreSQL), each lookup
    is read on its own, from its first rows: a union is over the limit when one of its
    parts is, and the first of a union are among its parts' first. An actor's claims
    are read in date order from its index range, where the whole union was hash-joined
    against every row and sorted (0.8 s for an alias at 1M claims, bench/README.md).

    - By default, a count of each lookup's first COUNT_LIMIT + 1 rows, unordered, and
      the ids of each one's first SEARCH_LIMIT in `order`: two reads that each stop
      early (the events: a name's candidacies read along the events' date index).
    - `one_read`: each lookup's first COUNT_LIMIT + 1 rows (SEARCH_LIMIT if more) in
      `order`, with the values they are ordered by, which give both the count and the
      rows to list. For the claims, whose quotes must all be found for either (a
      phrase's are each rechecked for the order of its words: 14,950 quotes for five
      words at a million claims), so that they are found once rather than twice.

    Elsewhere (SQLite) both are read from the whole union.
    """
    if not ids:
        return 0, chosen.none()
    ids = [part.order_by() for part in ids]
    if not connection.features.supports_slicing_ordering_in_compound:
        found = chosen.filter(pk__in=_union(ids))
        # Unordered: a limit keeps the order, which would sort every row found.
        return found.order_by().values("pk")[: COUNT_LIMIT + 1].count(), found
    if not one_read:
        counted = [
            chosen.filter(lookup).order_by().values("pk")[: COUNT_LIMIT + 1] for lookup in lookups
        ]
        first = [
            chosen.filter(lookup).order_by(*order).values("pk")[:SEARCH_LIMIT] for lookup in lookups
        ]
        count = min(_union(counted).count(), COUNT_LIMIT + 1)
        return count, chosen.model.objects.filter(pk__in=_union(first))
    columns = ["pk", *(name.removeprefix("-") for name in order if name != "pk")]
    read = max(COUNT_LIMIT + 1, SEARCH_LIMIT)
    firsts = [
        chosen.filter(lookup).order_by(*order).values_list(*columns)[:read] for lookup in lookups
    ]
    rows = list(set(firsts[0].union(*firsts[1:], all=True)))
    # `order` applied in Python, its last key first (each sort keeps the order of ties).
    for name in reversed(order):
        position = columns.index(name.removeprefix("-"))
        rows.sort(key=itemgetter(position), reverse=name.startswith("-"))
    listed = [row[0] for row in rows[:SEARCH_LIMIT]]
    # Still `chosen`: a claim unpublished since is not listed.
    return min(len(rows), COUNT_LIMIT + 1), chosen.filter(pk__in=listed)


def _union(parts: list[QuerySet]) -> QuerySet:
    return parts[0].union(*parts[1:]) if len(parts) > 1 else parts[0]


def _matched_citation(claim: Claim, query: Query) -> Citation | None:
    """The claim's first citation whose words match, else its first (prefetched)."""
    citations = list(claim.citations.all())
    for citation in citations:
        if query.matches(citation.quote_folded):
            return citation
    return citations[0] if citations else None
