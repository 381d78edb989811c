"""Fetching a URL for capture, without letting an editor reach the server's own network.

http and https only; a timeout (CAPTURE_TIMEOUT_SECONDS, 10 s) for the whole answer and
a size cap (CAPTURE_MAX_BYTES, 5 MB); redirects followed (at most five). Every address a
host name resolves to is checked, and so is every redirect's: private, loopback,
link-local, multicast, reserved and unspecified addresses are refused unless
CAPTURE_ALLOW_PRIVATE_ADDRESSES is on (the tests serve pages from 127.0.0.1). The
connection goes to the address that was checked, not to a second lookup of the name.
"""

import http.client
import ipaddress
import socket
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

from claims.capture.extract import CaptureError

MAX_REDIRECTS = 5
CHUNK = 64 * 1024


class FetchError(CaptureError):
    pass


@dataclass(frozen=True)
class Fetched:
    data: bytes
    content_type: str
    url: str  # after redirects


def is_public(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    return not (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
    )


def _resolve(host: str, port: int) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise FetchError(
            _(
                "The URL could not be fetched (its host could not be found). Paste the text or "
                "upload the file instead."
            )
        ) from error
    return list(dict.fromkeys(info[4][0] for info in infos))


class _PinnedHTTP(http.client.HTTPConnection):
    def __init__(self, host, port, address, timeout):
        super().__init__(host, port, timeout=timeout)
        self.address = address

    def connect(self):
        self.sock = socket.create_connection((self.address, self.port), self.timeout)


class _PinnedHTTPS(http.client.HTTPSConnection):
    def __init__(self, host, port, address, timeout):
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self.address = address

    def connect(self):
        sock = socket.create_connection((self.address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def checked_address(
    url: str, allowed: Callable[[ipaddress.IPv4Address | ipaddress.IPv6Address], bool]
) -> tuple[object, int, str]:
    """The URL's parts, port and the address to connect to, once every address its host
    resolves to is allowed; FetchError otherwise."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(_("Only http:// and https:// addresses can be fetched."))
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as error:
        raise FetchError(_("The port number in this address is impossible.")) from error
    addresses = _resolve(parts.hostname, port)
    for address in addresses:
        if not allowed(ipaddress.ip_address(address.split("%")[0])):
            raise FetchError(
                _("%(host)s is a private or local address; it is not fetched.")
                % {"host": parts.hostname}
            )
    return parts, port, addresses[0]


def pinned_connection(parts, port: int, address: str, timeout: float):
    """A connection to `address` (the one checked), speaking to the URL's host."""
    connection_class = _PinnedHTTPS if parts.scheme == "https" else _PinnedHTTP
    return connection_class(parts.hostname, port, address, timeout)


def fetch(
    url: str,
    *,
    allowed: Callable[[ipaddress.IPv4Address | ipaddress.IPv6Address], bool] | None = None,
    timeout: float | None = None,
    max_bytes: int | None = None,
) -> Fetched:
    """The document at `url`; FetchError says why it could not be had."""
    if allowed is None:
        allowed = (lambda address: True) if settings.CAPTURE_ALLOW_PRIVATE_ADDRESSES else is_public
    timeout = settings.CAPTURE_TIMEOUT_SECONDS if timeout is None else timeout
    max_bytes = settings.CAPTURE_MAX_BYTES if max_bytes is None else max_bytes
    deadline = time.monotonic() + timeout
    for _redirect in range(MAX_REDIRECTS + 1):
        parts, port, address = checked_address(url, allowed)
        remaining = max(0.05, deadline - time.monotonic())
        connection = pinned_connection(parts, port, address, remaining)
        path = parts.path or "/"
        if parts.query:
            path = f"{path}?{parts.query}"
        try:
            connection.request(
                "GET", path, headers={"User-Agent": "attribution-tracker capture", "Accept": "*/*"}
            )
            response = connection.getresponse()
            if response.status in (301, 302, 303, 307, 308) and response.getheader("Location"):
                url = urljoin(url, response.getheader("Location"))
                connection.close()
                continue
            if response.status >= 400:
                raise FetchError(
                    _("The server answered %(status)s for this URL.") % {"status": response.status}
                )
            length = response.getheader("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise FetchError(_too_large(max_bytes))
            chunks, size = [], 0
            while True:
                if time.monotonic() > deadline:
                    raise FetchError(_too_slow(timeout))
                chunk = response.read(CHUNK)
                if not chunk:
                    break
                size += len(chunk)
                if size > max_bytes:
                    raise FetchError(_too_large(max_bytes))
                chunks.append(chunk)
            return Fetched(b"".join(chunks), response.getheader("Content-Type") or "", url)
        except TimeoutError as error:
            raise FetchError(_too_slow(timeout)) from error
        except (OSError, http.client.HTTPException) as error:
            raise FetchError(
                _(
                    "The URL could not be fetched (%(reason)s). Paste the text or upload the "
                    "file instead."
                )
                % {"reason": error.__class__.__name__}
            ) from error
        finally:
            connection.close()
    raise FetchError(_("The URL redirects more than %(count)s times.") % {"count": MAX_REDIRECTS})


def _too_large(max_bytes: int) -> str:
    return _("The document is larger than %(size)s MB; it is not fetched.") % {
        "size": f"{max_bytes / 1_000_000:g}"
    }


def _too_slow(timeout: float) -> str:
    return _("The server did not send the document within %(seconds)s seconds.") % {
        "seconds": f"{timeout:g}"
    }
