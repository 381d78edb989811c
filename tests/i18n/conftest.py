import pytest
from django.conf import settings
from django.utils import translation


@pytest.fixture(autouse=True)
def back_to_the_default_language():
    """A request leaves its language active in the test's thread (the middleware activates
    it, nothing deactivates it): the tests that follow start in English again."""
    yield
    translation.activate(settings.LANGUAGE_CODE)
