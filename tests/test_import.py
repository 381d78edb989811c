"""Bulk import: all or nothing, every bad row reported, idempotent, and a faithful round trip."""

import csv
import datetime
import io
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.exports import csv_lines, ndjson_lines
from claims.importer import SIMPLE_COLUMNS, ImportRefused, checks, read_rows
from claims.models import Actor, Citation, Claim, Event, Person, Source
from claims.services import import_claims
from tests.factories import make_actor, make_claim, make_event, make_person, make_source

pytestmark = pytest.mark.django_db


def simple_csv(*rows: dict) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=SIMPLE_COLUMNS)
    writer.writeheader()
    for row in rows:
        writer.writerow(row)
    return out.getvalue()


def row(**overrides) -> dict:
    values = {
        "event": "K1 base rocket attack",
        "event_date": "2019-12-27",
        "event_kind": "rocket_attack",
        "event_country": "IQ",
        "claimant_description": "unnamed U.S. officials",
        "stance": "attributes",
        "attributed_actor": "Kataeb Hezbollah",
        "role": "perpetrator",
        "hedging": "reported",
        "publication": "draft",
        "stated_on": "2019-12-29",
        "quote": "the U.S. declared that Kata’ib Hizbullah was the group guilty",
        "source_url": "https://www.example.org/k1?utm_source=x",
        "source_title": "K1 report",
        "source_kind": "news_report",
    }
    return values | overrides


def run_import(text: str, name: str = "claims.csv", **options):
    return import_claims(read_rows(text, name), **options)


def test_it_imports_a_spreadsheet_creating_what_is_new():
    report = run_import(simple_csv(row(), row(stance="denies", claimant_actor="Kataeb Hezbollah")))

    assert report.written and report.created["claims"] == 2
    assert Event.objects.get().title == "K1 base rocket attack"
    assert Actor.objects.get().name == "Kataeb Hezbollah"
    assert Source.objects.get().url_normalized == "example.org/k1"
    assert Citation.objects.count() == 2
    assert Event.objects.get().attribution_state == "unattributed"  # drafts count for nothing


def test_a_spelling_variant_lands_on_the_existing_actor_and_a_close_one_is_reported():
    kh = make_actor("Kata'ib Hezbollah")
    kh.aliases.create(name="Kataeb Hezbollah")

    report = run_import(
        simple_csv(
            row(),
            row(attributed_actor="Kata’ib  HEZBOLLAH", stated_on="2019-12-30"),
            row(attributed_actor="Kataib Hizbollah", stated_on="2019-12-31"),
        )
    )

    assert set(Claim.objects.values_list("attributed_actor__name", flat=True)) == {
        "Kata'ib Hezbollah",
        "Kataib Hizbollah",
    }
    assert [str(d.existing) for d in report.probable_duplicates] == ["Kata'ib Hezbollah"]


def test_it_refuses_the_whole_file_and_lists_every_bad_row():
    text = simple_csv(
        row(),
        row(stance="blames", stated_on="2019-12-30"),
        row(stated_on="30/12/2019"),
        row(stance="no_claim", stated_on="2019-12-31"),
        row(quote=""),
    )

    with pytest.raises(ImportRefused) as refused:
        run_import(text)

    errors = [(e.line, e.column) for e in refused.value.report.errors]
    assert (3, "stance") in errors
    assert (4, "stated_on") in errors
    assert (5, "attributed_actor") in errors
    assert (6, "quote") in errors
    assert not any(line == 2 for line, _ in errors)
    assert not Claim.objects.exists() and not Event.objects.exists() and not Actor.objects.exists()


