"""The import reads, checks and writes a file a chunk of rows at a time (memory holds one
chunk), yet stays all or nothing, idempotent, and answers across chunks. Chunks of two
rows here, so that every file of these tests spans several."""

import io
import json

import pytest

from claims.exports import ndjson_lines
from claims.importer import MAX_LISTED_PROBLEMS, ImportRefused, read_rows
from claims.models import Citation, Claim, Event, Source
from claims.services import imports
from tests.factories import make_claim, make_event
from tests.test_import import build_world, row, run_import, simple_csv

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def small_chunks(monkeypatch):
    monkeypatch.setattr(imports, "CHUNK_ROWS", 2)


def dates(n: int) -> list[str]:
    return [f"2019-12-{10 + d:02d}" for d in range(n)]


def test_a_file_of_many_chunks_is_written_whole_and_a_second_time_creates_nothing():
    text = simple_csv(*(row(stated_on=day) for day in dates(7)), row(stated_on="2019-12-10"))

    first = run_import(text)
    second = run_import(text)

    assert first.created["claims"] == 7 and first.unchanged["claims"] == 1  # the last row
    assert Claim.objects.count() == 7 and Citation.objects.count() == 7
    assert Event.objects.count() == 1 and Source.objects.count() == 1
    assert second.created["claims"] == 0 and second.unchanged["claims"] == 8


def test_a_bad_row_in_the_last_chunk_leaves_nothing_of_the_earlier_ones():
    text = simple_csv(*(row(stated_on=day) for day in dates(6)), row(stance="maybe"))

    with pytest.raises(ImportRefused) as refused:
        run_import(text)

    assert [(e.line, e.column) for e in refused.value.report.errors] == [(8, "stance")]
    assert not Claim.objects.exists() and not Event.objects.exists()
    assert not Source.objects.exists()


def test_every_bad_row_is_listed_whichever_chunk_it_is_in():
    bad = {2, 5, 7}
    text = simple_csv(
        *(
            row(stated_on=day, stance="maybe" if n in bad else "attributes")
            for n, day in enumerate(dates(8))
        )
    )

    with pytest.raises(ImportRefused) as refused:
        run_import(text)

    assert [e.line for e in refused.value.report.errors] == [n + 2 for n in sorted(bad)]


def test_a_dry_run_reports_what_the_import_does_and_writes_nothing():
    text = simple_csv(*(row(stated_on=day) for day in dates(5)), row(stated_on="2019-12-10"))

    dry = run_import(text, dry_run=True)
    assert not Claim.objects.exists() and not Event.objects.exists()
    real = run_import(text)

    assert not dry.written and real.written
    assert (dry.created, dry.unchanged) == (real.created, real.unchanged)


def export_of_world() -> list[dict]:
    """The demo-like world's export, as rows, emptied from the database."""
    build_world()
    text = "".join(ndjson_lines(Claim.objects.order_by("pk")))
    exported = [json.loads(line) for line in text.split("\n") if line]
    Citation.objects.all().delete()
    Claim.objects.filter(responds_to__isnull=False).delete()
    Claim.objects.all().delete()
    return exported


def as_ndjson(rows: list[dict]) -> str:
    return "".join(json.dumps(r) + "\n" for r in rows)


def test_a_dispute_answering_a_claim_of_an_earlier_or_a_later_chunk_lands_on_it():
    rows = export_of_world()
    dispute = next(r for r in rows if r["stance"] == "disputes")
    answered = next(r for r in rows if r["id"] == dispute["responds_to"])
    others = [r for r in rows if r not in (dispute, answered)]

    for order in ([answered, *others, dispute], [dispute, *others, answered]):
        Citation.objects.all().delete()
        Claim.objects.filter(responds_to__isnull=False).delete()
        Claim.objects.all().delete()

        report = run_import(as_ndjson(order), "claims.ndjson")

        assert report.created["claims"] == len(rows)
        stored = Claim.objects.get(stance="disputes")
        assert stored.responds_to.stance == answered["stance"]
        assert stored.responds_to.event_id == stored.event_id


