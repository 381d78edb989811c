"""Atom feeds for readers who follow a story: every correction, an event's claims and
corrections, the claims naming an actor. Published claims only, never a draft; each
entry's id is its permanent address, so a feed reader never shows it twice."""

import dataclasses
import datetime
from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from claims.corrections import Correction, CorrectionKind, corrections
from claims.models import Actor, Claim, Event

ENTRIES = 50


@dataclass(frozen=True)
class Entry:
    title: str
    description: str
    link: str
    # Relative to the site; made absolute with the request's host.
    guid: str
    updated: datetime.datetime


def _claim_line(claim: Claim) -> str:
    """Who said what of whom, as one translatable sentence (its word order is the
    translation's), the verb agreeing with the claimant."""
    parts = {
        "claimant": claim.claimant_label or _("Someone unnamed"),
        "stance": claim.stance_phrase,
        "actor": claim.attributed_label,
    }
    if claim.attributed_label:
        return _("%(claimant)s %(stance)s %(actor)s") % parts
    return _("%(claimant)s %(stance)s") % parts


def claim_entry(claim: Claim) -> Entry:
    line = _claim_line(claim)
    description = _("%(claim)s, stated %(date)s, on “%(event)s”. Status: %(status)s.") % {
        "claim": line,
        "date": claim.stated_on_display,
        "event": claim.event.title,
        "status": claim.get_status_display(),
    }
    if claim.status == Claim.Status.RETRACTED and claim.retraction_reason:
        description += " " + _("Retracted: %(reason)s") % {"reason": claim.retraction_reason}
    return Entry(
        title=line,
        description=description,
        link=claim.get_absolute_url(),
        guid=claim.get_absolute_url(),
        updated=claim.updated_at,
    )


def correction_entry(correction: Correction) -> Entry:
    event_url = reverse("claims:event_detail", args=[correction.event.slug])
    line = _claim_line(correction.claim)
    description = _("%(kind)s on “%(event)s”: %(claim)s.") % {
        "kind": correction.label,
        "event": correction.event.title,
        "claim": line,
    }
    if correction.kind == CorrectionKind.STATUS_CHANGED:
        before, after = correction.statuses
        description += " " + _("Status %(before)s → %(after)s.") % {
            "before": before,
            "after": after,
        }
    if correction.reason:
        description += " " + _("Reason: %(reason)s") % {"reason": correction.reason}
    return Entry(
        title=f"{correction.label}: {line}",
        description=description,
        link=f"{event_url}#corrections",
        guid=f"{event_url}#correction-{correction.uid}",
        updated=correction.at,
    )


@dataclass(frozen=True)
class Subject:
    """What a feed is about, with the site's address the request came to (entry ids are
    absolute; the feed object is shared by every request, so it keeps no request)."""

    base_url: str
    obj: Event | Actor | None = None


def _subject(request, obj=None) -> Subject:
    return Subject(base_url=f"{request.scheme}://{request.get_host()}", obj=obj)


class _AtomFeed(Feed):
    feed_type = Atom1Feed
    author_name = gettext_lazy("Attribution tracker")

    def get_object(self, request, *args, **kwargs) -> Subject:
        return _subject(request)

    def items(self, subject: Subject) -> list[Entry]:
        return [
            dataclasses.replace(entry, guid=f"{subject.base_url}{entry.guid}")
            for entry in self.entries(subject.obj)
        ]

    def item_title(self, item: Entry) -> str:
        return item.title

    def item_description(self, item: Entry) -> str:
        return item.description

    def item_link(self, item: Entry) -> str:
        return item.link

    def item_guid(self, item: Entry) -> str:
        return item.guid

    item_guid_is_permalink = True

    def item_updateddate(self, item: Entry) -> datetime.datetime:
        return item.updated

    def item_pubdate(self, item: Entry) -> datetime.datetime:
        return item.updated


class CorrectionsFeed(_AtomFeed):
    title = gettext_lazy("Attribution tracker: corrections")
    subtitle = gettext_lazy(
        "Every retraction, withdrawal and change of status or quote of a published claim."
    )

    def link(self) -> str:
        return reverse("claims:corrections_feed")

    def entries(self, obj: None) -> list[Entry]:
        return [correction_entry(c) for c in corrections(limit=ENTRIES)]


class EventFeed(_AtomFeed):
    def get_object(self, request, slug: str) -> Subject:
        return _subject(request, get_object_or_404(Event.objects.public(), slug=slug))

    def title(self, subject: Subject) -> str:
        return _("%(title)s: claims and corrections") % {"title": subject.obj.title}

    def subtitle(self, subject: Subject) -> str:
        return _("The claims published on this event, and corrections to them.")

    def link(self, subject: Subject) -> str:
        return subject.obj.get_absolute_url()

    def entries(self, event: Event) -> list[Entry]:
        claims = (
            Claim.objects.filter(event=event).published().with_related().order_by("-updated_at")
        )
        entries = [claim_entry(claim) for claim in claims[:ENTRIES]]
        entries += [correction_entry(c) for c in corrections(event=event, limit=ENTRIES)]
        return sorted(entries, key=lambda entry: entry.updated, reverse=True)[:ENTRIES]


class ActorFeed(_AtomFeed):
    def get_object(self, request, slug: str) -> Subject:
        return _subject(request, get_object_or_404(Actor, slug=slug))

    def title(self, subject: Subject) -> str:
        return _("Claims naming %(name)s") % {"name": subject.obj.name}

    def subtitle(self, subject: Subject) -> str:
        return _("Published claims made by this actor or about it.")

    def link(self, subject: Subject) -> str:
        return reverse("claims:actor_detail", args=[subject.obj.slug])

    def entries(self, actor: Actor) -> list[Entry]:
        claims = (
            Claim.objects.published()
            .with_related()
            .filter(Q(claimant_actor=actor) | Q(attributed_actor=actor))
            .order_by("-updated_at")
        )
        return [claim_entry(claim) for claim in claims[:ENTRIES]]
