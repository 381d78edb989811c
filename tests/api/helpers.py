"""Reading the API as an anonymous client, through the path before DRF's dispatch
(claims/api/fast_reads.py) or through DRF's alone, and comparing what comes back."""

from contextlib import contextmanager
from unittest import mock

from rest_framework.test import APIClient
from rest_framework.views import APIView

from claims.api.fast_reads import CachedReads


def through_drf_only():
    """DRF's dispatch answers every request: the path before it steps aside."""
    return mock.patch.object(CachedReads, "answer", return_value=None)


@contextmanager
def drf_dispatches():
    """The paths of the requests that reached DRF's dispatch inside the block."""
    reached = []
    dispatch = APIView.dispatch

    def counted(view, request, *args, **kwargs):
        reached.append(request.path)
        return dispatch(view, request, *args, **kwargs)

    with mock.patch.object(APIView, "dispatch", counted):
        yield reached


def seen(response) -> tuple:
    """Everything a client receives: status, headers in order, body. (django-csp writes
    the policy's directives in no fixed order, from one response to the next.)"""
    headers = [
        (name, "; ".join(sorted(value.split("; "))) if name == "Content-Security-Policy" else value)
        for name, value in response.items()
    ]
    return response.status_code, headers, response.content


def get(url: str, headers: dict, method: str = "get"):
    # A new client each time: no cookie carried from one answer to the next request.
    client = APIClient()
    client.raise_request_exception = False
    return getattr(client, method)(url, **headers)
