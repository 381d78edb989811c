"""An import's bulk writes made by a thread of their own on PostgreSQL (`claims.bulk`):
in order, seen by the next query, failures raised as Django's, nothing left running."""

import threading

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from claims import bulk
from claims.models import Claim, Event, ImportJob
from tests.factories import make_event
from tests.test_import import row, run_import, simple_csv

pytestmark = pytest.mark.django_db


@pytest.fixture
def postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("the writes are made in the background on PostgreSQL only")


def _events(*titles: str) -> list[Event]:
    return [
        bulk.new_object(Event, title=title, slug=f"event-{title}", date=timezone.now().date())
        for title in titles
    ]


def test_a_query_waits_for_the_writes_queued_before_it(postgres_only, monkeypatch):
    written_by = []
    copy = bulk.BackgroundWriter.copy

    def noted(self, sql, rows):
        written_by.append(threading.current_thread())
        gate = threading.Event()
        # The write itself held back a moment: the query below must wait for it.
        self._queue(lambda cursor: gate.wait(0.2))
        copy(self, sql, rows)

    monkeypatch.setattr(bulk.BackgroundWriter, "copy", noted)
    with transaction.atomic(), bulk.background_writes():
        writer = bulk._background()
        bulk.insert(Event, _events("one", "two"), now=timezone.now())
        assert writer.pending  # queued, not yet waited for
        assert Event.objects.filter(slug__in=["event-one", "event-two"]).count() == 2
        assert not writer.pending
    assert written_by == [threading.main_thread()]  # rows are built by the caller


def test_a_failed_write_is_raised_as_djangos_error_and_what_follows_is_dropped(postgres_only):
    taken = make_event()
    (clash,) = _events("clash")
    clash.pk = taken.pk  # an id already used: the COPY fails
    ran_after = []
    with pytest.raises(IntegrityError), transaction.atomic(), bulk.background_writes():
        writer = bulk._background()
        bulk.insert(Event, [clash], now=timezone.now())
        writer._queue(lambda cursor: ran_after.append(cursor))
        Event.objects.count()  # waits, and raises the first failure
    assert ran_after == []
    assert list(Event.objects.values_list("pk", flat=True)) == [taken.pk]


def test_a_failure_at_the_end_of_the_block_is_raised_there(postgres_only):
    taken = make_event()
    (clash,) = _events("clash")
    clash.pk = taken.pk
    with pytest.raises(IntegrityError), transaction.atomic(), bulk.background_writes():
        bulk.insert(Event, [clash], now=timezone.now())
    assert Event.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_writes_are_made_where_called():
    with bulk.background_writes():
        assert bulk._background() is None
        bulk.insert(Event, _events("inline"), now=timezone.now())
    assert Event.objects.filter(slug="event-inline").exists()


def test_sqlite_writes_where_called_even_in_a_transaction():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's case")
    with transaction.atomic(), bulk.background_writes():
        assert bulk._background() is None
        bulk.insert(Event, _events("inline"), now=timezone.now())
        assert Event.objects.filter(slug="event-inline").exists()


def test_after_a_failure_undone_by_a_savepoint_later_writes_are_made(postgres_only):
    taken = make_event()
    (clash,) = _events("clash")
    clash.pk = taken.pk
    with transaction.atomic(), bulk.background_writes():
        with pytest.raises(IntegrityError), transaction.atomic():
            bulk.insert(Event, [clash], now=timezone.now())
            Event.objects.count()
        bulk.insert(Event, _events("after"), now=timezone.now())
    assert Event.objects.filter(slug="event-after").exists()


def test_a_savepoint_rolled_back_for_another_reason_undoes_its_failed_write_quietly(
    postgres_only,
):
    """The write failed inside the savepoint that the rollback undoes: the error that
    made the block roll back is the one raised, and what came before it stays."""
    taken = make_event()
    (clash,) = _events("clash")
    clash.pk = taken.pk
    with transaction.atomic(), bulk.background_writes():
        bulk.insert(Event, _events("before"), now=timezone.now())
        with pytest.raises(ValueError), transaction.atomic():
            bulk.insert(Event, [clash], now=timezone.now())
            raise ValueError
    assert Event.objects.filter(slug="event-before").exists()


def _dangling_row() -> ImportJob:
    """An upload by a user who does not exist: a foreign key checked at the commit."""
    return ImportJob.objects.create(filename="claims.csv", data=b"", created_by_id=10**9)


def test_an_import_inside_a_transaction_leaves_its_pending_key_checks_to_its_commit(
    postgres_only,
):
    dangling = _dangling_row()  # the test's own transaction, with a check still pending
    report = run_import(simple_csv(row()))
    assert report.written and Claim.objects.count() == 1
    dangling.delete()


def test_an_import_inside_a_transaction_keeps_its_mode_of_checking_keys(postgres_only):
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    run_import(simple_csv(row()))
    with pytest.raises(IntegrityError), transaction.atomic():
        _dangling_row()


@pytest.mark.django_db(transaction=True)
def test_an_import_in_its_own_transaction_checks_keys_as_it_writes(postgres_only):
    with CaptureQueriesContext(connection) as queries:
        report = run_import(simple_csv(row()))
    assert report.written and Claim.objects.count() == 1
    assert "SET CONSTRAINTS ALL IMMEDIATE" in [query["sql"] for query in queries]


@pytest.mark.django_db(transaction=True)
def test_a_caller_catching_the_blocks_error_commits_none_of_its_writes(postgres_only, monkeypatch):
    """After an error, writes not yet begun are dropped: the transaction must then not
    commit those that were (here a row without its history row)."""
    begun, release = threading.Event(), threading.Event()
    copy = bulk.BackgroundWriter.copy

    def copy_then_hold(self, sql, rows):
        copy(self, sql, rows)
        self._queue(lambda cursor: (begun.set(), release.wait(0.5)))

    monkeypatch.setattr(bulk.BackgroundWriter, "copy", copy_then_hold)
    with transaction.atomic():
        try:
            with bulk.background_writes():
                bulk.insert(
                    Event,
                    _events("half"),
                    now=timezone.now(),
                    history={"user": None, "reason": "test"},
                )
                assert begun.wait(5)  # the event's row is written, its history queued
                raise ValueError
        except ValueError:
            pass
    assert not Event.objects.filter(slug="event-half").exists()
    assert not Event.history.filter(slug="event-half").exists()
