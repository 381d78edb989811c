"""Suggested claims: who, in a text, says who did it, in what words and how firmly.

Pure functions, no ORM: text and a `Gazetteer` (every actor and person under every
alias) in, `Suggestion`s out, in text order. `claims.suggestions` builds the gazetteer
from the database and keeps it until an alias changes. The pipeline, one module a step:

1. `sentences`: sentences with their offsets; `quotations`: the spans in quotation marks
   (a quotation running over several sentences makes them one unit);
2. `gazetteer`: actor and person mentions under any alias, in any script (Aho-Corasick
   over folded text, longest match, word boundaries);
3. `cues`: reporting verbs, stances, acts, hedges and roles from the language's lexicon
   (`lexicons/en.toml`: data, not code);
4. `speakers`: who speaks (a named person, an actor, an unnamed "officials", "he said"),
   and for which actor on that day;
5. `reading`: the rules that make claims of all that (see its docstring).

A suggestion is one claim a unit carries (a sentence may carry two: "Pompeo blames Iran
and disputes the Houthis’ claim"). Its `quote` is exactly `text[start:end]`. A name the
gazetteer does not know comes back as a mention with a null slug, for the desk to
create. Empty claimant fields mean the source speaks in its own voice. `stated_on` is
the source's date, when it has one.
"""

import datetime
from dataclasses import asdict, dataclass

from claims.suggest.document import read_document
from claims.suggest.gazetteer import (
    ActorEntry,
    AffiliationEntry,
    Gazetteer,
    Mention,
    PersonEntry,
)
from claims.suggest.lexicon import UnknownLanguage, load_lexicon
from claims.suggest.reading import read

__all__ = [
    "ActorEntry",
    "AffiliationEntry",
    "Gazetteer",
    "Mention",
    "PersonEntry",
    "Suggestion",
    "UnknownLanguage",
    "suggest_claims",
]


@dataclass(frozen=True)
class Suggestion:
    start: int
    end: int
    quote: str
    stance: str
    role: str
    hedging: str
    attributed_actor: str | None
    attributed_mention: str
    claimant_actor: str | None
    claimant_person: str | None
    claimant_mention: str
    claimant_description: str
    stated_on: str | None
    cues: tuple[str, ...]
    confidence: float

    def as_dict(self) -> dict:
        data = asdict(self)
        data["cues"] = list(self.cues)
        return data


def suggest_claims(
    text: str,
    gazetteer: Gazetteer,
    *,
    published_on: datetime.date | None = None,
    language: str = "en",
) -> list[Suggestion]:
    """The claims the text carries, in text order (see the module docstring)."""
    lexicon = load_lexicon(language)
    document = read_document(text, gazetteer, lexicon, published_on)
    suggestions = []
    for unit, draft in read(document, published_on):
        target, speaker = draft.target, draft.speaker
        suggestions.append(
            Suggestion(
                start=unit.start,
                end=unit.end,
                quote=text[unit.start : unit.end],
                stance=draft.stance,
                role=draft.role,
                hedging=draft.hedging,
                attributed_actor=target.actor if target else None,
                attributed_mention=target.mention if target else "",
                claimant_actor=speaker.actor if speaker else None,
                claimant_person=speaker.person if speaker else None,
                claimant_mention=speaker.mention if speaker else "",
                claimant_description=speaker.description if speaker else "",
                stated_on=published_on.isoformat() if published_on else None,
                cues=tuple(draft.cues),
                confidence=round(max(0.05, min(0.95, draft.confidence)), 2),
            )
        )
    suggestions.sort(key=lambda s: (s.start, s.end))
    return suggestions
