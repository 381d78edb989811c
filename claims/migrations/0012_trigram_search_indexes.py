"""Trigram indexes for the substring searches, on PostgreSQL only.

Reader search, the events filter and the API's text filters look for a phrase anywhere
in a name, title or quote (`icontains`, `contains`). A B-tree cannot serve that, so
without these every search reads the whole table. PostgreSQL's pg_trgm GIN indexes can,
for phrases of three characters or more. Django writes `icontains` as
`UPPER(column::text) LIKE UPPER(%s)`, so the indexes are on that same expression.

SQLite has no such index: there the searches scan (see README, "Performance"). The
indexes are not declared on the models because they exist on one engine only.
"""

from django.db import migrations

# index name: (table, indexed expression)
TRIGRAM_INDEXES = {
    "claims_actoralias_trgm": ("claims_actoralias", "normalized"),
    "claims_personalias_trgm": ("claims_personalias", "normalized"),
    "claims_event_title_trgm": ("claims_event", "UPPER(title::text)"),
    "claims_event_summary_trgm": ("claims_event", "UPPER(summary::text)"),
    "claims_event_place_trgm": ("claims_event", "UPPER(place::text)"),
    "claims_citation_quote_trgm": ("claims_citation", "UPPER(quote::text)"),
    "claims_citation_translation_trgm": ("claims_citation", "UPPER(translation::text)"),
}


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, (table, expression) in TRIGRAM_INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (({expression}) gin_trgm_ops)"
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in TRIGRAM_INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("claims", "0011_versions")]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
