"""The API's lists of claims in date order read from indexes: one actor's claims from
its own range of the actor indexes (now ending with the date), an actor with its
sub-units from the published claims' date index (bench/README.md, 2 December 2026)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('claims', '0031_quote_full_text'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='claim',
            name='claims_claim_attributed_idx',
        ),
        migrations.RemoveIndex(
            model_name='claim',
            name='claims_claim_claimant_idx',
        ),
        migrations.AddIndex(
            model_name='claim',
            index=models.Index(fields=['attributed_actor', 'publication', '-stated_on', 'id'], name='claims_claim_attributed_idx'),
        ),
        migrations.AddIndex(
            model_name='claim',
            index=models.Index(fields=['claimant_actor', 'publication', '-stated_on', 'id'], name='claims_claim_claimant_idx'),
        ),
        migrations.AddIndex(
            model_name='claim',
            index=models.Index(condition=models.Q(('publication', 'published')), fields=['-stated_on', 'id'], name='claims_claim_date_idx'),
        ),
    ]
