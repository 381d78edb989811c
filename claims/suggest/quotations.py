"""Quotations: the spans between quotation marks, within one paragraph.

Curly “…”, guillemets «…» (and »…« as some languages write them), low-high „…“ and
straight "…" are recognised; single quotes are not, since an apostrophe looks the same.
A quotation left open at the end of its paragraph (as a quote running on into the next
paragraph is printed) ends there. A closing ” used as an opening mark at the start of a
paragraph or after a space ("”He is waiting…") opens one.
"""

import re

# Each opening mark with the marks that may close it.
_CLOSERS = {"“": "”", "«": "»", "„": "“”", "»": "«", '"': '"', "”": "”"}
_MARKS = re.compile(r"[“”«»„\"]|\n\s*\n")


def find_quotations(text: str) -> list[tuple[int, int]]:
    """The (start, end) of every quotation, marks included, in text order."""
    spans: list[tuple[int, int]] = []
    open_at, closers = None, ""
    for match in _MARKS.finditer(text):
        mark, at = match.group(), match.start()
        if mark[0] == "\n":
            if open_at is not None and at - open_at > 1:
                spans.append((open_at, at))
            open_at = None
            continue
        if open_at is not None and mark in closers:
            spans.append((open_at, at + 1))
            open_at = None
        elif open_at is None and mark in _CLOSERS:
            if mark == "”" and at > 0 and not text[at - 1].isspace():
                continue  # a stray closing mark, not one used to open
            if mark == "»" and at > 0 and not text[at - 1].isspace():
                continue
            open_at, closers = at, _CLOSERS[mark]
    if open_at is not None and len(text) - open_at > 1:
        spans.append((open_at, len(text.rstrip())))
    return spans
