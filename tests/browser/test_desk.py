"""The editors' desk in a browser: from an article's HTML to five draft claims without a
page load, keyboard first; axe finds no serious violation.

The measured run (test_an_editor_turns_an_article_into_five_draft_claims) counts, per
claim, the full page loads, the requests, the keystrokes and clicks, and the seconds the
script takes; `bench/desk.py` runs it and writes the figures (bench/README.md).
"""

import json
import os
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth.models import Group, Permission
from playwright.sync_api import Page, expect

from claims.models import Citation, Claim, Source
from tests.factories import make_user

pytestmark = pytest.mark.browser

ARTICLE = Path(__file__).resolve().parents[2] / "claims" / "demo" / "articles"
ARTICLE = ARTICLE / "bw-actual-2024-02-08.txt"
BLOCKING = {"serious", "critical"}


def article_html(text: str) -> bytes:
    """The article as a saved web page: every paragraph, with the metadata blogs carry."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    body = "".join(f"<p>{line}</p>" for line in lines[1:])
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        "<title>Iraq, Iran and the U.S.: a briefing</title>"
        '<meta name="author" content="BW Actual">'
        '<meta property="article:published_time" content="2024-02-08T08:00:00Z">'
        f"</head><body><article><h1>Iraq, Iran and the U.S.</h1>{body}</article></body></html>"
    ).encode()


def make_editor():
    """Edna the editor (the tables are emptied between live-server tests: the group's
    rights are given again)."""
    group, _ = Group.objects.get_or_create(name="Editor")
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="claims").exclude(
            codename__in=["publish_claim", "verify_claim", "delete_published_claim"]
        )
    )
    return make_user("edna", role="Editor")


@pytest.fixture
def editor_page(page: Page):
    """The page, signed in to the admin as Edna the editor."""
    make_editor()
    page.goto("/admin/login/")
    page.fill("#id_username", "edna")
    page.fill("#id_password", "pw")
    page.click("input[type=submit]")
    expect(page.locator("#user-tools")).to_contain_text("edna")
    return page


def make_source(page: Page, tmp_path) -> None:
    """From the sources list: "New source from text, file or URL", the article's HTML."""
    html = tmp_path / "article.html"
    html.write_bytes(article_html(ARTICLE.read_text()))
    page.goto("/admin/claims/source/")
    page.click("text=New source from text, file or URL")
    page.set_input_files("#id_file", str(html))
    page.click("#content form [type=submit]")
    page.select_option("#id_kind", "opinion")
    page.click("#content form [type=submit]")
    expect(page.locator("#desk")).to_be_visible()


@dataclass
class Counts:
    claim: str
    page_loads: int = 0
    requests: int = 0
    keystrokes: int = 0
    clicks: int = 0
    seconds: float = 0.0

    @property
    def interactions(self) -> int:
        """What the editor does: a click, a shortcut, a field chosen (its typing counted
        as keystrokes)."""
        return self.clicks + self.shortcuts

    shortcuts: int = 0


@dataclass
class Editor:
    """Acts on the desk as an editor would, counting what it does."""

    page: Page
    runs: list[Counts] = field(default_factory=list)

    def start(self, claim: str) -> None:
        self.runs.append(Counts(claim))
        self._started = time.perf_counter()

    @property
    def now(self) -> Counts:
        return self.runs[-1]

    def key(self, key: str) -> None:
        self.page.keyboard.press(key)
        self.now.keystrokes += 1
        self.now.shortcuts += 1

    def choose_event(self, search: str, title: str) -> None:
        """The event's autocomplete: click it, type a few letters, then Enter when the
        first offer is the event, else a click on it."""
        self.page.click("#desk-claim [data-field=event] .select2-selection")
        self.now.clicks += 1
        self.page.wait_for_function(
            "document.activeElement?.classList.contains('select2-search__field')"
        )
        self.page.keyboard.type(search)
        self.now.keystrokes += len(search)
        option = self.page.locator(f".select2-results__option:has-text({title!r})")
        option.wait_for()
        if "highlighted" in (option.get_attribute("class") or ""):
            self.page.keyboard.press("Enter")
            self.now.keystrokes += 1
        else:
            option.click()
            self.now.clicks += 1

    def go_to(self, number: int) -> None:
        """Choose suggestion `number`, unless the desk moved to it after the last accept:
        a click on its label in the text."""
        if self.page.get_attribute(".desk-mark[aria-current]", "data-number") == str(number):
            return
        with self.page.expect_response(lambda response: "fragment=form" in response.url):
            self.page.click(f".desk-mark[data-number='{number}']")
        self.now.clicks += 1
        expect(
            self.page.locator(f"#desk-claim input[name=number][value='{number}']")
        ).to_have_count(1)

    def accept(self) -> None:
        claims_before = Claim.objects.count()
        with self.page.expect_response(lambda response: "/read/accept/" in response.url):
            self.key("a")
        expect(self.page.locator("#desk-status")).to_contain_text("Draft claim saved")
        self.page.wait_for_load_state("networkidle")
        self.now.seconds = round(time.perf_counter() - self._started, 2)
        assert Claim.objects.count() == claims_before + 1, (
            self.page.inner_text("#desk-status"),
            list(Claim.objects.filter(created_by__username="edna").values_list("pk", flat=True)),
        )