def test_a_dispute_waiting_for_a_later_chunk_cites_a_new_source_written_meanwhile():
    rows = export_of_world()
    Source.objects.all().delete()
    Event.objects.all().delete()
    dispute = next(r for r in rows if r["stance"] == "disputes")
    answered = next(r for r in rows if r["id"] == dispute["responds_to"])
    others = [r for r in rows if r not in (dispute, answered)]
    # The row after the dispute cites its source: the source is written with the first
    # chunk, while the dispute waits for the last.
    others[0]["citations"] = [dict(c, quote=f"{c['quote']} (again)") for c in dispute["citations"]]
    sources = {c["source"] for r in rows for c in r["citations"]}

    report = run_import(as_ndjson([dispute, *others, answered]), "claims.ndjson")

    assert report.created["claims"] == len(rows)
    assert report.created["sources"] == Source.objects.count() == len(sources)
    assert (
        Claim.objects.get(stance="disputes").citations.get().source.url
        == (dispute["citations"][0]["source_url"])
    )


class Watched(imports.Importer):
    """The importer, its maps of events and sources looked at after each chunk."""

    seen: list[list] = []

    def next_chunk(self) -> None:
        super().next_chunk()
        maps = (
            self.events_by_slug,
            self.events_by_title,
            self.sources_by_url,
            self.sources_by_identity,
            self.sources_by_file_id,
        )
        Watched.seen.append([type(v) for found in maps for v in found.values()])


def test_what_a_chunk_created_is_held_by_id_once_written(monkeypatch):
    """Memory does not grow with the file's events and sources: once written, each is an
    id in the maps, not the object."""
    monkeypatch.setattr(imports, "Importer", Watched)
    Watched.seen = []
    text = simple_csv(
        *(
            row(
                event=f"Attack {n}",
                source_url=f"https://example.org/report-{n}",
                source_title=f"Report {n}",
            )
            for n in range(7)
        )
    )

    report = run_import(text)

    assert report.created["events"] == report.created["sources"] == 7
    assert len(Watched.seen) == 4
    assert all(kinds and set(kinds) == {int} for kinds in Watched.seen)


def test_stored_events_and_sources_are_looked_up_as_ids():
    build_world()

    importer = imports.Importer()

    assert Event.objects.exists() and Source.objects.exists()
    assert set(map(type, importer.events_by_slug.values())) == {int}
    assert set(map(type, importer.events_by_title.values())) == {int}
    assert set(map(type, importer.sources_by_url.values())) == {int}
    assert set(map(type, importer.sources_by_identity.values())) == {int}


def test_claims_answering_each_other_across_chunks_are_refused_with_both_named():
    rows = export_of_world()
    first = next(r for r in rows if r["stance"] == "disputes")
    second = {**first, "id": 9001, "responds_to": first["id"], "stated_on": "2020-01-09"}
    first = {**first, "responds_to": 9001}
    filler = [r for r in rows if r["stance"] not in ("disputes",)]

    with pytest.raises(ImportRefused) as refused:
        run_import(as_ndjson([first, *filler, second]), "claims.ndjson")

    messages = {e.message for e in refused.value.report.errors}
    assert messages == {
        "claim 9001 answers this one in turn",
        f"claim {first['id']} answers this one in turn",
    }
    assert not Claim.objects.exists()


def test_a_claim_waiting_for_one_that_is_not_in_the_file_is_reported_as_such():
    rows = export_of_world()
    dispute = next(r for r in rows if r["stance"] == "disputes")
    lost = {**dispute, "responds_to": 424242}
    chained = {**dispute, "id": 9002, "responds_to": dispute["id"], "stated_on": "2020-01-09"}

    with pytest.raises(ImportRefused) as refused:
        filler = [r for r in rows if r["stance"] != "disputes"]
        run_import(as_ndjson([chained, *filler, lost]), "claims.ndjson")

    assert [e.message for e in refused.value.report.errors] == [
        f"claim {dispute['id']} answers claim 424242, which is not in this file",
        "claim 424242 is not in this file",
    ]


