"""Grammatical number for the phrases the tracker writes around editors' words.

A claim reads "<claimant> <stance> <actor> as <role>": the verb agrees with who speaks.
A person is one speaker; an actor is singular or plural as its record says
(Actor.grammatical_number: "the Houthis claim", "the United States denies"); a
description an editor typed ("unnamed U.S. officials", "a senior official") has no such
field, so its number is read from its head noun, the last word before a qualifier
("officials" in "officials of the ministry", "spokesman" in "spokesman for the army").
"""

import functools
import re

SINGULAR = "singular"
PLURAL = "plural"

# Words that start a qualifier after the head noun: "officials of the ministry".
_QUALIFIERS = {"of", "for", "from", "in", "at", "with", "to", "on", "who", "that", "close"}
# Nouns ending in -s that are singular, and plurals that do not end in -s.
_SINGULAR_IN_S = {
    *("news", "press", "series", "status", "campus", "corps", "means", "analysis", "crisis"),
    *("basis", "bus", "gas", "class", "boss", "witness", "address", "congress", "hamas"),
}
_PLURAL_WITHOUT_S = {"people", "police", "media", "men", "women", "children", "militiamen"}
_WORD = re.compile(r"[^\W\d_][\w’'.-]*", re.UNICODE)


def _folded(word: str, *, first: bool = False) -> str:
    """The word lowered; "" for a name, an abbreviation or an acronym ("The New York
    Times", "the Pentagon", "the U.S.", "the IRGC"): one body, singular, as an actor's
    name would be were it recorded as one."""
    if "." in word.rstrip(".") or (word.isupper() and len(word) > 1):
        return ""
    if word[:1].isupper() and not first:
        return ""
    return word.lower()


def head_noun(description: str) -> str:
    """The last word before the first qualifier (or a comma, or a bracket)."""
    before = re.split(r"[,(;:]", description, maxsplit=1)[0]
    # An abbreviation or acronym ("the U.S.", "the IRGC") names one body.
    found = _WORD.findall(before)
    # The first word may be capitalised as the start of a sentence: "Officials in Baghdad".
    words = [_folded(word, first=n == 0 and len(found) > 1) for n, word in enumerate(found)]
    head = ""
    for word in words:
        if word in _QUALIFIERS and head:
            break
        head = word
    return head


# A page names the same few descriptions on hundreds of claims: read each once.
@functools.lru_cache(maxsize=4096)
def number_of_description(description: str) -> str:
    """PLURAL for "unnamed U.S. officials", "Iraqi security sources", "local people";
    SINGULAR for "a senior official", "The New York Times", "the press", "" (nobody)."""
    head = head_noun(description)
    if head in _PLURAL_WITHOUT_S:
        return PLURAL
    if not head or head in _SINGULAR_IN_S or len(head) < 3 or head.endswith(("ss", "us")):
        return SINGULAR
    return PLURAL if head.endswith("s") else SINGULAR