def test_a_spreadsheet_row_may_describe_the_actor_it_names_no_one_as():
    kh = make_actor("Kata'ib Hezbollah")
    described = row(
        attributed_actor="",
        attributed_description="an Iranian-backed militia",
        attributed_actor_hint="Kataib Hezbollah",
    )

    report = run_import(simple_csv(described))
    again = run_import(simple_csv(described))

    claim = Claim.objects.get()
    assert report.created["claims"] == 1 and again.created["claims"] == 0
    assert claim.attributed_actor is None
    assert claim.attributed_description == "an Iranian-backed militia"
    assert claim.attributed_actor_hint == kh


def test_it_refuses_a_row_that_names_and_describes_the_actor():
    with pytest.raises(ImportRefused) as refused:
        run_import(simple_csv(row(attributed_description="an Iranian-backed militia")))

    (error,) = refused.value.report.errors
    assert error.column == "attributed_description"
    assert "not both" in error.message
    assert Claim.objects.count() == 0


def test_a_dry_run_writes_nothing_and_reports_what_it_would_do():
    report = run_import(simple_csv(row()), dry_run=True)

    assert not report.written
    assert report.created["claims"] == 1 and report.created["events"] == 1
    assert not Claim.objects.exists() and not Source.objects.exists()


def test_importing_the_same_file_twice_creates_nothing_the_second_time():
    text = simple_csv(row(), row(stated_on="2019-12-30", hedging="alleged"))
    run_import(text)
    counts = (Claim.objects.count(), Citation.objects.count(), Source.objects.count())

    again = run_import(text)
    changed = run_import(text.replace("alleged", "asserted"))

    assert (Claim.objects.count(), Citation.objects.count(), Source.objects.count()) == counts
    assert again.unchanged["claims"] == 2 and sum(again.created.values()) == 0
    assert changed.updated["claims"] == 1


def test_it_refuses_to_publish_a_claim_whose_quote_is_not_in_its_known_source():
    make_source(url="https://example.org/k1", full_text="Something else entirely was said.")

    with pytest.raises(ImportRefused) as refused:
        run_import(simple_csv(row(publication="published")))

    assert "a quote is not found in its source" in str(refused.value.report.errors[0])


def build_world():
    pmf = make_actor("Popular Mobilization Forces", kind=Actor.Kind.ARMED_GROUP)
    kh = make_actor("Kata'ib Hezbollah", parent=pmf)
    milley = make_person("Mark Milley")
    event = make_event("K1 base rocket attack", country="IQ", place="K1 base")
    blamed = make_claim(
        event=event,
        attributed_actor=kh,
        claimant_person=milley,
        speaker_title="Chairman",
        claimant_actor=make_actor("United States", kind=Actor.Kind.STATE),
        hedging="probable",
        status="corroborated",
        channel="press_briefing",
    )
    Citation.objects.create(
        claim=blamed,
        source=make_source(url="https://example.org/a", author="A. Writer"),
        quote="=cmd|' /C calc'!A0",
        locator="para 3",
        language="ar",
        translation="a translation",
    )
    make_claim(
        event=event,
        stance="disputes",
        responds_to=blamed,
        claimant_description="a blogger",
        hedging="speculative",
        attributed_actor=None,
    )
    make_claim(
        event=make_event("Drone attack on Tower 22"),
        claimant_description="a newspaper",
        attributed_actor=None,
        attributed_description="an Iranian-backed militia",
        attributed_actor_hint=kh,
    )
    make_claim(event=make_event("Mosul rockets"), stance="no_claim", attributed_actor=None)
    make_claim(
        event=make_event("Erbil airport drone attack"),
        claimant_description="a news agency",
        status=Claim.Status.RETRACTED,
        retraction_reason="The agency withdrew the report the next day.",
    )
    return event


FIELDS = [
    "event__slug",
    "claimant_actor__slug",
    "claimant_person__slug",
    "claimant_description",
    "speaker_title",
    "channel",
    "stance",
    "attributed_actor__slug",
    "attributed_description",
    "attributed_actor_hint__slug",
    "role",
    "hedging",
    "status",
    "retraction_reason",
    "publication",
    "stated_on",
    "stated_on_precision",
    "responds_to__stance",
]