def test_a_file_with_very_many_problems_lists_the_first_and_counts_the_rest(monkeypatch):
    monkeypatch.setattr(imports, "CHUNK_ROWS", 500)
    count = MAX_LISTED_PROBLEMS + 250
    text = simple_csv(*(row(stance="maybe") for _ in range(count)))

    with pytest.raises(ImportRefused) as refused:
        run_import(text)

    report = refused.value.report
    assert len(report.errors) == MAX_LISTED_PROBLEMS
    assert report.problem_count == count
    assert report.errors[0].line == 2


class Tape(io.RawIOBase):
    """A file that says how much of it was read, and refuses reads past `stop`."""

    def __init__(self, data: bytes, stop: int):
        self.data, self.position, self.stop = data, 0, stop

    def readable(self):
        return True

    def readinto(self, buffer):
        if self.position >= self.stop:
            raise AssertionError(f"read past byte {self.stop}")
        chunk = self.data[self.position : self.position + min(len(buffer), 4096)]
        buffer[: len(chunk)] = chunk
        self.position += len(chunk)
        return len(chunk)


def test_rows_are_read_as_the_file_streams_not_all_at_once():
    text = simple_csv(*(row(stated_on=day) for day in dates(9) for _ in range(50))).encode()
    tape = Tape(text, stop=len(text) // 2)
    rows = read_rows(io.BufferedReader(tape, buffer_size=4096), "claims.csv")

    first = [next(rows) for _ in range(10)]

    assert [line for line, _ in first] == list(range(2, 12))
    assert tape.position < len(text) // 2


def test_text_that_is_not_utf8_halfway_through_leaves_nothing_written():
    good = simple_csv(*(row(stated_on=day) for day in dates(6))).encode()
    data = good + "K1 base rocket attack,2019-12-27,\xe9\n".encode("latin-1")

    with pytest.raises(UnicodeDecodeError):
        import_claims_from(data)

    assert not Claim.objects.exists()


def import_claims_from(data: bytes):
    return imports.import_claims(read_rows(io.BytesIO(data), "claims.csv"))


def test_an_ndjson_string_may_hold_a_line_separator():
    claim = make_claim(event=make_event("Strike"), claimant_description="a spokesman\u2028quoted")
    text = "".join(ndjson_lines(Claim.objects.filter(pk=claim.pk)))
    assert "\u2028" in text  # json.dumps keeps it as it is
    Citation.objects.all().delete()
    Claim.objects.all().delete()

    report = run_import(text, "claims.ndjson")

    assert report.created["claims"] == 1
    assert Claim.objects.get().claimant_description == "a spokesman\u2028quoted"


def test_a_name_saved_by_someone_else_during_the_import_refuses_it_cleanly(monkeypatch):
    """The import reads the stored names when it begins; an actor of the same name saved
    meanwhile (here: just after that read) makes its write clash. Nothing is written and
    the report says what to do."""
    from claims.importer import Importer
    from tests.factories import make_actor

    loaded = Importer.__init__

    def then_someone_saves(self, **options):
        loaded(self, **options)
        make_actor("Kataeb Hezbollah").aliases.create(name="Kataeb Hezbollah")

    monkeypatch.setattr(Importer, "__init__", then_someone_saves)

    with pytest.raises(ImportRefused) as refused:
        run_import(simple_csv(*(row(stated_on=day) for day in dates(3))))

    (error,) = refused.value.report.errors
    assert error.column == "file"
    assert "saved by someone else during the import" in error.message
    assert not Claim.objects.exists() and not Event.objects.exists()
