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
from dataclasses import dataclass, field, replace

from claims.suggest.cues import CueMatch
from claims.suggest.document import Document, Referent, Unit
from claims.suggest.speakers import Memory, Speaker, _compound, find_speaker, resolve

ACTOR_KINDS = {"actor", "demonym"}
AGENT_KINDS = {"actor", "demonym", "pronoun", "anaphor"}


@dataclass(frozen=True)
class Target:
    actor: str | None
    mention: str
    guessed: bool = False  # found through a pronoun or the memory of earlier units
    first: int | None = None  # the token where it is named in this unit


@dataclass
class Draft:
    stance: str
    role: str
    target: Target | None
    anchor: CueMatch
    cues: list[str] = field(default_factory=list)
    confidence: float = 0.6
    hedging: str = ""
    speaker: Speaker | None = None


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
        if following[:1] not in ("’", "'"):
            return False
        return following[1:2] in ("s", "S") or referent.text[-1:] in ("s", "S")

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
        target = self._named(referent, anchor_first)
        if target is None:
            return None
        return replace(target, first=referent.first)

    def _named(self, referent: Referent, anchor_first: int) -> Target | None:
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
            # "it", "they": the subject named earlier in this unit, else the last doer of
            # an act, else the last actor.
            for earlier in self.unit.referents:
                if earlier.first >= referent.first:
                    break
                if (
                    earlier.kind == "actor"
                    and not self._after_preposition(earlier)
                    and self.tokens[earlier.first - 1].word != "of"
                    and not _compound(self.text, earlier)
                ):
                    return Target(earlier.actor, referent.text, guessed=True)
            # Only from the sentence before: a pronoun does not reach further back.
            memory = self.memory
            if memory.last_agent is not None and memory.last_agent[0] and memory.agent_age == 0:
                return Target(memory.last_agent[0], referent.text, guessed=True)
            if memory.last_actor is not None and memory.actor_age == 0:
                return Target(memory.last_actor, referent.text, guessed=True)
            return None
        if referent.kind == "anaphor":
            return self._group(referent)
        return None

    def _group(self, referent: Referent) -> Target | None:
        """ "the group": the last armed group; "these militia groups": the last actor whose
        name ends in that word; else a mention with no slug."""
        if referent.word in self._generic_anaphors():
            if self.memory.last_group is not None:
                return Target(self.memory.last_group, referent.text, guessed=True)
            return None
        head = referent.word.split()[-1]
        for actor, last_word in reversed(self.memory.named):
            if last_word.rstrip("s") == head.rstrip("s"):
                return Target(actor, referent.text, guessed=True)
        return Target(None, referent.text)

    def _generic_anaphors(self) -> set[str]:
        return {" ".join(words[1:]) for words in self.lexicon.group_anaphors}

    def _before(
        self, cue: CueMatch, limit: int = 12, unknown: bool = False, speaker: bool = False
    ) -> Target | None:
        kinds = AGENT_KINDS | ({"unknown"} if unknown else set())
        quoted = self._quoted(cue.first)
        for referent in reversed(self.unit.referents):
            if referent.last >= cue.first:
                continue
            if cue.first - referent.last > limit:
                break
            if (
                referent.kind not in kinds
                or (self._is_speaker(referent) and not speaker)
                or self._quoted(referent.first) != quoted
                or self._after_preposition(referent)
                or self._possessive(referent)
                or self._modifies_act(referent, cue)
                or _compound(self.text, referent)
                # A pronoun, or a group not named ("those militias"), right before its verb.
                or (
                    referent.kind in ("pronoun", "anaphor", "unknown")
                    and cue.first - referent.last > 3
                )
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
        markers = markers or {"by"}
        for at in range(cue.last + 1, min(cue.last + 1 + window, self.unit.stop)):
            word = self.tokens[at].word
            if word in self.lexicon.clause_boundaries:
                return None
            if word in markers:
                for referent in self.unit.referents:
                    if referent.first <= at or referent.kind not in AGENT_KINDS | {"unknown"}:
                        continue
                    # "by an Iranian-backed militia": only determiners and qualifiers between.
                    between = range(at + 1, referent.first)
                    if all(
                        self.tokens[i].word in ("the", "a", "an")
                        or self.tokens[i].word in self.lexicon.act_modifiers
                        for i in between
                    ):
                        return self._target(referent, cue.first)
                    return None
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

    def _voice(self, cue: CueMatch) -> Speaker | None:
        """The speaker of the part of the unit where the cue stands (None: the source)."""
        if self.speaker is not None and self.speaker.covers(cue.first):
            return self.speaker
        return None

    def _speaks_for(self, target: Target | None, cue: CueMatch) -> bool:
        speaker = self._voice(cue)
        return (
            speaker is not None
            and target is not None
            and target.actor is not None
            and target.actor in self.gazetteer.lineage(speaker.actor)
        )

    def _hypothetical(self, cue: CueMatch) -> bool:
        """ "If they hit that base": a clause opened by "if" states no fact."""
        for at in range(max(self.unit.first, cue.first - 8), cue.first):
            if self.tokens[at].word in self.lexicon.hypothetical and not self._clause_break(
                at, cue.first
            ):
                return True
        return False

    def drafts(self) -> list[Draft]:
        drafts: list[Draft] = []
        cues = self.unit.cues
        for cue in cues:
            if cue.family == "act" and not self._hypothetical(cue):
                drafts.extend(self._act(cue))
        for cue in cues:
            if cue.family == "stance":
                drafts.extend(self._stance(cue))
        anchors = [c for c in cues if c.family == "act"] + [d.anchor for d in drafts]
        for cue in cues:
            near = any(
                abs(cue.first - anchor.first) <= 12
                and not self._clause_break(
                    min(cue.first, anchor.first), max(cue.first, anchor.first)
                )
                for anchor in anchors
            )
            if cue.family == "role" and near:
                drafts.extend(self._role(cue))
        if self.text[self.unit.start : self.unit.end].rstrip('”"’ ').endswith("?"):
            # A question asserts nothing; it can only dispute ("where is the proof?").
            drafts = [d for d in drafts if d.stance == "disputes"]
        return self._finish(drafts)

    def _act(self, cue: CueMatch) -> list[Draft]:
        target = None
        mode = cue.cue.target
        word = cue.cue.words[0]
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
                passive = not word.endswith("ing") and self._after_auxiliary(cue)
                if not passive:
                    target = self._before(cue, limit=10)
                if target is None and word.endswith("ing") and self._after_comma(cue):
                    target = self._main_subject(cue)
        if target is None:
            return []
        self.agents.append(target)
        if self._negated(cue):
            if self._speaks_for(target, cue):
                return [Draft("denies", "perpetrator", target, cue, [cue.cue.phrase], 0.6)]
            return []
        stance = "claims_responsibility" if self._speaks_for(target, cue) else "attributes"
        confidence = 0.55 if target.guessed else 0.65
        return [Draft(stance, "perpetrator", target, cue, [cue.cue.phrase], confidence)]

    def _after_auxiliary(self, cue: CueMatch) -> bool:
        """ "was hit", "been carried out": a passive (the word is no name, as "IS" is)."""
        at = cue.first - 1
        return (
            at >= self.unit.first
            and self.tokens[at].word in self.lexicon.passive
            and not any(r.first <= at <= r.last for r in self.unit.referents)
        )

    def _after_comma(self, cue: CueMatch) -> bool:
        """ "…, striking five bases", "…, and targeting Soleimani": a participle clause."""
        at = (
            cue.first - 1
            if cue.first - 1 >= self.unit.first and self.tokens[cue.first - 1].word == "and"
            else cue.first
        )
        return (
            "," in self.text[self.tokens[at - 1].end : self.tokens[at].start]
            if at > self.unit.first
            else False
        )

    def _main_subject(self, cue: CueMatch) -> Target | None:
        """The actor the sentence is about: its first name that is no place or qualifier."""
        for referent in self.unit.referents:
            if referent.first >= cue.first:
                return None
            if (
                referent.kind == "actor"
                and not self._after_preposition(referent)
                and not self._possessive(referent)
                and not _compound(self.text, referent)
                and not self._modifies_act(referent, cue)
                and not self._is_speaker(referent)
            ):
                return self._target(referent, cue.first)
        return None

    def _stance(self, cue: CueMatch) -> list[Draft]:
        value, mode = cue.cue.stance, cue.cue.target
        role = cue.cue.role or "perpetrator"
        phrase = [cue.cue.phrase]
        speaker = self._voice(cue)
        if value == "no_claim":
            return [Draft("no_claim", "perpetrator", None, cue, phrase, 0.7)]
        passive = cue.cue.words[0].endswith("ed") and self._after_auxiliary(cue)
        if passive and value == "responsibility":
            # "were reported to have been carried out by Israel"
            by = self._by(cue, window=2)
            targets = [by] if by else []
        elif mode == "inside":
            targets = self._inside(cue)
        elif mode == "after":
            targets = self._after(cue)
            if not targets and role == "accountable":
                recent = self._recent_agent()
                targets = [recent] if recent else []
            if not targets and value == "disputes":
                disputed = self._disputed()
                targets = [disputed] if disputed else []
        elif mode == "speaker":
            if speaker is None or speaker.actor is None:
                return []
            targets = [Target(speaker.actor, speaker.mention)]
        elif cue.cue.speech:  # "X claimed responsibility": X speaks of itself
            before = self._before(cue, unknown=True, speaker=True)
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
                if self._speaks_for(target, cue)
            ]
        if value in ("attributes", "responsibility") and self._negated(cue):
            return []
        drafts = []
        for target in targets:
            stance = value
            if value == "responsibility":
                stance = (
                    "claims_responsibility"
                    if cue.cue.speech or self._speaks_for(target, cue)
                    else "attributes"
                )
            confidence = (
                0.75 - (0.15 if target.guessed else 0) - (0.15 if target.actor is None else 0)
            )
            draft = Draft(stance, role, target, cue, phrase, confidence)
            if value == "responsibility" and cue.cue.speech:
                draft.speaker = Speaker(target.mention, target.actor)
            relayed = cue.cue.speech and not self._quoted(cue.first)
            if relayed and stance == "claims_responsibility":
                # A claim of responsibility the source relays in its own words, not quoted.
                draft.hedging = "reported"
            drafts.append(draft)
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
        target = self._by(cue, markers={"by", "from"})
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

    def _hedge_applies(self, hedge: CueMatch, draft: Draft) -> bool:
        anchor = draft.anchor
        if hedge.first <= self.unit.first + 1:
            return True  # "Maybe …", "Reportedly, …"
        if hedge.first <= anchor.last and anchor.first <= hedge.last:
            return True
        target_at = draft.target.first if draft.target else None
        if target_at is not None and min(target_at, anchor.first) <= hedge.first <= max(
            target_at, anchor.last
        ):
            return not self._clause_break(
                min(hedge.first, anchor.first), max(hedge.last, anchor.first)
            )
        if hedge.last < anchor.first and anchor.first - hedge.last <= 6:
            return not self._clause_break(hedge.last, anchor.first)
        if hedge.first > anchor.last and hedge.first - anchor.last <= 2:
            return not self._clause_break(anchor.last, hedge.first)
        return False

    def _hedging(self, draft: Draft) -> str:
        if draft.hedging:
            return draft.hedging
        hedges = [
            c for c in self.unit.cues if c.family == "hedging" and self._hedge_applies(c, draft)
        ]
        if hedges:
            nearest = min(hedges, key=lambda c: abs(c.first - draft.anchor.first))
            draft.cues.append(nearest.cue.phrase)
            return nearest.cue.hedging
        speaker = self._voice(draft.anchor)
        if speaker is not None and speaker.person is None and speaker.description:
            return "reported"
        return "asserted"

    def _finish(self, drafts: list[Draft]) -> list[Draft]:
        disputed = {d.target.actor for d in drafts if d.stance == "disputes" and d.target}
        merged: dict[tuple, Draft] = {}
        for draft in drafts:
            supporting = draft.stance in ("attributes", "claims_responsibility")
            if supporting and draft.target and draft.target.actor in disputed:
                continue
            draft.hedging = self._hedging(draft)
            draft.speaker = draft.speaker or self._voice(draft.anchor)
            target = draft.target
            key = (
                draft.stance,
                draft.role,
                target.actor or target.mention if target else None,
                draft.speaker,
            )
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
        subject = None
        for referent in unit.referents:
            if referent.kind == "person":
                memory.people.append(referent.person)
            if referent.kind == "actor" and not self._after_preposition(referent):
                memory.last_actor = referent.actor
                memory.named.append((referent.actor, self.tokens[referent.last].word))
                actor = self.gazetteer.actors.get(referent.actor)
                if actor is not None and actor.kind == "armed_group":
                    memory.last_group = referent.actor
            if (
                subject is None
                and referent.kind in ("person", "actor")
                and not self._after_preposition(referent)
            ):
                subject = referent
        if subject is not None:
            memory.last_subject = resolve(self.document, subject, memory, self.day)
        if self.speaker is not None and self.speaker.person and not self.speaker.inherited:
            memory.last_person_speaker = self.speaker.person
        if self.agents:
            memory.last_agent = (self.agents[-1].actor, self.agents[-1].mention)
        memory.agent_age = 0 if self.agents else memory.agent_age + 1
        named = any(r.kind == "actor" for r in unit.referents)
        memory.actor_age = 0 if named else memory.actor_age + 1
        for draft in drafts:
            if draft.target is not None and draft.stance != "no_claim":
                memory.last_attributed = (draft.target.actor, draft.target.mention)
        memory.speaker = self.speaker
        memory.speaker_paragraph = unit.paragraph


def read(document: Document, day: datetime.date | None) -> list[tuple[Unit, Draft]]:
    memory = Memory()
    found = []
    for unit in document.units:
        reader = UnitReader(document, unit, memory, day)
        drafts = reader.drafts()
        reader.remember(drafts)
        found.extend((unit, draft) for draft in drafts)
    return found
