"""Writing many new rows at once, with their history rows: COPY on PostgreSQL, one
executemany on SQLite; and building their objects. Used by the services' import and
the benchmark's loader."""

import contextlib
import contextvars
import datetime
import functools
import operator
from concurrent.futures import Future, ThreadPoolExecutor

from django.db import DEFAULT_DB_ALIAS, connection, connections, models, transaction
from django.db.models.base import ModelState
from django.db.models.signals import post_init, pre_init

# The value of these fields is what the database stores; others go through the field.
_STORED_AS_IS = {
    models.AutoField,
    models.BigAutoField,
    models.BigIntegerField,
    models.BooleanField,
    models.CharField,
    models.FloatField,
    models.ForeignKey,
    models.IntegerField,
    models.PositiveIntegerField,
    models.SlugField,
    models.TextField,
    models.URLField,
}


def insert(
    model: type[models.Model],
    objs: list[models.Model],
    *,
    now: datetime.datetime,
    history: dict | None = None,
    before=None,
) -> None:
    """Write new objects as `bulk_create` would (their ids set on them), with a history
    row each ("+", `history["user"]`, `history["reason"]`, as bulk_create_with_history
    writes it) when `history` is given.

    Many rows at a time without the ORM's per-value SQL: COPY on PostgreSQL, one
    executemany on SQLite, with ids taken from the table's sequence beforehand. `before`
    is called with the objects once their ids are set, before any row is written.
    """
    if not objs:
        return
    if any(obj.pk is None for obj in objs):
        take_ids(model, objs)
    for model_field in model._meta.concrete_fields:
        if getattr(model_field, "auto_now", False) or getattr(model_field, "auto_now_add", False):
            for obj in objs:
                setattr(obj, model_field.attname, now)
    if before is not None:
        before(objs)
    # Checked before anything is written: a history that cannot be copied writes nothing.
    copied = history_columns(model) if history is not None else None
    fields = [f for f in model._meta.concrete_fields if not f.generated]
    write_rows(model, fields, _values(objs, [f.attname for f in fields]))
    if history is not None:
        user = history["user"] or model.history.model.get_default_history_user(objs[0])
        stamps = {
            "history_date": now,
            "history_change_reason": history["reason"],
            "history_type": "+",
            "history_user_id": user.pk if user is not None else None,
        }
        _copy_to_history(model, [o.pk for o in objs], copied, stamps)


def take_ids(model: type[models.Model], objs: list[models.Model]) -> None:
    """Ids from the table's sequence for new objects, before `insert` writes them: taken
    early, they let the rows of one table be built while another's are being written."""
    if not objs:
        return
    for pk, obj in zip(_new_ids(model, len(objs)), objs, strict=True):
        obj.pk = pk
        obj._state.adding, obj._state.db = False, connection.alias


_HISTORY_STAMPS = ("history_date", "history_change_reason", "history_type", "history_user_id")


@functools.cache
def history_columns(model: type[models.Model]) -> tuple[list, list]:
    """The history table's columns copied from the model's table, as (history field,
    table column) pairs, and those stamped for the change (`_HISTORY_STAMPS`)."""
    historical = model.history.model
    tracked = {f.attname: model._meta.get_field(f.name).column for f in historical.tracked_fields}
    columns = [f for f in historical._meta.concrete_fields if f.attname != "history_id"]
    unknown = [
        f.attname for f in columns if f.attname not in tracked and f.attname not in _HISTORY_STAMPS
    ]
    if unknown:
        raise ValueError(f"no value for {historical.__name__}.{', '.join(unknown)}")
    copied = [(f, tracked[f.attname]) for f in columns if f.attname in tracked]
    stamped = [f for f in columns if f.attname not in tracked]
    return copied, stamped


def _copy_to_history(model: type[models.Model], ids: list[int], columns, stamps: dict) -> None:
    """A history row ("+") for each of these new rows, copied from the table by the
    database (INSERT … SELECT), as bulk_create_with_history writes it: the rows are not
    sent twice, nor built twice in Python."""
    copied, stamped = columns
    quote = connection.ops.quote_name
    pk = quote(model._meta.pk.column)
    selected = [quote(column) for _, column in copied] + ["%s"] * len(stamped)
    parameters = [f.get_db_prep_save(stamps[f.attname], connection) for f in stamped]
    if connection.vendor == "postgresql":
        which, parameters = f"{pk} = ANY(%s)", [*parameters, ids]
    else:
        # SQLite: the ids were taken in one range under the database's write lock.
        if ids != list(range(ids[0], ids[0] + len(ids))):
            raise ValueError("new ids out of sequence")
        which, parameters = f"{pk} BETWEEN %s AND %s", [*parameters, ids[0], ids[-1]]
    history_table = quote(model.history.model._meta.db_table)
    written = ", ".join(quote(f.column) for f in [*(f for f, _ in copied), *stamped])
    sql = (
        f"INSERT INTO {history_table} ({written}) "
        f"SELECT {', '.join(selected)} FROM {quote(model._meta.db_table)} "
        f"WHERE {which} ORDER BY {pk}"
    )
    execute_write(sql, parameters)