def snapshot():
    claims = Claim.objects.order_by("event__slug", "stance", "stated_on")
    rows = list(claims.values_list(*FIELDS))
    citations = list(
        Citation.objects.order_by("claim__event__slug", "claim__stance", "quote").values_list(
            "quote",
            "locator",
            "language",
            "translation",
            "source__url",
            "source__title",
            "source__outlet",
            "source__author",
            "source__kind",
        )
    )
    events = list(
        Event.objects.order_by("slug").values_list(
            "slug", "title", "date", "kind", "country", "place"
        )
    )
    return rows, citations, events


@pytest.mark.parametrize(
    ("lines", "name"), [(csv_lines, "claims.csv"), (ndjson_lines, "claims.ndjson")]
)
def test_an_export_reimported_into_an_empty_database_gives_the_same_data(lines, name):
    build_world()
    exported = "".join(lines(Claim.objects.all()))
    before = snapshot()
    Citation.objects.all().delete()
    Claim.objects.filter(responds_to__isnull=False).delete()
    Claim.objects.all().delete()
    Event.objects.all().delete()
    Source.objects.all().delete()
    Actor.objects.update(parent=None)
    Actor.objects.all().delete()
    Person.objects.all().delete()

    report = run_import(exported, name)

    assert report.created["claims"] == 5
    assert snapshot() == before


