"""Cues found word by word in a run of tokens: reporting verbs, stances, acts, hedges, roles.

A phrase matches consecutive folded words ("..." standing for up to ten words). Within a
family, a match overlapping a longer one is dropped ("held ... responsible" over
"responsible for"), so one phrase is read once; two families may read the same words
("accused of" is both a stance and a hedge). A phrase written in lower case does not
match a capitalised word inside a sentence ("May" the month is no hedge, "Hit" no act).
"""

from dataclasses import dataclass

from claims.suggest.lexicon import GAP, GAP_WORDS, Cue, Lexicon


@dataclass(frozen=True)
class Token:
    word: str  # folded
    start: int  # offsets in the original text
    end: int


@dataclass(frozen=True)
class CueMatch:
    cue: Cue
    first: int  # token indexes, inclusive
    last: int
    gap: tuple[int, int] | None = None  # tokens the "..." stood for [first, last)

    @property
    def family(self) -> str:
        return self.cue.family


def _match_from(cue: Cue, tokens: list[Token], at: int, stop: int) -> CueMatch | None:
    position, gap = at, None
    words = cue.words
    index = 0
    while index < len(words):
        word = words[index]
        if word == GAP:
            following = words[index + 1]
            for skip in range(GAP_WORDS + 1):
                if position + skip < stop and tokens[position + skip].word == following:
                    gap = (position, position + skip)
                    position += skip
                    break
            else:
                return None
            index += 1
            continue
        if position >= stop or tokens[position].word != word:
            return None
        position += 1
        index += 1
    return CueMatch(cue, at, position - 1, gap)


def match_cues(
    tokens: list[Token], first: int, stop: int, lexicon: Lexicon, text: str
) -> list[CueMatch]:
    """The cues among tokens[first:stop] (one sentence), in order."""
    found: list[CueMatch] = []
    for at in range(first, stop):
        cues = lexicon.by_first_word.get(tokens[at].word)
        if not cues:
            continue
        if at > first and text[tokens[at].start].isupper():
            continue
        for cue in cues:
            match = _match_from(cue, tokens, at, stop)
            if match is not None:
                found.append(match)
    kept = []
    for match in found:
        longer = any(
            other is not match
            and other.family == match.family
            and other.first <= match.last
            and match.first <= other.last
            and (other.last - other.first) > (match.last - match.first)
            for other in found
        )
        if not longer:
            kept.append(match)
    return kept
