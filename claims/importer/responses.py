"""Claims that answer another claim (a dispute names the claim it disputes): the answered
claim in this chunk, an earlier one, or stored; a claim answering one later in the file
waits until it is written."""

from collections.abc import Iterable

from django.db import connection
from django.utils.translation import gettext

from claims.bulk import execute_write
from claims.models import Claim

from .report import RowError
from .rows import cached_related, stand_in


class Responses:
    def resolve_responses(self, *, final: bool = False) -> None:
        """Each claim that answers another: pointed at it, in this chunk, an earlier one,
        or stored (a claim of this tracker that the file does not carry, as an export
        holds published claims only). A new claim whose answered claim is not known yet
        waits, with its citations, until the chunk that has it; at the end (`final`),
        what still waits is reported."""
        entries = [(claim, answered, line, None) for claim, answered, line in self.responses]
        entries += self.waiting
        self.responses, self.waiting = [], []
        new = {id(claim) for claim in self.new_claims}
        unknown = {answered for _, answered, _, _ in entries} - self.claims_by_file_id.keys()
        earlier = self.file_ids.get(unknown)
        stored = self._stored_claims(
            {answered for answered in unknown - earlier.keys() if answered.isdigit()}
        )
        writing = not self.report.errors
        for claim, answered, line, held in entries:
            target = self.claims_by_file_id.get(answered)
            if target is None:
                found = earlier.get(answered)
                if found is None and answered.isdigit():
                    found = stored.get(str(int(answered)))
                    if found is not None and found[1] != _event_id(claim):
                        found = None  # a stored claim about another event is not this one
                if found is not None and (found[0] is not None or not writing):
                    target = Claim(pk=found[0], event_id=found[1])
            if target is None:
                if final:
                    self.report.add_errors(
                        [RowError(line, "responds_to", self._never_answered(answered, entries))]
                    )
                    continue
                citations = held
                if held is None and id(claim) in new:  # it leaves this chunk's new claims
                    citations = [c for c in self.new_citations if c.claim is claim]
                    self.new_claims.remove(claim)
                    self.new_citations = [c for c in self.new_citations if c.claim is not claim]
                    new.discard(id(claim))
                self.waiting.append((claim, answered, line, citations))
                continue
            if _event_key(target) != _event_key(claim):
                self.report.add_errors(
                    [
                        RowError(
                            line,
                            "responds_to",
                            gettext("it answers a claim about another event"),
                        )
                    ]
                )
                continue
            claim.responds_to = target
            if held is not None:  # a waiting claim, written with this chunk
                self.new_claims.append(claim)
                self.new_citations += held
        self._wait_with_answered(entries)
        for claim, answered, line, _ in entries:
            if claim.responds_to is not None and _answers_itself(claim):
                self.report.add_errors([RowError(line, "responds_to", _answers_in_turn(answered))])

    def _wait_with_answered(self, entries) -> None:
        """A new claim answering a claim that waits, waits with it (it is written after)."""
        moved = True
        while moved:
            moved = False
            in_chunk = {id(claim) for claim in self.new_claims}
            for claim, answered, line, _ in entries:
                target = claim.responds_to
                if (
                    id(claim) in in_chunk
                    and target is not None
                    and target.pk is None
                    and id(target) not in in_chunk
                ):
                    citations = [c for c in self.new_citations if c.claim is claim]
                    self.new_claims.remove(claim)
                    self.new_citations = [c for c in self.new_citations if c.claim is not claim]
                    claim.responds_to = stand_in(claim)  # again
                    self.waiting.append((claim, answered, line, citations))
                    in_chunk.discard(id(claim))
                    moved = True

    def _never_answered(self, answered: str, entries) -> str:
        """Why a claim still waits at the end: what it answers is not in the file, or
        waits in turn, in a circle or for a claim that is not in the file."""
        waiting_by_file_id = {
            self.file_id_of[id(claim)]: target
            for claim, target, _, _ in entries
            if id(claim) in self.file_id_of
        }
        seen, current = set(), answered
        while current in waiting_by_file_id and current not in seen:
            seen.add(current)
            current = waiting_by_file_id[current]
        if current in seen:
            return _answers_in_turn(answered)
        if current != answered:
            return gettext(
                "claim %(answered)s answers claim %(current)s, which is not in this file"
            ) % {"answered": answered, "current": current}
        return gettext("claim %(answered)s is not in this file") % {"answered": answered}

    def _stored_claims(self, pks: set[str]) -> dict[str, tuple[int, int]]:
        stored = {}
        ordered = sorted(int(pk) for pk in pks)
        for start in range(0, len(ordered), 500):
            for pk, event_id in Claim.objects.filter(
                pk__in=ordered[start : start + 500]
            ).values_list("pk", "event_id"):
                stored[str(pk)] = (pk, event_id)
        return stored


