"""For the capture and suggestion tests: a web server on 127.0.0.1 serving fixture pages
made from the reference articles, helpers that make those fixtures (HTML, PDF) from the
articles' own text, and a fresh gazetteer for every test. Imported by the conftests of
the folders that use them."""

import hashlib
import http.server
import threading
import time
from pathlib import Path

import pytest
from fpdf import FPDF

from claims import suggestions

ARTICLES = Path(__file__).resolve().parents[1] / "claims" / "demo" / "articles"
CROSSFIRE = (ARTICLES / "baghdad-caught-in-us-iran-crossfire.txt").read_text()


def article_html(text: str = CROSSFIRE, *, metadata: bool = True) -> bytes:
    title, *paragraphs = [line for line in text.split("\n") if line.strip()]
    head = f"<title>{title}</title>"
    if metadata:
        head += (
            '<meta name="author" content="Jane Roe">'
            '<meta property="og:site_name" content="Example Review">'
            '<meta property="article:published_time" content="2024-02-11T08:00:00Z">'
        )
    body = "".join(f"<p>{p}</p>" for p in paragraphs[:8])
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8">{head}</head><body>'
        f"<nav>Home | World</nav><article><h1>{title}</h1>{body}</article>"
        f"<footer>Subscribe to our newsletter</footer></body></html>"
    ).encode()


def article_pdf(text: str, *, title: str = "", author: str = "") -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    if title:
        pdf.set_title(title)
    if author:
        pdf.set_author(author)
    # The core fonts are Latin-1: typographic quotes and dashes as plain ones.
    plain = text.translate(
        str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "…": "..."})
    )
    pdf.multi_cell(0, 6, plain)
    return bytes(pdf.output())


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class _Handler(http.server.BaseHTTPRequestHandler):
    routes: dict = {}
    seen: list = []

    def log_message(self, *args):  # quiet
        pass

    def do_GET(self):
        type(self).seen.append(self.path)
        route = self.routes.get(self.path)
        if route is None:
            self.send_error(404)
            return
        route(self)


def _send(body: bytes, content_type: str, *, length: bool = True):
    def respond(handler):
        handler.send_response(200)
        handler.send_header("Content-Type", content_type)
        if length:
            handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    return respond


def _redirect(location: str):
    def respond(handler):
        handler.send_response(302)
        handler.send_header("Location", location)
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    return respond


def _slow(handler):
    time.sleep(1.5)
    _send(b"<html><body><p>late</p></body></html>", "text/html")(handler)


def _drip(handler):
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.end_headers()
    for _ in range(30):
        handler.wfile.write(b"<p>" + b"x" * 100 + b"</p>")
        handler.wfile.flush()
        time.sleep(0.1)


@pytest.fixture
def pages():
    """Serve fixture pages on 127.0.0.1 for the length of a test; `pages.url(path)`."""
    big = b"<html><body>" + b"<p>" + b"a" * 60_000 + b"</p></body></html>"
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    port = server.server_address[1]
    _Handler.seen = []
    _Handler.routes = {
        "/article.html": _send(article_html(), "text/html; charset=utf-8"),
        "/paper.pdf": _send(
            article_pdf(CROSSFIRE[:3000], title="Crossfire", author="Jane Roe"), "application/pdf"
        ),
        "/moved": _redirect("/article.html"),
        "/elsewhere": _redirect(f"http://127.0.0.2:{port}/article.html"),
        "/slow": _slow,
        "/drip": _drip,
        "/big": _send(big, "text/html"),
        "/big-unannounced": _send(big, "text/html", length=False),
        "/image.png": _send(b"\x89PNG\r\n\x1a\n" + b"0" * 100, "image/png"),
    }
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    class Pages:
        seen = _Handler.seen

        @staticmethod
        def url(path: str, host: str = "127.0.0.1") -> str:
            return f"http://{host}:{port}{path}"

    yield Pages
    server.shutdown()
    server.server_close()


@pytest.fixture
def local_fetching(settings):
    """The operator's setting that lets the tests fetch from their own 127.0.0.1 server."""
    settings.CAPTURE_ALLOW_PRIVATE_ADDRESSES = True
    return settings


@pytest.fixture(autouse=True)
def fresh_gazetteer():
    """Each test builds the gazetteer from its own database."""
    suggestions._built.clear()
    yield
    suggestions._built.clear()