def execute_write(sql: str, params) -> None:
    """A write that nothing reads before the next query: made by the background writer
    when one is at work (`background_writes`), else here."""
    if (writer := _background()) is not None:
        writer.execute(sql, params)
        return
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def _values(objs: list[models.Model], attnames: list[str]):
    """Each object's values of these fields, as lists: read from the instance's own
    dictionary (a new object holds every field there), not through each field's
    descriptor (a tenth of an import's writing, profiled)."""
    read = operator.itemgetter(*attnames)
    for obj in objs:
        try:
            values = read(obj.__dict__)
        except KeyError:  # a deferred field: through the descriptors
            values = [getattr(obj, name) for name in attnames]
        yield list(values) if len(attnames) > 1 else [values]


def _new_ids(model: type[models.Model], count: int) -> list[int]:
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The sequence found once (MATERIALIZED), not once a row: five times faster.
            cursor.execute(
                "WITH found AS MATERIALIZED"
                " (SELECT pg_get_serial_sequence(%s, %s)::regclass AS sequence)"
                " SELECT nextval(found.sequence) FROM found, generate_series(1, %s)",
                [connection.ops.quote_name(table), model._meta.pk.column, count],
            )
            return [pk for (pk,) in cursor.fetchall()]
        quoted = connection.ops.quote_name(table)
        # A write first, so that this transaction holds SQLite's write lock from here on
        # and no other connection can take these ids meanwhile.
        cursor.execute(f"UPDATE {quoted} SET id = id WHERE 0")
        cursor.execute(
            f"SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = %s), 0), "
            f"COALESCE((SELECT MAX(id) FROM {quoted}), 0))",
            [table],
        )
        last = cursor.fetchone()[0]
    return list(range(last + 1, last + 1 + count))


def write_rows(model: type[models.Model], fields: list[models.Field], rows) -> None:
    """Rows of values (in the order of `fields`, as the model holds them) into the model's
    table; each value is stored as the field stores it (dates, JSON, countries)."""
    # A value that needs converting (a date, a moment, a country) is converted once.
    converted = [None if type(f) in _STORED_AS_IS else {} for f in fields]

    def stored(value, model_field, seen):
        if isinstance(value, dict | list):  # a JSON value: unhashable, converted each time
            if value:
                return model_field.get_db_prep_save(value, connection)
            value = type(value)  # but for an empty one, the same for every row
            if value not in seen:
                seen[value] = model_field.get_db_prep_save(value(), connection)
            return seen[value]
        if value not in seen:
            seen[value] = model_field.get_db_prep_save(value, connection)
        return seen[value]

    if any(c is not None for c in converted):
        rows = (
            [
                v if seen is None else stored(v, f, seen)
                for v, f, seen in zip(row, fields, converted, strict=True)
            ]
            for row in rows
        )
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    if (writer := _background()) is not None:
        # Built here, in full: the writer's thread reads no model object.
        writer.copy(f"COPY {table} ({names}) FROM STDIN", list(rows))
        return
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # COPY passes by Django's cursor: its errors are raised as Django's here.
            with (
                connection.wrap_database_errors,
                cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy,
            ):
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(fields))
            cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)


def new_object(model: type[models.Model], related: dict | None = None, /, **values):
    """`model(**related, **values)`, built without `Model.__init__`'s walk of every field
    and keyword (a quarter of an import's time, profiled): the fields' defaults copied in,
    then `values` by field (plain values), then `related` objects by name, saved or not,
    cached as the related descriptor caches them. Falls back on `model(...)` for a name
    that is not a plain field (which raises as it would) and when a receiver listens to
    the model's `pre_init` or `post_init`."""
    constants, factories, relations = _blank(model)
    if (
        not values.keys() <= constants.keys()
        or (related and not related.keys() <= relations.keys())
        or pre_init.has_listeners(model)
        or post_init.has_listeners(model)
    ):
        return model(**(related or {}), **values)
    obj = model.__new__(model)
    obj._state = ModelState()
    data = obj.__dict__
    data.update(constants)
    for attname, default in factories:
        data[attname] = default()
    data.update(values)
    if related:
        cache = obj._state.fields_cache
        for name, other in related.items():
            attname, target = relations[name]
            data[attname] = None if other is None else getattr(other, target)
            cache[name] = other
    return obj


