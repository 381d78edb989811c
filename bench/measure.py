"""Server time of pages and API calls, in process: django.test.Client through the whole
middleware stack and template rendering, with the SQL queries counted.

Each URL is requested twice to warm up (templates, connection), then `repeat` times;
the median and the 95th percentile (nearest rank) are reported in milliseconds.
"""

import datetime as dt
import math
import statistics
import time
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db import connection
from django.db.models import Count, Max
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bench import config
from bench.generate import QUOTE_PHRASE
from bench.quiet import OtherLoad, wait_for_quiet
from claims.attribution import lineage
from claims.models import Actor, ActorAlias, Claim, Event, EventCandidate
from claims.normalize import normalize_name

WARMUP = 2


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile: the smallest value with `share` of values at or below it."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


@dataclass
class Probes:
    """What to ask for, chosen from the data so that a rerun on the same seed asks the same."""

    ordinary_event: str
    ordinary_claims: int
    largest_event: str
    largest_claims: int
    largest_date: dt.date
    state: str
    country: str
    filtered_events: int
    deep_page: int
    alias: str
    alias_of: str
    phrase: str
    actor_with_subunits: str
    # A month before the latest claim was written: what a desk's monthly sync asks for.
    changes_since: str


def choose_probes() -> Probes:
    public = Event.objects.public()
    largest = public.order_by("-published_claim_count", "pk").first()
    counts = sorted(public.values_list("published_claim_count", flat=True))
    median = counts[len(counts) // 2]
    same = list(public.filter(published_claim_count=median).order_by("pk").values_list("slug"))
    ordinary = same[len(same) // 2][0]
    state, country = "contested", "IQ"
    filtered = public.filter(attribution_state=state, country=country).count()
    # The actor most often named as a candidate, and a spelling of it other than its name.
    top = (
        EventCandidate.objects.values("actor_id")
        .annotate(n=Count("id"))
        .order_by("-n", "actor_id")
        .first()
    )
    actor = Actor.objects.get(pk=top["actor_id"])
    own = normalize_name(actor.name)
    spellings = [
        alias.name
        for alias in ActorAlias.objects.filter(actor=actor).order_by("pk")
        if alias.normalized != own and len(alias.name) > 5
    ]
    parents = Actor.objects.parent_map()
    root = Actor.objects.get(pk=lineage(actor.pk, parents)[-1])
    latest = Claim.objects.aggregate(latest=Max("created_at"))["latest"]
    return Probes(
        ordinary_event=ordinary,
        ordinary_claims=median,
        largest_event=largest.slug,
        largest_claims=largest.published_claim_count,
        largest_date=largest.date,
        state=state,
        country=country,
        filtered_events=filtered,
        deep_page=max(1, math.ceil(filtered / 25)),
        alias=spellings[0] if spellings else actor.name,
        alias_of=actor.name,
        phrase=QUOTE_PHRASE,
        actor_with_subunits=root.slug,
        changes_since=(latest - dt.timedelta(days=30)).strftime("%Y-%m-%dT00:00:00Z"),
    )


def scenarios(p: Probes) -> dict[str, str]:
    as_of = (p.largest_date + dt.timedelta(days=7)).isoformat()
    events = {"state": p.state, "country": p.country}
    return {
        "home": "/",
        "event_ordinary": f"/events/{p.ordinary_event}/",
        "event_largest": f"/events/{p.largest_event}/",
        "events_filtered_first": f"/events/?{urlencode(events)}",
        "events_filtered_deep": f"/events/?{urlencode(events | {'page': p.deep_page})}",
        "search_alias": f"/search/?{urlencode({'q': p.alias})}",
        "search_quote": f"/search/?{urlencode({'q': p.phrase})}",
        "api_claims_filtered": "/api/v1/claims/?"
        + urlencode({"stance": "attributes", "role": "perpetrator", "page_size": 100}),
        "api_claims_actor": "/api/v1/claims/?"
        + urlencode(
            {
                "attributed_actor": p.actor_with_subunits,
                "include_subunits": "true",
                "ordering": "-stated_on",
                "page_size": 100,
            }
        ),
        "api_attributions_ordinary": f"/api/v1/events/{p.ordinary_event}/attributions/?as_of="
        + as_of,
        "api_attributions_largest": f"/api/v1/events/{p.largest_event}/attributions/?as_of="
        + as_of,
        # What reads the history: every claim's corrections, a month of the change feed.
        "feed_corrections": "/feeds/corrections/",
        "api_changes_month": f"/api/v1/changes/?{urlencode({'since': p.changes_since})}",
    }


def _body(response) -> int:
    if response.streaming:
        return sum(len(chunk) for chunk in response.streaming_content)
    return len(response.content)


def measure(url: str, repeat: int) -> dict:
    # As behind the TLS-terminating proxy of a deployment (see bench.config).
    client = Client(headers={config.PROXY_HEADER[0]: config.PROXY_HEADER[1]})
    for _ in range(WARMUP):
        response = client.get(url)
        size = _body(response)
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}")
    times, queries = [], []
    with OtherLoad() as other:
        for _ in range(repeat):
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                _body(client.get(url))
                times.append(time.perf_counter() - started)
            queries.append(len(captured.captured_queries))
    return {
        "url": url,
        "median_ms": round(statistics.median(times) * 1000, 2),
        "p95_ms": round(percentile(times, 0.95) * 1000, 2),
        "min_ms": round(min(times) * 1000, 2),
        "queries": max(queries),
        "queries_stable": len(set(queries)) == 1,
        "bytes": size,
        "repeat": repeat,
        "other_cpu_share": other.share,
    }


def measure_all(probes: Probes, repeat: int, quiet_wait: float, log=print) -> dict[str, dict]:
    results = {}
    for name, url in scenarios(probes).items():
        idle = wait_for_quiet(quiet_wait)
        results[name] = measure(url, repeat) | {"cpu_idle_before": idle}
        r = results[name]
        log(
            f"  {name:28} median {r['median_ms']:9.2f} ms  p95 {r['p95_ms']:9.2f} ms  "
            f"{r['queries']:3} queries  (CPUs idle before {idle:.0%}; "
            f"others' CPU during {r['other_cpu_share'] or 0:.0%})"
        )
    return results
