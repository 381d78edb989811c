"""Full-text indexes of the folded quotes (`claims.fulltext`), for reader search: on
PostgreSQL a stored generated column `quote_vector`, `to_tsvector('simple',
quote_folded)` (the 'simple' configuration: the text is folded already, and in many
languages), with a GIN index; on SQLite an FTS5
table over `quote_folded`, filled now and kept in step by triggers. The trigram index
of 0021 stays for `contains` lookups outside search."""

from django.db import migrations

from claims.fulltext import PG_COLUMN, PG_INDEX, drop_sqlite_index, ensure_sqlite_index


def create_indexes(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        schema_editor.execute(
            f"ALTER TABLE claims_citation ADD COLUMN IF NOT EXISTS {PG_COLUMN} tsvector "
            "GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, quote_folded)) STORED"
        )
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {PG_INDEX} ON claims_citation USING gin ({PG_COLUMN})"
        )
    ensure_sqlite_index(connection, create=True)


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {PG_INDEX}")
        schema_editor.execute(f"ALTER TABLE claims_citation DROP COLUMN IF EXISTS {PG_COLUMN}")
    drop_sqlite_index(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("claims", "0030_capture_jobs")]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
