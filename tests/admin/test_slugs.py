"""Slugs made from a name or a title are cut at a word boundary near 50 characters: in the
admin's auto-fill (claims/static/claims/admin/short-slug.js) and on the server
(claims.normalize.short_slug), the same way."""

import json
import shutil
import subprocess
from pathlib import Path

import django
import pytest
from django.conf import settings

from claims.importer import read_rows
from claims.models import Actor, Event
from claims.normalize import short_slug
from claims.services import import_claims

LONG_TITLE = "Drone and missile attack on the Abqaiq processing facility and Khurais oil field"

CASES = [
    ("Tower 22 drone attack", "tower-22-drone-attack"),
    # 80 characters: cut after "Abqaiq", the last whole word within 50.
    (LONG_TITLE, "drone-and-missile-attack-on-the-abqaiq-processing"),
    # A word longer than half the limit is cut inside it rather than lost.
    ("Attack " + "x" * 60, "attack-" + "x" * 43),
    ("a" * 70, "a" * 50),
    ("", ""),
    ("Kata’ib Hezbollah", "kataib-hezbollah"),
]


@pytest.mark.parametrize(("text", "slug"), CASES)
def test_the_server_cuts_a_slug_at_a_word_boundary(text, slug):
    assert short_slug(text) == slug
    assert len(short_slug(text)) <= 50


def _urlify_in_node(texts: list[str], max_length: int) -> list[str]:
    """Django's admin URLify with the tracker's script after it, as the admin loads them."""
    django_urlify = Path(django.__file__).parent / "contrib/admin/static/admin/js/urlify.js"
    ours = Path(settings.BASE_DIR) / "claims/static/claims/admin/short-slug.js"
    program = f"""
        globalThis.window = globalThis;
        eval({json.dumps(django_urlify.read_text())});
        eval({json.dumps(ours.read_text())});
        const texts = {json.dumps(texts)};
        console.log(JSON.stringify(texts.map(t => window.URLify(t, {max_length}, false))));
    """
    result = subprocess.run(["node", "-e", program], capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


@pytest.mark.skipif(shutil.which("node") is None, reason="needs Node.js to run the admin's script")
def test_the_admins_auto_fill_cuts_the_same_way():
    texts = [text for text, _ in CASES]

    # The models' slug fields have max_length 200, which the admin passes to URLify.
    assert _urlify_in_node(texts, 200) == [slug for _, slug in CASES]
    # A field shorter than 50 keeps its own limit.
    assert _urlify_in_node([LONG_TITLE], 20) == ["drone-and-missile"]


@pytest.mark.django_db
@pytest.mark.parametrize("model", ["event", "actor", "person"])
def test_the_admin_add_pages_load_the_script_after_urlify(admin_client, model):
    html = admin_client.get(f"/admin/claims/{model}/add/").content.decode()

    urlify = html.index("admin/js/urlify.js")
    assert html.index("claims/admin/short-slug.js") > urlify
    assert html.index("admin/js/prepopulate.js") > urlify


@pytest.mark.django_db
def test_an_import_makes_short_slugs_for_what_it_creates():
    from tests.test_import import row, simple_csv

    long_name = "Islamic Resistance in Iraq and the Levant Brigades of the Southern Marshes"
    report = import_claims(
        read_rows(simple_csv(row(event=LONG_TITLE, attributed_actor=long_name)), "claims.csv")
    )

    assert report.written
    assert Event.objects.get().slug == "drone-and-missile-attack-on-the-abqaiq-processing"
    assert Actor.objects.get().slug == "islamic-resistance-in-iraq-and-the-levant-brigades"
