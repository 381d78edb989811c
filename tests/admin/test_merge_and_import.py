"""One name per actor: merging duplicates (and undoing it), reusing sources (importing
files: tests/admin/test_import_jobs.py)."""

import pytest
from django.urls import reverse

from claims import services
from claims.models import Actor, Affiliation, Merge, Person, Source
from tests.factories import make_actor, make_claim, make_person, make_source

pytestmark = pytest.mark.django_db


def test_merging_moves_every_claim_alias_affiliation_and_sub_unit_and_can_be_undone(bob):
    kept = make_actor("Kata'ib Hezbollah")
    duplicate = make_actor("Kataeb Hezbollah")
    duplicate.aliases.create(name="KH")
    brigade = make_actor("Brigade 45", parent=duplicate)
    about = make_claim(attributed_actor=duplicate)
    made = make_claim(claimant_actor=duplicate, stance="denies", attributed_actor=kept)
    post = Affiliation.objects.create(person=make_person(), actor=duplicate, title="Spokesman")

    duplicate_pk = duplicate.pk

    record = services.merge(kept, duplicate, by=bob)

    assert not Actor.objects.filter(pk=duplicate_pk).exists()
    for obj, field in ((about, "attributed_actor"), (made, "claimant_actor"), (post, "actor")):
        obj.refresh_from_db()
        assert getattr(obj, field) == kept
    brigade.refresh_from_db()
    assert brigade.parent == kept
    assert {"Kataeb Hezbollah", "KH"} <= set(kept.aliases.values_list("name", flat=True))
    about.refresh_from_db()
    assert about.history.first().history_change_reason.startswith("Merged")

    restored = services.undo_merge(record, by=bob)

    assert restored.pk == duplicate_pk and restored.name == "Kataeb Hezbollah"
    about.refresh_from_db()
    brigade.refresh_from_db()
    assert about.attributed_actor_id == duplicate_pk and brigade.parent_id == duplicate_pk
    assert set(restored.aliases.values_list("name", flat=True)) == {"Kataeb Hezbollah", "KH"}
    assert set(kept.aliases.values_list("name", flat=True)) == {"Kata'ib Hezbollah"}
    record.refresh_from_db()
    assert record.undone_by == bob


def test_it_refuses_to_merge_a_body_into_its_own_sub_unit():
    pmf = make_actor("Popular Mobilization Forces")
    kh = make_actor("Kata'ib Hezbollah", parent=pmf)

    with pytest.raises(ValueError, match="sub-unit"):
        services.merge(kh, pmf)


def test_a_reviewer_merges_people_from_the_admin_list(client, bob):
    kept = make_person("Qassem Soleimani")
    duplicate = make_person("Qasem Suleimani")
    duplicate_pk = duplicate.pk
    said = make_claim(claimant_person=duplicate)
    client.force_login(bob)
    url = reverse("admin:claims_person_changelist")

    confirm = client.post(url, {"action": "merge", "_selected_action": [kept.pk, duplicate.pk]})
    done = client.post(
        url,
        {
            "action": "merge",
            "confirm": "yes",
            "survivor": kept.pk,
            "_selected_action": [kept.pk, duplicate.pk],
        },
    )

    assert "Choose the person to keep" in confirm.content.decode()
    assert done.status_code == 302
    said.refresh_from_db()
    assert said.claimant_person == kept
    assert Merge.objects.get().loser_name == "Qasem Suleimani"
    assert not Person.objects.filter(pk=duplicate_pk).exists()


def test_an_editor_cannot_merge(client, alice):
    one, other = make_actor(), make_actor()
    client.force_login(alice)

    client.post(
        reverse("admin:claims_actor_changelist"),
        {
            "action": "merge",
            "confirm": "yes",
            "survivor": one.pk,
            "_selected_action": [one.pk, other.pk],
        },
    )

    assert Actor.objects.filter(pk=other.pk).exists()


def test_a_new_actor_close_to_a_known_one_is_flagged_as_a_probable_duplicate(client, alice):
    make_actor("Kata'ib Hezbollah")
    client.force_login(alice)
    data = {
        "name": "Kataeb Hezbollah",
        "slug": "kataeb-hezbollah",
        "kind": "armed_group",
        "grammatical_number": "singular",
        "aliases-TOTAL_FORMS": "0",
        "aliases-INITIAL_FORMS": "0",
        "aliases-MIN_NUM_FORMS": "0",
        "aliases-MAX_NUM_FORMS": "1000",
    }

    response = client.post(reverse("admin:claims_actor_add"), data, follow=True)

    assert "Probable duplicate: “Kataeb Hezbollah” is probably Kata&#x27;ib Hezbollah" in (
        response.content.decode()
    )
    assert Actor.objects.count() == 2  # reported for an editor to decide, never merged silently


def test_adding_a_source_that_exists_sends_the_editor_to_it(client, alice):
    existing = make_source(url="https://www.example.org/report/")
    client.force_login(alice)

    response = client.post(
        reverse("admin:claims_source_add"),
        {
            "url": "http://example.org/report?utm_source=feed",
            "title": "Report",
            "kind": "news_report",
        },
    )

    assert response.status_code == 302
    assert response.url == reverse("admin:claims_source_change", args=[existing.pk])
    assert Source.objects.count() == 1
