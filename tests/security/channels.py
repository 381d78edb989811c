"""Making a change the way each channel's users make it, and telling what it wrote.

The admin's forms are posted as the browser posts them (tests/admin/helpers.py: every
field of the page, then the change); the API with a token; imports as a file on the
import page or to the command. `snapshot()` reads every row a write could touch and every
history row, so that a refusal can be shown to have written nothing.
"""

import csv
import io
from contextlib import contextmanager

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from claims.announcements import announced
from claims.importer import SIMPLE_COLUMNS
from claims.models import (
    Actor,
    ActorAlias,
    Affiliation,
    Citation,
    Claim,
    Event,
    EventCandidate,
    EventRelation,
    Merge,
    Person,
    PersonAlias,
    Source,
)

EDITOR, REVIEWER, ADMIN = "Editor", "Reviewer", "Admin"
# An account without any permission (and no staff status), writing with its API token.
TOKEN_HOLDER = "token holder"


def member(role: str):
    """An account of the role; no password (hashing one costs more than the test)."""
    username = role.lower().replace(" ", "-")
    user = get_user_model().objects.create_user(username, is_staff=role != TOKEN_HOLDER)
    if role != TOKEN_HOLDER:
        user.groups.add(Group.objects.get(name=role))
    return user


def admin_client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def api_client(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")
    return client


# --- the admin's pages -----------------------------------------------------------------


def row_prefix(inline: str, rows, obj) -> str:
    """The prefix of `obj`'s row in an inline as claim_post and event_post number them
    (in the order of `rows`: a claim's citations, an event's claims)."""
    (number,) = [n for n, row in enumerate(rows) if row.pk == obj.pk]
    return f"{inline}-{number}"


def run_action(client, model: str, action: str, *objects):
    """A bulk action of a changelist, confirmed where it asks (delete)."""
    return client.post(
        f"/admin/claims/{model}/",
        {"action": action, "_selected_action": [obj.pk for obj in objects], "post": "yes"},
    )


# --- imports ---------------------------------------------------------------------------


def spreadsheet(*rows: dict, columns: list[str] = SIMPLE_COLUMNS) -> str:
    """The simple CSV format of the import, with every column (empty: not given) or
    only `columns`."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow(row)
    return out.getvalue()


def row_of(claim: Claim, **columns) -> dict:
    """A spreadsheet row that the import matches with this stored claim, plus `columns`."""
    citation = claim.citations.order_by("pk").select_related("source").first()
    return {
        "event": claim.event.slug,
        "event_date": claim.event.date.isoformat(),
        "claimant_description": claim.claimant_description,
        "stance": claim.stance,
        "attributed_actor": claim.attributed_actor.name if claim.attributed_actor else "",
        "role": claim.role,
        "stated_on": claim.stated_on.isoformat(),
        "quote": citation.quote,
        "source_title": citation.source.title,
        "source_outlet": citation.source.outlet,
    } | columns


# --- what was written -------------------------------------------------------------------

WRITABLE = [
    Claim,
    Citation,
    Event,
    EventRelation,
    EventCandidate,
    Actor,
    ActorAlias,
    Person,
    PersonAlias,
    Affiliation,
    Source,
    Merge,
]


def snapshot() -> dict[str, list[tuple]]:
    """Every row of every table a write could touch, and of every history table (in
    plain SQL: this runs twice for each row of the permission matrix)."""
    tables = {}
    for model in WRITABLE:
        tables[model._meta.label] = (model._meta.db_table, model._meta.pk.column)
        if hasattr(model, "history"):
            tables[f"{model._meta.label} history"] = (
                model.history.model._meta.db_table,
                "history_id",
            )
    state = {}
    with connection.cursor() as cursor:
        for name, (table, key) in tables.items():
            quote = connection.ops.quote_name
            cursor.execute(f"SELECT * FROM {quote(table)} ORDER BY {quote(key)}")
            state[name] = cursor.fetchall()
    return state


def changed_tables(before: dict, after: dict) -> list[str]:
    return [name for name in before if before[name] != after[name]]


@contextmanager
def announcements(capture_on_commit):
    """The announcements sent while inside, their on-commit callbacks run at the end
    (`capture_on_commit`: pytest-django's django_capture_on_commit_callbacks)."""
    sent = []

    def receiver(sender, announcement, **kwargs):
        sent.append(announcement)

    announced.connect(receiver)
    try:
        with capture_on_commit(execute=True):
            yield sent
    finally:
        announced.disconnect(receiver)
