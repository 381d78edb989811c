"""Full-text search of quotes and of events: the readers' query grammar, its two
renderings, and the indexes they are run on.

Two texts are searched in their folded words (`claims.normalize.searchable_words`):
the quotes with their translations (`Citation.quote_folded`) and the events' titles
with their summaries (`Event.text_folded`), each through the engine's full-text index
(`FullTextIndex`: `QUOTES`, `EVENTS`): on PostgreSQL a GIN index on a stored
`to_tsvector('simple', ...)` of the folded words, on SQLite an FTS5 table kept in step
with its table by triggers. Both index the same words, since the text is folded before
either tokenizer sees it, so one parsed query finds the same rows on both engines.

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

from claims.normalize import fold_text, searchable_words

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
        """Whether folded text (`searchable_words`) matches, as the indexes decide."""
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


@dataclass(frozen=True)
class FullTextIndex:
    """The full-text index of one table's folded words (a column its model derives on
    every save), on either engine.

    On PostgreSQL the words are a stored generated column (unknown to the model: the
    database fills it on every insert and update, COPY included), indexed with GIN.
    Stored rather than an expression index, because phrases are re-checked on the rows
    the index finds: reading a stored tsvector, not parsing each text again (200 ms for
    the 8,449 quotes an alias's phrases matched at 100k). On SQLite an FTS5 table reads
    the words from the table (external content) and is kept in step by triggers,
    whatever writes the rows: the ORM, claims.bulk's executemany, a data migration's
    bulk_update."""

    model: str
    table: str
    # The fields whose words are searched, and the column that holds them folded.
    texts: tuple[str, ...]
    folded: str
    pg_column: str
    pg_index: str
    fts5_table: str

    def matching(self, query: Query) -> "WordsMatch":
        """A filter on the table's rows: their words match `query` (not empty)."""
        return WordsMatch(self, query)

    # The migrations' steps (RunPython's functions): fill the folded column of the rows
    # stored, create the index, drop it.

    def fold_stored(self, apps, schema_editor) -> None:
        model = apps.get_model("claims", self.model)
        batch = []
        for row in model.objects.only(*self.texts).iterator(chunk_size=2000):
            setattr(row, self.folded, searchable_words(*(getattr(row, t) for t in self.texts)))
            batch.append(row)
            if len(batch) == 2000:
                model.objects.bulk_update(batch, [self.folded])
                batch = []
        model.objects.bulk_update(batch, [self.folded])

    def create(self, apps, schema_editor) -> None:
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(
                f"ALTER TABLE {self.table} ADD COLUMN IF NOT EXISTS {self.pg_column} tsvector "
                f"GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, {self.folded})) STORED"
            )
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {self.pg_index} ON {self.table} "
                f"USING gin ({self.pg_column})"
            )
        self.ensure_sqlite(schema_editor.connection, create=True)

    def drop(self, apps, schema_editor) -> None:
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"DROP INDEX IF EXISTS {self.pg_index}")
            schema_editor.execute(
                f"ALTER TABLE {self.table} DROP COLUMN IF EXISTS {self.pg_column}"
            )
        elif schema_editor.connection.vendor == "sqlite":
            for name in self.sqlite_triggers:
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")
            schema_editor.execute(f"DROP TABLE IF EXISTS {self.fts5_table}")

    @property
    def sqlite_triggers(self) -> dict[str, str]:
        fts, table, folded = self.fts5_table, self.table, self.folded
        add = f"INSERT INTO {fts}(rowid, {folded}) VALUES (new.id, new.{folded});"
        remove = (
            f"INSERT INTO {fts}({fts}, rowid, {folded}) VALUES ('delete', old.id, old.{folded});"
        )
        return {
            f"{fts}_insert": f"""
                CREATE TRIGGER IF NOT EXISTS {fts}_insert AFTER INSERT ON {table}
                BEGIN {add} END""",
            f"{fts}_delete": f"""
                CREATE TRIGGER IF NOT EXISTS {fts}_delete AFTER DELETE ON {table}
                BEGIN {remove} END""",
            f"{fts}_update": f"""
                CREATE TRIGGER IF NOT EXISTS {fts}_update AFTER UPDATE ON {table}
                WHEN old.{folded} IS NOT new.{folded} OR old.id IS NOT new.id
                BEGIN {remove} {add} END""",
        }

    def ensure_sqlite(self, connection, *, create: bool = False) -> None:
        """Create (`create`: the migration) the FTS5 table, and its triggers where
        missing, rebuilding the table when a trigger was: Django's SQLite schema editor
        remakes a table to alter it (a later migration of its model), which drops its
        triggers, so rows written since may be missing from the index. Without `create`
        (after every migrate), nothing is done where the FTS5 table is not there."""
        if connection.vendor != "sqlite":
            return
        with connection.cursor() as cursor:
            cursor.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')")
            present = {row[0] for row in cursor.fetchall()}
            if self.table not in present:
                return
            if self.fts5_table not in present:
                if not create:
                    return
                cursor.execute(
                    f"CREATE VIRTUAL TABLE {self.fts5_table} USING fts5({self.folded}, "
                    f"content='{self.table}', content_rowid='id', "
                    "tokenize='unicode61 remove_diacritics 0')"
                )
            missing = [name for name in self.sqlite_triggers if name not in present]
            for name in missing:
                cursor.execute(self.sqlite_triggers[name])
            if missing:
                cursor.execute(
                    f"INSERT INTO {self.fts5_table}({self.fts5_table}) VALUES ('rebuild')"
                )


class WordsMatch(Func):
    """A filter on an index's table: the row's folded words match `query`, through the
    engine's full-text index. `query` must not be empty."""

    output_field = BooleanField()

    def __init__(self, index: FullTextIndex, query: Query):
        super().__init__(F("pk"), F(index.folded))
        self.index, self.query = index, query

    def as_sql(self, compiler, connection, **extra):
        raise NotImplementedError(f"No full-text search on {connection.vendor}.")

    def as_postgresql(self, compiler, connection, **extra):
        folded, params = compiler.compile(self.source_expressions[1])
        # The generated column of the same table (alias): U0."quote_folded" → U0."quote_vector".
        vector = folded.removesuffix(connection.ops.quote_name(self.index.folded))
        vector += connection.ops.quote_name(self.index.pg_column)
        sql = f"{vector} @@ to_tsquery('simple'::regconfig, %s)"
        return sql, (*params, self.query.as_tsquery())

    def as_sqlite(self, compiler, connection, **extra):
        pk, params = compiler.compile(self.source_expressions[0])
        fts = self.index.fts5_table
        sql = f"{pk} IN (SELECT rowid FROM {fts} WHERE {fts} MATCH %s)"
        return sql, (*params, self.query.as_fts5())


# Quotes and their translations, and events' titles and summaries, each folded by
# `claims.normalize.searchable_words` on every save (`Citation.fold_quote`,
# `Event.fold_text`).
QUOTES = FullTextIndex(
    model="Citation",
    table="claims_citation",
    texts=("quote", "translation"),
    folded="quote_folded",
    pg_column="quote_vector",
    pg_index="claims_citation_quote_vector",
    fts5_table="claims_citation_fts",
)
EVENTS = FullTextIndex(
    model="Event",
    table="claims_event",
    texts=("title", "summary"),
    folded="text_folded",
    pg_column="text_vector",
    pg_index="claims_event_text_vector",
    fts5_table="claims_event_fts",
)
INDEXES = (QUOTES, EVENTS)
