"""A text read once: folded, cut into words, sentences and quotations, its names found.

The reading unit is the sentence; sentences that one quotation runs across are read as
one unit, so that a suggestion's quote is a whole sentence or a whole quotation. Every
unit carries its cues and its *referents*: the spans that may name who speaks or who
acted, each with what it names:

- a gazetteer mention (an actor, a person) or a nationality word standing for its state
  where it qualifies arms or armed people ("Israeli drone", "the Americans");
- a person's name followed by "administration" or "government": that person's actor;
- a description of an unnamed speaker ("U.S. officials", "an Iraqi official", "Iranian
  state television"), with the actor it names if any;
- a pronoun or a word standing for a group named before ("she", "it", "the militia");
- a capitalised name the gazetteer does not know ("Abbas Mousavi"), kept with no slug.
"""

import bisect
import datetime
import re
from dataclasses import dataclass, field

from claims.suggest.cues import CueMatch, Token, match_cues
from claims.suggest.folding import fold_text
from claims.suggest.gazetteer import Gazetteer, Mention
from claims.suggest.lexicon import Lexicon, Phrases
from claims.suggest.quotations import find_quotations
from claims.suggest.sentences import split_sentences

_WORD = re.compile(r"\w+")
_DEFINITE = {"the", "these", "this", "those", "that"}
_DETERMINERS = _DEFINITE | {"a", "an", "one", "some", "several", "two", "three", "other"}
_NAME_WORD = re.compile(
    r"[A-Z\u00C0-\u024F][\w’'.-]*|(?:al|el|bin|ibn|bint|abu|de|van|von)-?[A-Z]?\w*"
)


@dataclass(frozen=True)
class Referent:
    kind: str  # actor, person, demonym, description, pronoun, anaphor, unknown
    first: int  # token indexes, inclusive
    last: int
    start: int  # offsets in the original text
    end: int
    text: str
    actor: str | None = None
    person: str | None = None
    description: str = ""
    word: str = ""  # the folded pronoun or anaphor


@dataclass
class Unit:
    start: int
    end: int
    first: int  # its tokens: tokens[first:stop]
    stop: int
    paragraph: int
    cues: list[CueMatch] = field(default_factory=list)
    referents: list[Referent] = field(default_factory=list)
    quotes: list[tuple[int, int]] = field(default_factory=list)

    def in_quote(self, offset: int) -> bool:
        return any(start <= offset < end for start, end in self.quotes)


@dataclass
class Document:
    text: str
    tokens: list[Token]
    units: list[Unit]
    lexicon: Lexicon
    gazetteer: Gazetteer
    published_on: datetime.date | None


def _tokens(folded) -> list[Token]:
    origin = folded.origin
    return [
        Token(match.group(), origin[match.start()], origin[match.end() - 1] + 1)
        for match in _WORD.finditer(folded.folded)
    ]


