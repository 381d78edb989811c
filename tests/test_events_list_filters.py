"""The events list's filter form: choices say "any" in words, dates are date inputs."""

import datetime

import lxml.html
import pytest

from tests.factories import make_claim, make_event

pytestmark = pytest.mark.django_db


def filter_form(response):
    assert response.status_code == 200
    return lxml.html.fromstring(response.content).find_class("filters")[0]


@pytest.fixture
def form(client):
    make_claim(event=make_event("Abqaiq attack", country="SA"))
    return filter_form(client.get("/events/"))


@pytest.mark.parametrize(
    ("name", "words"), [("country", "Any country"), ("kind", "Any kind"), ("state", "Any state")]
)
def test_each_choice_says_any_in_words(form, name, words):
    (first, *others) = form.xpath(f"//select[@name='{name}']/option")

    assert first.get("value") == ""
    assert first.text_content() == words
    assert others
    assert "---" not in form.text_content()


@pytest.mark.parametrize("name", ["date_after", "date_before"])
def test_the_dates_are_date_inputs(form, name):
    (field,) = form.xpath(f"//input[@name='{name}']")

    assert field.get("type") == "date"


def test_a_chosen_date_is_shown_back_as_the_date_input_reads_it(client):
    make_claim(event=make_event("Abqaiq attack", date=datetime.date(2019, 9, 14)))
    make_claim(event=make_event("Older attack", date=datetime.date(2019, 8, 1)))

    response = client.get("/events/", {"date_after": "2019-09-01"})

    (field,) = filter_form(response).xpath("//input[@name='date_after']")
    assert field.get("value") == "2019-09-01"
    assert "Abqaiq attack" in response.content.decode()
    assert "Older attack" not in response.content.decode()