@functools.cache
def _blank(model: type[models.Model]) -> tuple[dict, list, dict]:
    """A new instance's values: constant defaults by field (a related field's too, None),
    default factories (a JSON field's `dict`) to call per instance, and each relation's
    field and the related model's field it holds, by name."""
    constants, factories, relations = {}, [], {}
    for field in model._meta.fields:
        if field.column is None or field.generated:
            continue
        if field.is_relation:
            relations[field.name] = (field.attname, field.target_field.attname)
        if field.has_default() and callable(field.default):
            factories.append((field.attname, field.get_default))
        else:
            constants[field.attname] = field.get_default()
    return constants, factories, relations


class BackgroundWriter:
    """A transaction's bulk writes (`write_rows`' COPY, the history's `INSERT … SELECT`)
    sent to PostgreSQL by a thread of their own, in order, on the transaction's own
    connection: the database writes one chunk of an import on one core while Python
    checks the next on the other (the two took turns, each idle half the time).

    Any other statement of the caller's first waits for every write queued before it
    (an execute wrapper), so it reads what they wrote and the database sees the
    statements in the caller's order; a failed write is raised there, as Django raises
    the database's errors, and the writes queued after it are dropped. A rollback to a
    savepoint waits too but raises nothing: what it undoes was queued after the
    savepoint (which waited). A cursor of the raw connection (`connection.connection`)
    passes no execute wrapper: call `wait()` before using one inside the block.
    """

    def __init__(self, wrapper):
        self.wrapper = wrapper
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="bulk-writer")
        self.pending: list[Future] = []
        self.failed = False

    def copy(self, sql: str, rows: list) -> None:
        def write(cursor):
            with cursor.copy(sql) as copy:
                for row in rows:
                    copy.write_row(row)

        self._queue(write)

    def execute(self, sql: str, params) -> None:
        self._queue(lambda cursor: cursor.execute(sql, params))

    def _queue(self, work) -> None:
        # The raw connection: Django's would be another per thread, outside this
        # transaction. psycopg's connections may be shared by threads.
        raw = self.wrapper.connection

        def run():
            if self.failed:
                return
            try:
                with raw.cursor() as cursor:
                    work(cursor)
            except BaseException:
                self.failed = True
                raise

        self.pending.append(self.pool.submit(run))

    def wait(self, *, raising: bool = True) -> None:
        """Every write queued so far done; the first that failed raised (unless not
        `raising`), and later writes made again."""
        pending, self.pending = self.pending, []
        failures = [failure for f in pending if (failure := f.exception()) is not None]
        self.failed = False
        if failures and raising:
            with self.wrapper.wrap_database_errors:
                raise failures[0]

    def _wait_first(self, execute, sql, params, many, context):
        self.wait(raising=not sql.startswith("ROLLBACK TO SAVEPOINT"))
        return execute(sql, params, many, context)


_writer: contextvars.ContextVar[BackgroundWriter | None] = contextvars.ContextVar(
    "bulk_writer", default=None
)


def _background() -> BackgroundWriter | None:
    writer = _writer.get()
    if writer is not None and writer.wrapper is connections[DEFAULT_DB_ALIAS]:
        return writer
    return None


@contextlib.contextmanager
def background_writes():
    """Inside a transaction: `insert`'s writes on PostgreSQL made by a `BackgroundWriter`,
    all of them done (or the first failure raised) when the block ends. Elsewhere, and
    on SQLite, the writes are made where they are called."""
    if connection.vendor != "postgresql" or not connection.in_atomic_block:
        yield
        return
    writer = BackgroundWriter(connections[DEFAULT_DB_ALIAS])
    token = _writer.set(writer)
    failed = True
    try:
        with connection.execute_wrapper(writer._wait_first):
            yield
        writer.wait()
        failed = False
    finally:
        _writer.reset(token)
        # Nothing may still be writing when the transaction ends; after a failure, what
        # was not begun is dropped, and the transaction must then not commit what was
        # (a caller catching the error inside it would commit rows without history).
        writer.pool.shutdown(wait=True, cancel_futures=failed)
        if any(f.cancelled() or f.exception() is not None for f in writer.pending):
            transaction.set_rollback(True)
