"""Who blames whom: the accusations between the parties to the claims, laid out by
networkx and drawn on the server as SVG (`templates/claims/_network.html`), with a table
that says the same in words.

Plain values in (`Accusation`), what the template draws out; no query.

- A **party** is whoever made a claim (an actor; else the person quoted; else the
  description, such as "unnamed U.S. officials") or the actor a claim is about.
- An **accusation** goes from the claimant to the actor a claim is about, one per
  stance: attributes, claims responsibility (a sub-unit for the body above it),
  denies, disputes (about the actor of the claim it answers). It counts its claims and
  names its latest events. What a party says of itself (it claims responsibility, it
  denies) is counted on its own node, not drawn as a loop.
- At most `NODE_LIMIT` parties are drawn, the most involved first (and the page's own
  actor always, in the middle); the others are counted.
- The layout is networkx's spring layout with a fixed seed: the same accusations are
  always drawn the same. It is fitted to two boxes, wide and narrow (a phone), and
  every position is computed here, in one place, so that a drawing can be mirrored as
  a whole.
"""

import math
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy, ngettext

NODE_LIMIT = 40
EVENTS_PER_EDGE = 5
LAYOUT_SEED = 20191227
SPREAD = 2.5
# Stances drawn as edges, in the order parallel edges are laid side by side.
EDGE_STANCES = ("attributes", "claims_responsibility", "denies", "disputes")
STANCE_VERBS = {
    "attributes": gettext_lazy("blames"),
    "claims_responsibility": gettext_lazy("claims it for"),
    "denies": gettext_lazy("denies the responsibility of"),
    "disputes": gettext_lazy("disputes a claim about"),
}


@dataclass(frozen=True)
class NetworkLayout:
    name: str
    width: int
    height: int
    margin_x: int  # room for the names of the outermost parties
    margin_top: int
    margin_bottom: int
    label_chars: int
    parallel_spacing: float  # between the curves of edges joining the same two parties
    node_scale: float
    char_width: float  # of the names, for keeping them apart


WIDE = NetworkLayout("wide", 720, 480, 90, 34, 44, 24, 26, 1.0, 6.6)
# A phone: taller than wide, names shorter, so that the drawing is legible at 360 px.
NARROW = NetworkLayout("narrow", 360, 560, 46, 30, 40, 16, 18, 0.75, 6.1)


@dataclass(frozen=True)
class Party:
    key: str  # "actor:12", "person:3", "said:unnamed u.s. officials"
    label: str
    kind: str  # "actor", "person" or "description"
    href: str = ""


@dataclass(frozen=True)
class EventLink:
    title: str
    href: str
    date_display: str = ""


@dataclass
class Accusation:
    source: Party
    target: Party
    stance: str
    claims: int = 1
    events: list[EventLink] = field(default_factory=list)
    anchor: str = ""  # the id of its row in the table, once drawn

    @property
    def verb(self) -> str:
        return str(STANCE_VERBS[self.stance])

    @property
    def title(self) -> str:
        return ngettext(
            "%(source)s %(verb)s %(target)s: %(count)d claim",
            "%(source)s %(verb)s %(target)s: %(count)d claims",
            self.claims,
        ) % {
            "source": self.source.label,
            "verb": self.verb,
            "target": self.target.label,
            "count": self.claims,
        }


@dataclass
class Node:
    party: Party
    x: float
    y: float
    radius: float
    label: str
    claims: int  # in every accusation it is part of, drawn or not
    claimed_itself: int = 0
    denied_itself: int = 0
    centre: bool = False

    @property
    def label_y(self) -> float:
        return round(self.y + self.radius + 13, 1)

    # A person's node is a rounded square of the same size.
    @property
    def corner_x(self) -> float:
        return round(self.x - self.radius, 1)

    @property
    def corner_y(self) -> float:
        return round(self.y - self.radius, 1)

    @property
    def side(self) -> float:
        return round(2 * self.radius, 1)

    @property
    def own_statements(self) -> str:
        parts = []
        if self.claimed_itself:
            parts.append(
                ngettext(
                    "claimed responsibility %(count)d time",
                    "claimed responsibility %(count)d times",
                    self.claimed_itself,
                )
                % {"count": self.claimed_itself}
            )
        if self.denied_itself:
            parts.append(
                ngettext(
                    "denied its own responsibility %(count)d time",
                    "denied its own responsibility %(count)d times",
                    self.denied_itself,
                )
                % {"count": self.denied_itself}
            )
        return "; ".join(parts)

    @property
    def title(self) -> str:
        title = ngettext(
            "%(party)s: %(count)d claim", "%(party)s: %(count)d claims", self.claims
        ) % {"party": self.party.label, "count": self.claims}
        return f"{title} ({self.own_statements})" if self.own_statements else title


