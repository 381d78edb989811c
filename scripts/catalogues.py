"""The translation catalogues (locale/<language>/LC_MESSAGES/django.po), without system gettext.

    python scripts/catalogues.py check     # list untranslated and fuzzy entries; fails if any
    python scripts/catalogues.py compile   # write each .mo from its .po (Babel)

The compiled .mo files are committed, so that a fresh machine with only Python and make
serves every language; tests/i18n/test_catalogues.py checks that they match the .po files.
"""

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
LANGUAGES = ("ar", "fa")


def po_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / "django.po"


def read(language: str) -> Catalog:
    with po_path(language).open("rb") as po:
        return read_po(po, locale=language)


def _untranslated(message) -> bool:
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    return not all(strings)


def problems(language: str) -> list[str]:
    """Every entry of the catalogue that is untranslated or fuzzy, one line each."""
    found = []
    for message in read(language):
        if not message.id:
            continue
        msgid = message.id[0] if isinstance(message.id, tuple) else message.id
        where = ", ".join(f"{path}" for path, _line in message.locations) or "?"
        if message.fuzzy:
            found.append(f"{language}: fuzzy: {msgid!r} ({where})")
        elif _untranslated(message):
            found.append(f"{language}: untranslated: {msgid!r} ({where})")
    return found


def compile_catalogue(language: str) -> None:
    catalog = read(language)
    with po_path(language).with_suffix(".mo").open("wb") as mo:
        write_mo(mo, catalog, use_fuzzy=False)


def main(command: str) -> int:
    if command == "compile":
        for language in LANGUAGES:
            compile_catalogue(language)
            print(f"Compiled {po_path(language).with_suffix('.mo')}")
        return 0
    if command == "check":
        found = [line for language in LANGUAGES for line in problems(language)]
        print("\n".join(found) or "Every entry of every catalogue is translated.")
        return 1 if found else 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else ""))
