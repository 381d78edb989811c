"""`python -m bench suggestions`: how good and how fast the suggestion engine is.

**Quality**, on the development set: the five reference articles (claims/demo/articles/)
and the claims editors entered from them by hand (claims/demo/data.py), with the demo
actors and people as the gazetteer. A hand-entered claim belongs to the article its
citations' quotes are found in (a source captured from inside an article, such as the
New York Times text pasted in a blog post, belongs to that article).

- recall: hand-entered claims whose quote overlaps a suggestion of the same stance;
- precision: suggestions that overlap a quote of a hand-entered claim of the same stance;
- among the claims found, with the suggestion that fits each best: attributed actor
  (the same slug; none for "no claim"), claimant, hedging and role the same. The
  claimant is the same person when the editors named one, else the same actor, else:
  where the editors named the source itself as the claimant ("Unsigned blog post",
  "The New York Times" for its pasted article), a suggestion in the source's own voice
  (no claimant at all); where they described an unnamed speaker ("unnamed U.S.
  officials"), a suggestion with a description and no person.

**Speed** (`--speed`): a 10,000-word article (the five articles and again the first
ones) against a gazetteer of 10,000 actors with 50,000 aliases (the demo's and made-up
ones), built once; the median and 95th percentile of `--repeat` runs.
"""

import argparse
import datetime as dt
import json
import os
import random
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench import config
from claims.demo import data
from claims.suggest import (
    ActorEntry,
    AffiliationEntry,
    Gazetteer,
    PersonEntry,
    Suggestion,
    suggest_claims,
)

ARTICLES = config.PROJECT_DIR / "claims" / "demo" / "articles"
# Claimant descriptions by which the editors named the source itself.
OWN_VOICE = {
    data.UNSIGNED_BLOG,
    data.BW_ACTUAL,
    data.NYT,
    data.ARAB_CENTER_ANALYSIS,
    data.CROSSFIRE_ANALYSIS,
}
TARGETS = {
    "recall": 0.85,
    "precision": 0.60,
    "actor": 0.90,
    "claimant": 0.80,
    "hedging": 0.75,
    "role": 0.85,
}


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def demo_gazetteer() -> Gazetteer:
    actors = [
        ActorEntry(a["slug"], a["name"], a["kind"], a["parent"], tuple(a["aliases"]))
        for a in data.ACTORS
    ]
    people = [
        PersonEntry(
            p["slug"],
            p["name"],
            tuple(p["aliases"]),
            tuple(
                AffiliationEntry(f["actor"], f["title"], _date(f["start"]), _date(f["end"]))
                for f in p["affiliations"]
            ),
        )
        for p in data.PEOPLE
    ]
    return Gazetteer(actors, people)


def _article_of(source: dict) -> str | None:
    if source.get("article"):
        return source["article"]
    if source.get("captured_from"):
        return source["captured_from"][0]
    return None


@dataclass
class GoldClaim:
    key: str
    claim: dict
    spans: list[tuple[int, int]] = field(default_factory=list)

    def overlaps(self, suggestion: Suggestion) -> bool:
        return suggestion.stance == self.claim["stance"] and any(
            start < suggestion.end and suggestion.start < end for start, end in self.spans
        )


def gold_by_article() -> dict[str, list[GoldClaim]]:
    sources = {source["key"]: source for source in data.SOURCES}
    texts = {path.name: path.read_text() for path in ARTICLES.glob("*.txt")}
    gold: dict[str, dict[str, GoldClaim]] = {name: {} for name in texts}
    for claim in data.CLAIMS:
        for citation in claim["citations"]:
            article = _article_of(sources[citation["source"]])
            if article is None:
                continue
            at = texts[article].find(citation["quote"])
            if at < 0:
                raise ValueError(f"{claim['key']}: quote not found in {article}")
            entry = gold[article].setdefault(claim["key"], GoldClaim(claim["key"], claim))
            entry.spans.append((at, at + len(citation["quote"])))
    return {name: list(claims.values()) for name, claims in sorted(gold.items())}


def claimant_matches(claim: dict, suggestion: Suggestion) -> bool:
    if claim["claimant_person"]:
        return suggestion.claimant_person == claim["claimant_person"]
    if claim["claimant_actor"]:
        return suggestion.claimant_actor == claim["claimant_actor"]
    description = claim["claimant_description"]
    if description in OWN_VOICE or description.endswith("(author)"):
        return not (
            suggestion.claimant_person
            or suggestion.claimant_actor
            or suggestion.claimant_description
            or suggestion.claimant_mention
        )
    return suggestion.claimant_person is None and bool(suggestion.claimant_description)


