"""Who speaks in a unit, and who a pronoun or a description stands for.

- The speaker is the subject of the first reporting verb or speaking stance outside
  quotation marks ("Mark Milley said", "the U.S. declared", "Iran denied"), or the name
  after it where it follows a quotation or reads "according to" ("…,” said Renad
  Mansour"). A participle ("…, saying", "calling it") speaks for the sentence's first
  named person, else its subject.
- "he said", "she said" stand for the last person who spoke or was named; "they", "it"
  for the last actor; "the prime minister" for the last person named with that title.
- A unit that is only a quotation, with no speaker of its own, goes on in the voice of
  the unit before it in the same paragraph.
- A person speaks for the actor they were affiliated with on the day of the statement.
- With no speaker, the source speaks in its own voice: every claimant field is empty.
"""

import datetime
from dataclasses import dataclass, field

from claims.suggest.document import Document, Referent, Unit

SPEAKER_KINDS = {"person", "actor", "description", "pronoun", "anaphor", "unknown"}
_CLOSING_QUOTES = '”"»“'


@dataclass(frozen=True)
class Speaker:
    mention: str
    actor: str | None = None
    person: str | None = None
    description: str = ""
    referent: Referent | None = None
    inherited: bool = False


@dataclass
class Memory:
    """What earlier units said, for pronouns and quotations that follow them."""

    people: list[str] = field(default_factory=list)  # persons named, in order
    last_person_speaker: str | None = None
    last_actor: str | None = None
    last_group: str | None = None  # last armed group named
    last_agent: tuple[str | None, str] | None = None  # (actor, mention) of the last act
    last_attributed: tuple[str | None, str] | None = None
    speaker: Speaker | None = None
    speaker_paragraph: int = -1


def person_speaker(document: Document, referent: Referent, person: str, day) -> Speaker:
    affiliation = document.gazetteer.affiliation_on(person, day)
    return Speaker(referent.text, affiliation.actor if affiliation else None, person, "", referent)


def resolve(
    document: Document, unit: Unit, referent: Referent, memory: Memory, day: datetime.date | None
) -> Speaker | None:
    """The speaker a referent names, following pronouns and titles to whom they stand for."""
    lexicon, gazetteer = document.lexicon, document.gazetteer
    if referent.kind == "person":
        return person_speaker(document, referent, referent.person, day)
    if referent.kind in ("actor", "demonym"):
        return Speaker(referent.text, referent.actor, None, "", referent)
    if referent.kind == "unknown":
        return Speaker(referent.text, None, None, "", referent)
    if referent.kind == "pronoun":
        if referent.word in lexicon.person_pronouns:
            person = memory.last_person_speaker or (memory.people[-1] if memory.people else None)
            if person is not None:
                return person_speaker(document, referent, person, day)
            return None
        if referent.word in lexicon.first_person and memory.speaker is not None:
            return memory.speaker
        if memory.last_actor is not None:
            return Speaker(referent.text, memory.last_actor, None, "", referent)
        return None
    if referent.kind == "anaphor":
        if memory.last_group is not None:
            return Speaker(referent.text, memory.last_group, None, "", referent)
        return None
    # A description: "the prime minister" may be the person last named with that title.
    definite = referent.word and referent.text.casefold().startswith(("the ", "this "))
    for person in reversed(memory.people) if definite else ():
        entry = gazetteer.people.get(person)
        titles = [a.title.casefold() for a in entry.affiliations] if entry else []
        if any(referent.word == title or title.endswith(" " + referent.word) for title in titles):
            return person_speaker(document, referent, person, day)
    return Speaker(referent.text, referent.actor, None, referent.description, referent)


def find_speaker(
    document: Document, unit: Unit, memory: Memory, day: datetime.date | None
) -> Speaker | None:
    tokens, text = document.tokens, document.text
    speech = [
        cue
        for cue in unit.cues
        if (cue.family == "reporting" or cue.cue.speech)
        and not unit.in_quote(tokens[cue.first].start)
    ]
    outside = [r for r in unit.referents if r.kind in SPEAKER_KINDS and not unit.in_quote(r.start)]
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
                and cue.first - r.last <= 14
                and not _is_modifier(document, unit, r)
            ]
            if cue.cue.words[-1].endswith("ing") and candidates:
                people = [r for r in candidates if r.kind == "person"]
                referent = people[0] if people else candidates[0]
            elif candidates:
                referent = candidates[-1]
        if referent is None and not inverted:
            referent = next(
                (
                    r
                    for r in outside
                    if cue.last < r.first <= cue.last + 2 and r.kind in ("person", "unknown")
                ),
                None,
            )
        if referent is not None:
            speaker = resolve(document, unit, referent, memory, day)
            if speaker is not None:
                return speaker
    quoted = sum(end - start for start, end in unit.quotes)
    if (
        unit.quotes
        and memory.speaker is not None
        and memory.speaker_paragraph == unit.paragraph
        and quoted >= (unit.end - unit.start) * 0.6
    ):
        return Speaker(
            memory.speaker.mention,
            memory.speaker.actor,
            memory.speaker.person,
            memory.speaker.description,
            memory.speaker.referent,
            inherited=True,
        )
    return None


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
        if (
            word in lexicon.places
            or word in lexicon.targets
            or word in ("of", "to", "with", "for", "by")
        ):
            return True
    return False
