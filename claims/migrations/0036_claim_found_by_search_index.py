"""Reader search on PostgreSQL reads the date of each published claim whose quotes match
(`claims.search`): a five-word phrase matches 14,950 quotes of 10,043 claims at a
million claims, each claim looked up by its id. This index holds the id and the date of
the published claims only, so that each look-up reads the index (27 MB at a million
claims), not the claim's row: the phrase search went from 275 to 166 ms (bench/README.md).

Built CONCURRENTLY (outside a transaction), so that editors can go on writing claims
while it is built. PostgreSQL only: SQLite has no INCLUDE, and its search reads the
union of ids whole."""

from django.db import migrations

INDEX = "claims_claim_found_idx"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {INDEX} ON claims_claim (id) "
            "INCLUDE (stated_on) WHERE publication = 'published'"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("claims", "0035_event_full_text")]

    operations = [migrations.RunPython(create_index, drop_index)]