def _fit(claim: dict, suggestion: Suggestion) -> tuple[bool, ...]:
    return (
        suggestion.attributed_actor == claim["attributed_actor"],
        claimant_matches(claim, suggestion),
        suggestion.role == claim["role"],
        suggestion.hedging == claim["hedging"],
    )


def _gold(claim: dict) -> str:
    claimant = claim["claimant_person"] or claim["claimant_actor"] or claim["claimant_description"]
    return (
        f"{claim['stance']} {claim['role']} {claim['attributed_actor']} "
        f"{claim['hedging']} by {claimant!r}"
    )


def _got(s: Suggestion) -> str:
    claimant = s.claimant_person or s.claimant_actor or s.claimant_description
    return (
        f"{s.stance} {s.role} {s.attributed_actor or s.attributed_mention!r} "
        f"{s.hedging} by {claimant!r}"
    )


def evaluate(verbose: bool = False) -> dict:
    gazetteer = demo_gazetteer()
    published = {
        source["article"]: _date(source["published_on"])
        for source in data.SOURCES
        if source.get("article")
    }
    rows = []
    counted = ("gold", "found", "suggestions", "matched", "matched_actor")
    totals = dict.fromkeys((*counted, "actor", "claimant", "hedging", "role"), 0)
    for article, claims in gold_by_article().items():
        text = (ARTICLES / article).read_text()
        suggestions = suggest_claims(text, gazetteer, published_on=published.get(article))
        row = {"article": article, "gold": len(claims), "suggestions": len(suggestions)}
        row["matched"] = sum(any(c.overlaps(s) for c in claims) for s in suggestions)
        # Stricter than the target's definition: the same actor too.
        row["matched_actor"] = sum(
            any(c.overlaps(s) and s.attributed_actor == c.claim["attributed_actor"] for c in claims)
            for s in suggestions
        )
        found = actor = claimant = hedging = role = 0
        for claim in claims:
            candidates = [s for s in suggestions if claim.overlaps(s)]
            if not candidates:
                if verbose:
                    print(f"  MISSED {claim.key}: {_gold(claim.claim)}")
                continue
            found += 1
            best = max(candidates, key=lambda s: _fit(claim.claim, s))
            fit = _fit(claim.claim, best)
            actor, claimant, role, hedging = (
                actor + fit[0],
                claimant + fit[1],
                role + fit[2],
                hedging + fit[3],
            )
            if verbose and not all(fit):
                wrong = [
                    n
                    for n, ok in zip(("actor", "claimant", "role", "hedging"), fit, strict=True)
                    if not ok
                ]
                print(f"  WRONG {claim.key} {wrong}: {_gold(claim.claim)} | got {_got(best)}")
        if verbose:
            for s in suggestions:
                if not any(c.overlaps(s) for c in claims):
                    print(f"  EXTRA {_got(s)}: {s.quote[:110]!r}")
        row.update(found=found, actor=actor, claimant=claimant, hedging=hedging, role=role)
        rows.append(row)
        for key in totals:
            totals[key] += row[key]
    return {"articles": rows, "overall": totals}


def _ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def figures(row: dict) -> dict[str, float | None]:
    return {
        "recall": _ratio(row["found"], row["gold"]),
        "precision": _ratio(row["matched"], row["suggestions"]),
        "actor": _ratio(row["actor"], row["found"]),
        "claimant": _ratio(row["claimant"], row["found"]),
        "hedging": _ratio(row["hedging"], row["found"]),
        "role": _ratio(row["role"], row["found"]),
    }


