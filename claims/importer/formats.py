"""The two formats, read a row at a time into one row type (a dict of a column's text or,
in NDJSON, JSON values), and the checks of a value's type and size that any column gets.
"""

import csv
import io
import json
from collections.abc import Iterator
from typing import IO

from django.utils.translation import gettext

from claims.exports import CLAIM_VALUES, CSV_COLUMNS

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
                yield (
                    number,
                    {"__error__": gettext("not valid JSON (%(error)s)") % {"error": error.msg}},
                )
                continue
            except RecursionError:
                yield number, {"__error__": gettext("values nested too deeply")}
                continue
            if not isinstance(row, dict):
                row = {"__error__": gettext("not a JSON object")}
            yield number, row
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
        why = (
            gettext("a field is longer than %(size)d KB") % {"size": limit // 1024}
            if "limit" in str(error)
            else error
        )
        yield line, {"__error__": gettext("cannot be read from here on (%(why)s)") % {"why": why}}


def _lines(text: IO[str]) -> Iterator[str]:
    """NDJSON's lines, a line at a time: cut at line ends only (a JSON string may hold
    U+2028 and other characters that `str.splitlines` would cut at)."""
    for line in text:
        yield line.rstrip("\r\n")


def is_export_format(row: dict) -> bool:
    return "citations" in row and "attributed_actor_name" in row


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
    if _all_plain_text(row):
        return []
    problems = []
    for column, value in row.items():
        if column == "citations" and isinstance(value, list):
            for number, citation in enumerate(value, start=1):
                if not isinstance(citation, dict):
                    problems.append((f"citations[{number}]", gettext("not a citation (an object)")))
                    continue
                for key, part in citation.items():
                    name = f"citations[{number}].{key}"
                    if key not in CITATION_KEYS:
                        problems.append((name, gettext("unknown field")))
                    elif problem := _value_problem(key, part):
                        problems.append((name, problem))
        elif problem := _value_problem(column, value):
            problems.append((str(column), problem))
    return problems


def _all_plain_text(row: dict) -> bool:
    """Whether every value is text that `_value_problem` accepts: checked on the row's
    values joined, once, as almost every row is (a spreadsheet's rows always are)."""
    values = row.values()
    try:
        joined = "".join(values)
    except TypeError:  # a value that is not text (None, a number, a list): one by one
        return False
    if "\x00" in joined or max(map(len, values), default=0) > MAX_VALUE_CHARS:
        return False
    if not joined.isascii():
        try:
            joined.encode("utf-8")
        except UnicodeEncodeError:
            return False
    return True


def _value_problem(column: str, value) -> str | None:
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool) and column in NUMBER_COLUMNS:
        return None
    if not isinstance(value, str):
        return gettext("expected text, found %(type)s") % {"type": type(value).__name__}
    if "\x00" in value:
        return gettext("contains a NUL character")
    if len(value) > MAX_VALUE_CHARS:
        return gettext("longer than %(size)d KB") % {"size": MAX_VALUE_CHARS // 1024}
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return gettext("contains a character that is not text (a lone surrogate)")
    return None
