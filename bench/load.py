"""Bulk writing of generated rows with the import's writer (`claims.bulk`): COPY on
PostgreSQL, one `executemany` per table in one transaction on SQLite.

Columns come from the models: a field the generator does not fill gets the model's
default, so that a field added to a model does not break the benchmark.
"""

import datetime as dt
import time
from collections.abc import Iterable

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.utils import timezone

from bench.generate import Dataset
from claims.bulk import write_rows

# In the order foreign keys need them.
LOAD_ORDER = [
    "actor",
    "actoralias",
    "person",
    "personalias",
    "affiliation",
    "source",
    "event",
    "eventrelation",
    "claim",
    "citation",
]


def _model(table: str) -> type[models.Model]:
    return apps.get_model("claims", table)


def _default(field: models.Field, now: dt.datetime):
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return now
    if field.has_default():
        return field.get_default()
    if field.null:
        return None
    if isinstance(field, models.CharField | models.TextField):
        return ""
    raise ValueError(f"The benchmark gives no value for {field.model.__name__}.{field.name}.")


def columns_for(model: type[models.Model], fields: list[str]) -> tuple[list[models.Field], tuple]:
    """The model's fields for the given attnames, then the others with their defaults."""
    by_attname = {f.attname: f for f in model._meta.concrete_fields}
    unknown = [name for name in fields if name not in by_attname]
    if unknown:
        raise ValueError(f"{model.__name__} has no field {', '.join(unknown)}")
    # The primary key, when not given, is left to the database.
    missing = [
        f
        for f in model._meta.concrete_fields
        if f.attname not in fields and not (f.primary_key and isinstance(f, models.AutoField))
    ]
    now = timezone.now()
    return [by_attname[name] for name in fields] + missing, tuple(_default(f, now) for f in missing)


def insert_rows(model: type[models.Model], fields: list[str], rows: Iterable[tuple]) -> None:
    """Write rows (tuples in the order of `fields`) into the model's table, with the
    import's own writer (COPY on PostgreSQL, one executemany on SQLite)."""
    all_fields, tail = columns_for(model, fields)
    write_rows(model, all_fields, (row + tail for row in rows) if tail else rows)


def load(data: Dataset) -> dict[str, float]:
    """Write the whole data set; returns the seconds spent per table."""
    seconds = {}
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        connection.connection.execute("PRAGMA synchronous = OFF")
    with transaction.atomic():
        for table in LOAD_ORDER:
            fields, rows = data.tables[table]
            started = time.perf_counter()
            insert_rows(_model(table), fields, rows)
            seconds[table] = time.perf_counter() - started
    if connection.vendor == "sqlite":
        connection.connection.execute("PRAGMA synchronous = FULL")
    reset_sequences()
    return seconds


def reset_sequences() -> None:
    """After rows written with their ids, new rows must get the next ids (PostgreSQL)."""
    statements = connection.ops.sequence_reset_sql(
        no_style(), list(apps.get_app_config("claims").get_models())
    )
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


def analyze() -> float:
    """PostgreSQL statistics as autovacuum would have them on a live database."""
    started = time.perf_counter()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    return time.perf_counter() - started
