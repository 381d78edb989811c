"""Citation.quote_folded: the folded words of the quote and its translation, which reader
search looks through for a name under any of its spellings; filled for the stored
citations, with a trigram index on PostgreSQL (as 0012 explains) for its `contains`."""

from django.db import migrations, models

from claims.fulltext import QUOTES

TRIGRAM_INDEX = "claims_citation_quote_folded_trgm"


def fold_stored_quotes(apps, schema_editor):
    QUOTES.fold_stored(apps, schema_editor)


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {TRIGRAM_INDEX} ON claims_citation "
        "USING gin (quote_folded gin_trgm_ops)"
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {TRIGRAM_INDEX}")


class Migration(migrations.Migration):
    dependencies = [("claims", "0020_event_headline_reason")]

    operations = [
        migrations.AddField(
            model_name="citation",
            name="quote_folded",
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.RunPython(fold_stored_quotes, migrations.RunPython.noop),
        migrations.RunPython(create_index, drop_index),
    ]
