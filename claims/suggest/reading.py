"""The rules that turn one unit's cues and referents into claims.

- A **stance cue** names its actor where the lexicon says: before it ("X was
  responsible"), after it ("blamed X", "condemned X"), inside it ("held X accountable",
  each of a list: "the coalition, particularly the United States"), or in the speaker
  ("X denied"). "claimed responsibility", "carried out", "was behind" are
  `claims_responsibility` when the speaker is that actor or a body above it, else
  `attributes`. A negated attribution is dropped; a negated claim of responsibility
  ("did not claim") is `no_claim`; a negated act of the speaker's own is `denies`.
- An **act** (an attack verb or noun) whose doer is named (its subject, the name
  qualifying it: "U.S. drone strike", or the name after "by": "attacks by Iran-backed
  groups") is an attribution of that act to that actor by the speaker, or by the source
  in its own voice.
- A **role cue** (sponsor: "backed", "forces it backs", "encouraging"; facilitator: "air
  cover from", "allowed") in a unit about an attack adds a claim for its actor in that
  role. Stance cues may carry a role of their own ("held … accountable", "condemned").
- **Hedging** is the hedge nearest the cue that made the claim; without one, a claim
  relayed from an unnamed speaker ("officials said") is `reported`, else `asserted`.
- "it", "they", "the group" stand for the actor named last; "the strike", "it" after a
  condemnation, for the one who made the last attack named.
- A unit that disputes an actor's part does not also attribute it to that actor (the
  same claimant); one claim per stance, role, actor and claimant in a unit.
"""

import datetime
from dataclasses import dataclass, field

from claims.suggest.cues import CueMatch
from claims.suggest.document import Document, Referent, Unit
from claims.suggest.speakers import Memory, Speaker, find_speaker

ACTOR_KINDS = {"actor", "demonym"}
AGENT_KINDS = {"actor", "demonym", "pronoun", "anaphor"}


@dataclass(frozen=True)
class Target:
    actor: str | None
    mention: str
    guessed: bool = False  # found through a pronoun or the memory of earlier units


@dataclass
class Draft:
    stance: str
    role: str
    target: Target | None
    anchor: CueMatch
    cues: list[str] = field(default_factory=list)
    confidence: float = 0.6
    hedging: str = ""


