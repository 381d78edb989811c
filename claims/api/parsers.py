"""The API's JSON parser: DRF's, refusing two kinds of body that Python's json module reads
but that ended in server errors.

- A number too large for a float: `1e999` reads as infinity, which no field can hold
  (`int(inf)` raises OverflowError). Refused as DRF refuses `NaN` and `Infinity`.
- Nesting deeper than MAX_DEPTH: the decoder recurses, and a body of a few thousand `[`
  exhausts the stack (RecursionError). No body of this API nests more than three deep.
"""

import codecs
import math

from django.utils.translation import gettext
from rest_framework import parsers
from rest_framework.exceptions import ParseError
from rest_framework.utils import json

MAX_DEPTH = 32


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"Out of range float values are not JSON compliant: {text!r}")
    return value


def _deeper_than(data, limit: int) -> bool:
    """Whether lists and objects nest more than `limit` deep (without recursion)."""
    pending = [(data, 1)]
    while pending:
        value, depth = pending.pop()
        if isinstance(value, dict):
            children = value.values()
        elif isinstance(value, list):
            children = value
        else:
            continue
        if depth > limit:
            return True
        pending.extend((child, depth + 1) for child in children)
    return False


class JSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        encoding = parsers.get_encoding(parser_context or {})
        too_deep = gettext("JSON parse error - nested more than %(depth)d levels deep.") % {
            "depth": MAX_DEPTH
        }
        try:
            data = json.load(
                codecs.getreader(encoding)(stream),
                parse_constant=json.strict_constant if self.strict else None,
                parse_float=_finite_float,
            )
        except ValueError as error:
            raise ParseError(gettext("JSON parse error - %s") % error) from error
        except RecursionError as error:
            raise ParseError(too_deep) from error
        if _deeper_than(data, MAX_DEPTH):
            raise ParseError(too_deep)
        return data
