"""The readers' pages. Public, no login, published claims only."""

import datetime

from django.core.paginator import Paginator
from django.db.models import Case, Prefetch, Q, Value, When, prefetch_related_objects
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext

from claims.attribution import AttributionState, Reason
from claims.caching import cached_page
from claims.claimreview import claim_review, has_verdict, json_ld_script
from claims.comparison import (
    CLAIMS_PER_PAGE,
    NARROW,
    WIDE,
    build_comparison,
    build_timelines,
    claims_page_number,
    link_claims,
)
from claims.corrections import actor_tree_then, corrections, shown_on, source_origins_then
from claims.filters import EventListPageFilter, NetworkFilter
from claims.maps import MAP_LIMIT, build_map
from claims.models import (
    Actor,
    Affiliation,
    Citation,
    Claim,
    Event,
    EventCandidate,
    EventRelation,
    Person,
    Source,
)
from claims.models.claims import citations_with_sources
from claims.models.sources import not_shown
from claims.network import build_network
from claims.paging import PagedByKeys
from claims.reasons import in_words
from claims.search import search_all

EVENTS_PER_PAGE = 25


def _leading_candidates() -> Prefetch:
    return Prefetch(
        "candidates",
        queryset=EventCandidate.objects.filter(role=Claim.Role.PERPETRATOR, rank__lte=3)
        .select_related("actor")
        .order_by("rank"),
        to_attr="leading_candidates",
    )


def _with_headline_reasons(events: list[Event]) -> list[Event]:
    """Give each event `headline_reason_shown`: why its headline state is what it is, in
    words (None when not derived yet). Two queries for all the events at once: the claims
    and the actors their stored reasons name."""
    stored = {
        event.pk: Reason.from_data(event.headline_reason)
        for event in events
        if event.headline_reason
    }
    claim_ids = {pk for reason in stored.values() for pk in reason.claims}
    actor_ids = {pk for reason in stored.values() for pk in reason.actors}
    # Read into dicts: no order to sort by (a claim's default order joins its event).
    claims = Claim.objects.with_related().order_by().in_bulk(claim_ids) if claim_ids else {}
    actors = Actor.objects.order_by().in_bulk(actor_ids) if actor_ids else {}
    for event in events:
        reason = stored.get(event.pk)
        # Names read now, so a renamed actor or person shows under its new name.
        known = (
            reason and set(reason.claims) <= claims.keys() and set(reason.actors) <= actors.keys()
        )
        event.headline_reason_shown = in_words([reason], claims, actors)[0] if known else None
    return events


@cached_page()
def home(request: HttpRequest) -> HttpResponse:
    events = Event.objects.public().prefetch_related(_leading_candidates())
    latest = list(events.order_by("-date", "pk")[:8])
    contested = list(
        events.filter(attribution_state=AttributionState.CONTESTED).order_by("-date", "pk")[:8]
    )
    _with_headline_reasons(latest + contested)
    return render(
        request,
        "claims/home.html",
        {"latest_events": latest, "contested_events": contested},
    )


@cached_page(reads=[*EventListPageFilter.base_filters, "page"])
def event_list(request: HttpRequest) -> HttpResponse:
    events = Event.objects.public().order_by("-date", "pk")
    event_filter = EventListPageFilter(request.GET, queryset=events)
    page = Paginator(
        PagedByKeys(event_filter.qs.prefetch_related(_leading_candidates())), EVENTS_PER_PAGE
    )
    page_obj = page.get_page(request.GET.get("page"))
    page_obj.object_list = _with_headline_reasons(list(page_obj.object_list))
    # The other pages' links carry the filters, and nothing else the address had.
    query = QueryDict(mutable=True)
    for name in EventListPageFilter.base_filters:
        if name in request.GET:
            query.setlist(name, request.GET.getlist(name))
    filters = {name: value for name, value in query.items() if value}
    return render(
        request,
        "claims/event_list.html",
        {
            "filter": event_filter,
            "page_obj": page_obj,
            "query": query.urlencode(),
            "event_map": build_map(
                event_filter.qs.mapped(MAP_LIMIT), filters, total=page_obj.paginator.count
            ),
        },
    )


