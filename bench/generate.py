"""Synthetic but realistic data, reproducible from a seed.

About ten claims per event (a long tail: most events have a handful, about one in 250
has hundreds), one to three citations per claim, about 3,000 actors (every country as a
state, ministries and armed forces under them, armed groups under coalitions and
brigades under groups, up to four levels), 1,500 officials, each with spelling variants
as aliases, and tens of thousands of sources (some republishing others). Stances,
roles, hedging, statuses and publication are mixed in the proportions below.

Rows carry explicit primary keys so that claims can point at the claims they dispute
and citations at their claims without a round trip; `bench.load` writes them.
"""

import datetime as dt
import random
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.text import slugify
from django_countries import countries

from claims.normalize import normalize_name, normalize_url, searchable_words

# A phrase that about one quote in a hundred contains, for the quote search.
QUOTE_PHRASE = "launch site was traced to"
TODAY = dt.date.today()
FIRST_DAY = dt.date(2006, 1, 1)
LAST_DAY = TODAY - dt.timedelta(days=30)

STANCES = {
    "attributes": 47,
    "claims_responsibility": 8,
    "denies": 20,
    "disputes": 10,
    "no_claim": 5,
}
ROLES = {"perpetrator": 70, "sponsor": 15, "facilitator": 8, "accountable": 7}
HEDGING = {"asserted": 40, "probable": 15, "reported": 25, "alleged": 15, "speculative": 5}
STATUSES = {
    "unverified": 57,
    "corroborated": 15,
    "confirmed": 2,
    "disputed": 12,
    "refuted": 7,
    "retracted": 7,
}
CHANNELS = [
    "official_statement",
    "press_briefing",
    "interview",
    "social_media",
    "video",
    "spokesperson",
    "unnamed_officials",
    "other",
    "",
]
EVENT_KINDS = {
    "drone_strike": 18,
    "rocket_attack": 20,
    "missile_strike": 8,
    "airstrike": 15,
    "bombing": 15,
    "shooting": 10,
    "assassination": 6,
    "protest_riot": 4,
    "other": 4,
}
EVENT_COUNTRIES = {
    "IQ": 25,
    "SY": 15,
    "YE": 10,
    "LB": 6,
    "AF": 6,
    "SO": 5,
    "NG": 5,
    "ML": 4,
    "UA": 4,
    "LY": 4,
    "PK": 4,
    "IL": 3,
    "PS": 3,
    "IR": 3,
    "SA": 2,
    "": 2,
}
SOURCE_KINDS = {
    "news_report": 55,
    "official_statement": 12,
    "press_briefing": 8,
    "analysis": 8,
    "opinion": 5,
    "social_media": 10,
    "other": 2,
}
DESCRIPTIONS = [
    "unnamed U.S. officials",
    "unnamed Iraqi security officials",
    "local residents",
    "a military source",
    "diplomatic sources",
    "a senior intelligence official",
    "eyewitnesses",
    "a provincial council member",
    "monitoring group",
    "hospital officials",
]
RETRACTIONS = [
    "The outlet withdrew the report.",
    "The spokesperson said the statement was misattributed.",
    "The agency corrected its statement the next day.",
]
TITLES = [
    "Spokesperson",
    "Minister of Defence",
    "Minister of Foreign Affairs",
    "Commander",
    "Chief of Staff",
    "Deputy Commander",
    "Secretary-General",
    "Press Secretary",
    "Military Spokesman",
    "Ambassador",
]


def _words(text: str) -> list[str]:
    return text.split()


SYLLABLES = _words(
    "ka ta ib ra sha hu da ma lu na zi fa qa sa ri mu ha ja ba di al ka wa ya mi "
    "ru ni so be ar om us el fi gh kh dh th za har sal nur kar mir tal"
)
WORDS = _words(
    "the attack was carried out by forces who had planned it for weeks and officials said "
    "evidence shows rockets drones fired from positions near border town village base camp "
    "convoy checkpoint overnight morning statement confirmed denied blamed responsibility "
    "fighters militia brigade group unit commander ordered retaliation response warned "
    "further strikes would follow investigation ongoing sources familiar with intelligence "
    "assessment indicates likely involvement support weapons supplied trained funded local "
    "residents reported explosions casualties wounded killed civilians soldiers contractors "
    "government rejects accusations baseless fabricated propaganda campaign aimed at "
    "undermining stability region security council condemned violation sovereignty"
)
ARABIC_WORDS = _words("هجوم صاروخ طائرة مسيرة مسؤولية بيان الفصائل القوات القاعدة نفي اتهام")
PREFIXES = ["Kata'ib", "Harakat", "Liwa", "Saraya", "Asa'ib", "Jaysh", "Ansar", "Jabhat"]
OUTLET_SUFFIXES = ["Times", "Post", "Herald", "News", "Observer", "Daily", "Tribune", "Monitor"]


