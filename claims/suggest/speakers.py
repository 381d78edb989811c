"""Who speaks in a unit, for which part of it, and who a pronoun or a description stands for.

- The speaker is the subject of the first reporting verb or speaking stance outside
  quotation marks ("Mark Milley said", "the U.S. declared", "Iran denied"), or the name
  after it where it follows a quotation or reads "according to" ("…,” said Renad
  Mansour"). A participle ("…, saying", "calling it") speaks for the sentence's first
  named person, else its subject. A pronoun speaks only right before its verb ("she said").
- A speaker covers the unit from its own name on: what comes before it ("U.S. forces
  struck…, killing a commander that U.S. officials say was responsible") is the
  source's own voice, unless the attribution closes the sentence ("…, police said") or
  follows a quotation. A clause after ", which" is the writer's again.
- "he said", "she said" stand for the last person who spoke or was named; "they", "it"
  for the last actor; "the prime minister" for the last person named with that title;
  "the protesters" for the last actor named with that word; "its statement" for the
  last subject.
- A unit that is mostly quotation, with no speaker of its own, goes on in the voice of
  the unit before it in the same paragraph; so does a paragraph under a social-media
  byline ("Rania Khalek @RaniaKhalek …").
- A person speaks for the actor they were affiliated with on the day of the statement.
- With no speaker, the source speaks in its own voice: every claimant field is empty.
"""

import datetime
import re
from dataclasses import dataclass, field, replace

from claims.suggest.document import Document, Referent, Unit

SPEAKER_KINDS = {"person", "actor", "description", "pronoun", "anaphor", "unknown"}
_CLOSING_QUOTES = '”"»“'
_HANDLE = re.compile(r"\s*@\w+")
# How far before its verb a speaker's name may stand, in words.
SUBJECT_REACH = 25


@dataclass(frozen=True)
class Speaker:
    mention: str
    actor: str | None = None
    person: str | None = None
    description: str = ""
    referent: Referent | None = None
    inherited: bool = False
    # The tokens it speaks for: [covers_from, covers_to).
    covers_from: int = 0
    covers_to: int = 1 << 30

    def covers(self, token: int) -> bool:
        return self.covers_from <= token < self.covers_to


@dataclass
class Memory:
    """What earlier units said, for pronouns and quotations that follow them."""

    people: list[str] = field(default_factory=list)  # persons named, in order
    named: list[tuple[str, str]] = field(default_factory=list)  # (actor, last folded word)
    last_person_speaker: str | None = None
    last_actor: str | None = None
    last_group: str | None = None  # last armed group named
    last_subject: Speaker | None = None
    last_agent: tuple[str | None, str] | None = None  # (actor, mention) of the last act
    # Units read since an actor was last named, and since the last act.
    actor_age: int = 0
    agent_age: int = 0
    last_attributed: tuple[str | None, str] | None = None
    speaker: Speaker | None = None
    speaker_paragraph: int = -1
    byline: Speaker | None = None
    byline_paragraph: int = -1


def person_speaker(document: Document, referent: Referent, person: str, day) -> Speaker:
    affiliation = document.gazetteer.affiliation_on(person, day)
    actor = referent.actor if referent.kind == "actor" else None
    return Speaker(
        referent.text, actor or (affiliation.actor if affiliation else None), person, "", referent
    )


def resolve(
    document: Document, referent: Referent, memory: Memory, day: datetime.date | None
) -> Speaker | None:
    """The speaker a referent names, following pronouns and titles to whom they stand for."""
    lexicon, gazetteer = document.lexicon, document.gazetteer
    if referent.person is not None:
        return person_speaker(document, referent, referent.person, day)
    if referent.kind in ("actor", "demonym"):
        return Speaker(referent.text, referent.actor, None, "", referent)
    if referent.kind == "unknown":
        return Speaker(referent.text, None, None, "", referent)
    if referent.kind == "pronoun":
        if referent.word in lexicon.person_pronouns:
            person = memory.last_person_speaker or (memory.people[-1] if memory.people else None)
            return person_speaker(document, referent, person, day) if person else None
        if referent.word in lexicon.first_person and memory.speaker is not None:
            return memory.speaker
        if memory.last_actor is not None and memory.actor_age == 0:
            return Speaker(referent.text, memory.last_actor, None, "", referent)
        return None
    if referent.kind == "anaphor":
        if memory.last_group is not None:
            return Speaker(referent.text, memory.last_group, None, "", referent)
        return None
    text = referent.text.casefold()
    if text.startswith(("its ", "their ")) and memory.last_subject is not None:
        return replace(memory.last_subject, mention=referent.text, referent=referent)
    definite = referent.word and text.startswith(("the ", "this "))
    # "the prime minister": the person last named with that title.
    for person in reversed(memory.people) if definite else ():
        entry = gazetteer.people.get(person)
        titles = [a.title.casefold() for a in entry.affiliations] if entry else []
        if any(referent.word == title or title.endswith(" " + referent.word) for title in titles):
            return person_speaker(document, referent, person, day)
    # "the protesters": the actor last named with that word ("Iraqi Shia protesters").
    for actor, last_word in reversed(memory.named) if definite else ():
        if last_word == referent.word.split()[-1]:
            return Speaker(referent.text, actor, None, "", referent)
    return Speaker(referent.text, referent.actor, None, referent.description, referent)