def table(result: dict) -> str:
    def cell(value):
        return "–" if value is None else f"{value:.2f}"

    lines = [
        "| article | claims | suggestions | recall | precision | actor | claimant | hedging "
        "| role | precision, same actor |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for row in [*result["articles"], {**result["overall"], "article": "**overall**"}]:
        f = figures(row)
        lines.append(
            f"| {row['article']} | {row['gold']} | {row['suggestions']} | "
            + " | ".join(cell(f[k]) for k in TARGETS)
            + f" | {cell(_ratio(row['matched_actor'], row['suggestions']))} |"
        )
    overall = figures(result["overall"])
    lines.append(
        "| target | | | "
        + " | ".join(
            f"≥ {target:.2f} {'met' if (overall[k] or 0) >= target else 'missed'}"
            for k, target in TARGETS.items()
        )
        + " | |"
    )
    return "\n".join(lines)


# ---- speed ---------------------------------------------------------------------------

_SYLLABLES = [
    "al",
    "ba",
    "dar",
    "ek",
    "fa",
    "gor",
    "ha",
    "id",
    "jun",
    "ka",
    "lim",
    "mar",
    "nu",
    "or",
    "pra",
    "qa",
    "ras",
    "sol",
    "tu",
    "ur",
    "vel",
    "wa",
    "xan",
    "yar",
    "zu",
]


def _made_up_name(rng: random.Random) -> str:
    words = [
        "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()
        for _ in range(rng.randint(1, 3))
    ]
    return " ".join(words)


def large_gazetteer(actors: int = 10_000, aliases: int = 50_000, seed: int = 1) -> Gazetteer:
    """The demo's actors and people, and made-up actors up to `actors` and `aliases`."""
    rng = random.Random(seed)
    demo = demo_gazetteer()
    entries = list(demo.actors.values())
    seen = set(demo.keys)
    count = sum(1 + len(a.aliases) for a in entries)
    per_actor = max(1, (aliases - count) // max(1, actors - len(entries)))
    while len(entries) < actors:
        names = []
        while len(names) < per_actor:
            name = _made_up_name(rng)
            if name.casefold() not in seen:
                seen.add(name.casefold())
                names.append(name)
        entries.append(
            ActorEntry(f"made-up-{len(entries)}", names[0], "armed_group", None, tuple(names[1:]))
        )
        count += len(names)
    return Gazetteer(entries, demo.people.values())


def long_article(words: int = 10_000) -> str:
    texts = [path.read_text() for path in sorted(ARTICLES.glob("*.txt"))]
    parts, count, index = [], 0, 0
    while count < words:
        text = texts[index % len(texts)]
        parts.append(text)
        count += len(text.split())
        index += 1
    return " ".join("\n\n".join(parts).split(" ")[:words]) if count > words else "\n\n".join(parts)


def speed(repeat: int) -> dict:
    started = time.perf_counter()
    gazetteer = large_gazetteer()
    built = time.perf_counter() - started
    aliases = len(gazetteer.keys)
    article = long_article()
    started = time.perf_counter()
    suggest_claims(article, gazetteer)  # builds the automaton, once per gazetteer
    first = time.perf_counter() - started
    times, cpu = [], []
    for _ in range(repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        suggestions = suggest_claims(article, gazetteer)
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    times.sort()
    cpu.sort()
    return {
        "words": len(article.split()),
        "actors": len(gazetteer.actors),
        "spellings": aliases,
        "gazetteer_build_s": round(built, 3),
        "first_run_s": round(first, 3),
        "median_ms": round(statistics.median(times) * 1000, 1),
        "p95_ms": round(times[max(0, int(len(times) * 0.95) - 1)] * 1000, 1),
        # CPU time of this process: what the work costs when other processes share the
        # cores (wall-clock time then includes waiting for one).
        "median_cpu_ms": round(statistics.median(cpu) * 1000, 1),
        "load_average": os.getloadavg()[0],
        "cores": os.cpu_count(),
        "suggestions": len(suggestions),
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench suggestions", description=__doc__)
    parser.add_argument("--verbose", action="store_true", help="list misses, errors and extras")
    parser.add_argument("--speed", action="store_true", help="also time a 10,000-word article")
    parser.add_argument("--repeat", type=int, default=20, help="timed runs for --speed")
    args = parser.parse_args(argv)
    result = evaluate(verbose=args.verbose)
    text = table(result)
    print(text)
    if args.speed:
        timing = speed(args.repeat)
        result["speed"] = timing
        print(
            f"\nSpeed: {timing['words']:,} words, {timing['actors']:,} actors with "
            f"{timing['spellings']:,} spellings: median {timing['median_ms']} ms, "
            f"p95 {timing['p95_ms']} ms over {args.repeat} runs, median CPU time "
            f"{timing['median_cpu_ms']} ms (gazetteer built once in "
            f"{timing['gazetteer_build_s']} s; first run, with the automaton, "
            f"{timing['first_run_s']} s; load average {timing['load_average']:.1f} on "
            f"{timing['cores']} cores)."
        )
    config.RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d-%H%M%S")
    out = Path(config.RESULTS_DIR / f"suggestions-{stamp}.json")
    out.write_text(json.dumps(result, indent=2))
    return 0