def _weighted(rng: random.Random, table: dict[str, int]) -> str:
    return rng.choices(list(table), weights=list(table.values()))[0]


class _Picker:
    """Fast repeated weighted choice (cumulative weights computed once)."""

    def __init__(self, table: dict):
        self.values = list(table)
        total, self.cum = 0, []
        for weight in table.values():
            total += weight
            self.cum.append(total)

    def __call__(self, rng: random.Random):
        return rng.choices(self.values, cum_weights=self.cum)[0]


@dataclass
class Dataset:
    claims: int
    seed: int
    # Table name -> (field attnames, rows as tuples in that order).
    tables: dict[str, tuple[list[str], list[tuple]]] = field(default_factory=dict)

    def add(self, table: str, fields: list[str], rows: list[tuple]) -> None:
        self.tables[table] = (fields, rows)

    def counts(self) -> dict[str, int]:
        return {name: len(rows) for name, (_, rows) in self.tables.items()}


class Names:
    """Unique spellings: an alias is refused when its normalised form is taken."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.taken: set[str] = set()
        self.slugs: set[str] = set()

    def word(self, syllables: tuple[int, int] = (2, 3)) -> str:
        parts = [self.rng.choice(SYLLABLES) for _ in range(self.rng.randint(*syllables))]
        return "".join(parts).capitalize()

    def claim(self, name: str) -> bool:
        key = normalize_name(name)
        if not key or key in self.taken:
            return False
        self.taken.add(key)
        return True

    def slug(self, name: str) -> str:
        base = slugify(name)[:180] or "entry"
        slug, n = base, 2
        while slug in self.slugs:
            slug, n = f"{base}-{n}", n + 1
        self.slugs.add(slug)
        return slug

    def variants(self, name: str, count: int) -> list[str]:
        """Spellings a source might use: a vowel changed, a letter doubled, an acronym."""
        found = []
        for _ in range(count * 4):
            if len(found) == count:
                break
            choice = self.rng.random()
            if choice < 0.15 and " " in name:
                candidate = "".join(w[0] for w in name.split() if w[:1].isalpha()).upper()
            elif choice < 0.6:
                vowels = [i for i, ch in enumerate(name) if ch in "aeiou"]
                if not vowels:
                    continue
                i = self.rng.choice(vowels)
                candidate = name[:i] + self.rng.choice("aeiou".replace(name[i], "")) + name[i + 1 :]
            else:
                letters = [i for i, ch in enumerate(name) if ch.isalpha() and ch.islower()]
                if not letters:
                    continue
                i = self.rng.choice(letters)
                candidate = name[: i + 1] + name[i] + name[i + 1 :]
            if len(candidate) >= 2 and self.claim(candidate):
                found.append(candidate)
        return found


def generate(claims: int, seed: int = 1) -> Dataset:
    rng = random.Random(seed)
    data = Dataset(claims=claims, seed=seed)
    names = Names(rng)
    now = dt.datetime.combine(TODAY, dt.time(12), tzinfo=dt.UTC)

    # ------------------------------------------------------------------ actors
    actors: list[tuple] = []  # id, name, slug, kind, country, description, wikidata, parent
    aliases: list[tuple] = []  # id, actor_id, name, normalized
    parent_of: dict[int, int | None] = {}
    country_of: dict[int, str] = {}

    def add_actor(name: str, kind: str, country: str = "", parent: int | None = None) -> int:
        actor_id = len(actors) + 1
        actors.append(
            (actor_id, name, names.slug(name), kind, country, "", "", parent)  # no wikidata id
        )
        parent_of[actor_id] = parent
        country_of[actor_id] = country
        aliases.append((len(aliases) + 1, actor_id, name, normalize_name(name)))
        extra = rng.choices([0, 1, 2, 3], weights=[30, 40, 20, 10])[0]
        for variant in names.variants(name, extra):
            aliases.append((len(aliases) + 1, actor_id, variant, normalize_name(variant)))
        return actor_id

    def new_name(make) -> str:
        while True:
            name = make()
            if names.claim(name):
                return name

    states = {}
    for code, country_name in countries:
        if names.claim(country_name):
            states[code] = add_actor(country_name, "state", code)
    state_codes = list(states)
    # Ministries and armed forces under states, some with services under them.
    bodies, forces = [], []
    focus = [code for code in EVENT_COUNTRIES if code] + ["US", "GB", "FR", "RU", "TR"]
    for code in focus + rng.sample(state_codes, 60):
        if code not in states:
            continue
        country_name = dict(countries)[code]
        for ministry in ("Defence", "Interior", "Foreign Affairs"):
            name = f"Ministry of {ministry} of {country_name}"
            if names.claim(name):
                bodies.append(add_actor(name, "government_body", code, states[code]))
        name = f"{country_name} Armed Forces"
        if names.claim(name):
            armed = add_actor(name, "armed_forces", code, states[code])
            forces.append(armed)
            for service in ("Air Force", "Navy", "Army", "Special Forces"):
                sub = f"{country_name} {service}"
                if names.claim(sub):
                    forces.append(add_actor(sub, "armed_forces", code, armed))
        name = f"Revolutionary Guard of {country_name}"
        if rng.random() < 0.2 and names.claim(name):
            forces.append(add_actor(name, "armed_forces", code, states[code]))
    # Armed groups: coalitions, groups under them, brigades under groups.
    groups, coalitions = [], []
    for _ in range(120):
        name = new_name(lambda: f"Popular {names.word()} Forces")
        code = _weighted(rng, EVENT_COUNTRIES)
        coalitions.append(add_actor(name, "coalition", code))
    while len(groups) < 1500:
        code = _weighted(rng, EVENT_COUNTRIES)
        name = new_name(
            lambda: (
                f"{rng.choice(PREFIXES)} {names.word()}"
                + (f" al-{names.word((2, 2))}" if rng.random() < 0.5 else "")
            )
        )
        parent = rng.choice(coalitions) if rng.random() < 0.35 else None
        groups.append(add_actor(name, "armed_group", code, parent))
    brigades = []
    for _ in range(600):
        parent = rng.choice(groups)
        name = new_name(lambda p=parent: f"Brigade {rng.randint(1, 99)} of {actors[p - 1][1]}")
        brigades.append(add_actor(name, "armed_group", country_of[parent], parent))
    others = []
    for kind, count, make in (
        ("political_party", 150, lambda: f"{names.word()} Party"),
        ("media", 120, lambda: f"{names.word()} TV"),
        ("international_organisation", 40, lambda: f"{names.word()} Monitoring Mission"),
        ("other", 50, lambda: f"{names.word()} Foundation"),
    ):
        for _ in range(count):
            others.append(add_actor(new_name(make), kind, _weighted(rng, EVENT_COUNTRIES)))
    data.add(
        "actor",
        ["id", "name", "slug", "kind", "country", "description", "wikidata_id", "parent_id"],
        actors,
    )
    data.add("actoralias", ["id", "actor_id", "name", "normalized"], aliases)

    # Who gets named (a few actors very often) and who speaks.
    attributable = groups + brigades + forces + coalitions[:40] + list(states.values())[:40]
    rng.shuffle(attributable)
    named_weights = [1 / (rank + 1) ** 0.9 for rank in range(len(attributable))]
    speakers = list(states.values()) + bodies + forces + groups[:300] + others
    alias_names: dict[int, list[str]] = {}
    for _, actor_id, alias, _ in aliases:
        alias_names.setdefault(actor_id, []).append(alias)

    # ------------------------------------------------------------------ people
    people, person_aliases, affiliations = [], [], []
    person_posts: dict[int, list[tuple[int, str]]] = {}
    for person_id in range(1, 1501):
        name = new_name(lambda: f"{names.word((2, 2))} {names.word((2, 3))}")
        people.append((person_id, name, names.slug(name), "", ""))
        person_aliases.append((len(person_aliases) + 1, person_id, name, normalize_name(name)))
        for variant in names.variants(name, rng.choices([0, 1, 2], weights=[50, 35, 15])[0]):
            person_aliases.append(
                (len(person_aliases) + 1, person_id, variant, normalize_name(variant))
            )
        for _ in range(rng.choice([1, 1, 2])):
            actor_id = rng.choice(speakers)
            title = rng.choice(TITLES)
            start = FIRST_DAY + dt.timedelta(days=rng.randrange(5000))
            end = (
                start + dt.timedelta(days=rng.randrange(300, 3000)) if rng.random() < 0.4 else None
            )
            affiliations.append((len(affiliations) + 1, person_id, actor_id, title, start, end))
            person_posts.setdefault(person_id, []).append((actor_id, title))
    data.add("person", ["id", "name", "slug", "description", "wikidata_id"], people)
    data.add("personalias", ["id", "person_id", "name", "normalized"], person_aliases)
    data.add("affiliation", ["id", "person_id", "actor_id", "title", "start", "end"], affiliations)

    # ------------------------------------------------------------------ sources
    n_sources = min(60_000, max(5_000, claims // 10))
    outlets = []
    for _ in range(300):
        word = names.word()
        suffix = rng.choice(OUTLET_SUFFIXES)
        outlets.append((f"The {word} {suffix}", f"{slugify(word + suffix)}.com"))
    sources = []
    origin_of: list[int] = [0]  # by source id
    source_kind = _Picker(SOURCE_KINDS)
    for source_id in range(1, n_sources + 1):
        outlet, domain = rng.choice(outlets)
        published = FIRST_DAY + dt.timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days))
        title = f"{names.word()} {rng.choice(WORDS)} {rng.choice(WORDS)} {names.word()}"
        url = ""
        if rng.random() < 0.85:
            url = f"https://www.{domain}/{published:%Y/%m}/{slugify(title)}-{source_id}" + (
                "?utm_source=feed" if rng.random() < 0.05 else ""
            )
        republishes = origin = None
        if source_id > 100 and rng.random() < 0.06:
            republishes = rng.randrange(1, source_id)
            origin = origin_of[republishes] or republishes
        origin_of.append(origin or 0)
        language = rng.choices(["en", "ar", "fa", "fr"], weights=[75, 15, 5, 5])[0]
        sources.append(
            (
                source_id,
                url,
                normalize_url(url),
                title,
                outlet,
                f"{names.word((2, 2))} {names.word()}" if rng.random() < 0.5 else "",
                published,
                source_kind(rng),
                language,
                "",
                "",
                republishes,
                origin,
            )
        )
    data.add(
        "source",
        [
            "id",
            "url",
            "url_normalized",
            "title",
            "outlet",
            "author",
            "published_on",
            "kind",
            "language",
            "archive_url",
            "full_text",
            "republishes_id",
            "origin_id",
        ],
        sources,
    )

    # ------------------------------------------------------------------ events
    n_events = max(1, claims // 10)
    n_large = max(1, n_events // 250)
    sizes = [rng.randint(150, 500) for _ in range(n_large)]
    sizes[0] = 500  # the largest event
    if sum(sizes) > claims // 2:  # small runs: keep most claims in ordinary events
        sizes = [min(500, max(1, claims // 5))]
        n_large = 1
    rest, n_small = claims - sum(sizes), n_events - n_large
    if n_small > 0:
        weights = [rng.lognormvariate(0, 0.9) for _ in range(n_small)]
        extra = Counter(rng.choices(range(n_small), weights=weights, k=max(0, rest - n_small)))
        sizes += [1 + extra[i] for i in range(n_small)]
    else:
        sizes[0] += rest
    # The large events are spread over the period, not the first ones.
    order = list(range(n_events))
    rng.shuffle(order)
    sizes = [sizes[i] for i in order]

    kinds, places = _Picker(EVENT_KINDS), _Picker(EVENT_COUNTRIES)
    event_rows, event_dates = [], []
    period = (LAST_DAY - FIRST_DAY).days
    # Events are entered after they happen: ids follow dates.
    all_dates = sorted(FIRST_DAY + dt.timedelta(days=rng.randrange(period)) for _ in sizes)
    for event_id, date in enumerate(all_dates, start=1):
        kind = kinds(rng)
        country = places(rng)
        place = f"{names.word()} {rng.choice(['base', 'village', 'district', 'camp', ''])}"
        place = place.strip()
        precision = rng.choices(["day", "month", "year"], weights=[85, 12, 3])[0]
        title = f"{kind.replace('_', ' ').capitalize()} on {place}"
        with_coordinates = rng.random() < 0.5
        row = (
            event_id,
            title,
            names.slug(f"{title} {date.isoformat()}"),
            date,
            precision,
            date + dt.timedelta(days=rng.randint(1, 5)) if rng.random() < 0.05 else None,
            place,
            country,
            Decimal(f"{rng.uniform(12, 38):.5f}") if with_coordinates else None,
            Decimal(f"{rng.uniform(35, 60):.5f}") if with_coordinates else None,
            kind,
            " ".join(rng.choice(WORDS) for _ in range(rng.randint(15, 40))).capitalize() + ".",
            now - dt.timedelta(days=(TODAY - date).days),
            now - dt.timedelta(days=rng.randrange(max(1, (TODAY - date).days))),
        )
        # The words search looks through, of the title and summary (row[11]), as saved.
        event_rows.append((*row, searchable_words(title, row[11])))
        event_dates.append(date)
    relations, seen = [], set()
    for _ in range(n_events // 20):
        a, b = rng.randrange(1, n_events + 1), rng.randrange(1, n_events + 1)
        relation = rng.choice(["retaliation_for", "part_of", "follows"])
        if a != b and (a, b, relation) not in seen:
            seen.add((a, b, relation))
            relations.append((len(relations) + 1, a, b, relation))

    # ------------------------------------------------------------------ claims
    stance_of, role_of = _Picker(STANCES), _Picker(ROLES)
    hedging_of, status_of = _Picker(HEDGING), _Picker(STATUSES)
    claim_rows, citation_rows = [], []
    dates: dict[int, dt.date] = {}
    claim_id = citation_id = 0
    n_sources_ = len(sources)

    def day(ordinal: int) -> dt.date:
        found = dates.get(ordinal)
        if found is None:
            found = dates[ordinal] = dt.date.fromordinal(ordinal)
        return found

    def mention(actor_id: int | None) -> str:
        if actor_id is None:
            return "the group"
        return rng.choice(alias_names[actor_id])

    def filler(n: int) -> str:
        return " ".join(rng.choice(WORDS) for _ in range(n))

    for event_id, size in enumerate(sizes, start=1):
        event = event_rows[event_id - 1]
        kind_word, place = event[10].replace("_", " "), event[6]
        pool = rng.choices(attributable, weights=named_weights, k=rng.randint(1, 4))
        published_ids: list[tuple[int, int | None, str, int]] = []  # id, actor, role, day
        first = event_dates[event_id - 1].toordinal()
        last = LAST_DAY.toordinal()
        for _ in range(size):
            claim_id += 1
            stance = stance_of(rng)
            role = role_of(rng)
            responds_to, earliest = None, first
            if stance == "disputes":
                if published_ids:
                    responds_to, attributed, role, earliest = rng.choice(published_ids)
                    attributed = attributed if rng.random() < 0.5 else None
                else:
                    stance = "attributes"
            if stance in ("attributes", "claims_responsibility", "denies"):
                roll = rng.random()
                attributed = rng.choice(pool)
                if roll < 0.1 and parent_of[attributed]:
                    attributed = parent_of[attributed]
                elif roll > 0.93:
                    attributed = rng.choice(attributable)
            elif stance == "no_claim":
                attributed = None
            claimant_actor = claimant_person = None
            description = title = ""
            # A group claims responsibility itself; half the denials come from the accused.
            if stance == "claims_responsibility" or (stance == "denies" and rng.random() < 0.5):
                claimant_actor = attributed
            else:
                roll = rng.random()
                if roll < 0.55:
                    claimant_actor = rng.choice(speakers)
                elif roll < 0.8:
                    claimant_person = rng.randint(1, len(people))
                    actor_id, title = rng.choice(person_posts[claimant_person])
                    claimant_actor = actor_id if rng.random() < 0.7 else None
                else:
                    description = rng.choice(DESCRIPTIONS)
            stated = day(min(last, earliest + int(rng.expovariate(1 / 10))))
            publication = "published" if rng.random() < 0.9 else "draft"
            status = status_of(rng)
            created = dt.datetime.combine(stated, dt.time(rng.randrange(24)), tzinfo=dt.UTC)
            updated = min(now, created + dt.timedelta(hours=rng.randrange(24 * 30)))
            claim_rows.append(
                (
                    claim_id,
                    event_id,
                    claimant_actor,
                    claimant_person,
                    description,
                    title,
                    rng.choice(CHANNELS),
                    stance,
                    attributed,
                    role,
                    hedging_of(rng),
                    status,
                    publication,
                    stated,
                    "day" if rng.random() < 0.95 else "month",
                    responds_to,
                    created,
                    updated,
                    rng.choice(RETRACTIONS) if status == "retracted" else "",
                )
            )
            if publication == "published" and stance != "no_claim":
                published_ids.append((claim_id, attributed, role, stated.toordinal()))
            # The words quoted.
            who = mention(attributed)
            if stance == "attributes":
                quote = f"{who} was behind the {kind_word} on {place}, {filler(6)}"
            elif stance == "claims_responsibility":
                quote = f"{who} announces its responsibility for the {kind_word} on {place}."
                quote += f" {filler(5)}"
            elif stance == "denies":
                quote = f"{who} had nothing to do with the {kind_word} on {place}; {filler(6)}"
            elif stance == "disputes":
                quote = f"The accusation is baseless and {filler(7)}"
            else:
                quote = f"No group has claimed the {kind_word} on {place} so far; {filler(5)}"
            if rng.random() < 0.01:
                quote += f"; investigators said the {QUOTE_PHRASE} {place}"
            quote += "."
            for number in range(rng.choices([1, 2, 3], weights=[60, 30, 10])[0]):
                citation_id += 1
                # A few sources are cited very often, most a few times.
                source_id = 1 + int(n_sources_ * rng.random() ** 2)
                language, text, translation = "en", quote, ""
                if rng.random() < 0.1:
                    language = "ar"
                    text = " ".join(rng.choice(ARABIC_WORDS) for _ in range(12))
                    translation = quote
                elif number:
                    text = f"{quote} {filler(3)}"
                citation_rows.append(
                    (
                        citation_id,
                        claim_id,
                        source_id,
                        text,
                        f"paragraph {rng.randint(1, 30)}" if rng.random() < 0.5 else "",
                        language,
                        translation,
                        searchable_words(text, translation),
                    )
                )
    claim_rows, citation_rows = _renumber_by_creation(claim_rows, citation_rows)
    data.add(
        "event",
        [
            "id",
            "title",
            "slug",
            "date",
            "date_precision",
            "end_date",
            "place",
            "country",
            "latitude",
            "longitude",
            "kind",
            "summary",
            "created_at",
            "updated_at",
            "text_folded",
        ],
        event_rows,
    )
    data.add("eventrelation", ["id", "from_event_id", "to_event_id", "relation"], relations)
    data.add(
        "claim",
        [
            "id",
            "event_id",
            "claimant_actor_id",
            "claimant_person_id",
            "claimant_description",
            "speaker_title",
            "channel",
            "stance",
            "attributed_actor_id",
            "role",
            "hedging",
            "status",
            "publication",
            "stated_on",
            "stated_on_precision",
            "responds_to_id",
            "created_at",
            "updated_at",
            "retraction_reason",
        ],
        claim_rows,
    )
    data.add(
        "citation",
        [
            "id",
            "claim_id",
            "source_id",
            "quote",
            "locator",
            "language",
            "translation",
            "quote_folded",
        ],
        citation_rows,
    )
    return data


def _renumber_by_creation(claims: list[tuple], citations: list[tuple]):
    """Ids in the order claims were entered (by creation time), as in a live database,
    so that an event's claims are spread over the table rather than side by side."""
    order = sorted(range(len(claims)), key=lambda i: (claims[i][16], i))
    new_id = [0] * (len(claims) + 1)
    for new, i in enumerate(order, start=1):
        new_id[claims[i][0]] = new
    renumbered = [
        (new_id[row[0]], *row[1:15], new_id[row[15]] if row[15] else None, *row[16:])
        for row in (claims[i] for i in order)
    ]
    cited = sorted(citations, key=lambda row: (new_id[row[1]], row[0]))
    return renumbered, [
        (number, new_id[row[1]], *row[2:]) for number, row in enumerate(cited, start=1)
    ]