def number_of(page: Page, stance: str, mention: str) -> int:
    marks = page.locator(f".desk-mark.desk-{stance}")
    for index in range(marks.count()):
        mark = marks.nth(index)
        if mention in mark.inner_text():
            return int(mark.get_attribute("data-number"))
    raise AssertionError(f"no {stance} suggestion naming {mention}")


def test_an_editor_turns_an_article_into_five_draft_claims(editor_page: Page, tmp_path):
    page = editor_page
    make_source(page, tmp_path)
    editor = Editor(page)
    loads, requests = [], []
    page.on("framenavigated", lambda frame: frame == page.main_frame and loads.append(1))
    page.on("request", lambda request: requests.append(request.url))

    plan = [
        # (what, stance, the actor's mention, the event to choose or None: remembered)
        ("an attribution", "attributes", "U.S.", ("Baghdad", "U.S. drone strike in Baghdad")),
        ("a sponsor named in the same sentence", "attributes", "Iran", None),
        ("an Iraqi official's attribution, reported", "attributes", "U.S.", None),
        ("a self-claim", "claims_responsibility", "Islamic State", ("Baloch", "Balochistan")),
        (
            "a hedged attribution (thought to be)",
            "attributes",
            "Kataib Hezbollah",
            ("Tower 22", "Drone attack on Tower 22"),
        ),
    ]
    done = set()
    for what, stance, mention, event in plan:
        candidates = page.locator(f".desk-mark.desk-{stance}.desk-open")
        number = next(
            int(candidates.nth(i).get_attribute("data-number"))
            for i in range(candidates.count())
            if mention in candidates.nth(i).inner_text()
            and int(candidates.nth(i).get_attribute("data-number")) not in done
            and (what != "an Iraqi official's attribution, reported" or i > 0)
        )
        editor.start(what)
        loads.clear(), requests.clear()
        editor.go_to(number)
        if event:
            editor.choose_event(*event)
        editor.accept()
        done.add(number)
        editor.now.page_loads, editor.now.requests = len(loads), len(requests)

    claims = list(Claim.objects.filter(created_by__username="edna"))
    assert len(claims) == 5
    assert {c.publication for c in claims} == {"draft"}
    assert Citation.objects.filter(claim__in=claims, quote_check="verbatim").count() == 5
    assert all(
        c.selector["type"] == "TextQuoteSelector" for c in Citation.objects.filter(claim__in=claims)
    )
    for counts in editor.runs:
        assert counts.page_loads == 0, counts
    report = [asdict(c) | {"interactions": c.interactions} for c in editor.runs]
    print("\nDESK-BENCH " + json.dumps(report))
    if os.environ.get("DESK_BENCH_OUT"):
        Path(os.environ["DESK_BENCH_OUT"]).write_text(json.dumps(report, indent=2))
    if os.environ.get("DESK_SCREENSHOT"):
        page.set_viewport_size({"width": 1366, "height": 768})
        page.click(".desk-mark.desk-open")
        page.wait_for_load_state("networkidle")
        page.screenshot(path=os.environ["DESK_SCREENSHOT"])


def test_the_desk_has_no_serious_accessibility_violation(editor_page: Page, tmp_path):
    make_source(editor_page, tmp_path)
    violations = Axe().run(editor_page).response["violations"]
    blocking = [
        f"{v['id']} ({v['impact']}): {v['help']} {[n['target'] for n in v['nodes']][:3]}"
        for v in violations
        if v["impact"] in BLOCKING
    ]
    assert not blocking, "\n".join(blocking)


def test_a_new_name_that_already_names_an_actor_is_refused_and_offered(editor_page: Page, tmp_path):
    page = editor_page
    make_source(page, tmp_path)
    editor = Editor(page)
    editor.start("a claim about an actor named in the form")
    # "those militias": a name the tracker does not know, offered as a new actor.
    editor.go_to(number_of(page, "attributes", "those militias"))
    editor.choose_event("Baghdad", "U.S. drone strike in Baghdad")
    new_name = page.locator("#desk-claim input[name=new_attributed_actor]")
    expect(new_name).to_have_value("those militias")
    new_name.fill("Kataib Hezbollah")
    with page.expect_response(lambda response: "/read/accept/" in response.url):
        page.click("#desk-accept")
    expect(page.locator("#desk-errors")).to_contain_text("already names Kata'ib Hezbollah")
    page.click(".desk-use")
    editor.accept()
    claim = Claim.objects.get(created_by__username="edna")
    assert claim.attributed_actor.slug == "kataib-hezbollah"


def test_the_desk_works_without_javascript_from_the_keyboard(browser, live_server, demo):
    """Every action is a link or a form: with scripts off, the page reloads instead."""
    make_editor()
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/admin/login/")
    page.fill("#id_username", "edna")
    page.fill("#id_password", "pw")
    page.keyboard.press("Enter")
    expect(page.locator("#user-tools")).to_contain_text("edna")
    # A demo source with claims already: its next claim starts on their event.
    source = Source.objects.filter(full_text__contains="Kataib Hezbollah militia").first()
    page.goto(f"/admin/claims/source/{source.pk}/read/")
    mark = page.locator(".desk-mark").last  # made into a claim or not: another may be
    number = mark.get_attribute("data-number")
    mark.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#desk-claim input[name=number]")).to_have_value(number)
    before = Claim.objects.count()
    page.focus("#desk-accept")
    page.keyboard.press("Enter")
    expect(page.locator(".messagelist")).to_contain_text("Draft claim saved")
    assert Claim.objects.count() == before + 1
    context.close()
