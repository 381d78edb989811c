"""Event.text_folded: the folded words of the title and summary, filled for the stored
events, and their full-text index (`claims.fulltext.EVENTS`), as 0031 made the quotes':
on PostgreSQL a stored generated column `text_vector`, `to_tsvector('simple',
text_folded)`, with a GIN index; on SQLite an FTS5 table over `text_folded`, filled now
and kept in step by triggers. The trigram indexes of 0012 stay for the events list's
and the API's `icontains` filters."""

from django.db import migrations, models

from claims.fulltext import EVENTS


class Migration(migrations.Migration):
    dependencies = [("claims", "0034_claim_indexes_led_by_their_relations")]

    operations = [
        migrations.AddField(
            model_name="event",
            name="text_folded",
            field=models.TextField(blank=True, editable=False, verbose_name="text folded"),
        ),
        migrations.RunPython(EVENTS.fold_stored, migrations.RunPython.noop),
        migrations.RunPython(EVENTS.create, EVENTS.drop),
    ]
