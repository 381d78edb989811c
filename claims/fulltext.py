"""Full-text search of quotes: the readers' query grammar, and its two renderings.

Quotes are searched in their folded words (`Citation.quote_folded`, `claims.normalize`),
through each engine's full-text index: on PostgreSQL a GIN index on
`to_tsvector('simple', quote_folded)`, on SQLite the FTS5 table `claims_citation_fts`
(kept in step with the citations by triggers). Both index the same words, since the
text is folded before either tokenizer sees it, so one parsed query gives the same
citations on both engines.

The grammar is a search box's (PostgreSQL's `websearch_to_tsquery`):

- words, all of which must be there: `kataib rockets`;
- `"a quoted phrase"`, its words in that order;
- `or` between words or phrases: `kataib or nujaba`;
- `-word` or `-"a phrase"`, which must not be there.

A word of four letters or more also finds the words it begins ("hezbollah" finds
"Hezbollah’s", folded "hezbollahs"); shorter words are found whole ("us" is not "usa").
Anything else is text to look for, never an operator: `AND`, `NEAR`, `*`, parentheses
and stray quote marks are folded away or searched as words, so no query can be a syntax
error on either engine. A query is parsed once (`parse_query`) and rendered for the
engine (`Query.as_tsquery` for PostgreSQL's `to_tsquery`, `Query.as_fts5` for FTS5's
MATCH): one parser rather than `websearch_to_tsquery` on PostgreSQL and another on
SQLite, so that both engines read a query the same way, prefixes included (which
`websearch_to_tsquery` has no syntax for).
"""

import re
from dataclasses import dataclass

from django.db.models import BooleanField, F, Func

from claims.normalize import fold_text

# A word this long or longer is also looked for as the start of longer words.
PREFIX_FROM = 4
# Bounds on what one query can ask of the index: the words and phrases kept, and the
# words kept of each phrase (a 10,000-character paste is cut, not refused).
MAX_TERMS = 16
MAX_PHRASE_WORDS = 16

# The words of folded text as both tokenizers cut it: letters and digits (the underscore
# is a word character to Python's `\w`, a separator to PostgreSQL's parser and to FTS5).
_WORD = re.compile(r"[^\W_]+")
# Phrase marks: the straight double quote and the typographic ones a keyboard may give.
_PHRASE_MARKS = '"“”„«»'
_TOKEN = re.compile(rf"(-?)[{_PHRASE_MARKS}]([^{_PHRASE_MARKS}]*)[{_PHRASE_MARKS}]?|(\S+)")

FTS5_TABLE = "claims_citation_fts"
# On PostgreSQL the words are a stored generated column (unknown to the model: the
# database fills it on every insert and update, COPY included), indexed with GIN. Stored
# rather than an expression index, because phrases are re-checked on the rows the index
# finds: reading a stored tsvector, not parsing each quote again (200 ms for the 8,449
# quotes an alias's phrases matched at 100k).
PG_COLUMN = "quote_vector"
PG_INDEX = "claims_citation_quote_vector"


def words(text: str) -> tuple[str, ...]:
    """The folded words of `text`, as the indexes hold them."""
    return tuple(_WORD.findall(fold_text(text)))


@dataclass(frozen=True)
class Term:
    """One word, or several in a row (a phrase). `whole`: never a prefix of longer words
    (the spellings of a name are looked for as whole words)."""

    words: tuple[str, ...]
    whole: bool = False

    def prefix(self, word: str) -> bool:
        return not self.whole and len(word) >= PREFIX_FROM


@dataclass(frozen=True)
class Group:
    """Terms that must all be there, and terms that must not."""

    must: tuple[Term, ...]
    must_not: tuple[Term, ...] = ()


