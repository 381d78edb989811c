"""Folding of names and URLs into comparison keys.

One function per kind of key, used wherever two spellings must be recognised
as the same thing: alias uniqueness, admin search, import, and the search of quotes
for a name under any of its spellings.
"""

import functools
import re
import unicodedata
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.utils.text import slugify

# Apostrophes, primes and quotation marks that transliterations use
# interchangeably: "Kata'ib", "Kata’ib", "Kataʼib" are one name.
_QUOTE_MARKS = "'\"`´‘’‚‛“”„‟′″‹›«»ʹʺʻʼʽʾʿˈ＂＇"
# Hyphens and dashes of every width fold to a space.
_DASHES = "-‐‑‒–—―⁃−﹘﹣－"
_TRANSLATE = {ord(ch): None for ch in _QUOTE_MARKS} | {ord(ch): " " for ch in _DASHES}
# Between Arabic-script letters, the zero-width non-joiner parts the pieces of a Persian
# compound (سپاه‌پاسداران) where a keyboard without it types a space: it folds to a
# space. Anywhere else it is dropped with the other invisible characters, so that it
# cannot split a Latin name ("Kata<ZWNJ>ib") into a new spelling.
_PERSIAN_ZWNJ = re.compile(r"(?<=[\u0600-\u06ff])\u200c+(?=[\u0600-\u06ff])")
# "al-Muhandis", "al Muhandis", "Al Muhandis" and "el-Muhandis" are one name.
_ARTICLE = re.compile(r"\b[ae]l\s+(?=\w)")
_SPACES = re.compile(r"\s+")

# Arabic-script letters written interchangeably across Arabic and Persian, and across
# hands and keyboards, folded to one letter each. Applied after the marks are dropped,
# so that the hamza and madda forms (أ إ آ ؤ ئ) have already lost their mark (NFKD
# splits them into the bare letter and a combining mark: أ → ا, ؤ → و, ئ → ي), as have
# the harakat (fatha, kasra, damma, sukun, shadda, tanwin) and the Quranic marks.
ARABIC_SCRIPT_FOLDS = {
    "\u0640": "",  # tatweel, the stretching stroke: الحشـــد → الحشد
    "\u0671": "\u0627",  # alef wasla → alef
    "\u06cc": "\u064a",  # Persian ye → Arabic ya: سلیمانی → سليماني
    "\u0649": "\u064a",  # alef maqsura → ya: مصطفى → مصطفي
    "\u06d2": "\u064a",  # barree ye (Urdu) → ya
    "\u06a9": "\u0643",  # keheh (Persian kaf) → kaf: کتائب → كتائب
    "\u06aa": "\u0643",  # swash kaf → kaf
    "\u0629": "\u0647",  # ta marbuta → ha: مدرسة → مدرسه
    "\u06c0": "\u0647",  # heh with yeh above (Persian ezafe) → ha
    "\u06c1": "\u0647",  # heh goal → ha
    "\u06d5": "\u0647",  # ae → ha (what ۀ leaves once its mark is dropped)
    # Quranic small waw and small ya: Unicode counts them as letters, not marks, so
    # dropping the marks keeps them; in a name they are vocalisation, like the harakat.
    "\u06e5": "",
    "\u06e6": "",
    # Arabic-Indic and Persian digits → ASCII digits: ٢٢ and ۲۲ are 22.
    **{chr(0x0660 + d): str(d) for d in range(10)},
    **{chr(0x06F0 + d): str(d) for d in range(10)},
}
_ARABIC_SCRIPT = str.maketrans(ARABIC_SCRIPT_FOLDS)


# An import resolves the same few thousand names over and over; bounded, as an import
# of many events folds each title too (a cache of 100,000 held 30 MB of them).
@functools.lru_cache(maxsize=10_000)
def normalize_name(name: str) -> str:
    """Return the comparison key of a person's or actor's name.

    NFKC, invisible format characters (zero-width joiner and non-joiner,
    direction marks) dropped, case folded, diacritics and Arabic-script marks
    removed, Arabic-script letter variants folded (ARABIC_SCRIPT_FOLDS),
    apostrophes and quotes removed, dashes made spaces, the Arabic article
    joined to its word, whitespace collapsed.
    """
    return fold_text(name)


def fold_text(text: str) -> str:
    """Fold any text by the rules of `normalize_name`, so that a name is found in it under
    any spelling: the key of "Kata’ib Hezbollah" is in the folding of a quote that prints
    "Kataib Hezbollah". Not cached, unlike names: quotes are long and rarely repeat."""
    # Quote marks go before NFKC too: it decomposes the acute accent into a space.
    text = unicodedata.normalize("NFKC", _PERSIAN_ZWNJ.sub(" ", text).translate(_TRANSLATE))
    # The walks a character at a time are skipped for ASCII text, which has no invisible
    # format character nor combining mark: most quotes, which an import folds by the
    # hundred thousand.
    if not text.isascii():
        text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    text = text.casefold()
    text = unicodedata.normalize("NFKD", text)
    if not text.isascii():
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.translate(_ARABIC_SCRIPT).translate(_TRANSLATE)
    text = _SPACES.sub(" ", text).strip()
    text = _ARTICLE.sub("al", text)
    return unicodedata.normalize("NFC", text)


_WORD = re.compile(r"\w+")


def fold_words(text: str) -> str:
    """The words of `text` folded (`fold_text`), one space apart, punctuation dropped:
    "U.S." and "U. S." are both "u s"."""
    return " ".join(_WORD.findall(fold_text(text)))


def searchable_words(*texts: str) -> str:
    """What quote search looks through: each text's folded words, with a space at either
    end and a bar between texts, so that a name searched as `f" {fold_words(name)} "`
    is found only as whole words, and never across two texts."""
    return f" {' | '.join(fold_words(text) for text in texts if text)} "


_DEFAULT_PORTS = {"http": 80, "https": 443}
_TRACKING_PARAMS = {"fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "ref_src"}


@functools.lru_cache(maxsize=10_000)  # a spreadsheet's rows cite a source row after row
def normalize_url(url: str) -> str:
    """Return the duplicate-detection key of a URL ("" for a blank URL).

    http and https, "www.", default ports, a trailing slash, the fragment and
    tracking parameters (utm_*, fbclid, ...) do not make a different document.
    """
    url = url.strip()
    if not url:
        return ""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().removeprefix("www.")
    try:
        port = parts.port
    except ValueError:  # an impossible port: the URL validator reports it
        port = None
    if port is not None and port != _DEFAULT_PORTS.get(scheme):
        host = f"{host}:{port}"
    path = re.sub(r"/+$", "", parts.path) or ""
    query = sorted(
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if not key.lower().startswith("utm_") and key.lower() not in _TRACKING_PARAMS
    )
    return urlunsplit(("", host, path, urlencode(query), "")).removeprefix("//")


SLUG_LENGTH = 50


def short_slug(text: str, limit: int = SLUG_LENGTH) -> str:
    """`text` as a slug of at most `limit` characters, cut after its last whole word
    that fits (mid-word only when a word is longer than half the limit). The admin's
    slug fields shorten the same way (static/claims/admin/short-slug.js)."""
    slug = slugify(text)
    if len(slug) <= limit:
        return slug
    cut = slug.rfind("-", 0, limit + 1)
    return (slug[:cut] if cut >= limit / 2 else slug[:limit]).strip("-")
