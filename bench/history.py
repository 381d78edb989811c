"""History rows for the generated data, as the tracker's own writes leave them, so that
what reads the history (the change feed, the corrections log, an event as shown on a
day) is measured on tables of a live tracker's size, not on empty ones.

- Every claim was created an unverified draft; a published one was published an hour
  later; one whose status is not "unverified" was given it two days on (a correction
  when the claim was published then).
- Every citation was created with its claim, every event when it was.

Each version carries its number (`version`, counted by every save) and its moment
(`updated_at`), and the stored claims are brought to their latest version's, as the
tracker's saves leave them.

Written by the database (INSERT … SELECT), one statement a version, with the columns
the import copies (`claims.bulk.history_columns`).
"""

import time

from django.db import connection, models, transaction

from claims.bulk import history_columns
from claims.models import Citation, Claim, Event

UNVERIFIED = Claim.Status.UNVERIFIED
DRAFT, PUBLISHED = Claim.Publication.DRAFT, Claim.Publication.PUBLISHED
# A version before the claim was retracted gave no reason for it.
NO_REASON = {"retraction_reason": "''"}


def _hours_after(column: str, hours: int) -> str:
    if connection.vendor == "postgresql":
        return f"{column} + interval '{hours} hours'"
    return f"datetime({column}, '+{hours} hours')"


def _write_version(
    model: type[models.Model],
    *,
    kind: str,
    at: str,
    joined: str = "",
    where: str = "1 = 1",
    values: dict[str, str] | None = None,
) -> int:
    """One history row of `kind` for each row of the model's table (`t`) that `where`
    keeps, dated `at`, its columns the row's own but for `values` (column: SQL)."""
    quote = connection.ops.quote_name
    copied, stamped = history_columns(model)
    stamps = {"history_date": at, "history_type": f"'{kind}'"}
    names = [quote(f.column) for f, _ in copied] + [quote(f.column) for f in stamped]
    selected = [(values or {}).get(column, f"t.{quote(column)}") for _, column in copied]
    selected += [stamps.get(f.attname, "NULL") for f in stamped]
    sql = (
        f"INSERT INTO {quote(model.history.model._meta.db_table)} ({', '.join(names)}) "
        f"SELECT {', '.join(selected)} FROM {quote(model._meta.db_table)} t {joined} "
        f"WHERE {where}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.rowcount


def _claims_versions(published: str, given_status: str) -> str:
    """The number of versions of a claim `t`: created, published, given its status."""
    return (
        f"1 + (CASE WHEN {published} THEN 1 ELSE 0 END)"
        f" + (CASE WHEN {given_status} THEN 1 ELSE 0 END)"
    )


def write_history() -> dict:
    """Write the history of every claim, citation and event; returns the rows written
    per history table and the seconds spent."""
    started = time.perf_counter()
    written = {}
    published, given_status = f"t.publication = '{PUBLISHED}'", f"t.status <> '{UNVERIFIED}'"
    created, published_at = "t.created_at", _hours_after("t.created_at", 1)
    given_status_at = _hours_after("t.created_at", 48)
    with transaction.atomic():
        written["claims"] = (
            _write_version(
                Claim,
                kind="+",
                at=created,
                values={
                    "status": f"'{UNVERIFIED}'",
                    "publication": f"'{DRAFT}'",
                    "version": "1",
                    "updated_at": created,
                    **NO_REASON,
                },
            )
            + _write_version(
                Claim,
                kind="~",
                at=published_at,
                where=published,
                values={
                    "status": f"'{UNVERIFIED}'",
                    "version": "2",
                    "updated_at": published_at,
                    **NO_REASON,
                },
            )
            + _write_version(
                Claim,
                kind="~",
                at=given_status_at,
                where=given_status,
                values={
                    "version": _claims_versions(published, given_status),
                    "updated_at": given_status_at,
                },
            )
        )
        # The claims as their latest version left them.
        latest = (
            f"CASE WHEN {given_status} THEN {given_status_at} "
            f"WHEN {published} THEN {published_at} ELSE {created} END"
        )
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {connection.ops.quote_name(Claim._meta.db_table)} AS t "
                f"SET version = {_claims_versions(published, given_status)}, updated_at = {latest}"
            )
        written["citations"] = _write_version(
            Citation,
            kind="+",
            at="c.created_at",
            joined=f"JOIN {connection.ops.quote_name(Claim._meta.db_table)} c ON c.id = t.claim_id",
        )
        written["events"] = _write_version(Event, kind="+", at="t.created_at")
    return written | {"seconds": round(time.perf_counter() - started, 2)}
