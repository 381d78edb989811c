"""The trigram index on Citation.quote_folded served reader search's `LIKE '%text%'`,
which full-text search (0031) replaced: no query reads it any more, and every citation
written paid for it (its GIN index was half the time of an import's citation COPY on
PostgreSQL, measured). Reversed, it is built again as 0021 built it."""

from django.db import migrations

TRIGRAM_INDEX = "claims_citation_quote_folded_trgm"


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {TRIGRAM_INDEX}")


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {TRIGRAM_INDEX} ON claims_citation "
        "USING gin (quote_folded gin_trgm_ops)"
    )


class Migration(migrations.Migration):
    dependencies = [("claims", "0032_claim_indexes_in_date_order")]

    operations = [migrations.RunPython(drop_index, create_index)]
