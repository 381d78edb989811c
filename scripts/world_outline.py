"""Convert world-atlas's countries-110m.json (TopoJSON of Natural Earth's 1:110m
countries) into the map's static data file, once, offline:

    npm pack world-atlas && tar xzf world-atlas-*.tgz
    .venv/bin/python scripts/world_outline.py package/countries-110m.json \\
        claims/static/claims/world-110m.json

The output lists each country with its ISO 3166-1 alpha-2 code, its name, the centre of
its largest polygon (where events known only by their country are placed) and its
polygons: each with its bounding box and its outline as SVG path data, in the map's
plane (equirectangular: x = longitude + 180, y = 90 - latitude, in degrees to the
hundredth, relative moves), so that a map of one region draws only what it shows.
"""

import argparse
import itertools
import json
import os
import sys
from pathlib import Path

HUNDREDTHS = 100


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """The arcs in longitude and latitude: quantized TopoJSON arcs are delta-encoded."""
    (scale_x, scale_y), (move_x, move_y) = (
        topology["transform"]["scale"],
        topology["transform"]["translate"],
    )
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * scale_x + move_x, y * scale_y + move_y))
        arcs.append(points)
    return arcs


def ring(arc_indexes: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple]:
    """A closed ring from its arcs; ~i is arc i reversed, and each arc starts where the
    previous one ended (that point is not repeated)."""
    points: list[tuple[float, float]] = []
    for index in arc_indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    return points


def unwrap(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """A ring that crosses the antimeridian (Chukotka, Fiji) jumps from 180° to -180°:
    the points after the jump are shifted by 360° so that it is drawn whole, past the
    edge of the plane. Antarctica's ring runs along the pole and is left as it is."""
    if min(lat for _, lat in points) < -89.9:
        return points
    out, shift = [points[0]], 0.0
    for (lon0, _), (lon, lat) in itertools.pairwise(points):
        if lon - lon0 > 180:
            shift -= 360
        elif lon0 - lon > 180:
            shift += 360
        out.append((lon + shift, lat))
    return out


def plane(point: tuple[float, float]) -> tuple[int, int]:
    """A longitude and latitude in the map's plane, in hundredths of a degree."""
    lon, lat = point
    return round((lon + 180) * HUNDREDTHS), round((90 - lat) * HUNDREDTHS)


def number(hundredths: int) -> str:
    """Hundredths as the shortest decimal SVG reads: 150 -> 1.5, -5 -> -.05."""
    text = f"{abs(hundredths) / HUNDREDTHS:.2f}".rstrip("0").rstrip(".")
    text = text.removeprefix("0") if text != "0" else text
    return f"-{text}" if hundredths < 0 else text


def path_data(rings: list[list[tuple[int, int]]]) -> str:
    parts = []
    for points in rings:
        # Drop points that rounding made equal to the one before.
        kept = [p for n, p in enumerate(points) if n == 0 or p != points[n - 1]]
        if len(kept) < 3:
            continue
        (x0, y0), moves = kept[0], []
        previous = kept[0]
        for x, y in kept[1:]:
            moves.append(f"{number(x - previous[0])} {number(y - previous[1])}")
            previous = (x, y)
        parts.append(f"M{number(x0)} {number(y0)}l{' '.join(moves)}z")
    return "".join(parts)


def area_and_centre(points: list[tuple[int, int]]) -> tuple[float, tuple[float, float]]:
    """The shoelace area and the centroid of a ring, in the plane."""
    area = cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1], strict=True):
        cross = x1 * y2 - x2 * y1
        area += cross
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    if not area:
        return 0.0, points[0]
    return abs(area) / 2, (cx / (3 * area), cy / (3 * area))


def convert(topology: dict) -> dict:
    from django_countries import countries

    arcs = decode_arcs(topology)
    out = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        parts, centres = [], []
        for polygon in polygons:
            rings = [[plane(p) for p in unwrap(ring(r, arcs))] for r in polygon]
            centres.append(area_and_centre(rings[0]))
            xs = [x for points in rings for x, _ in points]
            ys = [y for points in rings for _, y in points]
            # A polygon past an edge of the plane is drawn again, a turn of the globe away.
            turn = 360 * HUNDREDTHS
            shifts = (
                {0} | ({-turn} if max(xs) > turn else set()) | ({turn} if min(xs) < 0 else set())
            )
            for shift in sorted(shifts):
                moved = [[(x + shift, y) for x, y in points] for points in rings]
                box = [min(xs) + shift, min(ys), max(xs) + shift, max(ys)]
                parts.append([*(value / HUNDREDTHS for value in box), path_data(moved)])
        _, (centre_x, centre_y) = max(centres)
        code = countries.alpha2(geometry["id"]) if geometry.get("id") else ""
        out.append(
            {
                "code": code or "",
                "name": geometry["properties"]["name"],
                "centre": [round(centre_x) / 100 % 360, round(centre_y) / 100],
                "parts": parts,
            }
        )
    out.sort(key=lambda country: country["name"])
    return {
        "source": (
            "Natural Earth 1:110m Cultural Vectors, Admin 0 - Countries (public domain), "
            "version 4.1.0, as TopoJSON in the npm package world-atlas 2.0.2 (ISC licence); "
            "converted by scripts/world_outline.py"
        ),
        "plane": "x = longitude + 180, y = 90 - latitude, in degrees",
        "countries": out,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("topojson", type=Path)
    parser.add_argument("output", type=Path)
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
    import django

    django.setup()
    data = convert(json.loads(args.topojson.read_text()))
    args.output.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n")
    print(f"{len(data['countries'])} countries, {args.output.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
