"""The words readers see for the reasons of an attribution's state.

The rules (`claims/attribution.py`) give each reason as data: a stable code and the ids
of the claims and actors it rests on. This module writes it as one sentence from the
claims and actors already loaded, so that the event page, the events list and the API
say the same thing. No queries here.

Each sentence comes twice: as plain text (the API) and as HTML in which every part an
editor wrote (a name, a description) is escaped and isolated in its own <bdi>, so that
a right-to-left name cannot reorder the sentence around it.
"""

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from claims import grammar
from claims.attribution import Reason, ReasonCode
from claims.models import Actor, Claim

# Claims or actors named in one sentence; the rest are counted.
NAMED_IN_A_SENTENCE = 3


@dataclass(frozen=True)
class Words:
    """A piece of a sentence, as text and as HTML."""

    text: str
    html: SafeString


@dataclass(frozen=True)
class ReasonInWords:
    code: str
    text: str
    html: SafeString
    claims: tuple[int, ...]
    actors: tuple[Actor, ...]


def _name(value) -> Words:
    """Editor-written text: isolated on pages."""
    return Words(str(value), format_html("<bdi>{}</bdi>", value))


def _plain(value: str) -> Words:
    return Words(value, conditional_escape(value))


def _fill(template: str, **parts: Words) -> Words:
    """A translated sentence (%(name)s placeholders) with its parts put in."""
    return Words(
        template % {key: part.text for key, part in parts.items()},
        mark_safe(conditional_escape(template) % {key: part.html for key, part in parts.items()}),
    )


def _more(things: Sequence, render: Callable[[Any], Words]) -> list[Words]:
    """The first few things in words, then how many more there are (an event's hundreds
    of claims are counted, not written out)."""
    shown = [render(thing) for thing in things[:NAMED_IN_A_SENTENCE]]
    rest = len(things) - len(shown)
    if rest > 0:
        shown.append(_plain(ngettext("%(count)d more", "%(count)d more", rest) % {"count": rest}))
    return shown


def _joined(items: list[Words], separator: str) -> Words:
    return Words(
        separator.join(item.text for item in items),
        mark_safe(conditional_escape(separator).join(item.html for item in items)),
    )


def _listed(things: Sequence, render: Callable[[Any], Words]) -> Words:
    """Names: "a, b and c"; beyond a few, "a, b, c and 2 more"."""
    shown = _more(things, render)
    if len(shown) == 1:
        return shown[0]
    return _fill(_("%(items)s and %(last)s"), items=_joined(shown[:-1], ", "), last=shown[-1])


def _listed_apart(things: Sequence, render: Callable[[Any], Words]) -> Words:
    """Items that hold commas themselves ("Milley, 2 January 2020"): "a; b; 2 more"."""
    return _joined(_more(things, render), _("; "))


def short_claimant(claim: Claim) -> str:
    """Who made the claim, in a few words: the person, else the actor, else the description."""
    if claim.claimant_person_id:
        return str(claim.claimant_person)
    if claim.claimant_actor_id:
        return str(claim.claimant_actor)
    return claim.claimant_description


def _who_and_when(claim: Claim) -> Words:
    return _fill(
        _("%(who)s, %(date)s"),
        who=_name(short_claimant(claim)),
        date=_plain(claim.stated_on_display),
    )


def _said_by_the_actor(claim: Claim, actor: Actor) -> Words:
    """When the actor speaks for itself, who spoke for it: "Mousavi, 15 September 2019", or
    only the date ("Islamic State claimed it itself (February 2024)")."""
    if claim.claimant_actor_id != actor.pk:
        return _who_and_when(claim)
    speaker = claim.claimant_person or claim.claimant_description
    if not speaker:
        return _plain(claim.stated_on_display)
    return _fill(_("%(who)s, %(date)s"), who=_name(speaker), date=_plain(claim.stated_on_display))


def _claims_said(claims: Sequence[Claim]) -> Words:
    return _listed_apart(claims, _who_and_when)


def _descriptions(claims: Sequence[Claim]) -> Words:
    """“the culprit” (Donald Trump, 15 September 2019); …"""
    return _listed_apart(
        claims,
        lambda claim: _fill(
            _("“%(description)s” (%(said)s)"),
            description=_name(claim.attributed_description),
            said=_who_and_when(claim),
        ),
    )


def _plural(subject: Actor | Claim) -> bool:
    """Whether the verb after an actor, or after a claim's claimant, is plural."""
    if isinstance(subject, Claim):
        return subject.claimant_number == grammar.PLURAL
    return subject.grammatical_number == grammar.PLURAL


def _claim_of(claim: Claim) -> Words:
    """Pompeo’s claim of 14 September 2019; the Houthis’ claim of …"""
    who = short_claimant(claim)
    return _fill(
        pgettext("plural possessor ending in s", "%(who)s’ claim of %(date)s")
        if _plural(claim) and who.endswith("s")
        else _("%(who)s’s claim of %(date)s"),
        who=_name(short_claimant(claim)),
        date=_plain(claim.stated_on_display),
    )