@dataclass(frozen=True)
class Query:
    """Groups of which any one matches (`or`)."""

    groups: tuple[Group, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.groups)

    def or_phrases(self, phrases: list[tuple[str, ...]]) -> "Query":
        """This query, or any of these phrases as whole words."""
        extra = tuple(Group(must=(Term(phrase, whole=True),)) for phrase in phrases if phrase)
        return Query(tuple(dict.fromkeys(self.groups + extra)))

    def as_tsquery(self) -> str:
        """For PostgreSQL's `to_tsquery('simple', ...)`."""

        def word(term: Term, w: str) -> str:
            quoted = "'" + w.replace("\\", "\\\\").replace("'", "''") + "'"
            return quoted + (":*" if term.prefix(w) else "")

        def term(t: Term) -> str:
            phrase = " <-> ".join(word(t, w) for w in t.words)
            return f"({phrase})" if len(t.words) > 1 else phrase

        def group(g: Group) -> str:
            return " & ".join([term(t) for t in g.must] + [f"!{term(t)}" for t in g.must_not])

        return _any((group(g) for g in self.groups), " | ")

    def as_fts5(self) -> str:
        """For FTS5's MATCH: every word a quoted string, so none is an operator."""

        def word(term: Term, w: str) -> str:
            return '"' + w.replace('"', '""') + '"' + ("*" if term.prefix(w) else "")

        def term(t: Term) -> str:
            return " + ".join(word(t, w) for w in t.words)

        def group(g: Group) -> str:
            sql = " AND ".join(term(t) for t in g.must)
            if g.must_not:
                sql = f"({sql}) NOT ({' OR '.join(term(t) for t in g.must_not)})"
            return sql

        return _any((group(g) for g in self.groups), " OR ")

    def matches(self, folded: str) -> bool:
        """Whether folded text (`Citation.quote_folded`) matches, as the indexes decide."""
        found = _WORD.findall(folded)
        return any(
            all(_has(found, t) for t in g.must) and not any(_has(found, t) for t in g.must_not)
            for g in self.groups
        )


def _any(groups, operator: str) -> str:
    groups = list(groups)
    return operator.join(f"({g})" for g in groups) if len(groups) > 1 else "".join(groups)


def _has(found: list[str], term: Term) -> bool:
    n = len(term.words)
    for start in range(len(found) - n + 1):
        if all(
            found[start + i] == w or (term.prefix(w) and found[start + i].startswith(w))
            for i, w in enumerate(term.words)
        ):
            return True
    return False


def parse_query(text: str) -> Query:
    """The reader's text as a query (see the module's docstring); empty when it has no
    word to look for. A group with only excluded words is dropped: "-rockets" alone
    would ask for every quote."""
    tokens: list[tuple[str, bool, tuple[str, ...]]] = []  # (kind, negated, words)
    for negated, phrase, bare in _TOKEN.findall(text):
        if not bare:
            tokens.append(("phrase", bool(negated), words(phrase)))
        elif bare.casefold() == "or":
            tokens.append(("or", False, ()))
        elif bare.startswith("-") and len(bare) > 1:
            tokens.append(("word", True, words(bare[1:])))
        else:
            tokens.append(("word", False, words(bare)))
    tokens = _join_articles(tokens)

    groups: list[Group] = []
    must: list[Term] = []
    must_not: list[Term] = []
    kept = 0
    for kind, negated, found in tokens:
        if kind == "or":
            if must:
                groups.append(Group(tuple(must), tuple(must_not)))
            must, must_not = [], []
            continue
        if not found or kept == MAX_TERMS:
            continue
        kept += 1
        (must_not if negated else must).append(Term(found[:MAX_PHRASE_WORDS]))
    if must:
        groups.append(Group(tuple(must), tuple(must_not)))
    return Query(tuple(dict.fromkeys(groups)))


def _join_articles(tokens):
    """ "al Muhandis" typed as two words is folded as one name is: "almuhandis"."""
    joined = []
    for token in tokens:
        kind, negated, found = token
        if (
            joined
            and kind == "word"
            and not negated
            and found
            and joined[-1][0] == "word"
            and not joined[-1][1]
            and joined[-1][2] in (("al",), ("el",))
        ):
            token = ("word", False, words(f"al {' '.join(found)}"))
            joined[-1] = token
            continue
        joined.append(token)
    return joined


