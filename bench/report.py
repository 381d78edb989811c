"""The issue's targets (set for PostgreSQL at 1M claims), checked against a run, and the
table printed at the end. No Django here: it reads the results' JSON."""

# name, description, how to read the figure, the limit, and the comparison.
LATENCY_TARGETS = [
    ("event_ordinary", 30.0),
    ("event_largest", 150.0),
    ("events_filtered_first", 50.0),
    ("events_filtered_deep", 50.0),
    ("search_alias", 50.0),
    ("search_quote", 50.0),
    ("api_claims_filtered", 50.0),
    ("api_claims_actor", 50.0),
]
EXPORT_SHARE_OF_COPY = 0.25
EXPORT_PEAK_MB = 200.0
IMPORT_ROWS_PER_S = 20_000
# Requests per second under gunicorn, as a share of the trivial view's.
SERVED_SHARE_OF_TRIVIAL = {"event_ordinary": 0.7, "api_claims_filtered": 0.5}


def targets(result: dict) -> list[dict]:
    """Each target with the measured figure and whether it is met (None: not measured)."""
    checks = []
    measures = result.get("measures", {})
    for name, limit in LATENCY_TARGETS:
        if name in measures:
            figure = measures[name]["median_ms"]
            checks.append(
                {
                    "target": f"{name} median < {limit:g} ms",
                    "measured": f"{figure:.1f} ms",
                    "met": figure < limit,
                }
            )
    if "event_ordinary" in measures and "event_largest" in measures:
        small, large = measures["event_ordinary"], measures["event_largest"]
        checks.append(
            {
                "target": "event page: fixed query count",
                "measured": f"{small['queries']} queries ({result['probes']['ordinary_claims']} "
                f"claims), {large['queries']} ({result['probes']['largest_claims']} claims)",
                "met": small["queries"] == large["queries"]
                and small["queries_stable"]
                and large["queries_stable"],
            }
        )
    export, copy_to = result.get("export", {}), result.get("copy_to", {})
    if "rows_per_s" in export and "rows_per_s" in copy_to:
        share = export["rows_per_s"] / copy_to["rows_per_s"]
        checks.append(
            {
                "target": f"export >= {EXPORT_SHARE_OF_COPY:g} x COPY rows/s",
                "measured": f"{export['rows_per_s']:,} vs {copy_to['rows_per_s']:,} rows/s "
                f"({share:.3f} x)",
                "met": share >= EXPORT_SHARE_OF_COPY,
            }
        )
    if "peak_rss_mb" in export:
        checks.append(
            {
                "target": f"export peak RSS < {EXPORT_PEAK_MB:g} MB",
                "measured": f"{export['peak_rss_mb']:.0f} MB",
                "met": export["peak_rss_mb"] < EXPORT_PEAK_MB,
            }
        )
    imported = result.get("import", {})
    if "rows_per_s" in imported:
        checks.append(
            {
                "target": f"import >= {IMPORT_ROWS_PER_S:,} claims/s",
                "measured": f"{imported['rows_per_s']:,} claims/s"
                + (
                    f" (the schema's write floor: {floor:,} claims/s)"
                    if (floor := result.get("write_floor", {}).get("claims_per_s"))
                    else ""
                )
                + (
                    f" (the export itself is refused: {imported['refused']['bad_rows']:,} bad "
                    f"rows; measured on the {imported['rows']:,} others)"
                    if "refused" in imported
                    else ""
                ),
                "met": imported["rows_per_s"] >= IMPORT_ROWS_PER_S,
            }
        )
    served = result.get("serve", {})
    trivial = served.get("trivial", {}).get("requests_per_s")
    for name, share in SERVED_SHARE_OF_TRIVIAL.items():
        if trivial and name in served:
            rate = served[name]["requests_per_s"]
            checks.append(
                {
                    "target": f"gunicorn {name} >= {share:g} x trivial req/s",
                    "measured": f"{rate:.1f} vs {trivial:.1f} req/s ({rate / trivial:.3f} x)",
                    "met": rate >= share * trivial,
                }
            )
    return checks


def _row(cells: list[str], widths: list[int]) -> str:
    return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"


def markdown_table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(str(x)) for x in column) for column in zip(header, *rows, strict=True)]
    lines = [_row(header, widths), "| " + " | ".join("-" * w for w in widths) + " |"]
    lines += [_row([str(c) for c in row], widths) for row in rows]
    return "\n".join(lines)


def _rate(block: dict, key: str = "rows_per_s") -> str:
    return f"{block[key]:,}" if block and key in block else "n/a"


