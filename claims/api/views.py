"""The fact-checkers' REST API, version 1. Reading is open; writing needs a token."""

import datetime

from django.db import connections
from django.db.models import Prefetch
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext, gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import APIException, ValidationError
from rest_framework.permissions import SAFE_METHODS, AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from claims import services
from claims.api import fast_reads, filters
from claims.api.serializers import (
    ActorSerializer,
    AttributionsSerializer,
    ClaimSerializer,
    CorrectionSerializer,
    EventSerializer,
    PersonSerializer,
    SourceSerializer,
)
from claims.caching import cached_api_read
from claims.changes import Position, changes_since
from claims.claimreview import REVIEWED_STATUSES, claim_review
from claims.corrections import actor_tree_then, corrections, shown_on, source_origins_then
from claims.exports import csv_lines, ndjson_lines
from claims.models import (
    Actor,
    Affiliation,
    Claim,
    Event,
    Person,
    Source,
    StaleVersion,
)
from claims.models.versioning import changed_meanwhile
from claims.reasons import actors_of_claims, in_words


class _FileRenderer(JSONRenderer):
    """Lets a client ask for an export by its media type; errors still come as JSON."""

    charset = "utf-8"


class CSVRenderer(_FileRenderer):
    media_type = "text/csv"
    format = "csv"


class NDJSONRenderer(_FileRenderer):
    media_type = "application/x-ndjson"
    format = "ndjson"


class VersionConflict(Exception):
    """Answered with 409 and the current version (see OptimisticLockMixin.update)."""

    def __init__(self, body: dict):
        self.body = body


class VersionRequired(APIException):
    status_code = 428
    default_code = "version_required"
    default_detail = gettext_lazy(
        "Say which version you are changing: send its `version` in the body, or the "
        'ETag of your GET in an If-Match header (If-Match: "3").'
    )


class ServiceDeletesMixin:
    """DELETE goes through the services, which ask the permission policy."""

    def perform_destroy(self, instance) -> None:
        services.delete_record(instance, by=self.request.user)


class CachedReadsMixin:
    """Anonymous lists and records answered from the cache until the next edit, found
    before DRF's dispatch when they can be (claims/api/fast_reads.py)."""

    @classmethod
    def as_view(cls, actions=None, **initkwargs):
        view = super().as_view(actions, **initkwargs)
        return fast_reads.answering_first(cls, actions, initkwargs, view)

    @cached_api_read()
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @cached_api_read()
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)


class OptimisticLockMixin:
    """PUT and PATCH must name the version they change; a newer one answers 409 with it."""

    def retrieve(self, request, *args, **kwargs):
        response = super().retrieve(request, *args, **kwargs)
        response["ETag"] = f'"{response.data["version"]}"'
        return response

    def update(self, request, *args, **kwargs):
        try:
            return super().update(request, *args, **kwargs)
        except VersionConflict as conflict:
            return Response(conflict.body, status=409)

    def _opened_version(self, request: Request) -> int:
        raw = request.data.get("version") if hasattr(request.data, "get") else None
        if raw is None and "If-Match" in request.headers:
            raw = request.headers["If-Match"].removeprefix("W/").strip('"')
        if raw is None:
            raise VersionRequired()
        try:
            # DRF's reading of a whole number: 1.5, "1e999" and true are refused.
            return serializers.IntegerField().run_validation(raw)
        except ValidationError as error:
            raise ValidationError({"version": [gettext("A whole number.")]}) from error

    def perform_update(self, serializer) -> None:
        opened = self._opened_version(self.request)
        instance = serializer.instance
        if opened != instance.version:
            self._conflict(instance, opened, instance.version)
        try:
            serializer.save()
        except StaleVersion as stale:
            self._conflict(instance, opened, stale.current)

    def _conflict(self, instance, opened: int, current: int | None) -> None:
        fresh = self.get_queryset().filter(pk=instance.pk).first()
        raise VersionConflict(
            {
                "detail": changed_meanwhile(instance, opened, current),
                "current_version": current,
                "current": self.get_serializer(fresh).data if fresh is not None else None,
            }
        )


