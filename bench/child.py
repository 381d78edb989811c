"""Export and import, each in a process of its own so that its peak memory (RSS) is its
own: `python -m bench.child export FILE` or `python -m bench.child import FILE`.

Prints one JSON object on the last line of stdout. The database is the one in
DATABASE_URL (set by the harness to a benchmark database).
"""

import csv
import json
import resource
import sys
import time
from collections import Counter


def _rss_mb() -> float:
    """The peak resident set size of this process so far, in MB.

    VmHWM, not getrusage's ru_maxrss: Linux carries ru_maxrss over a fork and exec, so a
    child would report its parent's peak if that was higher.
    """
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def export(path: str) -> dict:
    from claims.exports import csv_lines
    from claims.models import Claim

    baseline = _rss_mb()
    # One row a claim (a quote may span lines, and the export yields a chunk at a time).
    rows = Claim.objects.published().count()
    started = time.perf_counter()
    with open(path, "w", encoding="utf-8", newline="") as out:
        for lines in csv_lines(Claim.objects.published()):
            out.write(lines)
    seconds = time.perf_counter() - started
    return {
        "rows": rows,
        "seconds": round(seconds, 3),
        "rows_per_s": round(rows / seconds),
        "peak_rss_mb": round(_rss_mb(), 1),
        "rss_before_mb": round(baseline, 1),
    }


def _import_file(path: str) -> tuple[object, float]:
    """Import the file as it is read, as `manage.py import_claims FILE` does (timed)."""
    from claims.importer import read_rows
    from claims.services import import_claims

    started = time.perf_counter()
    with open(path, "rb") as source:
        report = import_claims(read_rows(source, path))
    return report, time.perf_counter() - started


def _without_lines(path: str, bad: set[int], out: str) -> int:
    """Copy a CSV export leaving out the rows starting on the given lines."""
    from claims.importer import read_rows

    with open(path, "rb") as source:
        rows = list(read_rows(source.read(), path))
    kept = [row for line, row in rows if line not in bad]
    with open(out, "w", encoding="utf-8", newline="") as target:
        writer = csv.DictWriter(target, fieldnames=list(rows[0][1]))
        writer.writeheader()
        writer.writerows(kept)
    return len(rows) - len(kept)


def import_(path: str) -> dict:
    """Import the export file into an empty database. When the importer refuses rows of
    it (all or nothing: then it writes nothing), say which and how many, and time the
    import of the file without them, so that the throughput is still measured."""
    from django.core.management import call_command

    from claims.importer import ImportRefused
    from claims.models import Citation, Claim

    call_command("migrate", verbosity=0)  # an empty database: not part of the timing
    baseline = _rss_mb()
    result: dict = {}
    bad: set[int] = set()
    current = path
    for attempt in range(5):
        started = time.perf_counter()
        try:
            report, seconds = _import_file(current)
            break
        except ImportRefused as refused:
            refused_after = time.perf_counter() - started
            errors = refused.report.errors
            kinds = Counter(f"{e.column}: {e.message}" for e in errors)
            if attempt == 0:
                result["refused"] = {
                    "rows": refused.report.rows,
                    "bad_rows": len({e.line for e in errors}),
                    "errors_by_kind": dict(
                        Counter(
                            f"{e.column}: "
                            + (
                                "claim N is not in this file"
                                if e.message.endswith("is not in this file")
                                else e.message
                            )
                            for e in errors
                        ).most_common(5)
                    ),
                    "first_error": str(errors[0]),
                    "seconds_to_refusal": round(refused_after, 3),
                }
            if not errors or attempt == 4:
                return result | {"error": f"still refused: {kinds.most_common(3)}"}
            # Line numbers refer to the file last imported: map them back to the original.
            if current != path:
                original = _original_lines(path, bad)
                bad |= {original[line] for line in {e.line for e in errors}}
            else:
                bad |= {e.line for e in errors}
            current = f"{path}.accepted.csv"
            result["left_out_rows"] = _without_lines(path, bad, current)
    return result | {
        "rows": report.rows,
        "seconds": round(seconds, 3),
        "rows_per_s": round(report.rows / seconds),
        "created": dict(report.created),
        "claims_in_database": Claim.objects.count(),
        "citations_in_database": Citation.objects.count(),
        "peak_rss_mb": round(_rss_mb(), 1),
        "rss_before_mb": round(baseline, 1),
    }


def _original_lines(path: str, bad: set[int]) -> dict[int, int]:
    """For the filtered file: its line numbers -> the original file's."""
    from claims.importer import read_rows

    with open(path, "rb") as source:
        original = [line for line, _ in read_rows(source.read(), path) if line not in bad]
    with open(f"{path}.accepted.csv", "rb") as source:
        filtered = [line for line, _ in read_rows(source.read(), path)]
    return dict(zip(filtered, original, strict=True))


def main(argv: list[str]) -> None:
    import django

    django.setup()
    command, path = argv[1], argv[2]
    result = export(path) if command == "export" else import_(path)
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv)
