"""Browser tests: Playwright (sync API) drives the system Chromium against pytest-django's
live server, on the demo data set.

Environment variable:
    TRACKER_CHROMIUM  path of the Chromium executable (default: /usr/bin/chromium). When no
                      executable is there, every test marked `browser` is skipped with the
                      reason. Check that the suite skips cleanly on a machine without
                      Chromium with: TRACKER_CHROMIUM=/nonexistent make test

Nothing is ever downloaded: `playwright install` is not needed and must not be run.
Deselect these tests with: make test PYTEST_ARGS='-m "not browser"'
"""

import io
import os
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import sync_playwright

CHROMIUM = Path(os.environ.get("TRACKER_CHROMIUM") or "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
CHROMIUM_MISSING = not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK))
SKIP_REASON = (
    f"no Chromium executable at {CHROMIUM} (install the `chromium` package, "
    "or set TRACKER_CHROMIUM to its path)"
)
DESKTOP = {"width": 1280, "height": 900}


def pytest_collection_modifyitems(config, items):
    """Skip the browser tests before any fixture (database, live server) is set up."""
    if not CHROMIUM_MISSING:
        return
    skip = pytest.mark.skip(reason=SKIP_REASON)
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(skip)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """Say at the end of the run, where it is read, that the browser tests did not run."""
    skipped = [
        report
        for report in terminalreporter.stats.get("skipped", [])
        if isinstance(report.longrepr, tuple) and SKIP_REASON in report.longrepr[2]
    ]
    if skipped:
        terminalreporter.write_line(
            f"{len(skipped)} browser tests skipped: Chromium not found at {CHROMIUM}; "
            "install Debian's `chromium` package (or set TRACKER_CHROMIUM to its path)",
            yellow=True,
            bold=True,
        )


@pytest.fixture(scope="package")
def browser():
    """One Chromium for all the browser tests, closed after the last of them.

    Playwright's sync API keeps an asyncio event loop running in this thread while it is
    started, and Django then refuses ORM calls (SynchronousOnlyOperation) in the tests and
    in the database flush between them. DJANGO_ALLOW_ASYNC_UNSAFE lifts that check for as
    long as the loop runs, and no longer: the package scope (rather than the session) stops
    the loop, and restores the variable, before the rest of the suite runs.
    """
    if CHROMIUM_MISSING:
        pytest.skip(SKIP_REASON)
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="session")
def demo_snapshot(tmp_path_factory):
    """Where the demo data set is dumped after its first load (see `demo`)."""
    return tmp_path_factory.mktemp("demo") / "demo.json"


@pytest.fixture
def demo(transactional_db, demo_snapshot):
    """The demo data set, in the database the live server reads.

    Live-server tests run outside a transaction, and the tables are emptied after each one.
    The first test loads the data with `load_demo` (about a second) and dumps the `claims`
    tables; the following ones load that dump (a fifth of the time).
    """
    if demo_snapshot.exists():
        call_command("loaddata", str(demo_snapshot), verbosity=0)
    else:
        call_command("load_demo", stdout=io.StringIO())
        call_command("dumpdata", "claims", output=str(demo_snapshot), verbosity=0)


@pytest.fixture
def page(browser, live_server, demo):
    """A fresh page (in its own browser context) on the live server, at desktop width."""
    context = browser.new_context(base_url=live_server.url, viewport=DESKTOP)
    context.set_default_timeout(10_000)
    tab = context.new_page()
    yield tab
    context.close()