class FileIds:
    """The file's own claim ids from earlier chunks, with the claim and event each became
    (none while not written), in a temporary table of the import's transaction rather
    than in memory: a million rows' ids would take about 150 MB."""

    TABLE = "claims_import_file_ids"

    def __init__(self):
        self.ready = False

    def _create(self) -> None:
        with connection.cursor() as cursor:
            # A table of a crashed import on this connection (SQLite keeps it till close).
            schema = "temp" if connection.vendor == "sqlite" else "pg_temp"
            cursor.execute(f"DROP TABLE IF EXISTS {schema}.{self.TABLE}")
            cursor.execute(
                f"CREATE TEMPORARY TABLE {self.TABLE}"
                " (file_id TEXT PRIMARY KEY, claim_id BIGINT, event_id BIGINT)"
            )
        self.ready = True

    def add(self, rows: Iterable[tuple[str, int | None, int | None]]) -> None:
        rows = list(rows)
        if not rows:
            return
        if not self.ready:
            self._create()
        upsert = (
            " ON CONFLICT (file_id) DO UPDATE"
            " SET claim_id = excluded.claim_id, event_id = excluded.event_id"
        )
        if connection.vendor == "postgresql":
            # One statement for the chunk, its rows sent as three arrays (a statement a
            # row cost an export's import 3% of its time). The last row of a file id
            # wins, as it did row by row; one statement may not write a row twice. Made
            # in the background, beside the chunk's claims: only a later query reads it.
            latest = {file_id: (file_id, claim, event) for file_id, claim, event in rows}
            execute_write(
                f"INSERT INTO {self.TABLE} (file_id, claim_id, event_id)"
                " SELECT * FROM unnest(%s::text[], %s::bigint[], %s::bigint[])" + upsert,
                [list(column) for column in zip(*latest.values(), strict=True)],
            )
            return
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {self.TABLE} (file_id, claim_id, event_id)"
                " VALUES (%s, %s, %s)" + upsert,
                rows,
            )

    def get(self, file_ids: Iterable[str]) -> dict[str, tuple[int | None, int | None]]:
        wanted = sorted(file_ids)
        found = {}
        if not self.ready or not wanted:
            return found
        with connection.cursor() as cursor:
            for start in range(0, len(wanted), 500):
                chunk = wanted[start : start + 500]
                marks = ", ".join(["%s"] * len(chunk))
                cursor.execute(
                    f"SELECT file_id, claim_id, event_id FROM {self.TABLE}"
                    f" WHERE file_id IN ({marks})",
                    chunk,
                )
                found.update(
                    (file_id, (claim, event)) for file_id, claim, event in cursor.fetchall()
                )
        return found

    def drop(self) -> None:
        if self.ready:
            with connection.cursor() as cursor:
                cursor.execute(f"DROP TABLE IF EXISTS {self.TABLE}")
            self.ready = False


def _event_key(claim: Claim):
    """The claim's event: its id, or the new event itself while it has none."""
    event = cached_related(claim, "event")
    if event is not None and event.pk is None:
        return id(event)
    return event.pk if event is not None else claim.event_id


def _event_id(claim: Claim) -> int | None:
    """The id of the claim's event, a new one's once written (without reading it)."""
    event = cached_related(claim, "event")
    return claim.event_id if event is None else event.pk


def _answers_itself(claim: Claim) -> bool:
    """Whether following what the claim answers comes back to it (a self- or circular
    answer, which no claim can be written for)."""
    seen, current = set(), claim.responds_to
    while current is not None and id(current) not in seen:
        if current is claim:
            return True
        seen.add(id(current))
        current = current.responds_to if current.pk is None else None
    return False


def _answers_in_turn(answered: str) -> str:
    return gettext("claim %(answered)s answers this one in turn") % {"answered": answered}
