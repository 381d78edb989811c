"""`python manage.py suggest_claims FILE|URL [--json]`: the claims a document carries.

A file ending in .html/.htm or .pdf is read as such, any other as UTF-8 text; a URL is
fetched as the capture form fetches it. Prints one suggestion a paragraph, or with
--json the API's answer ({"suggestions": [...]}).
"""

import datetime
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from claims.capture.extract import CaptureError, capture_document, capture_text
from claims.capture.fetch import fetch
from claims.suggest import UnknownLanguage
from claims.suggestions import MAX_TEXT_CHARACTERS, suggestions_for_text


class Command(BaseCommand):
    help = "Print the claims a text, HTML or PDF file, or web page carries."

    def add_arguments(self, parser):
        parser.add_argument("document", help="a file, or an http(s) URL")
        parser.add_argument("--json", action="store_true", help="print the API's JSON answer")
        parser.add_argument("--language", default="en")
        parser.add_argument("--published-on", default=None, help="YYYY-MM-DD: the default date")

    def handle(self, *args, document: str, **options):
        try:
            capture = self._capture(document)
        except CaptureError as error:
            raise CommandError(str(error)) from error
        if len(capture.text) > MAX_TEXT_CHARACTERS:
            raise CommandError(
                _("The text is longer than %(limit)s characters.")
                % {"limit": f"{MAX_TEXT_CHARACTERS:,}"}
            )
        published_on = capture.published_on
        if options["published_on"]:
            try:
                published_on = datetime.date.fromisoformat(options["published_on"])
            except ValueError as error:
                raise CommandError(_("--published-on: a date of the form YYYY-MM-DD.")) from error
        try:
            suggestions = suggestions_for_text(
                capture.text, published_on=published_on, language=options["language"]
            )
        except UnknownLanguage as error:
            raise CommandError(
                _("--language: no cues for “%(code)s”.") % {"code": options["language"]}
            ) from error
        if options["json"]:
            answer = {"suggestions": [s.as_dict() for s in suggestions]}
            self.stdout.write(json.dumps(answer, ensure_ascii=False, indent=2))
            return
        for s in suggestions:
            claimant = s.claimant_person or s.claimant_actor or s.claimant_description
            actor = s.attributed_actor or (
                f"“{s.attributed_mention}” (new)" if s.attributed_mention else "—"
            )
            self.stdout.write(
                f"{s.stance} · {s.role} · {s.hedging} · {actor} · "
                f"{_('by')} {claimant or _('the source itself')} · {s.confidence:.2f}\n"
                f"  “{s.quote}”\n"
            )
        self.stdout.write(_("%(count)s suggestions.") % {"count": len(suggestions)})

    def _capture(self, document: str):
        if document.startswith(("http://", "https://")):
            fetched = fetch(document)
            return capture_document(
                fetched.data, content_type=fetched.content_type, url=fetched.url
            )
        path = Path(document)
        if not path.is_file():
            raise CommandError(_("No such file: %(path)s") % {"path": document})
        data = path.read_bytes()
        if path.suffix.lower() in (".html", ".htm", ".pdf"):
            return capture_document(data, filename=path.name)
        try:
            return capture_text(data.decode("utf-8"))
        except UnicodeDecodeError as error:
            raise CommandError(_("The file is not UTF-8 text.")) from error
