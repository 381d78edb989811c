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
"""

import csv
import datetime
import functools
import io
import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, ProhibitNullCharactersValidator
from django.db import connection, models
from django.utils.text import slugify

from claims import policy
from claims.duplicates import DuplicateFinder, ProbableDuplicate
from claims.exports import CLAIM_VALUES, CSV_COLUMNS
from claims.models import (
    Actor,
    ActorAlias,
    Citation,
    Claim,
    DatePrecision,
    Event,
    Person,
    PersonAlias,
    Source,
)
from claims.models.claims import CLAIM_VALUE_FIELDS
from claims.normalize import normalize_name, normalize_url
from claims.quotes import check_quote, fold

SIMPLE_COLUMNS = [
    "event",
    "event_date",
    "event_kind",
    "event_country",
    "claimant_actor",
    "claimant_person",
    "claimant_description",
    "speaker_title",
    "channel",
    "stance",
    "attributed_actor",
    "attributed_description",
    "attributed_actor_hint",
    "role",
    "hedging",
    "status",
    "retraction_reason",
    "publication",
    "stated_on",
    "quote",
    "source_url",
    "source_title",
    "source_outlet",
    "source_published_on",
    "source_kind",
]
SIMPLE_COLUMNS_SET = frozenset(SIMPLE_COLUMNS)
EXPORT_COLUMNS = frozenset(CSV_COLUMNS) | frozenset(CLAIM_VALUES)
# The details of a cited source that the export carries with each citation.
SOURCE_DETAILS = ["url", "title", "outlet", "author", "published_on", "kind", "language"]
SIMPLE_REQUIRED = ["event", "event_date", "stance", "stated_on", "quote"]
ACTOR_KINDS = frozenset(Actor.Kind.values)
# What an import may change on a claim it finds again by its fingerprint.
UPDATABLE_FIELDS = [
    "speaker_title",
    "channel",
    "hedging",
    "status",
    "retraction_reason",
    "publication",
]


@dataclass
class RowError:
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"line {self.line}, {self.column}: {self.message}"


# A file with more problems lists the first ones and counts the rest: a 1,000,000-row
# file of a wrong format would otherwise hold a million messages.
MAX_LISTED_PROBLEMS = 1_000


@dataclass
class ImportReport:
    rows: int = 0
    errors: list[RowError] = field(default_factory=list)
    problems_not_listed: int = 0
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)
    probable_duplicates: list[ProbableDuplicate] = field(default_factory=list)
    written: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def problem_count(self) -> int:
        return len(self.errors) + self.problems_not_listed

    def add_errors(self, errors: Iterable[RowError]) -> None:
        for error in errors:
            if len(self.errors) < MAX_LISTED_PROBLEMS:
                self.errors.append(error)
            else:
                self.problems_not_listed += 1

    def summary(self) -> str:
        kinds = sorted(set(self.created) | set(self.updated) | set(self.unchanged))
        parts = [
            f"{kind}: {self.created[kind]} created, {self.updated[kind]} updated, "
            f"{self.unchanged[kind]} unchanged"
            for kind in kinds
        ]
        return "; ".join(parts) or "nothing to import"


class ImportRefused(Exception):
    def __init__(self, report: ImportReport):
        self.report = report
        super().__init__(f"{report.problem_count} problem(s)")


# ----------------------------------------------------------------------------- reading


def read_rows(data: bytes | str | IO[bytes], filename: str) -> Iterator[tuple[int, dict]]:
    """(line number, row) pairs from CSV or NDJSON; the line of a CSV row is where it starts.

    `data` is the file's content or the file itself (opened in binary), read a line at a
    time: the import holds one chunk of rows, never the whole file. Text that is not UTF-8
    raises UnicodeDecodeError when it is reached.
    """
    if isinstance(data, bytes):
        data = io.BytesIO(data)
    text = (
        io.StringIO(data, newline="")
        if isinstance(data, str)
        else io.TextIOWrapper(data, encoding="utf-8-sig", newline="")
    )
    if filename.lower().endswith((".ndjson", ".jsonl")):
        for number, line in enumerate(_lines(text), start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as error:
                yield number, {"__error__": f"not valid JSON ({error.msg})"}
                continue
            except RecursionError:
                yield number, {"__error__": "values nested too deeply"}
                continue
            yield number, row if isinstance(row, dict) else {"__error__": "not a JSON object"}
        return
    reader = csv.DictReader(text)
    line = 1
    try:
        _ = reader.fieldnames  # reading it consumes the header line
        line = reader.line_num + 1
        for row in reader:
            yield line, row
            line = reader.line_num + 1
    except csv.Error as error:
        # The reader cannot go on past a field it cannot read: the rest is unread.
        limit = csv.field_size_limit()
        why = f"a field is longer than {limit // 1024} KB" if "limit" in str(error) else error
        yield line, {"__error__": f"cannot be read from here on ({why})"}


def _lines(text: IO[str]) -> Iterator[str]:
    """NDJSON's lines, a line at a time: cut at line ends only (a JSON string may hold
    U+2028 and other characters that `str.splitlines` would cut at)."""
    for line in text:
        yield line.rstrip("\r\n")


def _is_export_format(row: dict) -> bool:
    return "citations" in row and "attributed_actor_name" in row


# ------------------------------------------------------------------------ validation


class FieldCleaner:
    """`Model.clean_fields(exclude)` for many objects of one model, with the same errors.

    A field checked against a vocabulary or a validator (a choice, a country, a language
    code) gives the same verdict for the same value, so that verdict is kept per value:
    Django's own check walks the whole list of choices (every country) for each row.
    """

    _PLAIN = (MaxLengthValidator, ProhibitNullCharactersValidator)

    def __init__(self, model: type[models.Model], exclude: Iterable[str] = ()):
        excluded = set(exclude)
        self.fields = [
            (
                field,
                field.choices is not None
                or not all(isinstance(v, self._PLAIN) for v in field.validators),
            )
            for field in model._meta.fields
            if field.name not in excluded and not field.generated
        ]
        self.verdicts: dict[tuple, tuple] = {}

    def __call__(self, obj: models.Model) -> None:
        errors = {}
        for model_field, by_value in self.fields:
            raw = getattr(obj, model_field.attname)
            if model_field.blank and raw in model_field.empty_values:
                continue
            key = (model_field.attname, type(raw), raw) if by_value else None
            try:
                verdict = self.verdicts.get(key) if key else None
            except TypeError:  # an unhashable value (a list in NDJSON): no shortcut
                key = verdict = None
            if verdict is None:
                try:
                    verdict = (model_field.clean(raw, obj), None)
                except ValidationError as error:
                    verdict = (raw, error.error_list)
                if key:
                    self.verdicts[key] = verdict
            value, error_list = verdict
            if error_list is None:
                setattr(obj, model_field.attname, value)
            else:
                errors[model_field.name] = error_list
        if errors:
            raise ValidationError(errors)


# ------------------------------------------------------------------------ the import


class Importer:
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
        self.actors_by_slug = {a.slug: a for a in Actor.objects.all()}
        actors_by_pk = {a.pk: a for a in self.actors_by_slug.values()}
        for actor in self.actors_by_slug.values():
            # So that the rules walk the actor tree without a query per level.
            actor.parent = actors_by_pk.get(actor.parent_id)
        self.actors_by_name = {
            key: actors_by_pk[actor_id]
            for key, actor_id in ActorAlias.objects.values_list("normalized", "actor_id")
        }
        self.people_by_slug = {p.slug: p for p in Person.objects.all()}
        people_by_pk = {p.pk: p for p in self.people_by_slug.values()}
        self.people_by_name = {
            key: people_by_pk[person_id]
            for key, person_id in PersonAlias.objects.values_list("normalized", "person_id")
        }
        self.events_by_slug = {e.slug: e for e in Event.objects.all()}
        self.events_by_pk = {e.pk: e for e in self.events_by_slug.values()}
        self.events_by_title = {
            (normalize_name(e.title), e.date): e for e in self.events_by_slug.values()
        }
        self.sources_by_url: dict[str, Source] = {}
        self.sources_by_identity: dict[tuple, Source] = {}
        self.sources_by_pk: dict[int, Source] = {}
        self.sources_by_file_id: dict[tuple, Source] = {}
        # Without their captured text: a chunk reads the texts its quotes are checked
        # against (`finish_rows`), and forgets them.
        for source in Source.objects.defer("full_text"):
            self._remember_source(source)
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

    # -- look-ups that create what is missing ------------------------------------------

    @staticmethod
    @functools.lru_cache(maxsize=100_000)  # each source is cited many times
    def _identity(title, outlet, author, published_on) -> tuple:
        return (
            fold(title).casefold(),
            fold(outlet).casefold(),
            fold(author).casefold(),
            published_on,
        )

    def _remember_source(self, source: Source) -> None:
        if source.pk is not None:
            self.sources_by_pk[source.pk] = source
        if source.url_normalized:
            self.sources_by_url[source.url_normalized] = source
        identity = self._identity(source.title, source.outlet, source.author, source.published_on)
        if any(identity[:3]):
            self.sources_by_identity.setdefault(identity, source)

    def actor(self, slug: str, name: str, kind: str, errors: list, column: str) -> Actor | None:
        if slug and slug in self.actors_by_slug:
            return self.actors_by_slug[slug]
        if slug and not _valid_slug(Actor, slug, column, errors):
            return None
        if not name and not slug:
            return None
        label = name or slug
        found = self.actors_by_name.get(normalize_name(label))
        if found is not None:
            return found
        if kind and kind not in ACTOR_KINDS:
            errors.append((column, f"unknown actor kind “{kind}”"))
            return None
        if not normalize_name(label):
            errors.append((column, "a name needs at least one letter or digit"))
            return None
        if not _valid_name(Actor, label, f"{column}_name", errors):
            return None
        actor = Actor(
            name=label,
            slug=self._free_slug(slug or slugify(label), self.actors_by_slug),
            kind=kind or Actor.Kind.OTHER,
        )
        self.report.probable_duplicates += self.actor_finder.probable_duplicates(label)
        self.actor_finder.add(actor, label)
        self.actors_by_slug[actor.slug] = actor
        self.actors_by_name[normalize_name(label)] = actor
        self.new_actors.append(actor)
        return actor

    def person(self, slug: str, name: str, errors: list) -> Person | None:
        if slug and slug in self.people_by_slug:
            return self.people_by_slug[slug]
        if not name and not slug:
            return None
        if slug and not _valid_slug(Person, slug, "claimant_person", errors):
            return None
        label = name or slug
        if not normalize_name(label):
            errors.append(("claimant_person", "a name needs at least one letter or digit"))
            return None
        if not _valid_name(Person, label, "claimant_person_name", errors):
            return None
        found = self.people_by_name.get(normalize_name(label))
        if found is not None:
            return found
        person = Person(
            name=label, slug=self._free_slug(slug or slugify(label), self.people_by_slug)
        )
        self.report.probable_duplicates += self.person_finder.probable_duplicates(label)
        self.person_finder.add(person, label)
        self.people_by_slug[person.slug] = person
        self.people_by_name[normalize_name(label)] = person
        self.new_people.append(person)
        return person

    @staticmethod
    def _free_slug(wanted: str, taken: dict) -> str:
        base = (wanted or "entry")[:190]
        slug, n = base, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        return slug

    def event(self, values: dict, errors: list) -> Event | None:
        slug = values.get("slug") or ""
        if slug in self.events_by_slug:
            return self.events_by_slug[slug]
        if slug and not _valid_slug(Event, slug, "event", errors):
            return None
        date = _date(values.get("date"), "event_date", errors)
        title = values.get("title") or ""
        if date and title and (normalize_name(title), date) in self.events_by_title:
            return self.events_by_title[(normalize_name(title), date)]
        if not title:
            errors.append(("event", f"unknown event “{slug}”" if slug else "no event given"))
            return None
        event = Event(
            slug=self._free_slug(slug or slugify(f"{title} {date or ''}"), self.events_by_slug),
            title=title,
            date=date,
            date_precision=values.get("date_precision") or DatePrecision.DAY,
            kind=values.get("kind") or Event.Kind.OTHER,
            country=(values.get("country") or "").upper(),
            place=values.get("place") or "",
        )
        try:
            self.clean_event(event)
        except ValidationError as error:
            errors.extend((f"event_{name}", "; ".join(m)) for name, m in error.message_dict.items())
            return None
        self.events_by_slug[event.slug] = event
        self.events_by_title[(normalize_name(title), date)] = event
        self.new_events.append(event)
        return event

    def source(self, values: dict, errors: list, column: str, file_id=None) -> Source | None:
        """The cited source: by URL, by the exporting tracker's id when that source is this
        one, by title, outlet, author and date; created when new."""
        if file_id is not None and ("file", str(file_id)) in self.sources_by_file_id:
            return self.sources_by_file_id[("file", str(file_id))]
        url_key = normalize_url(values.get("url") or "")
        published_on = _date(values.get("published_on"), f"{column}.source_published_on", errors)
        identity = self._identity(
            values.get("title") or "",
            values.get("outlet") or "",
            values.get("author") or "",
            published_on,
        )
        found = self.sources_by_url.get(url_key) if url_key else None
        stored = self.sources_by_pk.get(_int(file_id))
        if found is None and stored is not None and stored.url_normalized == url_key:
            same = self._identity(stored.title, stored.outlet, stored.author, stored.published_on)
            found = stored if same == identity else None
        if found is None and not url_key and any(identity[:3]):
            found = self.sources_by_identity.get(identity)
        if found is None:
            found = self._new_source(values, url_key, published_on, errors, column, file_id)
        if found is not None and file_id is not None:
            self.sources_by_file_id[("file", str(file_id))] = found
        return found

    def _new_source(self, values, url_key, published_on, errors, column, file_id):
        source = Source(
            url=values.get("url") or "",
            title=values.get("title") or "",
            outlet=values.get("outlet") or "",
            author=values.get("author") or "",
            published_on=published_on,
            kind=values.get("kind") or Source.Kind.OTHER,
            language=values.get("language") or "en",
        )
        source.url_normalized = url_key
        try:
            self.clean_source(source)
        except ValidationError as error:
            errors.extend(
                (f"{column}.source_{name}", "; ".join(m)) for name, m in error.message_dict.items()
            )
            return None
        # An exported source that only its captured text identified stays as bare as it was.
        if not any((source.title, source.url, source.outlet, source.author)) and file_id is None:
            errors.append((f"{column}.source", "give the source's URL, title, outlet or author"))
            return None
        # Written only if a new citation ends up citing it (see write()).
        self._remember_source(source)
        return source

    # -- rows ----------------------------------------------------------------------------

    def add_row(self, line: int, row: dict) -> None:
        self.report.rows += 1
        errors: list[tuple[str, str]] = []
        if "__error__" in row:
            errors.append(("row", row["__error__"]))
        else:
            export_format = _is_export_format(row)
            errors += self._unknown_columns(row, export_format) + value_problems(row)
        if not errors:
            parse = self._parse_export_row if export_format else self._parse_simple_row
            parsed = parse(row, errors)
            if parsed is not None and not errors:
                self._add_claim(line, row, *parsed, errors)
                return  # its errors are reported once its quotes are checked
        self.report.add_errors(RowError(line, column, message) for column, message in errors)

    def _unknown_columns(self, row: dict, export_format: bool) -> list[tuple[str, str]]:
        """Each column the format does not know, said once (on the first row it is in)."""
        known = EXPORT_COLUMNS if export_format else SIMPLE_COLUMNS_SET
        unknown = [key for key in row if key not in known and key not in self.unknown_said]
        self.unknown_said.update(unknown)
        return [(str(key), "unknown column") for key in unknown]

    def _parse_export_row(self, row: dict, errors: list):
        event = self.event(
            {
                "slug": row.get("event"),
                "title": row.get("event_title"),
                "date": row.get("event_date"),
                "date_precision": row.get("event_date_precision"),
                "kind": row.get("event_kind"),
                "country": row.get("event_country"),
                "place": row.get("event_place"),
            },
            errors,
        )
        citations = row.get("citations") or []
        if isinstance(citations, str):
            try:
                citations = json.loads(citations)
            except json.JSONDecodeError:
                errors.append(("citations", "not a JSON list"))
                return None
        if not isinstance(citations, list) or not all(isinstance(c, dict) for c in citations):
            errors.append(("citations", "not a list of citations"))
            return None
        cited = []
        for number, values in enumerate(citations, start=1):
            column = f"citations[{number}]"
            source = self.source(
                {
                    key.removeprefix("source_"): value
                    for key, value in values.items()
                    if key.startswith("source_")
                },
                errors,
                column,
                file_id=values.get("source"),
            )
            cited.append((source, values, column))
        parties = {
            "claimant_actor": self.actor(
                row.get("claimant_actor") or "",
                row.get("claimant_actor_name") or "",
                row.get("claimant_actor_kind") or "",
                errors,
                "claimant_actor",
            ),
            "attributed_actor": self.actor(
                row.get("attributed_actor") or "",
                row.get("attributed_actor_name") or "",
                row.get("attributed_actor_kind") or "",
                errors,
                "attributed_actor",
            ),
            "attributed_actor_hint": self.actor(
                row.get("attributed_actor_hint") or "",
                row.get("attributed_actor_hint_name") or "",
                row.get("attributed_actor_hint_kind") or "",
                errors,
                "attributed_actor_hint",
            ),
            "claimant_person": self.person(
                row.get("claimant_person") or "", row.get("claimant_person_name") or "", errors
            ),
        }
        return event, parties, cited

    def _parse_simple_row(self, row: dict, errors: list):
        for column in SIMPLE_REQUIRED:
            if not (row.get(column) or "").strip():
                errors.append((column, "required"))
        if errors:
            return None
        # The event column takes a known slug or a title (created with its date when new).
        event = self.events_by_slug.get(row["event"]) or self.event(
            {
                "title": row["event"],
                "date": row.get("event_date"),
                "kind": row.get("event_kind"),
                "country": row.get("event_country"),
            },
            errors,
        )
        source = self.source(
            {
                "url": row.get("source_url"),
                "title": row.get("source_title"),
                "outlet": row.get("source_outlet"),
                "published_on": row.get("source_published_on"),
                "kind": row.get("source_kind"),
            },
            errors,
            "source",
        )
        parties = {
            "claimant_actor": self.actor(
                "", row.get("claimant_actor") or "", "", errors, "claimant_actor"
            ),
            "attributed_actor": self.actor(
                "", row.get("attributed_actor") or "", "", errors, "attributed_actor"
            ),
            "attributed_actor_hint": self.actor(
                "", row.get("attributed_actor_hint") or "", "", errors, "attributed_actor_hint"
            ),
            "claimant_person": self.person("", row.get("claimant_person") or "", errors),
        }
        return event, parties, [(source, {"quote": row.get("quote", "")}, "quote")]

    def _add_claim(self, line, row, event, parties, cited, errors) -> None:
        values = {
            name: row.get(name) for name in CLAIM_VALUE_FIELDS if row.get(name) not in (None, "")
        }
        claim = Claim(event=event, **parties, **values)
        if row.get("responds_to") not in (None, ""):
            # The claim it answers may come later in the file: a stand-in until then.
            claim.responds_to = Claim(event=event)
            self.responses.append((claim, str(row["responds_to"]), line))
        claim.stated_on = _date(row.get("stated_on"), "stated_on", errors)
        try:
            self.clean_claim(claim)
            claim.clean()
        except ValidationError as error:
            errors.extend((name, "; ".join(m)) for name, m in error.message_dict.items())
        citations = []
        for source, values, column in cited:
            citation = Citation(
                claim=claim,
                source=source,
                quote=values.get("quote") or "",
                locator=values.get("locator") or "",
                language=values.get("language") or "en",
                translation=values.get("translation") or "",
            )
            try:
                self.clean_citation(citation)
            except ValidationError as error:
                errors.extend(
                    (f"{column}.{name}", "; ".join(m)) for name, m in error.message_dict.items()
                )
            citations.append(citation)
        self.parsed.append((line, row, claim, citations, errors))

    def finish_rows(self) -> None:
        """The chunk's quotes checked against their sources' texts (read in one query per
        500 sources), then each row valid or reported."""
        cited = sorted(
            {
                citation.source.pk
                for *_, citations, _ in self.parsed
                for citation in citations
                if citation.source is not None and citation.source.pk is not None
            }
        )
        texts = {}
        for start in range(0, len(cited), 500):
            texts.update(
                Source.objects.filter(pk__in=cited[start : start + 500]).values_list(
                    "pk", "full_text"
                )
            )
        for line, row, claim, citations, errors in self.parsed:
            for citation in citations:
                source = citation.source
                text = source.full_text if source and source.pk is None else ""
                result = check_quote(citation.quote, texts.get(source.pk, text) if source else "")
                citation.quote_check, citation.quote_similarity, citation.quote_passage = (
                    result.outcome,
                    result.similarity,
                    result.passage,
                )
                citation.fold_quote()
            if claim.publication == Claim.Publication.PUBLISHED:
                for problem in claim.publication_problems(citations):
                    errors.append(("publication", f"cannot be published: {problem}"))
            if errors:
                self.report.add_errors(
                    RowError(line, column, message) for column, message in errors
                )
            else:
                self.valid.append((line, row, claim, citations))
        self.parsed = []

    def match_claims(self) -> None:
        """Each valid row: a claim already stored or earlier in the file (by fingerprint),
        updated where it differs, or a new claim. Only the columns the file has change a
        stored claim, and each change is judged by the permission policy.

        Stored claims include those of earlier chunks (written before this one is read)."""
        self.fingerprints = {}
        self._load_stored_claims({claim.event.pk for _, _, claim, _ in self.valid} - {None})
        for line, row, claim, citations in self.valid:
            key = fingerprint(claim, citations[0].quote if citations else "")
            existing = self.fingerprints.get(key)
            if existing is not None:
                given = [n for n in UPDATABLE_FIELDS if row.get(n) not in (None, "")]
                changed = [n for n in given if getattr(existing, n) != getattr(claim, n)]
                after = policy.ClaimState(
                    **{
                        name: getattr(claim if name in changed else existing, name)
                        for name in ("publication", "status", "retraction_reason")
                    }
                )
                if self._refused(line, _state(existing), after):
                    continue
                if changed:
                    for name in changed:
                        setattr(existing, name, getattr(claim, name))
                    self.changed_claims.append(existing)
                    self.report.updated["claims"] += 1
                else:
                    self.report.unchanged["claims"] += 1
                claim = existing
            else:
                if self._refused(line, None, _state(claim)):
                    continue
                self.fingerprints[key] = claim
                self.new_claims.append(claim)
                self.new_citations += citations
            if row.get("id") not in (None, ""):
                self.claims_by_file_id[str(row["id"])] = claim

    def _refused(self, line: int, before, after) -> bool:
        problems = policy.claim_change_problems(self.user, before, after)
        self.report.add_errors(RowError(line, f, message) for f, message in problems.items())
        return bool(problems)

    def _load_stored_claims(self, event_ids: set[int], chunk_size: int = 500) -> None:
        """The fingerprints of the stored claims of these events, two queries a chunk."""
        event_ids = sorted(event_ids)
        for start in range(0, len(event_ids), chunk_size):
            chunk = event_ids[start : start + chunk_size]
            first_quotes = {}
            for claim_id, quote in (
                Citation.objects.filter(claim__event_id__in=chunk)
                .order_by("pk")
                .values_list("claim_id", "quote")
            ):
                first_quotes.setdefault(claim_id, quote)
            for claim in Claim.objects.filter(event_id__in=chunk).order_by("pk"):
                claim.event = self.events_by_pk[claim.event_id]
                key = fingerprint(claim, first_quotes.get(claim.pk, ""))
                self.fingerprints.setdefault(key, claim)

    # -- writing -------------------------------------------------------------------------

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
                    if found is not None and found[1] != claim.event.pk:
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
                    [RowError(line, "responds_to", "it answers a claim about another event")]
                )
                continue
            claim.responds_to = target
            if held is not None:  # a waiting claim, written with this chunk
                self.new_claims.append(claim)
                self.new_citations += held
        self._wait_with_answered(entries)
        for claim, answered, line, _ in entries:
            if claim.responds_to is not None and _answers_itself(claim):
                self.report.add_errors(
                    [RowError(line, "responds_to", f"claim {answered} answers this one in turn")]
                )

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
                    claim.responds_to = Claim(event=claim.event)  # a stand-in again
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
            return f"claim {answered} answers this one in turn"
        if current != answered:
            return f"claim {answered} answers claim {current}, which is not in this file"
        return f"claim {answered} is not in this file"

    def _stored_claims(self, pks: set[str]) -> dict[str, tuple[int, int]]:
        stored = {}
        ordered = sorted(int(pk) for pk in pks)
        for start in range(0, len(ordered), 500):
            for pk, event_id in Claim.objects.filter(
                pk__in=ordered[start : start + 500]
            ).values_list("pk", "event_id"):
                stored[str(pk)] = (pk, event_id)
        return stored

    def count_new(self) -> None:
        unique_new = {id(c.source): c.source for c in self.new_citations if c.source.pk is None}
        self.new_sources = list(unique_new.values())
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
            (file_id, claim.pk, claim.event.pk)
            for file_id, claim in [*self.claims_by_file_id.items(), *released]
        )
        waiting = {id(claim) for claim, *_ in self.waiting}
        self.file_id_of = {
            id(claim): file_id
            for file_id, claim in self.claims_by_file_id.items()
            if id(claim) in waiting
        } | {key: value for key, value in self.file_id_of.items() if key in waiting}
        for event in self.new_events:
            if event.pk is not None:
                self.events_by_pk[event.pk] = event
        self.claims_by_file_id = {}
        self.valid, self.fingerprints = [], {}
        self.new_actors, self.new_people, self.new_events, self.new_sources = [], [], [], []
        self.new_claims, self.new_citations, self.changed_claims = [], [], []


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
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {self.TABLE} (file_id, claim_id, event_id) VALUES (%s, %s, %s)"
                " ON CONFLICT (file_id) DO UPDATE"
                " SET claim_id = excluded.claim_id, event_id = excluded.event_id",
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


def fingerprint(claim: Claim, first_quote: str) -> tuple:
    """Who said what about which event, when: a stored claim's related rows by id, new
    ones (not written yet) by identity. Reads no related row from the database."""

    def ref(name: str):
        if (pk := getattr(claim, f"{name}_id")) is not None:
            return pk
        related = claim._meta.get_field(name).get_cached_value(claim, None)
        return None if related is None else related.pk or id(related)

    return (
        ref("event"),
        ref("claimant_actor"),
        ref("claimant_person"),
        fold(claim.claimant_description).casefold(),
        claim.stance,
        ref("attributed_actor"),
        fold(claim.attributed_description).casefold(),
        claim.role,
        claim.stated_on,
        fold(first_quote).casefold(),
    )


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _date(value, column: str, errors: list) -> datetime.date | None:
    if value in (None, ""):
        return None
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        errors.append((column, f"“{value}” is not a date of the form YYYY-MM-DD"))
        return None


def _event_key(claim: Claim):
    """The claim's event: its id, or the new event itself while it has none."""
    event = Claim._meta.get_field("event").get_cached_value(claim, None)
    if event is not None and event.pk is None:
        return id(event)
    return event.pk if event is not None else claim.event_id