@dataclass
class Edge:
    accusation: Accusation
    path: str
    label_x: float
    label_y: float
    width: float


@dataclass
class Drawing:
    layout: NetworkLayout
    nodes: list[Node]
    edges: list[Edge]

    @property
    def stances(self) -> tuple[str, ...]:
        return EDGE_STANCES


@dataclass
class Network:
    wide: Drawing
    narrow: Drawing
    # Those drawn, the most claims first: the table lists them in words.
    accusations: list[Accusation]
    parties_left_out: int
    accusations_left_out: int

    @property
    def stances(self) -> list[tuple[str, str]]:
        present = {accusation.stance for accusation in self.accusations}
        return [(stance, STANCE_VERBS[stance]) for stance in EDGE_STANCES if stance in present]

    @property
    def own_statements(self) -> list[Node]:
        return [node for node in self.wide.nodes if node.own_statements]


def merge(accusations: list[Accusation]) -> list[Accusation]:
    """One accusation per claimant, actor and stance drawn, counts added up and events
    kept in the order given (latest first), each once."""
    merged: dict[tuple[str, str, str], Accusation] = {}
    for accusation in accusations:
        if accusation.stance not in EDGE_STANCES:
            continue
        key = (accusation.source.key, accusation.target.key, accusation.stance)
        if key not in merged:
            merged[key] = Accusation(accusation.source, accusation.target, accusation.stance, 0)
        into = merged[key]
        into.claims += accusation.claims
        for event in accusation.events:
            if event not in into.events and len(into.events) < EVENTS_PER_EDGE:
                into.events.append(event)
    return list(merged.values())


def _involvement(accusations: list[Accusation]) -> tuple[dict[str, Party], dict[str, int]]:
    parties: dict[str, Party] = {}
    involvement: dict[str, int] = defaultdict(int)
    for accusation in accusations:
        for party in (accusation.source, accusation.target):
            parties[party.key] = party
        involvement[accusation.source.key] += accusation.claims
        if accusation.target.key != accusation.source.key:
            involvement[accusation.target.key] += accusation.claims
    return parties, involvement


def _ranked(parties: dict[str, Party], involvement: dict[str, int], centre: str | None):
    return sorted(parties, key=lambda key: (key != centre, -involvement[key], parties[key].label))


def kept_parties(accusations: list[Accusation], centre: str | None = None) -> list[Party]:
    """The parties a drawing of these accusations shows: the most involved first."""
    parties, involvement = _involvement(merge(accusations))
    return [parties[key] for key in _ranked(parties, involvement, centre)[:NODE_LIMIT]]


def build_network(accusations: list[Accusation], centre: str | None = None) -> Network | None:
    """The drawings of these accusations (None when there are none). `centre` is the key
    of the party the page is about: drawn whatever its rank, in the middle."""
    accusations = merge(accusations)
    if not accusations:
        return None
    parties, involvement = _involvement(accusations)
    own: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for accusation in accusations:
        if accusation.target.key == accusation.source.key:
            own[accusation.source.key][accusation.stance] += accusation.claims
    ranked = _ranked(parties, involvement, centre)[:NODE_LIMIT]
    kept = set(ranked)
    between = [a for a in accusations if a.source.key != a.target.key]
    drawn = sorted(
        (a for a in between if a.source.key in kept and a.target.key in kept),
        key=lambda a: (-a.claims, a.source.label, a.target.label, EDGE_STANCES.index(a.stance)),
    )
    for number, accusation in enumerate(drawn, start=1):
        accusation.anchor = f"accusation-{number}"
    centre = centre if centre in kept else None
    raw = _layout(sorted(kept), drawn, centre)

    def drawing(layout: NetworkLayout) -> Drawing:
        positions = _fit(raw, centre, layout)
        nodes = {}
        for key in ranked:
            label = parties[key].label
            if len(label) > layout.label_chars:
                label = f"{label[: layout.label_chars - 1]}…"
            nodes[key] = Node(
                party=parties[key],
                x=positions[key][0],
                y=positions[key][1],
                radius=round(
                    min(22.0, 7 + 2.2 * math.sqrt(involvement[key])) * layout.node_scale, 1
                ),
                label=label,
                claims=involvement[key],
                claimed_itself=own[key]["claims_responsibility"],
                denied_itself=own[key]["denies"],
                centre=key == centre,
            )
        _separate([nodes[key] for key in sorted(nodes)], layout)
        return Drawing(layout, list(nodes.values()), _edges(drawn, nodes, layout))

    return Network(
        wide=drawing(WIDE),
        narrow=drawing(NARROW),
        accusations=drawn,
        parties_left_out=len(parties) - len(kept),
        accusations_left_out=len(between) - len(drawn),
    )


