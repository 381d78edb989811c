"""Anchoring a citation's quote in its source's captured text, and finding it again.

A citation made on the editors' desk keeps, beside its quote, a W3C Web Annotation
TextQuoteSelector (https://www.w3.org/TR/annotation-model/#text-quote-selector): the
exact passage with up to CONTEXT characters of text before it (`prefix`) and after it
(`suffix`). Its locator is the paragraph's number ("paragraph 4"): a paragraph is a
line of the captured text holding something other than spaces (captures keep one
paragraph a line), counted from 1.

When the source is captured again, `reanchor` finds the passage in the new text (and
`follow` moves the citation's selector and desk-written locator to it), or says that it
cannot: the exact passage found once, or found several times and told
apart by its prefix and suffix. It never guesses: a passage that is not found verbatim,
or found several times with nothing to tell which, is not anchored.

Pure functions over strings, no ORM.
"""

import re
from dataclasses import dataclass

CONTEXT = 32
SELECTOR_TYPE = "TextQuoteSelector"
_DESK_LOCATOR = re.compile(r"paragraph \d+")


@dataclass(frozen=True)
class Paragraph:
    number: int
    start: int
    end: int


def paragraphs(text: str) -> list[Paragraph]:
    """The text's paragraphs with their offsets (each without its line break)."""
    found, start, number = [], 0, 0
    for line in text.split("\n"):
        end = start + len(line)
        if line.strip():
            number += 1
            found.append(Paragraph(number, start, end))
        start = end + 1
    return found


def paragraph_number(text: str, offset: int) -> int | None:
    """The number of the paragraph holding `offset` (None outside every paragraph)."""
    for paragraph in paragraphs(text):
        if paragraph.start <= offset < paragraph.end:
            return paragraph.number
    return None


def locator(text: str, start: int) -> str:
    number = paragraph_number(text, start)
    return f"paragraph {number}" if number else ""


def text_quote_selector(text: str, start: int, end: int) -> dict[str, str]:
    """The selector of text[start:end], as the W3C data model writes it."""
    if not 0 <= start < end <= len(text):
        raise ValueError(f"Not a passage of the text: {start}..{end} of {len(text)}")
    return {
        "type": SELECTOR_TYPE,
        "exact": text[start:end],
        "prefix": text[max(0, start - CONTEXT) : start],
        "suffix": text[end : end + CONTEXT],
    }


def _occurrences(text: str, exact: str) -> list[int]:
    found, position = [], text.find(exact)
    while position >= 0:
        found.append(position)
        position = text.find(exact, position + 1)
    return found


def reanchor(selector: dict, text: str) -> tuple[int, int] | None:
    """Where the selector's passage is in `text`, as (start, end), or None when it is not
    there verbatim or cannot be told apart from another occurrence."""
    exact = selector.get("exact") or ""
    if not exact:
        return None
    starts = _occurrences(text, exact)
    if len(starts) == 1:
        return starts[0], starts[0] + len(exact)
    prefix, suffix = selector.get("prefix") or "", selector.get("suffix") or ""
    fitting = [
        start
        for start in starts
        if text[:start].endswith(prefix) and text[start + len(exact) :].startswith(suffix)
    ]
    if len(fitting) != 1:
        return None
    return fitting[0], fitting[0] + len(exact)


def follow(selector: dict, citation_locator: str, text: str) -> tuple[dict, str] | None:
    """A citation's selector and locator in a new capture of its source, or None when
    `reanchor` cannot find the passage (both are then left as they were). A locator the
    desk wrote ("paragraph 4") follows the passage to its new paragraph; one an editor
    wrote in other words ("page 3", "at 2:14") is theirs and stays."""
    span = reanchor(selector, text)
    if span is None:
        return None
    start, end = span
    if _DESK_LOCATOR.fullmatch(citation_locator):
        citation_locator = locator(text, start)
    return text_quote_selector(text, start, end), citation_locator