def _coverage(document: Document, unit: Unit, first: int, cue_last: int) -> tuple[int, int]:
    """The tokens a speaker named at `first` with its verb ending at `cue_last` speaks for."""
    tokens, text, lexicon = document.tokens, document.text, document.lexicon
    if unit.stop - cue_last <= 4:  # "…, police said."
        return unit.first, unit.stop
    end = unit.stop
    for at in range(cue_last + 1, unit.stop):
        if (
            tokens[at].word in lexicon.relatives
            and "," in text[tokens[at - 1].end : tokens[at].start]
        ):
            end = at
            break
    return min(first, cue_last), end


def find_speaker(
    document: Document, unit: Unit, memory: Memory, day: datetime.date | None
) -> Speaker | None:
    tokens, text = document.tokens, document.text
    for referent in unit.referents:
        if referent.kind == "person" and _HANDLE.match(text, referent.end):
            speaker = resolve(document, referent, memory, day)
            memory.byline, memory.byline_paragraph = speaker, unit.paragraph
            return speaker
    speech = [
        cue
        for cue in unit.cues
        if (cue.family == "reporting" or cue.cue.speech)
        and not unit.in_quote(tokens[cue.first].start)
        # "no casualties were reported": nobody speaks.
        and not (cue.first > unit.first and tokens[cue.first - 1].word in document.lexicon.passive)
    ]
    outside = [
        r
        for r in unit.referents
        if r.kind in SPEAKER_KINDS and not unit.in_quote(r.start) and not _compound(text, r)
    ]
    for cue in speech:
        cue_start = tokens[cue.first].start
        just_before = text[max(unit.start, cue_start - 4) : cue_start]
        inverted = cue.cue.words[:2] == ("according", "to") or any(
            mark in just_before for mark in _CLOSING_QUOTES
        )
        referent = None
        if inverted:
            referent = next((r for r in outside if cue.last < r.first <= cue.last + 3), None)
        if referent is None:
            candidates = [
                r
                for r in outside
                if r.last < cue.first
                and cue.first - r.last <= SUBJECT_REACH
                and not _is_modifier(document, unit, r)
                # A pronoun or an unknown name speaks only right before its verb.
                and (r.kind not in ("pronoun", "unknown") or cue.first - r.last <= 2)
            ]
            if cue.cue.words[-1].endswith("ing"):
                # "…, saying": the sentence's first person, else its subject, unless a
                # name stands right before it ("with officials calling it").
                adjacent = [
                    r
                    for r in outside
                    if r.last == cue.first - 1 and "," not in text[r.end : tokens[cue.first].start]
                ]
                people = [r for r in outside if r.kind == "person" and r.last < cue.first]
                candidates = adjacent or people[:1] or candidates[:1]
            referent = candidates[-1] if candidates else None
        if referent is None and not inverted:
            referent = next(
                (
                    r
                    for r in outside
                    if cue.last < r.first <= cue.last + 2 and r.kind in ("person", "unknown")
                ),
                None,
            )
            inverted = referent is not None
        if referent is not None:
            speaker = resolve(document, referent, memory, day)
            title = next((r for r in outside if r.last == referent.first - 1), None)
            titled = title is not None and title.kind == "description"
            if speaker is not None and referent.kind == "unknown" and titled:
                # "Foreign Ministry spokesman Abbas Mousavi": the title describes the name.
                speaker = replace(speaker, description=title.text, actor=title.actor)
            if speaker is not None:
                if inverted:
                    return replace(speaker, covers_from=unit.first, covers_to=unit.stop)
                covers_from, covers_to = _coverage(document, unit, referent.first, cue.last)
                return replace(speaker, covers_from=covers_from, covers_to=covers_to)
    quoted = sum(min(end, unit.end) - max(start, unit.start) for start, end in unit.quotes)
    previous = memory.speaker
    if (
        unit.quotes
        and previous is not None
        and memory.speaker_paragraph == unit.paragraph
        and quoted >= (unit.end - unit.start) * 0.6
    ):
        return replace(previous, inherited=True, covers_from=unit.first, covers_to=unit.stop)
    if memory.byline is not None and memory.byline_paragraph == unit.paragraph:
        return replace(memory.byline, inherited=True, covers_from=unit.first, covers_to=unit.stop)
    return None


def _compound(text: str, referent: Referent) -> bool:
    """ "Iran-aligned", "U.S.-Iraq": the name qualifies the word it is joined to."""
    return (
        text[referent.end : referent.end + 1] in ("-", "‐")
        and text[referent.end + 1 : referent.end + 2].isalpha()
    )


def _is_modifier(document: Document, unit: Unit, referent: Referent) -> bool:
    """A name qualifying the noun after it ("U.S. strikes"), or after a preposition, is no
    subject."""
    tokens, lexicon = document.tokens, document.lexicon
    after = referent.last + 1
    if after < unit.stop:
        word = tokens[after].word
        if any(cue.first == after and cue.family == "act" for cue in unit.cues):
            return True
        if (word,) in lexicon.armed_nouns and referent.kind != "description":
            return True
    before = referent.first - 1
    if before >= unit.first:
        word = tokens[before].word
        if word == "the" and before - 1 >= unit.first:
            word = tokens[before - 1].word
        if word in lexicon.places or word in lexicon.targets or word in ("of", "to", "with", "for"):
            return True
    return False