def _parse_date(request: HttpRequest, name: str) -> tuple[datetime.date | None, str]:
    raw = request.GET.get(name, "").strip()
    if not raw:
        return None, ""
    try:
        return datetime.date.fromisoformat(raw), ""
    except ValueError:
        return None, gettext(
            "“%(value)s” is not a date: use the form YYYY-MM-DD. Showing today's picture."
        ) % {"value": raw}


@cached_page(reads=["as_of", "as_shown_on", "page"])
def event_detail(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_object_or_404(Event.objects.public(), slug=slug)
    as_shown_on, date_error = _parse_date(request, "as_shown_on")
    as_of, as_of_error = (None, "") if as_shown_on else _parse_date(request, "as_of")
    if as_shown_on is not None:
        # The record as the tracker showed it then: the claims published then, as they were.
        claims = shown_on(event, as_shown_on)
        result = event.attribution(
            claims,
            origins=source_origins_then(claims, as_shown_on),
            parents=actor_tree_then(as_shown_on),
        )
        comparison = latest = build_comparison(claims, result)
    else:
        claims = list(event.claims.published().with_parties().order_by("stated_on", "pk"))
        if as_of is None:
            comparison = latest = build_comparison(claims, event.attribution(claims))
        else:
            then, now = event.attribution_then_and_now(claims, as_of)
            comparison, latest = build_comparison(claims, then), build_comparison(claims, now)
    link_claims(claims, event.get_absolute_url(), as_of, as_shown_on)
    claims_page = Paginator(claims, CLAIMS_PER_PAGE).get_page(request.GET.get("page"))
    # Quotes and sources only for the claims shown with them, the cards and this page of
    # the full list: an event with hundreds of claims would load thousands of rows.
    shown = {claim.pk: claim for claim in [*comparison.carded(), *claims_page]}
    prefetch_related_objects(list(shown.values()), citations_with_sources())
    wide, narrow = build_timelines(latest, claims, as_of, [WIDE, NARROW])
    relations = (
        EventRelation.objects.public()
        .filter(Q(from_event=event) | Q(to_event=event))
        .select_related("from_event", "to_event")
    )
    return render(
        request,
        "claims/event_detail.html",
        {
            "event": event,
            "as_of": as_of,
            "as_shown_on": as_shown_on,
            "as_of_error": date_error or as_of_error,
            "corrections": corrections(event=event),
            "comparison": comparison,
            "claims": claims,
            "claims_page": claims_page,
            "timeline": wide,
            "timeline_narrow": narrow,
            "relations": relations,
            "event_map": build_map([event.mapped()]),
            "claim_reviews": json_ld_script(
                [
                    claim_review(claim, base_url=f"{request.scheme}://{request.get_host()}")
                    # Those of the claims this page shows in full.
                    for claim in claims_page
                    if has_verdict(claim)
                ]
            ),
        },
    )


def claim_detail(request: HttpRequest, pk: int) -> HttpResponseRedirect:
    """A claim's permanent address: its entry in the full list on its event's page."""
    claim = get_object_or_404(
        Claim.objects.published().select_related("event").only("pk", "stated_on", "event__slug"),
        pk=pk,
    )
    earlier = (
        Claim.objects.published()
        .filter(event_id=claim.event_id)
        .filter(Q(stated_on__lt=claim.stated_on) | Q(stated_on=claim.stated_on, pk__lt=claim.pk))
        .count()
    )
    page = claims_page_number(earlier)
    query = f"?page={page}" if page > 1 else ""
    url = reverse("claims:event_detail", args=[claim.event.slug])
    return HttpResponseRedirect(f"{url}{query}#claim-{claim.pk}")


NAMES_PER_PAGE = 200


@cached_page(reads=["page"])
def actor_list(request: HttpRequest) -> HttpResponse:
    """The actors that published claims name, by kind (in the vocabulary's order)."""
    kind_order = Case(
        *(When(kind=kind, then=Value(n)) for n, kind in enumerate(Actor.Kind.values)),
        default=Value(len(Actor.Kind.values)),
    )
    actors = (
        Actor.objects.with_public_event_count()
        .filter(event_count__gt=0)
        .order_by(kind_order, "name", "pk")
        .only("name", "slug", "kind")
    )
    page_obj = Paginator(actors, NAMES_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "claims/actor_list.html", {"page_obj": page_obj})


@cached_page(reads=["page"])
def person_list(request: HttpRequest) -> HttpResponse:
    """The people whose statements are published."""
    people = (
        Person.objects.with_public_event_count()
        .filter(event_count__gt=0)
        .order_by("name", "pk")
        .only("name", "slug")
    )
    page_obj = Paginator(people, NAMES_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "claims/person_list.html", {"page_obj": page_obj})


@cached_page()
def actor_detail(request: HttpRequest, slug: str) -> HttpResponse:
    actor = get_object_or_404(
        Actor.objects.select_related("parent").prefetch_related("aliases"), slug=slug
    )
    # With the actor a disputed claim named, for the accusations drawn from them.
    published = (
        Claim.objects.published().for_display().select_related("responds_to__attributed_actor")
    )
    made = published.filter(claimant_actor=actor)
    claims_made = list(made.exclude(stance=Claim.Stance.DENIES))
    denials = list(made.filter(stance=Claim.Stance.DENIES))
    # A dispute naming nobody is about the actor of the claim it answers.
    claims_about = list(
        published.filter(
            Q(attributed_actor=actor)
            | Q(
                stance=Claim.Stance.DISPUTES,
                attributed_actor__isnull=True,
                responds_to__attributed_actor=actor,
            )
        )
    )
    around = {claim.pk: claim for claim in [*claims_made, *denials, *claims_about]}
    latest_first = sorted(
        around.values(), key=lambda claim: (claim.event.date, claim.pk), reverse=True
    )
    return render(
        request,
        "claims/actor_detail.html",
        {
            "actor": actor,
            "subunits": actor.subunits.all(),
            "candidacies": EventCandidate.objects.filter(
                actor=actor, event__published_claim_count__gt=0
            )
            .select_related("event")
            .order_by("-event__date", "role"),
            "claims_made": claims_made,
            "denials": denials,
            "claims_about": claims_about,
            "network": build_network(
                [a for claim in latest_first if (a := claim.accusation())],
                centre=actor.party().key,
            ),
        },
    )


@cached_page(reads=[*NetworkFilter.base_filters])
def network(request: HttpRequest) -> HttpResponse:
    network_filter = NetworkFilter(request.GET, queryset=Claim.objects.published())
    return render(
        request,
        "claims/network.html",
        {"filter": network_filter, "network": build_network(network_filter.qs.accusations())},
    )


@cached_page()
def person_detail(request: HttpRequest, slug: str) -> HttpResponse:
    person = get_object_or_404(Person.objects.prefetch_related("aliases"), slug=slug)
    return render(
        request,
        "claims/person_detail.html",
        {
            "person": person,
            "affiliations": Affiliation.objects.filter(person=person).select_related("actor"),
            "statements": Claim.objects.published().for_display().filter(claimant_person=person),
        },
    )


@cached_page()
def source_detail(request: HttpRequest, pk: int) -> HttpResponse:
    source = get_object_or_404(
        Source.objects.shown().select_related("republishes").defer(*not_shown("republishes")),
        pk=pk,
    )
    citations = (
        Citation.objects.filter(source=source, claim__publication=Claim.Publication.PUBLISHED)
        .select_related(
            "claim__event",
            "claim__claimant_actor",
            "claim__claimant_person",
            "claim__attributed_actor",
            "claim__attributed_actor_hint",
        )
        .order_by("claim__event__date", "claim__stated_on", "pk")
    )
    citations = list(citations)
    # A source that no published claim cites is an editor's work in progress.
    if not citations:
        raise Http404(gettext("No published claim cites this source."))
    return render(
        request,
        "claims/source_detail.html",
        {
            "source": source,
            "citations": citations,
            "republications": source.republications.shown()
            .filter(citations__claim__publication=Claim.Publication.PUBLISHED)
            .distinct(),
        },
    )


@cached_page(reads=["q"])
def search(request: HttpRequest) -> HttpResponse:
    text = request.GET.get("q", "").strip()[:200]
    return render(request, "claims/search.html", {"q": text, "results": search_all(text)})