class UnitReader:
    def __init__(self, document: Document, unit: Unit, memory: Memory, day):
        self.document = document
        self.unit = unit
        self.memory = memory
        self.day = day
        self.tokens = document.tokens
        self.text = document.text
        self.lexicon = document.lexicon
        self.gazetteer = document.gazetteer
        self.speaker = find_speaker(document, unit, memory, day)
        self.agents: list[Target] = []

    # ---- finding who a cue names ------------------------------------------------------

    def _quoted(self, token_index: int) -> bool:
        return self.unit.in_quote(self.tokens[token_index].start)

    def _is_speaker(self, referent: Referent) -> bool:
        return self.speaker is not None and self.speaker.referent == referent

    def _possessive(self, referent: Referent) -> bool:
        following = self.text[referent.end : referent.end + 2]
        return following[:1] in "’'" and following[1:2] in ("s", "S")

    def _after_preposition(self, referent: Referent) -> bool:
        at = referent.first - 1
        if at < self.unit.first:
            return False
        word = self.tokens[at].word
        if word in ("the", "a", "an") and at - 1 >= self.unit.first:
            word = self.tokens[at - 1].word
        return word in self.lexicon.places or word in self.lexicon.targets

    def _clause_break(self, first: int, last: int) -> bool:
        """A clause boundary between two token positions ("but", "while", ";")."""
        if any(self.tokens[i].word in self.lexicon.clause_boundaries for i in range(first, last)):
            return True
        between = (
            self.text[self.tokens[first].end : self.tokens[last].start] if last > first else ""
        )
        return ";" in between

    def _target(self, referent: Referent, anchor_first: int) -> Target | None:
        """What a referent in an agent's place names, following pronouns."""
        if referent.kind in ACTOR_KINDS:
            return Target(referent.actor, referent.text)
        if referent.kind == "person":
            return None
        if referent.kind == "unknown":
            return Target(None, referent.text)
        if referent.kind == "pronoun":
            word = referent.word
            if word in self.lexicon.first_person:
                if self.speaker is not None and self.speaker.actor:
                    return Target(self.speaker.actor, referent.text, guessed=True)
                return None
            if word in self.lexicon.person_pronouns:
                return None
            # "it", "they": the subject named earlier in this unit, else the last actor.
            for earlier in self.unit.referents:
                if earlier.first >= referent.first:
                    break
                if (
                    earlier.kind == "actor"
                    and not self._after_preposition(earlier)
                    and not self._is_speaker(earlier)
                ):
                    return Target(earlier.actor, referent.text, guessed=True)
            if self.memory.last_actor is not None:
                return Target(self.memory.last_actor, referent.text, guessed=True)
            return None
        if referent.kind == "anaphor" and self.memory.last_group is not None:
            return Target(self.memory.last_group, referent.text, guessed=True)
        return None

    def _before(self, cue: CueMatch, limit: int = 12, unknown: bool = False) -> Target | None:
        kinds = AGENT_KINDS | ({"unknown"} if unknown else set())
        quoted = self._quoted(cue.first)
        for referent in reversed(self.unit.referents):
            if referent.last >= cue.first:
                continue
            if cue.first - referent.last > limit:
                break
            if (
                referent.kind not in kinds
                or self._is_speaker(referent)
                or self._quoted(referent.first) != quoted
                or self._after_preposition(referent)
                or self._possessive(referent)
                or self._modifies_act(referent, cue)
            ):
                continue
            if self._clause_break(referent.last, cue.first):
                return None
            return self._target(referent, cue.first)
        return None

    def _modifies_act(self, referent: Referent, cue: CueMatch) -> bool:
        """A name qualifying another act ("the U.S. strikes") is not this act's subject."""
        return any(
            other is not cue and other.family == "act" and other.first == referent.last + 1
            for other in self.unit.cues
        )

    def _after(self, cue: CueMatch, limit: int = 8, kinds=AGENT_KINDS) -> list[Target]:
        """The first name after the cue, with those listed with it ("X, particularly Y")."""
        found: list[Target] = []
        last = cue.last
        for referent in self.unit.referents:
            if referent.first <= cue.last:
                continue
            if referent.first - last > (limit if not found else 4):
                break
            if referent.kind not in kinds or self._is_speaker(referent):
                continue
            if self._clause_break(last, referent.first):
                break
            target = self._target(referent, cue.first)
            if target is not None:
                found.append(target)
                last = referent.last
            if not found:
                continue
            following = (
                self.tokens[referent.last + 1].word if referent.last + 1 < self.unit.stop else ""
            )
            if following not in ("and", "or", "particularly", "especially", "including", "as"):
                joined = self.text[referent.end : referent.end + 2].startswith(",")
                if not joined:
                    break
        return found

    def _by(self, cue: CueMatch, window: int = 8, markers=None) -> Target | None:
        """The name after "by" ("attacks by X", "was hit by X", "at the hands of X")."""
        markers = markers or self.lexicon.agent_markers
        for at in range(cue.last + 1, min(cue.last + 1 + window, self.unit.stop)):
            word = self.tokens[at].word
            if word in self.lexicon.clause_boundaries:
                return None
            if word in markers:
                for referent in self.unit.referents:
                    if at < referent.first <= at + 3 and referent.kind in AGENT_KINDS | {"unknown"}:
                        return self._target(referent, cue.first)
                return None
        return None

    def _qualifier(self, cue: CueMatch) -> Target | None:
        """The name qualifying an attack noun: "U.S. drone strike", "Israel’s offensive"."""
        for referent in reversed(self.unit.referents):
            if referent.last >= cue.first:
                continue
            between = range(referent.last + 1, cue.first)
            if len(between) > 3:
                return None
            qualifies = all(
                self.tokens[i].word in self.lexicon.act_modifiers or self.tokens[i].word.isdigit()
                for i in between
            )
            if qualifies and referent.kind in ("actor", "demonym"):
                return self._target(referent, cue.first)
            return None
        return None

    def _inside(self, cue: CueMatch) -> list[Target]:
        if cue.gap is None:
            return []
        first, stop = cue.gap
        targets = [
            self._target(r, cue.first)
            for r in self.unit.referents
            if first <= r.first and r.last < stop and r.kind in AGENT_KINDS
        ]
        return [t for t in targets if t is not None]

    def _negated(self, cue: CueMatch) -> bool:
        return any(
            other.family == "negation" and cue.first - 3 <= other.last < cue.first
            for other in self.unit.cues
        )

    def _recent_agent(self) -> Target | None:
        if self.agents:
            return self.agents[0]
        if self.memory.last_agent is not None:
            actor, mention = self.memory.last_agent
            return Target(actor, mention, guessed=True)
        return None

    # ---- the rules --------------------------------------------------------------------

    def _speaks_for(self, target: Target | None) -> bool:
        speaker_actor = self.speaker.actor if self.speaker else None
        return (
            target is not None
            and target.actor is not None
            and target.actor in self.gazetteer.lineage(speaker_actor)
        )

    def drafts(self) -> list[Draft]:
        drafts: list[Draft] = []
        cues = self.unit.cues
        for cue in cues:
            if cue.family == "act":
                drafts.extend(self._act(cue))
        for cue in cues:
            if cue.family == "stance":
                drafts.extend(self._stance(cue))
        about_attack = bool(drafts) or any(c.family == "act" for c in cues)
        if about_attack:
            for cue in cues:
                if cue.family == "role":
                    drafts.extend(self._role(cue))
        return self._finish(drafts)

    def _act(self, cue: CueMatch) -> list[Draft]:
        target = None
        mode = cue.cue.target
        if mode == "inside":
            found = self._inside(cue)
            target = found[0] if found else None
        elif mode == "after":
            target = self._by(cue, window=1, markers={"by", "of"}) or next(
                iter(self._after(cue, 3)), None
            )
        else:
            target = self._by(cue)
            if target is None and mode == "modifier":
                target = self._qualifier(cue)
            if target is None and mode == "before":
                passive = cue.first - 1 >= self.unit.first and (
                    self.tokens[cue.first - 1].word in self.lexicon.passive
                )
                if not passive:
                    target = self._before(cue, limit=10)
        if target is None:
            return []
        self.agents.append(target)
        if self._negated(cue):
            if self._speaks_for(target):
                return [Draft("denies", "perpetrator", target, cue, [cue.cue.phrase], 0.6)]
            return []
        stance = "claims_responsibility" if self._speaks_for(target) else "attributes"
        confidence = 0.55 if target.guessed else 0.65
        return [Draft(stance, "perpetrator", target, cue, [cue.cue.phrase], confidence)]

    def _stance(self, cue: CueMatch) -> list[Draft]:
        value, mode = cue.cue.stance, cue.cue.target
        role = cue.cue.role or "perpetrator"
        phrase = [cue.cue.phrase]
        if value == "no_claim":
            return [Draft("no_claim", "perpetrator", None, cue, phrase, 0.7)]
        if mode == "inside":
            targets = self._inside(cue)
        elif mode == "after":
            targets = self._after(cue)
            if not targets and role == "accountable":
                recent = self._recent_agent()
                targets = [recent] if recent else []
            if not targets and value == "disputes":
                targets = [self._disputed()] if self._disputed() else []
        elif mode == "speaker":
            if self.speaker is None or self.speaker.actor is None:
                return []
            targets = [Target(self.speaker.actor, self.speaker.mention)]
        elif cue.cue.speech:  # "X claimed responsibility": X speaks
            if self.speaker is not None and self.speaker.actor:
                targets = [Target(self.speaker.actor, self.speaker.mention)]
            else:
                before = self._before(cue, unknown=True)
                targets = [before] if before else []
        else:
            before = self._before(cue)
            targets = [before] if before else []
        if value == "responsibility" and self._negated(cue):
            if cue.cue.speech:
                return [Draft("no_claim", "perpetrator", None, cue, phrase, 0.6)]
            return [
                Draft("denies", role, target, cue, phrase, 0.6)
                for target in targets
                if self._speaks_for(target)
            ]
        if value in ("attributes", "responsibility") and self._negated(cue):
            return []
        drafts = []
        for target in targets:
            stance = value
            if value == "responsibility":
                speech_subject = cue.cue.speech and self.speaker is None
                stance = (
                    "claims_responsibility"
                    if speech_subject or self._speaks_for(target)
                    else "attributes"
                )
            confidence = (
                0.75 - (0.15 if target.guessed else 0) - (0.15 if target.actor is None else 0)
            )
            drafts.append(Draft(stance, role, target, cue, phrase, confidence))
        return drafts

    def _disputed(self) -> Target | None:
        if self.memory.last_attributed is not None:
            actor, mention = self.memory.last_attributed
            return Target(actor, mention, guessed=True)
        return None

    def _role(self, cue: CueMatch) -> list[Draft]:
        inside_name = any(
            r.first <= cue.first and cue.last <= r.last and r.kind in ACTOR_KINDS
            for r in self.unit.referents
        )
        if inside_name:
            return []
        target = self._by(cue)
        if target is None:
            # "Iran-backed": the name joined to the cue by a dash.
            for referent in self.unit.referents:
                if referent.last == cue.first - 1 and referent.kind in ACTOR_KINDS:
                    joint = self.text[referent.end : self.tokens[cue.first].start]
                    if joint in ("-", "‐", "–"):
                        target = self._target(referent, cue.first)
                    break
        if target is None:
            target = self._before(cue, limit=8)
        if target is None:
            return []
        return [Draft("attributes", cue.cue.role, target, cue, [cue.cue.phrase], 0.5)]

    def _hedging(self, draft: Draft) -> str:
        hedges = [c for c in self.unit.cues if c.family == "hedging"]
        if hedges:
            nearest = min(
                hedges,
                key=lambda c: min(
                    abs(c.first - draft.anchor.first), abs(c.last - draft.anchor.last)
                ),
            )
            draft.cues.append(nearest.cue.phrase)
            return nearest.cue.hedging
        if self.speaker is not None and self.speaker.person is None and self.speaker.description:
            return "reported"
        return "asserted"

    def _finish(self, drafts: list[Draft]) -> list[Draft]:
        disputed = {d.target.actor for d in drafts if d.stance == "disputes" and d.target}
        merged: dict[tuple, Draft] = {}
        for draft in drafts:
            if draft.stance == "attributes" and draft.target and draft.target.actor in disputed:
                continue
            draft.hedging = self._hedging(draft)
            target = draft.target
            key = (draft.stance, draft.role, target.actor or target.mention if target else None)
            if key in merged:
                kept = merged[key]
                kept.cues.extend(c for c in draft.cues if c not in kept.cues)
                kept.confidence = max(kept.confidence, draft.confidence)
                continue
            merged[key] = draft
        # An actor named as the doer of an act and, in the same unit, as holding a role
        # (sponsor, facilitator, accountable) is read in that role.
        result = list(merged.values())
        specific = {
            (d.stance, d.target.actor or d.target.mention)
            for d in result
            if d.target and d.role != "perpetrator"
        }
        return [
            d
            for d in result
            if not (
                d.role == "perpetrator"
                and d.target
                and (d.stance, d.target.actor or d.target.mention) in specific
                and d.anchor.cue.family == "act"
            )
        ]

    def remember(self, drafts: list[Draft]) -> None:
        memory, unit = self.memory, self.unit
        for referent in unit.referents:
            if referent.kind == "person":
                memory.people.append(referent.person)
            if referent.kind == "actor" and not self._after_preposition(referent):
                memory.last_actor = referent.actor
                actor = self.gazetteer.actors.get(referent.actor)
                if actor is not None and actor.kind == "armed_group":
                    memory.last_group = referent.actor
        if self.speaker is not None and self.speaker.person and not self.speaker.inherited:
            memory.last_person_speaker = self.speaker.person
        if self.agents:
            memory.last_agent = (self.agents[-1].actor, self.agents[-1].mention)
        for draft in drafts:
            if draft.target is not None and draft.stance != "no_claim":
                memory.last_attributed = (draft.target.actor, draft.target.mention)
        memory.speaker = self.speaker
        memory.speaker_paragraph = unit.paragraph


def read(document: Document, day: datetime.date | None) -> list[tuple[Unit, Speaker | None, Draft]]:
    memory = Memory()
    found = []
    for unit in document.units:
        reader = UnitReader(document, unit, memory, day)
        drafts = reader.drafts()
        reader.remember(drafts)
        found.extend((unit, reader.speaker, draft) for draft in drafts)
    return found
