"""The API's JSON, written by orjson: the same bytes as DRF's renderer, several times
faster for a long list.

DRF's renderer calls the standard library's encoder with DRF's `default` (lazy
translations, dates and times, decimals…). orjson is given the same `default` for every
type it does not write itself the way DRF does (dates and times are passed to it), and
writes the rest as the standard encoder does: compact separators, non-ASCII kept as
UTF-8, the same escapes. Where the two would differ, DRF's renderer writes the answer:

- indented JSON (`Accept: application/json; indent=4`, the browsable API);
- dictionary keys that are not strings (the standard encoder turns them into strings),
  integers beyond 64 bits, strings that are not valid Unicode: orjson refuses them;
- a float written with an exponent or below 0.0001 (`1e-05`, `1e+16`: orjson writes
  `0.00001`, `1e16`). Such an answer is found by looking for those forms in what orjson
  wrote, strings included, which may send a few answers to DRF's renderer for nothing.

And as DRF does, U+2028 and U+2029 are escaped, so that the JSON is also JavaScript.

One difference is left: a float that is not a number or is infinite is written `null`
by orjson where the standard encoder refuses it (a server error). No field of the API
holds one (the only floats are quote similarities and suggestion confidences, ratios).
"""

import orjson
from rest_framework import renderers
from rest_framework.utils.encoders import JSONEncoder

_OPTIONS = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS
# Every digit as 0, so that a digit before an exponent is found by two plain searches
# (a regular expression takes longer than orjson's whole work on a long list).
_DIGITS_AS_ZERO = bytes.maketrans(b"123456789", b"000000000")


def _floats_written_otherwise(rendered: bytes) -> bool:
    """Whether orjson may have written a float otherwise than Python's repr() (which the
    standard encoder uses): with an exponent, or below 0.0001 without one."""
    if b"0.0000" in rendered:
        return True
    digits_as_zero = rendered.translate(_DIGITS_AS_ZERO)
    return b"0e" in digits_as_zero or b"0E" in digits_as_zero


class JSONRenderer(renderers.JSONRenderer):
    _default = staticmethod(JSONEncoder().default)

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None:
            return b""
        if (
            not self.compact
            or self.ensure_ascii
            or not self.strict
            or self.get_indent(accepted_media_type, renderer_context or {}) is not None
        ):
            return super().render(data, accepted_media_type, renderer_context)
        try:
            rendered = orjson.dumps(data, default=self._default, option=_OPTIONS)
        except orjson.JSONEncodeError:
            return super().render(data, accepted_media_type, renderer_context)
        if _floats_written_otherwise(rendered):
            return super().render(data, accepted_media_type, renderer_context)
        return rendered.replace(b"\xe2\x80\xa8", b"\\u2028").replace(b"\xe2\x80\xa9", b"\\u2029")
