"""The channels write through claims.services only: no admin page, API view or
serializer, importer or command saves or deletes a record itself. A scan of their
source for writing calls, with the few exceptions listed and explained, keeps it so."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHANNELS = [
    *sorted((ROOT / "claims/admin").glob("*.py")),
    *sorted((ROOT / "claims/api").glob("*.py")),
    *sorted((ROOT / "claims/importer").glob("*.py")),
    *sorted((ROOT / "claims/management/commands").glob("*.py")),
    ROOT / "claims/views.py",
]
# Methods that write rows: of a model instance, a manager or queryset, an admin formset.
WRITING = {"save", "delete", "create", "bulk_create", "bulk_update", "get_or_create"}
WRITING |= {"update_or_create", "save_formset"}
# `update` writes only on a queryset; sets and dicts have one too.
QUERYSET_UPDATE = "update"

# (file, call as written): why it is no write of a claim, citation or event of its own.
ALLOWED = {
    ("claims/admin/claims.py", "formset.save(commit=False)"): (
        "builds the citations the form asks for, unsaved; services.save_claim writes them"
    ),
    ("claims/admin/events.py", "formset.save(commit=False)"): (
        "builds the claims of the inline rows, unsaved; services.save_claim writes each"
    ),
    ("claims/admin/events.py", "super().save_formset(request, form, formset, change)"): (
        "the event page's related-events rows, saved by Django in the page's transaction"
    ),
    ("claims/api/serializers.py", "instance.aliases.create(name=name)"): (
        "an actor's or person's alias rows, written inside services.save_record (save_related)"
    ),
    ("claims/api/views.py", "serializer.save()"): (
        "DRF's save calls the serializer's create or update, which call the services"
    ),
    ("claims/api/webhooks.py", "serializer.save(created_by=self.request.user)"): (
        "an operator's webhook subscription: configuration, no claim, citation or event"
    ),
    ("claims/api/webhooks.py", "super().create(request, *args, **kwargs)"): (
        "DRF's create of a webhook subscription (the secret is shown once in its answer)"
    ),
}


def writing_calls(source: str) -> list[str]:
    """Each call of a writing method in the source, as written (without its arguments
    when they span lines)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
            continue
        receiver = ast.get_source_segment(source, node.func.value) or ""
        method = node.func.attr
        on_queryset = "objects" in receiver or "filter(" in receiver or "_set" in receiver
        if method in WRITING or (method == QUERYSET_UPDATE and on_queryset):
            call = ast.get_source_segment(source, node) or ""
            found.append(call if "\n" not in call else f"{receiver}.{method}")
    return found


def calls_in(path: Path) -> list[str]:
    return writing_calls(path.read_text())


def test_the_scan_finds_a_direct_write():
    source = """
def save_model(self, request, obj, form, change):
    obj.save()
    Claim.objects.filter(pk=obj.pk).update(status="confirmed")
    Citation.objects.bulk_create(citations)
    obj.citations.first().delete()
    seen.update(names)  # a set
"""

    assert writing_calls(source) == [
        "obj.save()",
        'Claim.objects.filter(pk=obj.pk).update(status="confirmed")',
        "Citation.objects.bulk_create(citations)",
        "obj.citations.first().delete()",
    ]


@pytest.mark.parametrize("path", CHANNELS, ids=lambda path: str(path.relative_to(ROOT)))
def test_no_channel_writes_a_record_itself(path):
    name = str(path.relative_to(ROOT))

    unexplained = [call for call in calls_in(path) if (name, call) not in ALLOWED]

    assert unexplained == [], "write through claims.services (or explain it in ALLOWED)"


def test_every_exception_is_still_there():
    """An exception whose call has gone is taken off the list, not left to excuse another."""
    found = {(str(path.relative_to(ROOT)), call) for path in CHANNELS for call in calls_in(path)}

    assert set(ALLOWED) <= found
