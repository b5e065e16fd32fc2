"""Pages of other sites that a site shows as its own: the seam between content and syndication.

Content does not know how pages come to be shared between sites. The syndication app, a layer above, registers
its reader at start-up (syndication/apps.py); until one is registered, a site shows only its own pages. A reader
answers three questions, each for a home page (all its sections) or a section (`children_only`):
- `source_ids(parent, children_only)`: a flat queryset of the ids of the pages shown there;
- `mark(pages, parent, children_only)`: sets `page.syndicated_copy` on the listed pages that are copies;
- `at(section, slug)`: the copy answering at `<section>/<slug>/`, with `.source` the page it shows, or None.
"""

from wagtail.models import Page


class NothingShared:
    def source_ids(self, parent, children_only=False):
        return Page.objects.none().values_list("pk", flat=True)

    def mark(self, pages, parent, children_only=False):
        return pages

    def at(self, section, slug):
        return None


reader = NothingShared()


def register(new_reader):
    global reader
    reader = new_reader


def source_ids(parent, children_only=False):
    return reader.source_ids(parent, children_only)


def mark(pages, parent, children_only=False):
    return reader.mark(pages, parent, children_only)


def at(section, slug):
    return reader.at(section, slug)