def _may_see_drafts(request: Request) -> bool:
    return request.user.has_perm("claims.view_claim")


def _base_url(request: Request) -> str:
    return f"{request.scheme}://{request.get_host()}"


def _date_param(request: Request, name: str) -> datetime.date | None:
    raw = request.query_params.get(name)
    if not raw:
        return None
    try:
        return datetime.date.fromisoformat(raw)
    except ValueError as error:
        raise ValidationError(
            {name: [gettext("“%(value)s” is not a date of the form YYYY-MM-DD.") % {"value": raw}]}
        ) from error


class DraftsVisibleMixin:
    """Tells the serializer whether the account may see drafts, which decides the ids a
    record names (serializers.ReadersIdField)."""

    def get_serializer_context(self):
        return super().get_serializer_context() | {"drafts_visible": _may_see_drafts(self.request)}


class ActorViewSet(ServiceDeletesMixin, CachedReadsMixin, viewsets.ModelViewSet):
    serializer_class = ActorSerializer
    lookup_field = "slug"
    filterset_class = filters.ActorFilter
    queryset = Actor.objects.select_related("parent").prefetch_related("aliases").order_by("slug")


class PersonViewSet(ServiceDeletesMixin, CachedReadsMixin, viewsets.ModelViewSet):
    serializer_class = PersonSerializer
    lookup_field = "slug"
    queryset = Person.objects.prefetch_related(
        "aliases",
        Prefetch("affiliations", queryset=Affiliation.objects.select_related("actor")),
    ).order_by("slug")


class SourceViewSet(
    ServiceDeletesMixin, CachedReadsMixin, DraftsVisibleMixin, viewsets.ModelViewSet
):
    serializer_class = SourceSerializer
    lookup_value_regex = r"[0-9]{1,18}"  # larger numbers overflow the id column

    def get_queryset(self):
        sources = Source.objects.order_by("pk")
        if self.request.method in SAFE_METHODS:
            # Read whole for a write: its history keeps the captured HTML.
            sources = sources.shown()
        if _may_see_drafts(self.request):
            return sources
        return sources.public().with_public_republishes()


