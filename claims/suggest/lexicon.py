"""The cues of one language, read from `lexicons/<language>.toml` (see that file)."""

import functools
import tomllib
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from claims.suggest.folding import fold_name_text

LEXICONS = Path(__file__).parent / "lexicons"
GAP = "..."
# How many words "..." may stand for.
GAP_WORDS = 10


class UnknownLanguage(ValueError):
    pass


@dataclass(frozen=True)
class Cue:
    """One phrase and what it tells: its family and the stance, hedging or role it carries."""

    family: str  # reporting, stance, act, hedging, role, negation
    phrase: str
    words: tuple[str, ...]
    stance: str = ""
    hedging: str = ""
    role: str = ""
    target: str = ""  # before, after, inside, speaker, modifier, none
    speech: bool = False  # the cue's subject is the one who speaks ("X blamed", "X denied")


def _words(phrase: str) -> tuple[str, ...]:
    return tuple(
        GAP if word == GAP else word
        for word in fold_name_text(phrase.replace(GAP, " ... ")).split()
    )


@dataclass(frozen=True)
class Phrases:
    """Folded phrases, with their first words for a quick "could one start here?"."""

    phrases: frozenset[tuple[str, ...]]
    firsts: frozenset[str]

    def __contains__(self, words: tuple[str, ...]) -> bool:
        return words in self.phrases

    def __iter__(self):
        return iter(self.phrases)


def _phrase_set(phrases) -> Phrases:
    folded = frozenset(_words(phrase) for phrase in phrases)
    return Phrases(folded, frozenset(words[0] for words in folded))


@dataclass(frozen=True)
class Lexicon:
    language: str
    cues: tuple[Cue, ...]
    abbreviations: frozenset[str]
    openers: frozenset[str]
    demonyms: dict[str, str]
    armed_nouns: Phrases
    group_anaphors: Phrases
    government_of_person: frozenset[str]
    not_names: frozenset[str]
    speaker_nouns: Phrases
    speaker_modifiers: frozenset[str]
    person_pronouns: frozenset[str]
    group_pronouns: frozenset[str]
    first_person: frozenset[str]
    clause_boundaries: frozenset[str]
    places: frozenset[str]
    targets: frozenset[str]
    relatives: frozenset[str]
    hypothetical: frozenset[str]
    group_nouns: Phrases
    act_modifiers: frozenset[str]
    passive: frozenset[str]
    agent_markers: frozenset[str]
    # Cues by their first word, for matching word by word.
    by_first_word: dict[str, tuple[Cue, ...]] = field(repr=False, default_factory=dict)


@functools.cache
def load_lexicon(language: str = "en") -> Lexicon:
    path = LEXICONS / f"{language}.toml"
    if not language.isalpha() or not path.exists():
        raise UnknownLanguage(language)
    with path.open("rb") as file:
        data = tomllib.load(file)
    cues = []
    for entry in data["cues"]:
        for phrase in entry["phrases"]:
            cues.append(
                Cue(
                    family=entry["family"],
                    phrase=phrase,
                    words=_words(phrase),
                    stance=entry.get("stance", ""),
                    hedging=entry.get("hedging", ""),
                    role=entry.get("role", ""),
                    target=entry.get("target", ""),
                    speech=entry.get("speech", False),
                )
            )
    by_first_word: dict[str, list[Cue]] = defaultdict(list)
    for cue in cues:
        by_first_word[cue.words[0]].append(cue)
    mentions, speakers, clauses = data["mentions"], data["speakers"], data["clauses"]
    return Lexicon(
        language=data["language"],
        cues=tuple(cues),
        abbreviations=frozenset(data["sentences"]["abbreviations"]),
        openers=frozenset(data["sentences"]["openers"]),
        demonyms={fold_name_text(k): v for k, v in mentions["demonyms"].items()},
        armed_nouns=_phrase_set(mentions["armed_nouns"]),
        group_anaphors=_phrase_set(mentions["group_anaphors"]),
        government_of_person=frozenset(mentions["government_of_person"]),
        not_names=frozenset(mentions["not_names"]),
        speaker_nouns=_phrase_set(speakers["nouns"]),
        speaker_modifiers=frozenset(speakers["modifiers"]),
        person_pronouns=frozenset(speakers["person_pronouns"]),
        group_pronouns=frozenset(speakers["group_pronouns"]),
        first_person=frozenset(speakers["first_person"]),
        clause_boundaries=frozenset(clauses["boundaries"]),
        places=frozenset(clauses["places"]),
        targets=frozenset(clauses["targets"]),
        relatives=frozenset(clauses["relatives"]),
        hypothetical=frozenset(clauses["hypothetical"]),
        group_nouns=_phrase_set(mentions["group_nouns"]),
        act_modifiers=frozenset(data["acts"]["modifiers"]),
        passive=frozenset(data["acts"]["passive"]),
        agent_markers=frozenset(data["acts"]["agent_markers"]),
        by_first_word={word: tuple(found) for word, found in by_first_word.items()},
    )
