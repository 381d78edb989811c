from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction

from claims.models import Actor, ActorAlias, Person, PersonAlias
from tests.factories import make_actor, make_person


def validation_errors(instance) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as excinfo:
        instance.full_clean()
    return excinfo.value.message_dict


def assert_rejected(instance, field: str, fragment: str) -> None:
    errors = validation_errors(instance)
    assert field in errors, errors
    assert any(fragment in message for message in errors[field]), errors[field]


@dataclass(frozen=True)
class Owner:
    """What the alias rules need to know about one kind of owner of aliases."""

    make: Callable[..., models.Model]
    model: type[models.Model]
    alias_model: type[models.Model]
    field: str
    name: str
    variant: str  # another spelling of `name` that folds to the same key
    nickname: str  # a spelling that does not fold to `name`
    extra: dict

    def new(self, name: str) -> models.Model:
        return self.model(name=name, slug="new-entry", **self.extra)

    def alias(self, owner, name: str) -> models.Model:
        return self.alias_model(**{self.field: owner}, name=name)


OWNERS = {
    "actor": Owner(
        make=make_actor,
        model=Actor,
        alias_model=ActorAlias,
        field="actor",
        name="Kata’ib Hezbollah",
        variant="Kataib Hezbollah",
        nickname="Hezbollah Brigades",
        extra={"kind": Actor.Kind.ARMED_GROUP},
    ),
    "person": Owner(
        make=make_person,
        model=Person,
        alias_model=PersonAlias,
        field="person",
        name="Qassem Soleimani",
        variant="Qāssem Sole\u200bimani",
        nickname="Hajj Qassem",
        extra={},
    ),
}


@pytest.fixture(params=OWNERS.values(), ids=OWNERS.keys())
def owner(request) -> Owner:
    return request.param


def alias_names(entry) -> list[str]:
    return sorted(entry.aliases.values_list("name", flat=True))


# The name is an alias


def test_saving_an_entry_keeps_its_name_as_an_alias(db, owner):
    entry = owner.make(owner.name)
    assert alias_names(entry) == [owner.name]


def test_renaming_keeps_the_old_name_as_an_alias_and_adds_the_new_one(db):
    actor = make_actor("Kata’ib Hezbollah")
    actor.name = "Hezbollah Brigades"
    actor.save()
    assert alias_names(actor) == ["Hezbollah Brigades", "Kata’ib Hezbollah"]


def test_respelling_the_name_the_same_way_adds_no_alias(db):
    actor = make_actor("Kataib Hezbollah")
    actor.name = "Kata’ib Hezbollah"
    actor.save()
    assert alias_names(actor) == ["Kataib Hezbollah"]


def test_alias_names_lists_every_spelling_but_the_current_name(db):
    actor = make_actor("Kata’ib Hezbollah")
    actor.aliases.create(name="KH")
    actor.aliases.create(name="Hezbollah Brigades")
    assert Actor.objects.prefetch_related("aliases").get().alias_names == [
        "Hezbollah Brigades",
        "KH",
    ]


def test_after_a_rename_alias_names_lists_the_former_name(db):
    actor = make_actor("Kata’ib Hezbollah")
    actor.name = "Hezbollah Brigades"
    actor.save()
    assert actor.alias_names == ["Kata’ib Hezbollah"]


# One spelling names one entry


def test_an_alias_naming_another_entry_is_rejected_with_that_entrys_name(db, owner):
    existing = owner.make(owner.name)
    alias = owner.alias(owner.make(), owner.variant)
    assert_rejected(alias, "name", f"already names {existing} (as “{owner.name}”)")


def test_an_alias_repeating_one_of_the_same_entry_is_rejected_as_already_listed(db, owner):
    entry = owner.make(owner.name)
    assert_rejected(owner.alias(entry, owner.variant), "name", f"already listed as “{owner.name}”")


def test_a_new_spelling_is_accepted_as_an_alias(db, owner):
    entry = owner.make(owner.name)
    owner.alias(entry, owner.nickname).full_clean()


@pytest.mark.parametrize("name", ["’", " - ", "\u200b"])
def test_an_alias_without_a_letter_or_digit_is_rejected(db, owner, name):
    assert_rejected(owner.alias(owner.make(), name), "name", "at least one letter or digit")