def test_the_command_reports_each_bad_row_and_exits_with_an_error(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(simple_csv(row(stance="blames"), row(stated_on="never")))
    err = io.StringIO()

    with pytest.raises(CommandError, match=r"Nothing was imported: \d+ problem\(s\) in 2 row"):
        call_command("import_claims", str(path), stderr=err)

    assert "bad.csv: line 2, stance" in err.getvalue()
    assert "bad.csv: line 3, stated_on" in err.getvalue()


def test_the_command_refuses_to_import_as_an_account_that_may_not_add_claims(tmp_path, charlie):
    path = tmp_path / "claims.csv"
    path.write_text(simple_csv(row()))

    with pytest.raises(CommandError, match="“charlie” may not add claims"):
        call_command("import_claims", str(path), user="charlie")

    assert not Claim.objects.exists()


def test_a_broken_ndjson_line_is_reported_not_fatal():
    text = json.dumps({"citations": [], "attributed_actor_name": ""}) + "\n{not json\n"

    with pytest.raises(ImportRefused) as refused:
        run_import(text, "claims.ndjson")

    assert any(e.line == 2 and "not valid JSON" in e.message for e in refused.value.report.errors)


def test_it_records_a_history_row_for_each_imported_claim_and_citation(alice):
    make_source(url="https://example.org/k1", full_text="the U.S. declared it was the group")

    run_import(simple_csv(row(), row(stated_on="2019-12-30")), by=alice)

    claims = Claim.history.order_by("id")
    assert list(claims.values_list("id", flat=True)) == sorted(
        Claim.objects.values_list("pk", flat=True)
    )
    assert set(claims.values_list("history_type", "history_change_reason", "history_user")) == {
        ("+", "Imported", alice.pk)
    }
    cited = Citation.history.values_list("id", "claim_id", "quote", "history_type")
    assert sorted(cited) == sorted((c.pk, c.claim_id, c.quote, "+") for c in Citation.objects.all())
    assert set(Citation.objects.values_list("quote_check", flat=True)) == {"partial"}


def test_each_history_row_holds_every_tracked_value_of_its_row(alice):
    """History rows are copied from the written rows by the database: every tracked
    field, dates and JSON included, as the row holds it, and nothing for other rows."""
    earlier = make_claim()
    make_source(url="https://example.org/k1", full_text="the U.S. declared it was the group")

    run_import(simple_csv(row(), row(stated_on="2019-12-30", hedging="alleged")), by=alice)

    for model in (Claim, Citation):
        tracked = [f.attname for f in model.history.model.tracked_fields]
        imported = model.objects.exclude(**{"pk" if model is Claim else "claim": earlier.pk})
        stored = {values[0]: values for values in imported.values_list("pk", *tracked)}
        copied = model.history.filter(history_change_reason="Imported")
        assert {values[0]: values for values in copied.values_list("id", *tracked)} == stored
    assert not Claim.history.filter(id=earlier.pk, history_change_reason="Imported").exists()


def test_the_ids_it_gives_leave_the_tables_usable():
    first = make_claim()
    run_import(simple_csv(row()))

    later = make_claim(event=first.event)

    assert len({first.pk, later.pk, *Claim.objects.values_list("pk", flat=True)}) == 3
    assert later.pk > max(Claim.objects.exclude(pk=later.pk).values_list("pk", flat=True))


def test_a_response_to_a_stored_claim_the_file_does_not_carry_lands_on_it():
    event = build_world()
    answered = Claim.objects.get(event=event, stance="attributes")
    other = make_claim(event=make_event("Erbil drone strike"), stance="no_claim")
    exported = list(read_rows("".join(csv_lines(Claim.objects.filter(stance="disputes"))), "a.csv"))
    (line, dispute), *_ = exported
    dispute = dispute | {"stated_on": "2020-01-05"}

    report = import_claims([(line, dispute)])
    with pytest.raises(ImportRefused) as refused:
        import_claims([(line, dispute | {"responds_to": str(other.pk), "stated_on": "2020-01-06"})])

    assert report.created["claims"] == 1
    assert Claim.objects.get(stated_on="2020-01-05").responds_to == answered
    assert [e.message for e in refused.value.report.errors] == [
        f"claim {other.pk} is not in this file"
    ]


def test_its_queries_do_not_grow_with_the_events_and_claims_of_the_file():
    def rows_for(events: int) -> str:
        return simple_csv(
            *(
                row(event=f"Attack {n}", stated_on=f"2019-12-{10 + d}")
                for n in range(events)
                for d in range(3)
            )
        )

    def queries(text: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            run_import(text)
        return len(captured)

    run_import(rows_for(2))
    run_import(rows_for(6))

    # The second imports find every claim stored: a fixed number of look-ups however
    # many events and claims (stored claims are read a few hundred events at a time).
    assert queries(rows_for(2)) == queries(rows_for(6))


def test_an_export_of_new_events_is_imported_in_queries_that_do_not_grow_with_it():
    """An export carries each claim's id; a claim of an event the import creates was read
    back from the database, a query a claim, when that id was kept for answers."""

    def export_of(events: int) -> str:
        for n in range(events):
            event = make_event(f"Attack {n}")
            for day in range(3):
                make_claim(event=event, stated_on=datetime.date(2024, 2, 1 + day))
        text = "".join(ndjson_lines(Claim.objects.order_by("pk")))
        Citation.objects.all().delete()
        Claim.objects.all().delete()
        Event.objects.all().delete()
        return text

    def queries(text: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            run_import(text, "claims.ndjson")
        Citation.objects.all().delete()
        Claim.objects.all().delete()
        Event.objects.all().delete()
        return len(captured)

    assert queries(export_of(2)) == queries(export_of(6))


@pytest.mark.parametrize(
    ("overrides", "column", "message"),
    [
        ({"stance": "blames"}, "stance", "Value 'blames' is not a valid choice."),
        ({"hedging": "maybe"}, "hedging", "Value 'maybe' is not a valid choice."),
        ({"event_country": "XX"}, "event_country", "Value 'XX' is not a valid choice."),
        (
            {"source_url": "not a url"},
            "source.source_url",
            "Enter a valid URL.; Enter a web address starting with http:// or https://.",
        ),
        (
            {"speaker_title": "x" * 201, "claimant_person": "Mark Milley"},
            "speaker_title",
            "Ensure this value has at most 200 characters (it has 201).",
        ),
        # Text fields whose only rule is their length, which the import checks itself for
        # the values within it: a value past it gets Django's message.
        (
            {"claimant_description": "x" * 201},
            "claimant_description",
            "Ensure this value has at most 200 characters (it has 201).",
        ),
        (
            {"attributed_actor": "", "attributed_description": "y" * 201},
            "attributed_description",
            "Ensure this value has at most 200 characters (it has 201).",
        ),
        (
            {"quote": "z" * 2001},
            "quote.quote",
            "Ensure this value has at most 2000 characters (it has 2001).",
        ),
        (
            {"source_title": "t" * 501},
            "source.source_title",
            "Ensure this value has at most 500 characters (it has 501).",
        ),
        (
            {"source_outlet": "o" * 201},
            "source.source_outlet",
            "Ensure this value has at most 200 characters (it has 201).",
        ),
        (
            {"event": "e" * 301},
            "event_title",
            "Ensure this value has at most 300 characters (it has 301).",
        ),
        (
            {"retraction_reason": " ", "status": "retracted"},
            "retraction_reason",
            "Say why the claim is retracted: readers will see it.",
        ),
    ],
)
def test_each_bad_value_is_refused_with_the_fields_own_message(overrides, column, message):
    # Twice, as the verdict on a value is remembered for the rows after it.
    text = simple_csv(row(**overrides), row(**overrides, stated_on="2019-12-30"))

    with pytest.raises(ImportRefused) as refused:
        run_import(text)

    assert [(e.line, e.column, e.message) for e in refused.value.report.errors] == [
        (2, column, message),
        (3, column, message),
    ]


def test_an_import_reads_no_captured_page():
    """Every stored source is looked up by an import; their captured pages (up to
    DJANGO_CAPTURE_MAX_BYTES each) are never needed, and would fill its memory."""
    captured = make_source(
        url="https://www.example.org/k1",
        full_text="the U.S. declared that Kata’ib Hizbullah was the group guilty",
        captured_html="<html>captured page</html>",
    )

    with CaptureQueriesContext(connection) as queries:
        report = run_import(simple_csv(row(publication="published")))

    assert report.written and report.created["claims"] == 1
    assert Citation.objects.get().source == captured
    assert [query["sql"] for query in queries if "captured_html" in query["sql"]] == []


def test_field_checks_remember_a_bounded_number_of_values(monkeypatch):
    """Each source's URL is checked once and its verdict kept; an import citing a million
    sources must not keep a million verdicts, nor lose a bad URL's error once it forgets."""
    monkeypatch.setattr(checks, "MAX_VERDICTS", 5)
    clean = checks.FieldCleaner(Source, exclude=["full_text"])

    for n in range(12):
        clean(Source(url=f"https://example.org/{n}", title="Report", kind="news_report"))
        assert len(clean.verdicts) <= 5

    with pytest.raises(ValidationError) as refused:
        clean(Source(url="not a URL", title="Report", kind="news_report"))
    assert "url" in refused.value.message_dict


def test_rows_naming_stored_events_and_sources_build_no_object_the_slow_way(monkeypatch):
    """A row's claim and citations are built without `Model.__init__` (a quarter of an
    import's time, profiled), whether they name stored or new events and sources."""
    run_import(simple_csv(row()))  # the event, the actor and the source are stored now
    built = []
    for model in (Claim, Citation):
        slow = model.__init__

        def counted(self, *args, slow=slow, **kwargs):
            if kwargs:  # not a row read from the database (`from_db` passes values)
                built.append(type(self).__name__)
            slow(self, *args, **kwargs)

        monkeypatch.setattr(model, "__init__", counted)

    report = run_import(simple_csv(*(row(stated_on=f"2019-12-{d}") for d in (28, 29, 30))))

    assert report.created["claims"] == 2 and report.unchanged["claims"] == 1
    assert built == []