def _layout(
    keys: list[str], accusations: list[Accusation], centre: str | None
) -> dict[str, tuple[float, float]]:
    """Spring layout with a fixed seed, in networkx's own units."""
    # Imported here: the models import this module's data types in every process, and
    # networkx brings numpy, which only a page with a drawing needs.
    import networkx as nx

    if len(keys) == 1:
        return {keys[0]: (0.0, 0.0)}
    graph = nx.Graph()
    graph.add_nodes_from(keys)
    for accusation in accusations:
        a, b = accusation.source.key, accusation.target.key
        weight = graph.get_edge_data(a, b, {"weight": 0})["weight"]
        graph.add_edge(a, b, weight=weight + 1 + math.log(accusation.claims))
    # Farther apart than networkx's default (1 / sqrt(n)), for the names under the nodes.
    options = {
        "seed": LAYOUT_SEED,
        "iterations": 300,
        "method": "force",
        "k": SPREAD / math.sqrt(len(keys)),
    }
    if centre is not None:
        # The others start at places drawn from the seed.
        options |= {"pos": {centre: (0.0, 0.0)}, "fixed": [centre]}
    return {key: (float(x), float(y)) for key, (x, y) in nx.spring_layout(graph, **options).items()}


def _fit(
    raw: dict[str, tuple[float, float]], centre: str | None, layout: NetworkLayout
) -> dict[str, tuple[float, float]]:
    """The layout stretched to the drawing's box (symmetric about the centre party, so
    that it stays in the middle). A narrow box takes the layout's longer side upright."""
    xs, ys = [x for x, _ in raw.values()], [y for _, y in raw.values()]
    upright = layout.height > layout.width
    if upright == (max(xs) - min(xs) < max(ys) - min(ys)):
        points = raw
    else:
        points = {key: (y, x) for key, (x, y) in raw.items()}
    xs, ys = [x for x, _ in points.values()], [y for _, y in points.values()]
    if centre is not None:
        cx, cy = points[centre]
        half_x = max(abs(x - cx) for x in xs)
        half_y = max(abs(y - cy) for y in ys)
        low_x, high_x, low_y, high_y = cx - half_x, cx + half_x, cy - half_y, cy + half_y
    else:
        low_x, high_x, low_y, high_y = min(xs), max(xs), min(ys), max(ys)
    box_w = layout.width - 2 * layout.margin_x
    box_h = layout.height - layout.margin_top - layout.margin_bottom

    def scaled(value: float, low: float, high: float, start: float, size: float) -> float:
        share = (value - low) / (high - low) if high > low else 0.5
        return round(start + size * share, 1)

    return {
        key: (
            scaled(x, low_x, high_x, layout.margin_x, box_w),
            scaled(y, low_y, high_y, layout.margin_top, box_h),
        )
        for key, (x, y) in points.items()
    }


