"""Every known actor and person under every spelling, found in running text at once.

Built once from plain records (`ActorEntry`, `PersonEntry`: `claims.suggestions` reads
them from the database, the benchmark from the demo data) and reused for every text:
an Aho-Corasick automaton (pyahocorasick) over the folded aliases finds all of them in
one pass over the folded text, in any script.

A mention is kept when it stands between word boundaries (a possessive "’s" after it
is allowed), the longest wins where two overlap ("Kata'ib Hezbollah" over "Hezbollah"),
and an alias written in capitals of five letters or fewer ("US", "IS", "KH") matches only
text in capitals, so that "us" and "is" are not actors. A person's surname (the last word
of the name) is an alias too when no other actor or person has it. Nationality words of
the lexicon ("Israeli", "Americans") are found as `demonym` mentions of the state they
name; the engine decides where they stand for it.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

import ahocorasick

from claims.suggest.folding import FoldedText, fold_name_text

_APOSTROPHES = "'’ʼ`´"


@dataclass(frozen=True)
class ActorEntry:
    slug: str
    name: str
    kind: str = ""
    parent: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class AffiliationEntry:
    actor: str
    title: str = ""
    start: datetime.date | None = None
    end: datetime.date | None = None


@dataclass(frozen=True)
class PersonEntry:
    slug: str
    name: str
    aliases: tuple[str, ...] = ()
    affiliations: tuple[AffiliationEntry, ...] = ()


@dataclass(frozen=True)
class Mention:
    start: int  # offsets in the original text
    end: int
    kind: str  # actor, person, demonym
    slug: str
    text: str


def _is_acronym(alias: str) -> bool:
    letters = [c for c in alias if c.isalpha()]
    return 0 < len(letters) <= 5 and all(c.isupper() for c in letters)


class Gazetteer:
    def __init__(self, actors: Iterable[ActorEntry], people: Iterable[PersonEntry]):
        self.actors = {actor.slug: actor for actor in actors}
        self.people = {person.slug: person for person in people}
        # folded spelling -> (kind, slug, spelled in capitals)
        self.keys: dict[str, tuple[str, str, bool]] = {}
        for actor in self.actors.values():
            for alias in (actor.name, *actor.aliases):
                self._add(alias, "actor", actor.slug)
        for person in self.people.values():
            for alias in (person.name, *person.aliases):
                self._add(alias, "person", person.slug)
        surnames: dict[str, set[str]] = {}
        for person in self.people.values():
            words = fold_name_text(person.name).split()
            if len(words) > 1 and len(words[-1]) >= 4:
                surnames.setdefault(words[-1], set()).add(person.slug)
        for surname, owners in surnames.items():
            if len(owners) == 1 and surname not in self.keys:
                self.keys[surname] = ("person", owners.pop(), False)
        self._automata: dict[tuple, ahocorasick.Automaton] = {}

    def _add(self, alias: str, kind: str, slug: str) -> None:
        key = fold_name_text(alias)
        if key:
            # The first owner keeps a spelling (the database allows only one anyway).
            self.keys.setdefault(key, (kind, slug, _is_acronym(alias)))

    def actor_named(self, name: str) -> str | None:
        found = self.keys.get(fold_name_text(name))
        return found[1] if found and found[0] == "actor" else None

    def lineage(self, slug: str | None) -> list[str]:
        """The actor and every body above it, nearest first."""
        chain: list[str] = []
        while slug is not None and slug not in chain and slug in self.actors:
            chain.append(slug)
            slug = self.actors[slug].parent
        return chain

    def affiliation_on(self, person: str, day: datetime.date | None) -> AffiliationEntry | None:
        """The post the person held on that day (without a day, or dates, the first one)."""
        affiliations = self.people[person].affiliations if person in self.people else ()
        if day is not None:
            for affiliation in affiliations:
                if (affiliation.start or day) <= day <= (affiliation.end or day):
                    return affiliation
        return affiliations[0] if affiliations else None

    def _automaton(self, demonyms: dict[str, str]) -> ahocorasick.Automaton:
        cache_key = tuple(sorted(demonyms.items()))
        if cache_key not in self._automata:
            automaton = ahocorasick.Automaton()
            for key, (kind, slug, capitals) in self.keys.items():
                automaton.add_word(key, (len(key), kind, slug, capitals))
            for word, state in demonyms.items():
                slug = self.actor_named(state)
                if slug is not None and word not in self.keys:
                    automaton.add_word(word, (len(word), "demonym", slug, False))
            automaton.make_automaton()
            self._automata[cache_key] = automaton
        return self._automata[cache_key]

    def find_mentions(self, text: FoldedText, demonyms: dict[str, str]) -> list[Mention]:
        """Every mention in the text, longest first where two overlap, in text order."""
        if not self.keys:
            return []
        folded, original, origin = text.folded, text.original, text.origin
        candidates = []
        for last, (length, kind, slug, capitals) in self._automaton(demonyms).iter(folded):
            first = last - length + 1
            if first > 0 and folded[first - 1].isalnum():
                continue
            start, end = origin[first], origin[last] + 1
            if last + 1 < len(folded) and folded[last + 1].isalnum():
                # "Sudani’s": the apostrophe was folded away, the "s" is not the name's.
                possessive = (
                    end + 1 < len(original)
                    and original[end] in _APOSTROPHES
                    and original[end + 1] in "sS"
                    and (end + 2 == len(original) or not original[end + 2].isalnum())
                )
                if not possessive:
                    continue
            written = original[start:end]
            if capitals and any(c.islower() for c in written):
                continue
            candidates.append(Mention(start, end, kind, slug, written))
        candidates.sort(key=lambda m: (m.start - m.end, m.start))
        taken: list[Mention] = []
        occupied: set[int] = set()
        for mention in candidates:
            span = range(mention.start, mention.end)
            if not any(i in occupied for i in span):
                taken.append(mention)
                occupied.update(span)
        taken.sort(key=lambda m: m.start)
        return taken