class QuoteMatch(Func):
    """A filter on citations: the quote (`quote_folded`) matches `query`, through the
    engine's full-text index. `query` must not be empty."""

    output_field = BooleanField()

    def __init__(self, query: Query):
        super().__init__(F("pk"), F("quote_folded"))
        self.query = query

    def as_sql(self, compiler, connection, **extra):
        raise NotImplementedError(f"No full-text search on {connection.vendor}.")

    def as_postgresql(self, compiler, connection, **extra):
        folded, params = compiler.compile(self.source_expressions[1])
        # The generated column of the same table (alias): U0."quote_folded" → U0."quote_vector".
        vector = folded.removesuffix(connection.ops.quote_name("quote_folded"))
        vector += connection.ops.quote_name(PG_COLUMN)
        sql = f"{vector} @@ to_tsquery('simple'::regconfig, %s)"
        return sql, (*params, self.query.as_tsquery())

    def as_sqlite(self, compiler, connection, **extra):
        pk, params = compiler.compile(self.source_expressions[0])
        sql = f"{pk} IN (SELECT rowid FROM {FTS5_TABLE} WHERE {FTS5_TABLE} MATCH %s)"
        return sql, (*params, self.query.as_fts5())


# The FTS5 table reads the quotes from claims_citation (external content) and is kept in
# step by these triggers, whatever writes the citations: the ORM, claims.bulk's
# executemany, a data migration's bulk_update.
SQLITE_TRIGGERS = {
    f"{FTS5_TABLE}_insert": f"""
        CREATE TRIGGER IF NOT EXISTS {FTS5_TABLE}_insert AFTER INSERT ON claims_citation
        BEGIN
            INSERT INTO {FTS5_TABLE}(rowid, quote_folded) VALUES (new.id, new.quote_folded);
        END""",
    f"{FTS5_TABLE}_delete": f"""
        CREATE TRIGGER IF NOT EXISTS {FTS5_TABLE}_delete AFTER DELETE ON claims_citation
        BEGIN
            INSERT INTO {FTS5_TABLE}({FTS5_TABLE}, rowid, quote_folded)
            VALUES ('delete', old.id, old.quote_folded);
        END""",
    f"{FTS5_TABLE}_update": f"""
        CREATE TRIGGER IF NOT EXISTS {FTS5_TABLE}_update AFTER UPDATE ON claims_citation
        WHEN old.quote_folded IS NOT new.quote_folded OR old.id IS NOT new.id
        BEGIN
            INSERT INTO {FTS5_TABLE}({FTS5_TABLE}, rowid, quote_folded)
            VALUES ('delete', old.id, old.quote_folded);
            INSERT INTO {FTS5_TABLE}(rowid, quote_folded) VALUES (new.id, new.quote_folded);
        END""",
}


def ensure_sqlite_index(connection, *, create: bool = False) -> None:
    """Create (`create`: the migration) the FTS5 table, and its triggers where missing,
    rebuilding the table when a trigger was: Django's SQLite schema editor remakes a
    table to alter it (a later migration of Citation), which drops its triggers, so
    citations written since may be missing from the index. Without `create` (after
    every migrate), nothing is done where the table is not there."""
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')")
        present = {row[0] for row in cursor.fetchall()}
        if "claims_citation" not in present:
            return
        if FTS5_TABLE not in present:
            if not create:
                return
            cursor.execute(
                f"CREATE VIRTUAL TABLE {FTS5_TABLE} USING fts5(quote_folded, "
                "content='claims_citation', content_rowid='id', "
                "tokenize='unicode61 remove_diacritics 0')"
            )
        missing = [name for name in SQLITE_TRIGGERS if name not in present]
        for name in missing:
            cursor.execute(SQLITE_TRIGGERS[name])
        if missing:
            cursor.execute(f"INSERT INTO {FTS5_TABLE}({FTS5_TABLE}) VALUES ('rebuild')")


def drop_sqlite_index(connection) -> None:
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        for name in SQLITE_TRIGGERS:
            cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
        cursor.execute(f"DROP TABLE IF EXISTS {FTS5_TABLE}")