def _state(claim: Claim) -> policy.ClaimState:
    return policy.ClaimState(
        publication=claim.publication,
        status=claim.status,
        retraction_reason=claim.retraction_reason or "",
    )


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


def _valid_slug(model, slug: str, column: str, errors: list) -> bool:
    return _valid_field(model, "slug", slug, column, errors)


def _valid_name(model, name: str, column: str, errors: list) -> bool:
    return _valid_field(model, "name", name, column, errors)


def _valid_field(model, name: str, value: str, column: str, errors: list) -> bool:
    try:
        model._meta.get_field(name).clean(value, None)
    except ValidationError as error:
        errors.append((column, "; ".join(error.messages)))
        return False
    return True


# Columns of the export format that may hold a number rather than text.
NUMBER_COLUMNS = frozenset({"id", "responds_to", "version", "citation_count", "source"})
CITATION_KEYS = frozenset(
    {"source", "quote", "locator", "language", "translation"}
    | {f"source_{name}" for name in SOURCE_DETAILS}
)
# Longer than any field of the model: a cell this long is a mistake, not a quote.
MAX_VALUE_CHARS = 128 * 1024


def value_problems(row: dict) -> list[tuple[str, str]]:
    """Values of the wrong type, with a NUL character, a lone surrogate (not text), or
    longer than any field takes, by column."""
    problems = []
    for column, value in row.items():
        if column == "citations" and isinstance(value, list):
            for number, citation in enumerate(value, start=1):
                if not isinstance(citation, dict):
                    problems.append((f"citations[{number}]", "not a citation (an object)"))
                    continue
                for key, part in citation.items():
                    name = f"citations[{number}].{key}"
                    if key not in CITATION_KEYS:
                        problems.append((name, "unknown field"))
                    elif problem := _value_problem(key, part):
                        problems.append((name, problem))
        elif problem := _value_problem(column, value):
            problems.append((str(column), problem))
    return problems


def _value_problem(column: str, value) -> str | None:
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool) and column in NUMBER_COLUMNS:
        return None
    if not isinstance(value, str):
        return f"expected text, found {type(value).__name__}"
    if "\x00" in value:
        return "contains a NUL character"
    if len(value) > MAX_VALUE_CHARS:
        return f"longer than {MAX_VALUE_CHARS // 1024} KB"
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return "contains a character that is not text (a lone surrogate)"
    return None
