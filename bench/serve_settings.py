"""Settings for the server under load: the project's, plus a trivial view for comparison."""

from bench.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