def _sentence(reason: Reason, claims: list[Claim], actors: list[Actor]) -> Words:
    code = ReasonCode(reason.code)
    if code == ReasonCode.NOBODY_NAMED:
        return _plain(_("Nobody is named."))
    if code == ReasonCode.NO_CLAIM_REPORTED:
        return _fill(
            _("Reported that nobody has claimed it (%(claims)s)."), claims=_claims_said(claims)
        )
    if code == ReasonCode.ONLY_UNNAMED:
        return _fill(
            _("Nobody is named; described without a name as %(descriptions)s."),
            descriptions=_descriptions(claims),
        )
    if code == ReasonCode.SELF_CLAIMED:
        return _fill(
            pgettext("plural subject", "%(actor)s claimed it themselves (%(claims)s).")
            if _plural(actors[0])
            else _("%(actor)s claimed it itself (%(claims)s)."),
            actor=_name(actors[0]),
            claims=_listed_apart(claims, lambda claim: _said_by_the_actor(claim, actors[0])),
        )
    if code == ReasonCode.NAMED_BY_OTHERS:
        return _fill(
            pgettext(
                "plural subject", "%(actor)s are named by others, not by themselves (%(claims)s)."
            )
            if _plural(actors[0])
            else _("%(actor)s is named by others, not by itself (%(claims)s)."),
            actor=_name(actors[0]),
            claims=_claims_said(claims),
        )
    if code == ReasonCode.SEVERAL_CANDIDATES:
        return _fill(
            ngettext(
                "%(count)s candidate is named: %(actors)s.",
                "%(count)s candidates are named: %(actors)s.",
                len(actors),
            ),
            count=_plain(str(len(actors))),
            actors=_listed(actors, _name),
        )
    if code == ReasonCode.DENIED:
        (denial,) = claims
        if denial.claimant_actor_id == actors[0].pk:
            # "Iran denies (Mousavi, 15 September 2019)."
            return _fill(
                pgettext("plural subject", "%(actor)s deny (%(said)s).")
                if _plural(actors[0])
                else _("%(actor)s denies (%(said)s)."),
                actor=_name(actors[0]),
                said=_said_by_the_actor(denial, actors[0]),
            )
        return _fill(
            pgettext("plural subject", "%(claimant)s deny it was %(actor)s (%(date)s).")
            if _plural(denial)
            else _("%(claimant)s denies it was %(actor)s (%(date)s)."),
            claimant=_name(short_claimant(denial)),
            actor=_name(actors[0]),
            date=_plain(denial.stated_on_display),
        )
    if code == ReasonCode.DISPUTED_CLAIM:
        dispute, answered = claims
        return _fill(
            pgettext("plural subject", "%(claimant)s dispute %(claim)s (%(date)s).")
            if _plural(dispute)
            else _("%(claimant)s disputes %(claim)s (%(date)s)."),
            claimant=_name(short_claimant(dispute)),
            claim=_claim_of(answered),
            date=_plain(dispute.stated_on_display),
        )
    if code == ReasonCode.MARKED_DISPUTED:
        return _fill(_("An editor marked %(claim)s disputed."), claim=_claim_of(claims[0]))
    if code == ReasonCode.CONFIRMED_BY_EDITORS:
        if len(claims) == 1:
            return _fill(_("An editor marked %(claim)s confirmed."), claim=_claim_of(claims[0]))
        return _fill(
            _("Editors marked %(count)s claims naming %(actor)s confirmed (%(claims)s)."),
            count=_plain(str(len(claims))),
            actor=_name(actors[0]),
            claims=_claims_said(claims),
        )
    if code == ReasonCode.CONSISTENT_DESCRIPTION:
        return _fill(
            pgettext(
                "plural object", "Consistent with %(actor)s without naming them: %(descriptions)s."
            )
            if _plural(actors[0])
            else _("Consistent with %(actor)s without naming it: %(descriptions)s."),
            actor=_name(actors[0]),
            descriptions=_descriptions(claims),
        )
    # ReasonCode.UNNAMED_DESCRIPTION
    return _fill(
        _("Described without a name, counted for no candidate: %(descriptions)s."),
        descriptions=_descriptions(claims),
    )


def in_words(
    reasons: Iterable[Reason], claims: Mapping[int, Claim], actors: Mapping[int, Actor]
) -> list[ReasonInWords]:
    """The reasons as sentences, from the claims and actors they name (already loaded)."""
    shown = []
    for reason in reasons:
        named_claims = [claims[pk] for pk in reason.claims]
        named_actors = [actors[pk] for pk in reason.actors]
        words = _sentence(reason, named_claims, named_actors)
        shown.append(
            ReasonInWords(
                code=str(reason.code),
                text=words.text,
                html=words.html,
                claims=tuple(reason.claims),
                actors=tuple(named_actors),
            )
        )
    return shown


def actors_of_claims(claims: Iterable[Claim]) -> dict[int, Actor]:
    """Every actor the claims name, make or hint at, from their loaded relations."""
    actors = {}
    for claim in claims:
        for actor in (claim.attributed_actor, claim.attributed_actor_hint, claim.claimant_actor):
            if actor is not None:
                actors[actor.pk] = actor
    return actors