class EventViewSet(
    ServiceDeletesMixin, CachedReadsMixin, OptimisticLockMixin, viewsets.ModelViewSet
):
    serializer_class = EventSerializer
    lookup_field = "slug"
    filterset_class = filters.EventListApiFilter

    def get_queryset(self):
        may_see_drafts = _may_see_drafts(self.request)
        events = Event.objects.with_relations(public_only=not may_see_drafts)
        events = events.order_by("-date", "slug")
        return events if may_see_drafts else events.public()

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "as_of",
                OpenApiTypes.DATE,
                description="Only claims stated on or before it, with today's verdicts.",
            ),
            OpenApiParameter(
                "as_shown_on",
                OpenApiTypes.DATE,
                description="As the tracker published it at the end of that day: the claims "
                "published then, with the statuses they had then.",
            ),
        ],
        responses=AttributionsSerializer,
    )
    @action(detail=True)
    @cached_api_read(reads=["as_of", "as_shown_on"])
    def attributions(self, request: Request, slug: str) -> Response:
        """The derived comparison: per role its state and candidates, as of a date or as
        shown on a day."""
        event = self.get_object()
        as_of = _date_param(request, "as_of")
        as_shown_on = _date_param(request, "as_shown_on")
        if as_of and as_shown_on:
            raise ValidationError(
                {"as_shown_on": [gettext("Give either as_of or as_shown_on, not both.")]}
            )
        if as_shown_on:
            claims = shown_on(event, as_shown_on)
            result = event.attribution(
                claims,
                origins=source_origins_then(claims, as_shown_on),
                parents=actor_tree_then(as_shown_on),
            )
        else:
            claims = list(Claim.objects.filter(event=event).published().with_related())
            result = event.attribution(claims, as_of)
        by_id = {claim.pk: claim for claim in claims}
        actors = actors_of_claims(claims)
        slugs = {pk: actor.slug for pk, actor in actors.items()}
        return Response(
            {
                "event": event.slug,
                "as_of": as_of,
                "as_shown_on": as_shown_on,
                "state": result.state,
                "responsibility_not_claimed": result.responsibility_not_claimed,
                "no_claim_reports": list(result.no_claim_reports),
                "roles": {
                    role.role: {
                        "state": role.state,
                        "reasons": [
                            {
                                "code": reason.code,
                                "text": reason.text,
                                "claims": list(reason.claims),
                                "actors": [actor.slug for actor in reason.actors],
                            }
                            for reason in in_words(role.reasons, by_id, actors)
                        ],
                        "candidates": [
                            {
                                "actor": slugs[candidate.actor_id],
                                "self_claimed": candidate.self_claimed,
                                "confirmed": candidate.confirmed,
                                "independent_sources": candidate.independent_sources,
                                "supporting": list(candidate.supporting),
                                "opposing": list(candidate.opposing),
                                "also_named_as": [slugs[pk] for pk in candidate.also_named_as],
                                "consistent": list(candidate.consistent),
                            }
                            for candidate in role.candidates
                        ],
                        "other_denials": list(role.other_denials),
                        "unnamed": list(role.unnamed),
                    }
                    for role in result.roles.values()
                },
            }
        )

    @extend_schema(responses=CorrectionSerializer(many=True))
    @action(detail=True)
    @cached_api_read()
    def corrections(self, request: Request, slug: str) -> Response:
        """Every change to what readers saw of the event's claims, newest first:
        retractions with their reasons, withdrawals, status changes, corrected quotes."""
        # Public events only, whoever asks: the log is what readers saw.
        event = get_object_or_404(Event.objects.public(), slug=slug)
        return Response(CorrectionSerializer(corrections(event=event), many=True).data)

    @extend_schema(responses=OpenApiTypes.OBJECT)
    @action(detail=True)
    @cached_api_read()
    def claimreview(self, request: Request, slug: str) -> Response:
        """ClaimReview JSON-LD of every published claim of the event with a verdict."""
        event = self.get_object()
        claims = (
            Claim.objects.filter(event=event, status__in=REVIEWED_STATUSES)
            .published()
            .for_display()
        )
        base = _base_url(request)
        return Response([claim_review(claim, base_url=base) for claim in claims])


