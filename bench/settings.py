"""The project's settings, unchanged but for where collected static files go.

With DJANGO_DEBUG=0 the project serves hashed static files from a manifest made by
`collectstatic`; the benchmark collects them under bench/results/ rather than into
the developer's staticfiles/ folder.
"""

from tracker.settings import *  # noqa: F403
from tracker.settings import BASE_DIR

STATIC_ROOT = BASE_DIR / "bench" / "results" / "staticfiles"
