"""Readers of what the pages send: their scripts, their text and their headers."""

import re
from html.parser import HTMLParser


def reader_urls(world) -> dict[str, str]:
    """Every kind of public page, by name."""
    return {
        "home": "/",
        "events list": "/events/",
        "event": f"/events/{world['event'].slug}/",
        "actor": f"/actors/{world['actor'].slug}/",
        "person": f"/people/{world['person'].slug}/",
        "source": f"/sources/{world['source'].pk}/",
        "search": "/search/?q=hezbollah",
    }


# Elements the HTML parser must not keep open: they have no end tag.
VOID_ELEMENTS = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}
# Script types a browser never runs: data blocks.
DATA_BLOCK_TYPES = {"application/ld+json", "application/json"}


class PageReader(HTMLParser):
    """Collects what matters for script injection and bidi isolation:

    - `scripts`: (attributes, text) of every <script> element;
    - `handlers`: (tag, attribute) for every inline event handler (onclick=…);
    - `tags`: (tag, attributes) of every start tag;
    - `texts`: (text, open elements from the root) for every text node.
    """

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict]] = []
        self.scripts: list[tuple[dict, str]] = []
        self.handlers: list[tuple[str, str]] = []
        self.tags: list[tuple[str, dict]] = []
        self.texts: list[tuple[str, tuple[tuple[str, dict], ...]]] = []

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        self.tags.append((tag, attributes))
        self.handlers += [(tag, name) for name in attributes if name.startswith("on")]
        if tag == "script":
            self.scripts.append((attributes, ""))
        if tag not in VOID_ELEMENTS:
            self.stack.append((tag, attributes))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID_ELEMENTS:
            self.stack.pop()

    def handle_endtag(self, tag):
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth][0] == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        if self.stack and self.stack[-1][0] == "script":
            attributes, text = self.scripts[-1]
            self.scripts[-1] = (attributes, text + data)
        self.texts.append((data, tuple(self.stack)))


def read_page(html: str) -> PageReader:
    reader = PageReader()
    reader.feed(html)
    reader.close()
    return reader


def inline_scripts(html: str) -> list[str]:
    """Every <script> without src that a browser would run (data blocks excepted)."""
    found = []
    for attributes, text in read_page(html).scripts:
        kind = attributes.get("type", "").strip().lower()
        if "src" not in attributes and kind not in DATA_BLOCK_TYPES:
            found.append(text[:120] or "<script> (empty)")
    return found


def csp_directives(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0].lower()] = words[1:]
    return directives


JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)