class ClaimViewSet(
    CachedReadsMixin, OptimisticLockMixin, DraftsVisibleMixin, viewsets.ModelViewSet
):
    serializer_class = ClaimSerializer
    lookup_value_regex = r"[0-9]{1,18}"  # larger numbers overflow the id column
    filterset_class = filters.ClaimFilter

    def get_queryset(self):
        claims = Claim.objects.for_display().order_by("pk")
        if _may_see_drafts(self.request):
            return claims
        return claims.published().with_public_responds_to()

    def perform_destroy(self, instance: Claim) -> None:
        services.delete_claim(instance, by=self.request.user)

    @extend_schema(responses=OpenApiTypes.OBJECT)
    @action(detail=True)
    @cached_api_read()
    def claimreview(self, request: Request, pk: str) -> Response:
        """The claim's schema.org ClaimReview (only for claims with an editorial verdict)."""
        claim = get_object_or_404(
            self.get_queryset().published().filter(status__in=REVIEWED_STATUSES), pk=pk
        )
        return Response(claim_review(claim, base_url=_base_url(request)))

    def _export(self, request: Request, lines, content_type: str, extension: str):
        claims = self.filter_queryset(Claim.objects.published())
        # Reach the database before answering 200: while it is down the client gets a
        # 503 with Retry-After, not the header row of a stream cut short.
        connections[claims.db].ensure_connection()
        stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
        response = StreamingHttpResponse(lines(claims), content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="claims-{stamp}.{extension}"'
        return response

    @extend_schema(filters=True, responses={(200, "text/csv"): OpenApiTypes.STR})
    def export_csv(self, request: Request) -> StreamingHttpResponse:
        """Every published claim matching the filters, as CSV (see the README for columns)."""
        return self._export(request, csv_lines, "text/csv; charset=utf-8", "csv")

    @extend_schema(filters=True, responses={(200, "application/x-ndjson"): OpenApiTypes.STR})
    def export_ndjson(self, request: Request) -> StreamingHttpResponse:
        """Every published claim matching the filters, one JSON object per line."""
        return self._export(request, ndjson_lines, "application/x-ndjson", "ndjson")


def _represented(changes: list, context: dict) -> dict[tuple[str, int], dict]:
    """The objects of the changes as the API gives them, by kind and id. One serializer
    for all of a kind: a serializer an object copies its fields each time, which took
    most of a page of 500 changes (about a second at a million claims)."""
    represented = {}
    for kind, serializer in (("claim", ClaimSerializer), ("event", EventSerializer)):
        objs = [c.obj for c in changes if c.obj is not None and c.position.kind == kind]
        data = serializer(objs, many=True, context=context).data
        represented |= {(kind, obj.pk): item for obj, item in zip(objs, data, strict=True)}
    return represented


class ChangesView(APIView):
    """Every public claim and event changed, unpublished or deleted since a moment."""

    permission_classes = [AllowAny]
    # Query parameters refused when empty (TrackerAutoSchema: the others read as absent).
    refuses_empty = ("cursor", "limit")

    MAX_LIMIT = 1000

    @extend_schema(
        parameters=[
            OpenApiParameter("since", OpenApiTypes.DATETIME, required=True),
            OpenApiParameter(
                "cursor", {"type": "string", "minLength": 1}, description="From the `next` link."
            ),
            OpenApiParameter(
                "limit",
                {"type": "integer", "minimum": 1},
                description="Entries a page, 500 by default; more than 1000 gives 1000.",
            ),
        ],
        responses=OpenApiTypes.OBJECT,
    )
    def get(self, request: Request) -> Response:
        try:
            since = parse_datetime(request.query_params.get("since", "") or "")
        except ValueError:  # well-formed but impossible, e.g. 30 February
            since = None
        if since is None:
            raise ValidationError(
                {"since": [gettext("Give an ISO 8601 date-time, e.g. 2024-02-08T00:00:00Z.")]}
            )
        if timezone.is_naive(since):
            since = timezone.make_aware(since, datetime.UTC)
        since = filters.in_utc(since)
        try:
            after = (
                Position.decode(request.query_params["cursor"])
                if "cursor" in request.query_params
                else None
            )
        except ValueError as error:
            raise ValidationError({"cursor": [gettext("Not a cursor of this feed.")]}) from error
        try:
            limit = min(int(request.query_params.get("limit", 500)), self.MAX_LIMIT)
        except ValueError as error:
            raise ValidationError({"limit": [gettext("A whole number.")]}) from error
        if limit < 1:
            raise ValidationError({"limit": [gettext("At least 1.")]})
        changes, next_position = changes_since(since, after=after, limit=limit)
        # The public data, whoever asks.
        represented = _represented(changes, {"request": request, "drafts_visible": False})
        results = []
        for change in changes:
            entry = {
                "type": change.position.kind,
                "id": change.position.id,
                "action": change.action,
                "reason": change.reason,
                "changed_at": change.position.changed_at,
            }
            if change.position.kind == "event":
                entry["slug"] = change.slug
            if change.obj is not None:
                entry["data"] = represented[change.position.kind, change.position.id]
            results.append(entry)
        next_url = None
        if next_position is not None:
            query = request.query_params.copy()
            query["cursor"] = next_position.encode()
            next_url = request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
        return Response({"results": results, "next": next_url})
