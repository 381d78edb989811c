"""PostgreSQL's own bulk paths on the same data, as the yardstick of export and import:
`COPY (the export's query) TO STDOUT` and `COPY ... FROM STDIN` of the export file; and
the schema's write floor, what the database alone spends writing an import's rows.
"""

import time

import psycopg

from claims.models import Actor, Citation, Claim, Event, Person, Source


def export_query() -> str:
    """One statement giving the export's columns for every published claim: the same
    joins as `claims.exports` (claim, event, actors, person; citations with sources)."""
    claim, event = Claim._meta.db_table, Event._meta.db_table
    actor, person = Actor._meta.db_table, Person._meta.db_table
    citation, source = Citation._meta.db_table, Source._meta.db_table
    return f"""
        SELECT c.id, e.slug, e.title, e.date, e.date_precision, e.kind, e.country, e.place,
               ca.slug, ca.name, ca.kind, p.slug, p.name, c.claimant_description,
               c.speaker_title, c.channel, c.stance, aa.slug, aa.name, aa.kind,
               c.attributed_description, ha.slug, ha.name, ha.kind, c.role,
               c.hedging, c.status, c.publication, c.quote_check_override, c.stated_on,
               c.stated_on_precision, c.responds_to_id, c.version, c.created_at, c.updated_at,
               cit.n, cit.quotes, cit.citations
        FROM {claim} c
        JOIN {event} e ON e.id = c.event_id
        LEFT JOIN {actor} ca ON ca.id = c.claimant_actor_id
        LEFT JOIN {person} p ON p.id = c.claimant_person_id
        LEFT JOIN {actor} aa ON aa.id = c.attributed_actor_id
        LEFT JOIN {actor} ha ON ha.id = c.attributed_actor_hint_id
        LEFT JOIN LATERAL (
            SELECT count(*) AS n,
                   string_agg(t.quote, ' | ' ORDER BY t.id) AS quotes,
                   json_agg(json_build_object(
                       'source', s.id, 'source_url', s.url, 'source_title', s.title,
                       'source_outlet', s.outlet, 'source_author', s.author,
                       'source_published_on', s.published_on, 'source_kind', s.kind,
                       'source_language', s.language, 'quote', t.quote, 'locator', t.locator,
                       'language', t.language, 'translation', t.translation
                   ) ORDER BY t.id) AS citations
            FROM {citation} t JOIN {source} s ON s.id = t.source_id
            WHERE t.claim_id = c.id
        ) cit ON true
        WHERE c.publication = 'published'
        ORDER BY c.id
    """


def copy_to(url: str, path: str, rows: int) -> dict:
    """COPY the export's query to a CSV file, through a client as `psql \\copy` would."""
    started = time.perf_counter()
    written = 0
    with (
        psycopg.connect(url) as conn,
        conn.cursor() as cursor,
        open(path, "wb") as out,
        cursor.copy(f"COPY ({export_query()}) TO STDOUT WITH (FORMAT csv, HEADER true)") as copy,
    ):
        for block in copy:
            out.write(block)
            written += len(block)
    seconds = time.perf_counter() - started
    return {
        "rows": rows,
        "seconds": round(seconds, 3),
        "rows_per_s": round(rows / seconds),
        "bytes": written,
    }


def copy_from(url: str, path: str, rows: int) -> dict:
    """COPY the export file into a table of its columns (text), as a plain load would."""
    with open(path, encoding="utf-8") as source:
        header = source.readline().strip().split(",")
    columns = ", ".join(f'"{name}" text' for name in header)
    with psycopg.connect(url) as conn:
        conn.execute("DROP TABLE IF EXISTS bench_copy_import")
        conn.execute(f"CREATE TABLE bench_copy_import ({columns})")
        conn.commit()
        started = time.perf_counter()
        with (
            conn.cursor() as cursor,
            open(path, "rb") as source,
            cursor.copy("COPY bench_copy_import FROM STDIN WITH (FORMAT csv, HEADER true)") as copy,
        ):
            while block := source.read(1 << 20):
                copy.write(block)
        conn.commit()
        seconds = time.perf_counter() - started
        loaded = conn.execute("SELECT count(*) FROM bench_copy_import").fetchone()[0]
        conn.execute("DROP TABLE bench_copy_import")
        conn.commit()
    return {
        "rows": loaded,
        "seconds": round(seconds, 3),
        "rows_per_s": round(loaded / seconds),
        "expected_rows": rows,
    }


def write_floor(url: str) -> dict:
    """What the database alone spends writing the claims and citations an import wrote,
    with their history rows, into the real tables (their indexes, full-text columns and
    foreign keys checked): the rows already stored are written once more, ids shifted,
    by `INSERT … SELECT` from a copy in a temporary table, then rolled back. No parsing,
    no client, no checks: the fastest any importer could write them on this schema and
    this machine, so `claims_per_s` bounds every import's rate from above."""
    tables = _floor_tables()
    timings = {}
    with psycopg.connect(url) as conn:
        claims = conn.execute(f"SELECT count(*) FROM {Claim._meta.db_table}").fetchone()[0]
        # Past every id of the four tables: ids and references all move by the same step.
        shift = 1 + max(
            conn.execute(f"SELECT coalesce(max({pk}), 0) FROM {table}").fetchone()[0]
            for table, (_, _, pk) in tables.items()
        )
        # The foreign keys checked with each statement, not at a commit that never comes.
        conn.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for table, (columns, shifted, _) in tables.items():
            listed = ", ".join(columns)
            conn.execute(f"CREATE TEMP TABLE floor_rows AS SELECT {listed} FROM {table}")
            moved = ", ".join(f"{column} = {column} + {shift}" for column in shifted)
            conn.execute(f"UPDATE floor_rows SET {moved}")
            started = time.perf_counter()
            conn.execute(f"INSERT INTO {table} ({listed}) SELECT {listed} FROM floor_rows")
            timings[table] = round(time.perf_counter() - started, 3)
            conn.execute("DROP TABLE floor_rows")
        conn.rollback()
    seconds = sum(timings.values())
    return {
        "claims": claims,
        "seconds": round(seconds, 3),
        "claims_per_s": round(claims / seconds) if seconds else None,
        "tables": timings,
    }


def _floor_tables() -> dict[str, tuple[list[str], list[str], str]]:
    """Each table an import writes in bulk (claims, citations, their history), in the
    order written: its stored columns, those holding a claim's or citation's id, and
    its primary key."""
    tables = {}
    for model in (Claim, Claim.history.model, Citation, Citation.history.model):
        fields = [f for f in model._meta.concrete_fields if not f.generated]
        shifted = [
            f.column
            for f in fields
            if f.primary_key
            or f.column == "id"
            or (f.is_relation and f.related_model in (Claim, Citation))
        ]
        tables[model._meta.db_table] = (
            [f.column for f in fields],
            shifted,
            model._meta.pk.column,
        )
    return tables