def _units(
    text: str, sentences: list[tuple[int, int]], quotes: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Sentences, merged where a quotation runs from one into the next."""
    merged: list[tuple[int, int]] = []
    quote_index = 0
    for start, end in sentences:
        while quote_index < len(quotes) and quotes[quote_index][1] <= start:
            quote_index += 1
        if merged:
            previous_start, previous_end = merged[-1]
            crossing = any(
                q_start < previous_end and q_end > start and q_end - q_start < 3000
                for q_start, q_end in quotes[max(0, quote_index - 2) : quote_index + 2]
            )
            same_paragraph = "\n" not in text[previous_end:start]
            if crossing and same_paragraph:
                merged[-1] = (previous_start, end)
                continue
        merged.append((start, end))
    return merged


def read_document(
    text: str, gazetteer: Gazetteer, lexicon: Lexicon, published_on: datetime.date | None
) -> Document:
    folded = fold_text(text)
    tokens = _tokens(folded)
    starts = [token.start for token in tokens]
    quotes = find_quotations(text)
    sentences = split_sentences(text, lexicon.abbreviations, lexicon.openers)
    mentions = gazetteer.find_mentions(folded, lexicon.demonyms)
    mention_starts = [m.start for m in mentions]
    quote_starts = [q[0] for q in quotes]
    line_breaks = [i for i, c in enumerate(text) if c == "\n"]
    units = []
    for start, end in _units(text, sentences, quotes):
        first = bisect.bisect_left(starts, start)
        stop = bisect.bisect_left(starts, end)
        unit = Unit(start, end, first, stop, bisect.bisect_left(line_breaks, start))
        unit.cues = match_cues(tokens, first, stop, lexicon, text)
        low = bisect.bisect_left(quote_starts, start) - 1
        unit.quotes = [q for q in quotes[max(0, low) :] if q[0] < end and q[1] > start]
        unit_mentions = mentions[
            bisect.bisect_left(mention_starts, start) : bisect.bisect_left(mention_starts, end)
        ]
        unit.referents = _referents(unit, unit_mentions, tokens, text, gazetteer, lexicon, starts)
        units.append(unit)
    return Document(text, tokens, units, lexicon, gazetteer, published_on)


def _token_range(starts: list[int], tokens: list[Token], start: int, end: int) -> tuple[int, int]:
    first = bisect.bisect_left(starts, start)
    last = bisect.bisect_left(starts, end) - 1
    return first, max(first, last)


def _phrase_at(tokens: list[Token], at: int, stop: int, phrases: Phrases) -> int:
    """The length in words of the longest phrase of `phrases` starting at token `at`."""
    if tokens[at].word not in phrases.firsts:
        return 0
    best = 0
    for length in (1, 2, 3):
        if at + length <= stop and tuple(t.word for t in tokens[at : at + length]) in phrases:
            best = length
    return best


def _referents(
    unit: Unit,
    mentions: list[Mention],
    tokens: list[Token],
    text: str,
    gazetteer: Gazetteer,
    lexicon: Lexicon,
    starts: list[int],
) -> list[Referent]:
    found: list[Referent] = []
    taken: set[int] = set()  # token indexes already inside a referent

    def add(referent: Referent) -> None:
        found.append(referent)
        taken.update(range(referent.first, referent.last + 1))

    for mention in mentions:
        first, last = _token_range(starts, tokens, mention.start, mention.end)
        if mention.kind == "demonym":
            plural = mention.text.lower().endswith("s") and tokens[first - 1].word == "the"
            armed = any(
                _phrase_at(tokens, at, unit.stop, lexicon.armed_nouns)
                for at in (last + 1, last + 2)
                if at < unit.stop
            )
            if not (plural or armed):
                continue
            add(
                Referent(
                    "demonym", first, last, mention.start, mention.end, mention.text, mention.slug
                )
            )
        elif mention.kind == "person":
            after = tokens[last + 1].word if last + 1 < unit.stop else ""
            if after in lexicon.government_of_person:
                affiliation = gazetteer.affiliation_on(mention.slug, None)
                if affiliation is not None:
                    end = tokens[last + 1].end
                    add(
                        Referent(
                            "actor",
                            first,
                            last + 1,
                            mention.start,
                            end,
                            text[mention.start : end],
                            affiliation.actor,
                            person=mention.slug,
                        )
                    )
                    continue
            add(
                Referent(
                    "person",
                    first,
                    last,
                    mention.start,
                    mention.end,
                    mention.text,
                    person=mention.slug,
                )
            )
        else:
            add(
                Referent(
                    "actor", first, last, mention.start, mention.end, mention.text, mention.slug
                )
            )

    # Descriptions of unnamed speakers, built leftwards from their head noun.
    at = unit.first
    while at < unit.stop:
        length = _phrase_at(tokens, at, unit.stop, lexicon.speaker_nouns)
        if not length or at in taken:
            at += 1
            continue
        head_last = at + length - 1
        left = at
        inner_actor = None
        while left - 1 >= unit.first:
            previous = tokens[left - 1]
            inside = next((r for r in found if r.first <= left - 1 <= r.last), None)
            if inside is not None and inside.kind in ("actor", "demonym"):
                # "U.S. officials": the name that qualifies the description ends it.
                inner_actor = inner_actor or inside.actor
                left = inside.first
                break
            if inside is not None and inside.kind == "description":
                # "Foreign Ministry spokesman": one description.
                inner_actor = inner_actor or inside.actor
                left = inside.first
                continue
            if inside is not None:
                break
            if "," in text[previous.end : tokens[left].start]:
                break
            if previous.word in lexicon.speaker_modifiers or (
                text[previous.start].isupper() and previous.word not in lexicon.not_names
            ):
                left -= 1
                continue
            if previous.word in lexicon.demonyms:
                inner_actor = inner_actor or gazetteer.actor_named(lexicon.demonyms[previous.word])
                left -= 1
                continue
            break
        start, end = tokens[left].start, tokens[head_last].end
        found[:] = [r for r in found if not (left <= r.first and r.last <= head_last)]
        add(
            Referent(
                "description",
                left,
                head_last,
                start,
                end,
                text[start:end],
                inner_actor,
                description=text[start:end],
                word=" ".join(t.word for t in tokens[at : head_last + 1]),
            )
        )
        at = head_last + 1

    for at in range(unit.first, unit.stop):
        if at in taken:
            continue
        token = tokens[at]
        lower_case = (
            not text[token.start].isupper() or at == unit.first or text[token.start - 1] in '“"«'
        )
        if not lower_case:
            continue
        if token.word in lexicon.person_pronouns or token.word in lexicon.group_pronouns:
            add(
                Referent(
                    "pronoun",
                    at,
                    at,
                    token.start,
                    token.end,
                    text[token.start : token.end],
                    word=token.word,
                )
            )
            continue
        length = _phrase_at(tokens, at, unit.stop, lexicon.group_anaphors)
        if length:
            last = at + length - 1
            add(
                Referent(
                    "anaphor",
                    at,
                    last,
                    token.start,
                    tokens[last].end,
                    text[token.start : tokens[last].end],
                    word=" ".join(t.word for t in tokens[at + 1 : last + 1]),
                )
            )

    # Armed groups named without saying which: "a militia group", "these militias".
    for at in range(unit.first, unit.stop):
        length = _phrase_at(tokens, at, unit.stop, lexicon.group_nouns)
        if not length or any(i in taken for i in range(at, at + length)):
            continue
        left = at
        while (
            left - 1 >= unit.first
            and left - 1 not in taken
            and (
                tokens[left - 1].word in _DETERMINERS - {"that"}
                or tokens[left - 1].word in lexicon.act_modifiers
            )
        ):
            left -= 1
        last = at + length - 1
        start, end = tokens[left].start, tokens[last].end
        definite = tokens[left].word in _DEFINITE
        add(
            Referent(
                "anaphor" if definite else "unknown",
                left,
                last,
                start,
                end,
                text[start:end],
                word=" ".join(t.word for t in tokens[at : last + 1]),
            )
        )

    # Names the gazetteer does not know: runs of capitalised words.
    at = unit.first
    while at < unit.stop:
        token = tokens[at]
        if (
            at in taken
            or not text[token.start].isupper()
            or token.word in lexicon.not_names
            or token.word in lexicon.demonyms
            or text[token.start - 1 : token.start] in ("-", "‐")
        ):
            at += 1
            continue
        last = at
        while (
            last + 1 < unit.stop
            and last + 1 not in taken
            and _NAME_WORD.fullmatch(text[tokens[last + 1].start : tokens[last + 1].end])
            and tokens[last + 1].start - tokens[last].end <= 2
            and tokens[last + 1].word not in lexicon.not_names
        ):
            last += 1
        start, end = token.start, tokens[last].end
        # A lone capitalised word opening the sentence is more often a word than a name.
        if not (at == unit.first and last == at):
            add(Referent("unknown", at, last, start, end, text[start:end]))
        at = last + 1

    found.sort(key=lambda r: r.first)
    return found