def test_the_database_refuses_a_spelling_that_names_another_entry(db, owner):
    owner.make(owner.name)
    other = owner.make()
    with pytest.raises(IntegrityError), transaction.atomic():
        owner.alias_model.objects.create(**{owner.field: other}, name=owner.variant)


def test_the_database_refuses_the_same_spelling_twice_for_one_entry(db, owner):
    entry = owner.make(owner.name)
    with pytest.raises(IntegrityError), transaction.atomic():
        owner.alias_model.objects.create(**{owner.field: entry}, name=owner.variant)


def test_a_new_entry_named_like_another_entrys_alias_is_rejected(db, owner):
    existing = owner.make(owner.name)
    owner.alias(existing, owner.nickname).save()
    message = f"already names {existing} (as “{owner.nickname}”)"
    assert_rejected(owner.new(owner.nickname.upper()), "name", message)


def test_renaming_an_entry_to_another_entrys_spelling_is_rejected(db, owner):
    existing = owner.make(owner.name)
    entry = owner.make()
    entry.name = owner.variant
    assert_rejected(entry, "name", f"already names {existing}")


def test_an_entry_does_not_clash_with_its_own_aliases(db, owner):
    entry = owner.make(owner.name)
    entry.name = owner.variant
    entry.full_clean()


@pytest.mark.parametrize("name", ["’", "\u200b"])
def test_a_name_without_a_letter_or_digit_is_rejected(db, owner, name):
    assert_rejected(owner.new(name), "name", "at least one letter or digit")


def test_a_failed_save_leaves_no_entry_without_its_name_alias(transactional_db):
    # transactional_db: in autocommit mode, as in a management command or the shell,
    # so that a half-done save is visible afterwards.
    kataib = make_actor("Kata’ib Hezbollah")
    kataib.aliases.create(name="KH")
    with pytest.raises(IntegrityError):
        Actor.objects.create(name="KH", slug="kh", kind=Actor.Kind.ARMED_GROUP)
    assert not Actor.objects.filter(slug="kh").exists()


# Search


@pytest.fixture
def kataib(db) -> Actor:
    return make_actor("Kata’ib Hezbollah")


@pytest.mark.parametrize(
    "text", ["kata", "kataib", "Kata'ib", "KATAʼIB HEZ", "hezbollah", "ib hez", "Ｋａｔａ"]
)
def test_search_finds_an_actor_by_any_folded_part_of_its_name(kataib, text):
    make_actor("Asa’ib Ahl al-Haq")
    assert list(Actor.objects.search(text)) == [kataib]


def test_search_finds_an_actor_by_its_alias(kataib):
    assert list(Actor.objects.search("KH")) == []
    kataib.aliases.create(name="KH")
    assert list(Actor.objects.search("KH")) == [kataib]


def test_search_finds_an_actor_by_its_former_name(kataib):
    kataib.name = "Hezbollah Brigades"
    kataib.save()
    assert list(Actor.objects.search("kataib")) == [kataib]


def test_search_lists_an_actor_once_when_several_aliases_match(kataib):
    kataib.aliases.create(name="Kata’ib Hizbollah")
    kataib.aliases.create(name="Kataeb Hezbollah")
    assert list(Actor.objects.search("kata")) == [kataib]


@pytest.mark.parametrize("text", ["", "   ", "’", "-"])
def test_search_for_nothing_finds_nothing(kataib, text):
    assert list(Actor.objects.search(text)) == []


# The admin's alias inline


ADD_URL = "/admin/claims/actor/add/"


def actor_post(*, aliases=(), existing=(), name="Kata’ib Hezbollah", slug="kataib-hezbollah"):
    """The admin form's data: the actor, its existing alias rows (pk, name, delete) and new ones."""
    data = {
        "name": name,
        "slug": slug,
        "kind": Actor.Kind.ARMED_GROUP,
        "grammatical_number": "singular",
        "country": "",
        "parent": "",
        "wikidata_id": "",
        "description": "",
        "aliases-TOTAL_FORMS": str(len(existing) + len(aliases)),
        "aliases-INITIAL_FORMS": str(len(existing)),
        "aliases-MIN_NUM_FORMS": "0",
        "aliases-MAX_NUM_FORMS": "1000",
        "_save": "Save",
    }
    rows = [(pk, alias, delete) for pk, alias, delete in existing]
    rows += [("", alias, False) for alias in aliases]
    for index, (pk, alias, delete) in enumerate(rows):
        data[f"aliases-{index}-id"] = str(pk)
        data[f"aliases-{index}-actor"] = ""
        data[f"aliases-{index}-name"] = alias
        if delete:
            data[f"aliases-{index}-DELETE"] = "on"
    return data


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


