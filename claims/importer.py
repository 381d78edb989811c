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

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, ProhibitNullCharactersValidator
from django.db import models

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
from claims.normalize import normalize_name, normalize_url, short_slug
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


@dataclass
class ImportReport:
    rows: int = 0
    errors: list[RowError] = field(default_factory=list)
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)
    probable_duplicates: list[ProbableDuplicate] = field(default_factory=list)
    written: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

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
        super().__init__(f"{len(report.errors)} bad row(s)")


# ----------------------------------------------------------------------------- reading


def read_rows(data: bytes | str, filename: str) -> Iterator[tuple[int, dict]]:
    """(line number, row) pairs from CSV or NDJSON; the line of a CSV row is where it starts."""
    text = data.decode("utf-8-sig") if isinstance(data, bytes) else data
    if filename.lower().endswith((".ndjson", ".jsonl")):
        for number, line in enumerate(text.splitlines(), start=1):
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
    reader = csv.DictReader(io.StringIO(text, newline=""))
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
    """Validates every row against in-memory maps, then writes them all in bulk."""

    def __init__(self, *, user=None):
        self.user = user
        self.report = ImportReport()
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
        for source in Source.objects.all():
            self._remember_source(source)
        self.fingerprints: dict[tuple, Claim] = {}
        # Valid rows (line, row, claim, citations), matched against stored claims at the end.
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
        self.claims_by_file_id: dict[str, Claim] = {}
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
            slug=self._free_slug(slug or short_slug(label), self.actors_by_slug),
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
            name=label, slug=self._free_slug(slug or short_slug(label), self.people_by_slug)
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
            slug=self._free_slug(slug or short_slug(f"{title} {date or ''}"), self.events_by_slug),
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
        self.report.errors += [RowError(line, column, message) for column, message in errors]

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
            result = check_quote(citation.quote, source.full_text if source else "")
            citation.quote_check, citation.quote_similarity, citation.quote_passage = (
                result.outcome,
                result.similarity,
                result.passage,
            )
            citation.fold_quote()
            citations.append(citation)
        if claim.publication == Claim.Publication.PUBLISHED:
            for problem in claim.publication_problems(citations):
                errors.append(("publication", f"cannot be published: {problem}"))
        if not errors:
            self.valid.append((line, row, claim, citations))

    def match_claims(self) -> None:
        """Each valid row: a claim already stored or earlier in the file (by fingerprint),
        updated where it differs, or a new claim. Only the columns the file has change a
        stored claim, and each change is judged by the permission policy."""
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
        self.report.errors += [RowError(line, f, message) for f, message in problems.items()]
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

    def resolve_responses(self) -> None:
        # A claim of this tracker that the file does not carry (an export holds published
        # claims only): the stored one, if it is about the same event.
        elsewhere = {
            answered
            for _, answered, _ in self.responses
            if answered not in self.claims_by_file_id and answered.isdigit()
        }
        stored = {}
        for start in range(0, len(elsewhere), 500):
            pks = sorted(int(pk) for pk in elsewhere)[start : start + 500]
            for target in Claim.objects.filter(pk__in=pks):
                target.event = self.events_by_pk[target.event_id]
                stored[str(target.pk)] = target
        for claim, answered, line in self.responses:
            target = self.claims_by_file_id.get(answered)
            if target is None and answered.isdigit():
                target = stored.get(str(int(answered)))
                if target is not None and target.event is not claim.event:
                    target = None
            if target is None:
                self.report.errors.append(
                    RowError(line, "responds_to", f"claim {answered} is not in this file")
                )
            elif target.event is not claim.event and target.event_id != claim.event_id:
                self.report.errors.append(
                    RowError(line, "responds_to", "it answers a claim about another event")
                )
            else:
                claim.responds_to = target
        for claim, answered, line in self.responses:
            if _answers_itself(claim):
                self.report.errors.append(
                    RowError(line, "responds_to", f"claim {answered} answers this one in turn")
                )

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


def validate_import(rows: Iterable[tuple[int, dict]], *, by=None, progress=None) -> "Importer":
    """Check every row (as `by` may change them, see claims.policy) and match it with
    what is stored; the report lists every problem. Writes nothing: see
    `services.import_claims`."""
    importer = Importer(user=by)
    for line, row in (progress or (lambda r: r))(rows):
        importer.add_row(line, row)
    importer.match_claims()
    importer.resolve_responses()
    importer.count_new()
    importer.report.errors.sort(key=lambda error: error.line)
    return importer


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