def tables(results: list[dict]) -> str:
    """Side-by-side tables of one or more runs (one column per database)."""
    if not results:
        return ""
    labels = [f"{r['db']} {r['claims']:,}" for r in results]
    out = []
    meta = results[0]["machine"]
    versions = "; ".join(f"{r['db']} {r['machine']['database_version']}" for r in results)
    out.append(
        f"Machine: {meta['cores']} cores, {meta['memory_gb']} GB, Python {meta['python']}, "
        f"Django {meta['django']}; {versions}. Repeats: {results[0]['repeat']} "
        f"(after {results[0]['warmup']} warm-up requests)."
    )
    for r in results:
        steps = r.get("seconds", {})
        parts = ", ".join(f"{k} {v:g}" for k, v in steps.items() if k != "total")
        load = r.get("load_average", {})
        out.append(
            f"{r['db']} {r['claims']:,}: {steps.get('total', 0):.0f} s ({parts}); load average "
            f"(1 min) at start of measures {load.get('measures', ['?'])[0]}, serve "
            f"{load.get('serve', ['?'])[0]}."
        )
        idle = [
            block["cpu_idle_before"]
            for group in (r.get("measures", {}), r.get("serve", {}))
            for block in group.values()
            if isinstance(block, dict) and "cpu_idle_before" in block
        ]
        if idle:
            out.append(
                f"  CPUs idle before each measure: lowest {min(idle):.0%} (the harness waits up "
                f"to {r.get('quiet_wait', 0):g} s for 85%; lower means other work was running)."
            )
        others = [m.get("other_cpu_share") or 0 for m in r.get("measures", {}).values()]
        if others:
            out.append(
                f"  CPU used by other processes (database server included) during the in-process "
                f"measures: up to {max(others):.0%} of the machine."
            )
        imported = r.get("import", {})
        if "refused" in imported:
            refused = imported["refused"]
            why = "; ".join(f"{k} ({n})" for k, n in refused["errors_by_kind"].items())
            out.append(
                f"  The importer refuses the export ({refused['bad_rows']:,} of "
                f"{refused['rows']:,} rows, after {refused['seconds_to_refusal']:g} s): {why}. "
                f"Import measured on the {imported.get('rows', 0):,} rows it accepts."
            )
        if r.get("import_limit"):
            out.append(f"  Import measured on the first {r['import_limit']:,} rows of the export.")
    names = list(results[0].get("measures", {}))
    rows = []
    for name in names:
        row = [name]
        for r in results:
            m = r.get("measures", {}).get(name)
            row.append(f"{m['median_ms']:.1f} / {m['p95_ms']:.1f} / {m['queries']}" if m else "n/a")
        rows.append(row)
    out.append("\nServer time in process, ms: median / p95 / SQL queries\n")
    out.append(markdown_table(["request", *labels], rows))

    rows = []
    for label, key, sub in (
        ("export (csv_lines), rows/s, median run", "export", "rows_per_s"),
        ("export peak RSS, MB", "export", "peak_rss_mb"),
        ("COPY TO, rows/s, median run", "copy_to", "rows_per_s"),
        ("import_claims, claims/s", "import", "rows_per_s"),
        ("import peak RSS, MB", "import", "peak_rss_mb"),
        ("COPY FROM, rows/s", "copy_from", "rows_per_s"),
        ("write floor (the database alone), claims/s", "write_floor", "claims_per_s"),
    ):
        rows.append([label, *[_rate(r.get(key, {}), sub) for r in results]])
    for label, (num, num_rate), (den, den_rate) in (
        ("export / COPY TO", ("export", "rows_per_s"), ("copy_to", "rows_per_s")),
        ("import / COPY FROM", ("import", "rows_per_s"), ("copy_from", "rows_per_s")),
        ("import / write floor", ("import", "rows_per_s"), ("write_floor", "claims_per_s")),
    ):
        row = [label]
        for r in results:
            a, b = r.get(num, {}), r.get(den, {})
            ok = num_rate in a and b.get(den_rate)
            row.append(f"{a[num_rate] / b[den_rate]:.3f}" if ok else "n/a")
        rows.append(row)
    out.append("\nBulk paths\n")
    out.append(markdown_table(["measure", *labels], rows))

    rows = []
    for name in ("trivial", "event_ordinary", "api_claims_filtered"):
        row = [name]
        for r in results:
            s = r.get("serve", {}).get(name)
            row.append(
                f"{s['requests_per_s']:.1f} req/s, p50 {s.get('latency_p50_ms')} ms, "
                f"p99 {s.get('latency_p99_ms')} ms"
                if s
                else "n/a"
            )
        rows.append(row)
    serve = results[0].get("serve", {})
    out.append(
        f"\nUnder gunicorn ({serve.get('workers', '?')} sync workers; wrk {serve.get('wrk', '')})\n"
    )
    out.append(markdown_table(["path", *labels], rows))

    rows = []
    checks = [{c["target"]: c for c in targets(r)} for r in results]
    ordered = sorted(checks, key=len, reverse=True)
    names = list(dict.fromkeys(name for per_run in ordered for name in per_run))
    for name in names:
        row = [name]
        for per_run in checks:
            c = per_run.get(name)
            row.append(f"{'met' if c['met'] else 'MISSED'}: {c['measured']}" if c else "n/a")
        rows.append(row)
    out.append("\nTargets (set for PostgreSQL at 1M claims)\n")
    out.append(markdown_table(["target", *labels], rows))
    return "\n".join(out)
