"""Checking a citation's quote against the captured text of its source.

Outcomes, from best to worst:

- `verbatim`: the quote appears in the text exactly as given;
- `normalized`: it appears once whitespace, quotation marks, apostrophes, dashes and
  ellipses are folded (and each part of a quote elided with "…" appears, in order);
- `partial`: only part of it matches: the best-matching passage is kept with its
  similarity (rapidfuzz's partial ratio, 0 to 100); `PARTIAL_THRESHOLD` or more;
- `not_found`: nothing in the text comes close;
- `not_checkable`: the source has no captured text.
"""

import re
from dataclasses import dataclass

from django.db import models
from rapidfuzz import fuzz

PARTIAL_THRESHOLD = 70.0

_FOLD = {
    **dict.fromkeys("‘’‚‛′ʼʹ`´", "'"),
    **dict.fromkeys("“”„‟″«»", '"'),
    **dict.fromkeys("‐‑‒–—―−", "-"),
    "\u00a0": " ",
}
# A search for the few characters that fold: str.translate would look up every
# character of a source's captured text, several times slower on a long text.
_FOLDABLE = re.compile("[" + re.escape("".join(_FOLD)) + "]")
_ELLIPSIS = re.compile(r"\s*(?:…|\.\.\.|\[\s*(?:…|\.\.\.)\s*\])\s*")


class QuoteCheck(models.TextChoices):
    VERBATIM = "verbatim", "found verbatim"
    NORMALIZED = "normalized", "found once spacing and punctuation are folded"
    PARTIAL = "partial", "found only in part"
    NOT_FOUND = "not_found", "not found in the source"
    NOT_CHECKABLE = "not_checkable", "not checkable: the source has no captured text"


@dataclass(frozen=True)
class QuoteCheckResult:
    outcome: QuoteCheck
    similarity: float | None = None
    passage: str = ""


def fold(text: str) -> str:
    # str.split() splits on exactly the characters that the pattern `\s+` matches.
    return " ".join(_FOLDABLE.sub(lambda match: _FOLD[match.group()], text).split())


def _parts_in_order(parts: list[str], text: str) -> bool:
    position = 0
    for part in parts:
        found = text.find(part, position)
        if found < 0:
            return False
        position = found + len(part)
    return True


def check_quote(quote: str, text: str) -> QuoteCheckResult:
    if not text.strip():
        return QuoteCheckResult(QuoteCheck.NOT_CHECKABLE)
    if quote in text:
        return QuoteCheckResult(QuoteCheck.VERBATIM, 100.0, quote)
    folded_text = fold(text)
    parts = [fold(part) for part in _ELLIPSIS.split(quote) if fold(part)]
    if parts and _parts_in_order(parts, folded_text):
        return QuoteCheckResult(QuoteCheck.NORMALIZED, 100.0)
    alignment = fuzz.partial_ratio_alignment(fold(quote), folded_text)
    passage = folded_text[alignment.dest_start : alignment.dest_end]
    similarity = round(alignment.score, 1)
    if similarity >= PARTIAL_THRESHOLD:
        return QuoteCheckResult(QuoteCheck.PARTIAL, similarity, passage)
    return QuoteCheckResult(QuoteCheck.NOT_FOUND, similarity, passage)
