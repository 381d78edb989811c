"""A row checked on its own: its columns and values, its names, event and sources
resolved, its claim and citations built and checked as the models would, its quotes
checked against the sources' captured texts (read a chunk at a time)."""

import json

from django.core.exceptions import ValidationError
from django.db.models import Model
from django.utils.translation import gettext

from claims.bulk import new_object
from claims.models import Citation, Claim, Source
from claims.models.claims import CLAIM_VALUE_FIELDS
from claims.quotes import check_quote

from .checks import parse_date
from .formats import (
    EXPORT_COLUMNS,
    SIMPLE_COLUMNS_SET,
    SIMPLE_REQUIRED,
    is_export_format,
    value_problems,
)
from .report import RowError


class RowChecks:
    def add_row(self, line: int, row: dict) -> None:
        self.report.rows += 1
        errors: list[tuple[str, str]] = []
        if "__error__" in row:
            errors.append(("row", row["__error__"]))
        else:
            export_format = is_export_format(row)
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
        return [(str(key), gettext("unknown column")) for key in unknown]

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
                errors.append(("citations", gettext("not a JSON list")))
                return None
        if not isinstance(citations, list) or not all(isinstance(c, dict) for c in citations):
            errors.append(("citations", gettext("not a list of citations")))
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
            column: self.actor(
                row.get(column) or "",
                row.get(f"{column}_name") or "",
                row.get(f"{column}_kind") or "",
                errors,
                column,
            )
            for column in ("claimant_actor", "attributed_actor", "attributed_actor_hint")
        }
        parties["claimant_person"] = self.person(
            row.get("claimant_person") or "", row.get("claimant_person_name") or "", errors
        )
        return event, parties, cited

    def _parse_simple_row(self, row: dict, errors: list):
        for column in SIMPLE_REQUIRED:
            if not (row.get(column) or "").strip():
                errors.append((column, gettext("required")))
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
        related, ids = _by_object_or_id({"event": event, **parties})
        claim = new_object(Claim, related, **ids, **values)
        if row.get("responds_to") not in (None, ""):
            # The claim it answers may come later in the file: a stand-in until then.
            claim.responds_to = stand_in(claim)
            self.responses.append((claim, str(row["responds_to"]), line))
        claim.stated_on = parse_date(row.get("stated_on"), "stated_on", errors)
        try:
            self.clean_claim(claim)
            claim.clean()
        except ValidationError as error:
            errors.extend((name, "; ".join(m)) for name, m in error.message_dict.items())
        citations = []
        for source, values, column in cited:
            related, ids = _by_object_or_id({"claim": claim, "source": source})
            citation = new_object(
                Citation,
                related,
                **ids,
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
                citation.source_id
                for *_, citations, _ in self.parsed
                for citation in citations
                if citation.source_id is not None
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
                if citation.source_id is not None:
                    text = texts.get(citation.source_id, "")
                else:  # a new source (none when its columns were refused)
                    source = cached_related(citation, "source")
                    text = source.full_text if source is not None else ""
                result = check_quote(citation.quote, text)
                citation.quote_check, citation.quote_similarity, citation.quote_passage = (
                    result.outcome,
                    result.similarity,
                    result.passage,
                )
                citation.fold_quote()
            if claim.publication == Claim.Publication.PUBLISHED:
                for problem in claim.publication_problems(citations):
                    errors.append(
                        (
                            "publication",
                            gettext("cannot be published: %(problem)s") % {"problem": problem},
                        )
                    )
            if errors:
                self.report.add_errors(
                    RowError(line, column, message) for column, message in errors
                )
            else:
                self.valid.append((line, row, claim, citations))
        self.parsed = []


def _by_object_or_id(relations: dict[str, int | Model | None]) -> tuple[dict, dict]:
    """Relations for `new_object`: new objects (or None) by name, to be held, and stored
    rows' ids by the field's id (`event_id`), plain values: either way its fast path."""
    related = {name: value for name, value in relations.items() if not isinstance(value, int)}
    ids = {f"{name}_id": value for name, value in relations.items() if isinstance(value, int)}
    return related, ids


def cached_related(obj: Model, name: str) -> Model | None:
    """The object `obj` holds as its `name` (a new one, written since or not), or None:
    never read from the database."""
    return obj._meta.get_field(name).get_cached_value(obj, None)


def stand_in(claim: Claim) -> Claim:
    """A claim about the same event, in place of the one it answers until that is known."""
    event = cached_related(claim, "event")
    return Claim(event=event) if event is not None else Claim(event_id=claim.event_id)
