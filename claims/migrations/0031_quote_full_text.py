"""Full-text indexes of the folded quotes (`claims.fulltext`), for reader search: on
PostgreSQL a stored generated column `quote_vector`, `to_tsvector('simple',
quote_folded)` (the 'simple' configuration: the text is folded already, and in many
languages), with a GIN index; on SQLite an FTS5
table over `quote_folded`, filled now and kept in step by triggers. The trigram index
of 0021 stays for `contains` lookups outside search."""

from django.db import migrations

from claims.fulltext import QUOTES


class Migration(migrations.Migration):
    dependencies = [("claims", "0030_capture_jobs")]

    operations = [migrations.RunPython(QUOTES.create, QUOTES.drop)]
