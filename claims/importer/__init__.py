"""Bulk import of claims: all or nothing, idempotent, with every bad row reported.

Two formats, told apart by their header:

- the export's own format (CSV or NDJSON from /api/v1/claims/export.*, or the
  `export_claims` command): events, actors and people by slug, with the names and
  kinds that recreate them in an empty database; citations as JSON with their
  sources' details;
- a simpler CSV for hand-made spreadsheets (SIMPLE_COLUMNS): actors and people by
  name (any known spelling), sources by URL or title, one citation per row;
  events, actors, people and sources are created when new.

Natural keys: an event by slug (or, in the simple format, by title and date); an
actor or person by slug, else by any alias once normalised; a source by its
normalised URL, else by title, outlet and date; a claim by its fingerprint (event,
claimant, stance, attributed actor or description, role, date and first quote), so that importing
the same file twice creates nothing the second time.

The steps, a module each: `formats` (the file read a row at a time), `rows` (a row
checked on its own), `lookups` (its names, events and sources resolved), `matching` (its
claim matched with what is stored), `responses` (claims answering claims);
`services.imports` writes each chunk.
"""

from claims.duplicates import DuplicateFinder
from claims.models import Actor, Citation, Claim, Event, Person, Source

from .checks import FieldCleaner
from .formats import SIMPLE_COLUMNS, read_rows, value_problems
from .lookups import Lookups
from .matching import Matching, fingerprint
from .report import MAX_LISTED_PROBLEMS, ImportRefused, ImportReport, RowError
from .responses import FileIds, Responses
from .rows import RowChecks, cached_related

__all__ = [
    "MAX_LISTED_PROBLEMS",
    "SIMPLE_COLUMNS",
    "ImportRefused",
    "ImportReport",
    "Importer",
    "RowError",
    "fingerprint",
    "read_rows",
    "value_problems",
]


class Importer(Lookups, RowChecks, Matching, Responses):
    """Checks rows a chunk at a time against in-memory maps of the stored names, events
    and sources (`services.import_claims` writes each chunk before the next is read).

    What it keeps from one chunk to the next: those maps (each name, event and source
    once, however many rows cite it), the report, and the claims still waiting for the
    claim they answer to come later in the file. A chunk's rows, claims and citations are
    forgotten once written (`next_chunk`): memory does not grow with the file.
    """

    def __init__(self, *, user=None, report: ImportReport | None = None):
        self.user = user
        self.report = report if report is not None else ImportReport()
        self._load_lookups()
        self.fingerprints: dict[tuple, Claim] = {}
        # Rows read, not yet checked against their sources' texts: (line, row, claim,
        # citations, errors).
        self.parsed: list[tuple[int, dict, Claim, list[Citation], list]] = []
        # Valid rows (line, row, claim, citations), matched against stored claims.
        self.valid: list[tuple[int, dict, Claim, list[Citation]]] = []
        self.clean_event = FieldCleaner(Event, exclude=["slug"])
        self.clean_source = FieldCleaner(Source, exclude=["full_text"])
        self.clean_claim = FieldCleaner(
            Claim,
            exclude=[
                "event",
                "claimant_actor",
                "claimant_person",
                "attributed_actor",
                "attributed_actor_hint",
                "responds_to",
            ],
        )
        self.clean_citation = FieldCleaner(Citation, exclude=["claim", "source"])
        self.actor_finder = DuplicateFinder(Actor)
        self.person_finder = DuplicateFinder(Person)
        # New objects, written at the end.
        self.new_actors: list[Actor] = []
        self.new_people: list[Person] = []
        self.new_events: list[Event] = []
        self.new_sources: list[Source] = []
        self.new_claims: list[Claim] = []
        self.new_citations: list[Citation] = []
        self.changed_claims: list[Claim] = []
        self.responses: list[tuple[Claim, str, int]] = []  # claim, file id answered, line
        # New claims whose answered claim is not known yet, with their citations (written
        # once it is: see `resolve_responses`).
        self.waiting: list[tuple[Claim, str, int, list[Citation]]] = []
        # This chunk's claims by the file's id; earlier chunks' are in `file_ids`.
        self.claims_by_file_id: dict[str, Claim] = {}
        self.file_ids = FileIds()
        self.file_id_of: dict[int, str] = {}  # the file's id of each waiting claim
        self.unknown_said: set[str] = set()
        self.chunks_written = 0

    def count_new(self) -> None:
        # (A claim that waited for the claim it answers may cite a source written since.)
        cited = (cached_related(c, "source") for c in self.new_citations if c.source_id is None)
        unwritten = {id(source): source for source in cited if source.pk is None}
        self.new_sources = list(unwritten.values())
        for kind, objects in (
            ("actors", self.new_actors),
            ("people", self.new_people),
            ("events", self.new_events),
            ("sources", self.new_sources),
            ("claims", self.new_claims),
            ("citations", self.new_citations),
        ):
            self.report.created[kind] += len(objects)

    def next_chunk(self) -> None:
        """The chunk is written (or, after a bad row, only checked): what its rows built is
        forgotten, but for the file's ids of its claims, kept in `file_ids`."""
        released = [
            (self.file_id_of[id(claim)], claim)
            for claim in self.new_claims
            if id(claim) in self.file_id_of
        ]
        self.file_ids.add(
            # Not claim.event: writing the claim set its event_id, which let go of a new
            # event it held, so that reading it again would cost a query a claim.
            (file_id, claim.pk, claim.event_id if claim.event_id is not None else claim.event.pk)
            for file_id, claim in [*self.claims_by_file_id.items(), *released]
        )
        waiting = {id(claim) for claim, *_ in self.waiting}
        self.file_id_of = {
            id(claim): file_id
            for file_id, claim in self.claims_by_file_id.items()
            if id(claim) in waiting
        } | {key: value for key, value in self.file_id_of.items() if key in waiting}
        self.forget_written()
        self.claims_by_file_id = {}
        self.valid, self.fingerprints = [], {}
        self.new_actors, self.new_people, self.new_events, self.new_sources = [], [], [], []
        self.new_claims, self.new_citations, self.changed_claims = [], [], []