def test_the_add_page_has_the_alias_inline_these_tests_post_to(admin_client):
    page = admin_client.get(ADD_URL).content.decode()
    for field in ["aliases-TOTAL_FORMS", "aliases-INITIAL_FORMS", "aliases-0-name"]:
        assert f'name="{field}"' in page


def test_the_admin_adds_an_actor_with_its_aliases(admin_client):
    response = admin_client.post(ADD_URL, actor_post(aliases=["KH", "Hezbollah Brigades"]))
    assert response.status_code == 302
    actor = Actor.objects.get(slug="kataib-hezbollah")
    assert alias_names(actor) == ["Hezbollah Brigades", "KH", "Kata’ib Hezbollah"]


def test_the_admin_redisplays_two_aliases_that_are_one_spelling(admin_client):
    data = actor_post(aliases=["Hezbollah Brigades", "HEZBOLLAH  BRIGADES"])
    response = admin_client.post(ADD_URL, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "“HEZBOLLAH  BRIGADES” is the same spelling as “Hezbollah Brigades” above." in page
    assert "Please correct the aliases below." in page
    assert not Actor.objects.exists()


@pytest.mark.parametrize("alias", ["Kata’ib Hezbollah", "KATAIB HEZBOLLAH"])
def test_the_admin_redisplays_an_alias_that_repeats_the_actors_name(admin_client, alias):
    response = admin_client.post(ADD_URL, actor_post(aliases=[alias]))
    assert response.status_code == 200
    assert "is the name itself; it is kept as an alias automatically." in response.content.decode()
    assert not Actor.objects.exists()


def test_the_admin_redisplays_an_alias_that_names_another_actor(admin_client):
    make_actor("Asa’ib Ahl al-Haq", slug="asaib-ahl-al-haq")
    response = admin_client.post(ADD_URL, actor_post(aliases=["Asaib Ahl al Haq"]))
    assert response.status_code == 200
    assert "already names Asa’ib Ahl al-Haq" in response.content.decode()
    assert list(Actor.objects.values_list("slug", flat=True)) == ["asaib-ahl-al-haq"]


def test_the_admin_refuses_to_delete_the_alias_that_is_the_current_name(admin_client):
    actor = make_actor("Kata’ib Hezbollah", slug="kataib-hezbollah")
    own = actor.aliases.get()
    data = actor_post(existing=[(own.pk, own.name, True)])
    response = admin_client.post(f"/admin/claims/actor/{actor.pk}/change/", data)
    assert response.status_code == 200
    assert "is the current name; rename first." in response.content.decode()
    assert alias_names(actor) == ["Kata’ib Hezbollah"]


def test_the_admin_deletes_a_former_name(admin_client):
    actor = make_actor("Kata’ib Hezbollah", slug="kataib-hezbollah")
    former = actor.aliases.create(name="Hezbollah Brigades")
    own = actor.aliases.get(name="Kata’ib Hezbollah")
    data = actor_post(existing=[(former.pk, former.name, True), (own.pk, own.name, False)])
    response = admin_client.post(f"/admin/claims/actor/{actor.pk}/change/", data)
    assert response.status_code == 302
    assert alias_names(actor) == ["Kata’ib Hezbollah"]


def test_an_arabic_name_is_found_under_its_persian_spelling(client, db):
    from tests.factories import make_actor

    actor = make_actor("كتائب حزب الله", slug="kataib-hezbollah-ar")
    persian = "کتائب حزب الله"  # Persian keheh for the Arabic kaf

    page = client.get("/search/", {"q": persian})
    api = client.get("/api/v1/actors/", {"q": persian})

    assert actor.get_absolute_url() in page.content.decode()
    assert [a["slug"] for a in api.json()["results"]] == [actor.slug]
