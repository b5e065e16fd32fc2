"""Share of the admin's strings that show in Vietnamese: our locale/ catalogues layered over Wagtail's.

    .venv/bin/python bench/translation_coverage.py

Source strings are the English catalogues Wagtail and wagtail-localize ship (every msgid they can show);
a string counts as translated when our catalogue or theirs has a non-empty Vietnamese msgstr for it.
Our own strings are written in Vietnamese in the code, so they need no vi catalogue.
"""

import glob
import importlib.util
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("wagtail", "wagtail_localize", "taggit")


def keys(po):
    return {(e.msgctxt, e.msgid) for e in po.translated_entries() if not e.obsolete}


def package_dir(name):
    return Path(importlib.util.find_spec(name).origin).parent


for domain in ("django", "djangojs"):
    ours = keys(polib.pofile(ROOT / "locale" / "vi" / "LC_MESSAGES" / f"{domain}.po"))
    for package in PACKAGES:
        sources = glob.glob(f"{package_dir(package)}/**/locale/en/LC_MESSAGES/{domain}.po", recursive=True)
        wanted, shown = set(), set()
        for source in sources:
            entries = {(e.msgctxt, e.msgid) for e in polib.pofile(source) if e.msgid and not e.obsolete}
            upstream_vi = Path(source.replace("/en/", "/vi/"))
            theirs = keys(polib.pofile(upstream_vi)) if upstream_vi.exists() else set()
            wanted |= entries
            shown |= entries & (ours | theirs)
        share = 100 * len(shown) / len(wanted) if wanted else 100
        print(f"{package:17} {domain:9} {len(shown):5}/{len(wanted):5} translated  {share:6.2f}%")
