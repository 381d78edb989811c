"""Text folded as `claims.normalize.normalize_name` folds a name, with the way back.

Aliases are stored folded (case, accents, apostrophes and dashes folded, the Arabic
article joined to its word); finding them in running text needs the text folded the
same way and, for every folded character, the offset of the character it came from.
`fold_name_text("Kata’ib Hezbollah")` is `normalize_name("Kata’ib Hezbollah")`.
"""

import functools
import re
import unicodedata
from dataclasses import dataclass

from claims.normalize import _DASHES, _QUOTE_MARKS

_ARTICLE = re.compile(r"(?<!\w)[ae]l (?=\w)")


@functools.lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    if char in _QUOTE_MARKS:
        return ""
    if char in _DASHES or char.isspace():
        return " "
    if char.isascii():
        return char.lower()
    text = unicodedata.normalize("NFKC", char)
    if unicodedata.category(char) == "Cf":
        return ""
    text = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(c for c in text if not unicodedata.combining(c))
    # A character that folds to a quote mark or a dash (a full-width one) folds like it.
    return "".join(_fold_char(c) if c in _QUOTE_MARKS or c in _DASHES else c for c in folded)


@dataclass(frozen=True)
class FoldedText:
    """`folded[i]` came from `original[origin[i]]`; `origin[len(folded)]` is the end."""

    original: str
    folded: str
    origin: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of the folded span [start, end)."""
        return self.origin[start], self.origin[end - 1] + 1 if end > start else self.origin[start]


_FOLDED: dict[str, str] = {}


def fold_text(text: str) -> FoldedText:
    """Fold running text for matching folded names (runs of spaces kept as one)."""
    folded_chars = _FOLDED
    pieces = [folded_chars.get(char) for char in text]
    chars: list[str] = []
    origin: list[int] = []
    append_char, append_origin = chars.append, origin.append
    previous_space = True  # no leading space
    for index, piece in enumerate(pieces):
        if piece is None:
            piece = folded_chars[text[index]] = _fold_char(text[index])
        if piece == " ":
            if previous_space:
                continue
            previous_space = True
        elif not piece:
            continue
        else:
            previous_space = False
        if len(piece) == 1:
            append_char(piece)
            append_origin(index)
        else:
            for part in piece:
                append_char(part)
                append_origin(index)
    folded_text = "".join(chars)
    if "al " in folded_text or "el " in folded_text:
        # "al-Muhandis" is one word, "almuhandis", as normalize_name makes it.
        drop = set()
        for match in _ARTICLE.finditer(folded_text):
            chars[match.start()] = "a"
            drop.add(match.end() - 1)
        if drop:
            chars = [c for i, c in enumerate(chars) if i not in drop]
            origin = [o for i, o in enumerate(origin) if i not in drop]
            folded_text = "".join(chars)
    origin.append(len(text))
    return FoldedText(text, folded_text, tuple(origin))


def fold_name_text(text: str) -> str:
    """The folded form of a phrase, as the engine compares it (see module docstring)."""
    return fold_text(text).folded.strip()
