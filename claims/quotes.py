"""Checking a citation's quote against the captured text of its source.

Outcomes, from best to worst:

- `verbatim`: the quote appears in the text exactly as given;
- `normalized`: it appears once whitespace, quotation marks, apostrophes, dashes and
  ellipses are folded (and each part of a quote elided with "…" appears, in order);
- `partial`: only part of it matches: the best-matching passage is kept with its
  similarity (rapidfuzz's partial ratio, 0 to 100); `PARTIAL_THRESHOLD` or more;
- `not_found`: nothing in the text comes close;
- `not_checkable`: the source has no captured text.

The cost of a check is bounded whatever the lengths: the exact search for the closest
passage runs when its worst case is small, and a sampled search otherwise (see
`closest_passage`), over at most the quote's first SEARCHED_LENGTH characters.
"""

import math
import re
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _
from rapidfuzz import fuzz

PARTIAL_THRESHOLD = 70.0

# rapidfuzz's partial ratio tries every alignment of the shorter string in the longer one:
# for a shorter string of L > 64 characters and a longer one of M, its documented worst
# case is L·⌈L/64⌉·(M + L) steps (a 10,000-character quote against a text as long took
# 90 s). It runs up to this many steps (measured at most 0.25 s, usually far less: a
# 300-character quote against a 60,000-character article takes 10 ms); past it, the
# sampled search below.
EXACT_SEARCH_STEPS = 100_000_000
# rapidfuzz's search for a string of up to 64 characters is linear in the text's length.
SHORT_NEEDLE = 64
# Each comparison of the sampled search costs L·⌈L/64⌉ steps for a quote of L characters:
# the search for the closest passage reads at most this much of a quote (2.5 times the
# longest that the models accept by default, QUOTE_MAX_LENGTH), so that a quote written by
# a path that skips validation cannot hold a worker for minutes.
SEARCHED_LENGTH = 5_000

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
    VERBATIM = "verbatim", _("found verbatim")
    NORMALIZED = "normalized", _("found once spacing and punctuation are folded")
    PARTIAL = "partial", _("found only in part")
    NOT_FOUND = "not_found", _("not found in the source")
    NOT_CHECKABLE = "not_checkable", _("not checkable: the source has no captured text")


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
    score, passage = closest_passage(fold(quote)[:SEARCHED_LENGTH], folded_text)
    similarity = round(score, 1)
    if similarity >= PARTIAL_THRESHOLD:
        return QuoteCheckResult(QuoteCheck.PARTIAL, similarity, passage)
    return QuoteCheckResult(QuoteCheck.NOT_FOUND, similarity, passage)


def closest_passage(quote: str, text: str) -> tuple[float, str]:
    """The passage of `text` most like `quote`, with its similarity (0 to 100).

    Exact (rapidfuzz's partial ratio) when its worst case is within EXACT_SEARCH_STEPS;
    otherwise sampled, in steps of the order of L·⌈L/64⌉·M/L (see `_sampled_alignment`).
    When the text is the shorter, the passage is the whole text, as with the exact search.
    """
    needle, haystack = sorted((quote, text), key=len)
    length = len(needle)
    if length <= SHORT_NEEDLE or (
        length * math.ceil(length / 64) * (len(haystack) + length) <= EXACT_SEARCH_STEPS
    ):
        alignment = fuzz.partial_ratio_alignment(quote, text)
        return alignment.score, text[alignment.dest_start : alignment.dest_end]
    score, start = _sampled_alignment(needle, haystack)
    return score, text if needle is text else text[start : start + length]


def _sampled_alignment(needle: str, haystack: str) -> tuple[float, int]:
    """The start of the window of `haystack`, as long as `needle`, most like it, and the
    two's similarity (fuzz.ratio).

    Windows are compared every half of the needle's length, so the best alignment overlaps
    a compared window by at least three quarters of it; from the three best, the start is
    moved by halving steps while the similarity improves. About 2·M/L + 6·log2(L)
    comparisons of L·⌈L/64⌉ steps each: linear in the haystack's length M. A passage that
    straddles the haystack's start or end is compared as the window at that end. On
    misquoted passages its similarity is within about 2 points of the exact search's.
    """
    length, last = len(needle), len(haystack) - len(needle)
    step = max(1, length // 2)

    def similarity(start: int) -> float:
        return fuzz.ratio(needle, haystack[start : start + length])

    starts = [*range(0, last, step), last]
    coarse = sorted(((similarity(start), start) for start in starts), reverse=True)[:3]
    best = coarse[0]
    for score, start in coarse:
        move = step // 2
        while move:
            for candidate in (start - move, start + move):
                if 0 <= candidate <= last:
                    candidate_score = similarity(candidate)
                    if candidate_score > score:
                        score, start = candidate_score, candidate
            move //= 2
        best = max(best, (score, start))
    return best