def _separate(nodes: list[Node], layout: NetworkLayout, rounds: int = 200) -> None:
    """Move apart the nodes whose circle or name overlaps another's (the page's own actor
    stays in the middle), and keep every one inside the drawing: a spring layout places
    nodes, not their names."""

    def box(node: Node) -> tuple[float, float, float, float]:
        half = max(node.radius, len(node.label) * layout.char_width / 2)
        return node.x - half, node.x + half, node.y - node.radius, node.label_y + 4

    def keep_inside(node: Node) -> None:
        left, right, top, bottom = box(node)
        node.x += max(0.0, -left) - max(0.0, right - layout.width)
        node.y += max(0.0, -top) - max(0.0, bottom - layout.height)

    for _ in range(rounds):
        moved = False
        for n, first in enumerate(nodes):
            for second in nodes[n + 1 :]:
                a, b = box(first), box(second)
                across = min(a[1], b[1]) - max(a[0], b[0])
                down = min(a[3], b[3]) - max(a[2], b[2])
                if across <= 0 or down <= 0:
                    continue
                moved = True
                # Apart along the shorter overlap, each half the way (all of it for the
                # other when one is the fixed centre).
                if across < down:
                    step, axis = across / 2 + 0.5, "x"
                else:
                    step, axis = down / 2 + 0.5, "y"
                sign = 1 if getattr(second, axis) >= getattr(first, axis) else -1
                share_first = 0.0 if first.centre else 1.0 if second.centre else 0.5
                share_second = 0.0 if second.centre else 1.0 if first.centre else 0.5
                step *= 2
                setattr(first, axis, getattr(first, axis) - sign * step * share_first)
                setattr(second, axis, getattr(second, axis) + sign * step * share_second)
        for node in nodes:
            keep_inside(node)
        if not moved:
            break
    for node in nodes:
        node.x, node.y = round(node.x, 1), round(node.y, 1)


def _edges(accusations: list[Accusation], nodes: dict[str, Node], layout: NetworkLayout):
    """Each accusation as a curve from its claimant to the edge of its actor's node;
    those joining the same two parties side by side."""
    by_pair: dict[frozenset, list[Accusation]] = defaultdict(list)
    for accusation in accusations:
        by_pair[frozenset((accusation.source.key, accusation.target.key))].append(accusation)
    edges = []
    for accusation in accusations:
        pair = sorted(
            by_pair[frozenset((accusation.source.key, accusation.target.key))],
            key=lambda a: (a.source.key, EDGE_STANCES.index(a.stance)),
        )
        # Offsets centred on the straight line, measured the same way for the pair
        # whichever way each of its edges goes.
        offset = (pair.index(accusation) - (len(pair) - 1) / 2) * layout.parallel_spacing
        if accusation.source.key > accusation.target.key:
            offset = -offset
        path, (label_x, label_y) = _curve(
            nodes[accusation.source.key], nodes[accusation.target.key], offset
        )
        edges.append(
            Edge(
                accusation=accusation,
                path=path,
                label_x=label_x,
                label_y=label_y,
                width=round(1.5 + math.log2(accusation.claims), 1),
            )
        )
    return edges


def _curve(source: Node, target: Node, offset: float) -> tuple[str, tuple[float, float]]:
    """A quadratic curve whose middle is `offset` pixels to the side of the straight
    line, stopping short of the target's node so that the arrowhead shows; and its
    middle point, for the count."""
    dx, dy = target.x - source.x, target.y - source.y
    length = math.hypot(dx, dy) or 1.0
    normal = (-dy / length, dx / length)
    control = (
        (source.x + target.x) / 2 + normal[0] * offset * 2,
        (source.y + target.y) / 2 + normal[1] * offset * 2,
    )

    def towards(point: tuple[float, float], start: tuple[float, float], by: float):
        ux, uy = point[0] - start[0], point[1] - start[1]
        size = math.hypot(ux, uy) or 1.0
        return start[0] + ux / size * by, start[1] + uy / size * by

    start = towards(control, (source.x, source.y), source.radius + 1)
    end = towards(control, (target.x, target.y), target.radius + 3)
    middle = (
        0.25 * start[0] + 0.5 * control[0] + 0.25 * end[0],
        0.25 * start[1] + 0.5 * control[1] + 0.25 * end[1],
    )

    def point(p: tuple[float, float]) -> str:
        return f"{p[0]:.1f} {p[1]:.1f}"

    return f"M{point(start)}Q{point(control)} {point(end)}", (
        round(middle[0], 1),
        round(middle[1], 1),
    )


def description_party(description: str) -> Party:
    """A claimant known only by a description, such as "unnamed U.S. officials"."""
    return Party(key=f"said:{description.casefold()}", label=description, kind="description")
