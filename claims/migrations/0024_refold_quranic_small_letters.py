"""Recompute the stored folded spellings now that the Quranic small waw and small ya fold
away (claims/normalize.py, ARABIC_SCRIPT_FOLDS): aliases as 0016 does (never merging two
entries, reporting them instead), and the folded words of quotes as 0021 does."""

import importlib

from django.db import migrations

refold_aliases = importlib.import_module("claims.migrations.0016_refold_arabic_script_aliases")
fold_quotes = importlib.import_module("claims.migrations.0021_citation_quote_folded")


class Migration(migrations.Migration):
    dependencies = [("claims", "0023_desk")]

    operations = [
        migrations.RunPython(refold_aliases.refold, migrations.RunPython.noop),
        migrations.RunPython(fold_quotes.fold_stored_quotes, migrations.RunPython.noop),
    ]
