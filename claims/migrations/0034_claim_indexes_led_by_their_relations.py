"""Single-column indexes dropped where nothing reads them: a claim's event, claimant
actor and attributed actor each lead one of the claim's indexes in Meta, and a claim
version is never looked up by the relations listed in `no_db_index`. Every claim
written kept them up to date.

Only the indexes are dropped (the state's fields change with them): altering the
fields as such would also drop and re-add their foreign keys, which checks every
stored claim again under a lock."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

# (table, column) of each index dropped; its name is Django's for that column.
DROPPED = [
    ("claims_claim", "attributed_actor_id"),
    ("claims_claim", "claimant_actor_id"),
    ("claims_claim", "event_id"),
    ("claims_historicalclaim", "attributed_actor_id"),
    ("claims_historicalclaim", "attributed_actor_hint_id"),
    ("claims_historicalclaim", "claimant_actor_id"),
    ("claims_historicalclaim", "claimant_person_id"),
    ("claims_historicalclaim", "created_by_id"),
    ("claims_historicalclaim", "responds_to_id"),
    ("claims_historicalclaim", "updated_by_id"),
]


def _name(schema_editor, table: str, column: str) -> str:
    return schema_editor.quote_name(schema_editor._create_index_name(table, [column], suffix=""))


def drop_indexes(apps, schema_editor):
    """Each plain index of that one column, whatever its name: the database says which
    (a name worked out here and wrong would drop nothing, silently)."""
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        for table, column in DROPPED:
            constraints = connection.introspection.get_constraints(cursor, table)
            for name, about in constraints.items():
                if (
                    about["index"]
                    and about["columns"] == [column]
                    and not about["unique"]
                    and not about["primary_key"]
                ):
                    schema_editor.execute(f"DROP INDEX {schema_editor.quote_name(name)}")


def create_indexes(apps, schema_editor):
    quote = schema_editor.quote_name
    for table, column in DROPPED:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {_name(schema_editor, table, column)} "
            f"ON {quote(table)} ({quote(column)})"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0033_drop_folded_quote_trigram_index"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunPython(drop_indexes, create_indexes)],
            state_operations=[
                migrations.AlterField(
                    model_name="claim",
                    name="attributed_actor",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        help_text="Who the claim says was (or was not) responsible.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="claims_about",
                        to="claims.actor",
                        verbose_name="attributed actor",
                    ),
                ),
                migrations.AlterField(
                    model_name="claim",
                    name="claimant_actor",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        help_text="The state, body or group that makes the claim.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="claims_made",
                        to="claims.actor",
                        verbose_name="claimant actor",
                    ),
                ),
                migrations.AlterField(
                    model_name="claim",
                    name="event",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="claims",
                        to="claims.event",
                        verbose_name="event",
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalclaim",
                    name="attributed_actor",
                    field=models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_index=False,
                        help_text="Who the claim says was (or was not) responsible.",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="claims.actor",
                        verbose_name="attributed actor",
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalclaim",
                    name="attributed_actor_hint",
                    field=models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_index=False,
                        help_text="With a description only: a known actor the description is consistent with, e.g. Kata’ib Hezbollah for “an Iranian-backed militia”. Shown beside that actor, never counted as naming it.",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="claims.actor",
                        verbose_name="consistent with",
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalclaim",
                    name="claimant_actor",
                    field=models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_index=False,
                        help_text="The state, body or group that makes the claim.",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="claims.actor",
                        verbose_name="claimant actor",
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalclaim",
                    name="claimant_person",
                    field=models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_index=False,
                        help_text="The official or spokesperson quoted.",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="claims.person",
                        verbose_name="claimant person",
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalclaim",
                    name="created_by",
                    field=models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_index=False,
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="created by",
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalclaim",
                    name="responds_to",
                    field=models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_index=False,
                        help_text="The claim this one answers (required when it disputes one).",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="claims.claim",
                        verbose_name="responds to",
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalclaim",
                    name="updated_by",
                    field=models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_index=False,
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="updated by",
                    ),
                ),
            ],
        )
    ]
