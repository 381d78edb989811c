"""HTML written as strings, for the lists a page repeats hundreds of times (the claims'
cards, the events' rows, the map's marks): the escaping that `{{ value }}` does, and
pages' addresses reversed once per list rather than once per item.
"""

import html
import re

from django.urls import NoReverseMatch, reverse


def esc(value: object) -> str:
    """What autoescaping does to `{{ value }}` (django.utils.html.escape), without the
    checks for lazy strings that cost more than the escaping."""
    return html.escape(str(value))


# Stand-in arguments, to reverse a view's address once and write each key into it: a
# slug where the view takes one, else a number. Keys of the same form come out of
# reverse() unchanged; others go through it.
_STAND_INS = (("stand-in", re.compile(r"[-a-zA-Z0-9_]+")), ("8675309", re.compile(r"[0-9]+")))


class Addresses:
    """Pages' addresses, each view's reversed once per list with its key written into it
    (a list names a few hundred; reverse() was a sixth of the largest event page's
    rendering). Returns the address as reverse() does, unescaped."""

    def __init__(self) -> None:
        self._around: dict[str, tuple[str, str, re.Pattern] | None] = {}

    def __call__(self, view: str, key: object) -> str:
        if view not in self._around:
            self._around[view] = _around_key(view)
        key = str(key)
        around = self._around[view]
        if around is None or not around[2].fullmatch(key):
            return reverse(view, args=[key])
        return f"{around[0]}{key}{around[1]}"

    def html(self, view: str, key: object) -> str:
        """The address, escaped for an attribute."""
        return esc(self(view, key))


def _around_key(view: str) -> tuple[str, str, re.Pattern] | None:
    """What comes before and after a key in the view's address, and the keys written
    that way (None: every key goes through reverse())."""
    for stand_in, keys in _STAND_INS:
        try:
            parts = reverse(view, args=[stand_in]).split(stand_in)
        except NoReverseMatch:
            continue
        return (parts[0], parts[1], keys) if len(parts) == 2 else None
    return None
