"""RSS 2.0 and Atom feeds of one site or one of its sections (Circular 39/2017: RSS 2.0, Atom recommended, UTF-8).

The site is the one Wagtail picks from the Host header, so each of the 142 sites feeds only its own pages.
"""

from typing import NamedTuple

from django.contrib.syndication.views import Feed
from django.db.models import prefetch_related_objects
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

from wagtail.models import Site

from sites.resolve import public_site

from . import shared
from .models import ArticlePage, LegalDocumentPage, SectionPage
from .models.listing import latest_content
from .windows import window

DUBLIN_CORE = "http://purl.org/dc/elements/1.1/"
MAX_ITEMS = 50


class SourceAgencyMixin:
    """Cites an article's source agency (Quy chế Art. 15.2.a) as dc:source: RSS <source> needs a feed URL."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item["source_agency"]:
            handler.addQuickElement("dc:source", item["source_agency"], {"xmlns:dc": DUBLIN_CORE})


class Rss201rev2WithSource(SourceAgencyMixin, Rss201rev2Feed):
    pass


class Atom1WithSource(SourceAgencyMixin, Atom1Feed):
    pass


class Channel(NamedTuple):
    site: Site
    section: SectionPage | None  # None for the whole site's feed


class LatestContentRssFeed(Feed):
    feed_type = Rss201rev2WithSource
    language = "vi"

    def get_object(self, request, section_path=""):
        # Unknown hosts get Wagtail's default site, the city, as its pages do.
        site = public_site(request)
        if site is None:
            raise Http404
        if not section_path:
            return Channel(site, None)
        sections = SectionPage.objects.live().public()
        return Channel(site, get_object_or_404(sections, url_path=site.root_page.url_path + section_path))

    def title(self, channel):
        if channel.section:
            return f"{channel.section.title} – {channel.site.site_name}"
        return channel.site.site_name

    def description(self, channel):
        return f"Thông tin mới đăng trên {self.title(channel)}"

    def link(self, channel):
        return (channel.section or channel.site.root_page).full_url

    def author_name(self, channel):
        # Atom requires an author for every entry; the site speaks for those without one.
        return channel.site.site_name

    def items(self, channel):
        # A section's feed lists what its page lists, its own pages; the site's feed, every page of the site.
        parent = channel.section or channel.site.root_page
        children_only = channel.section is not None
        content, arms = latest_content(parent, children_only)
        pages = window(content.defer_streamfields(), 0, MAX_ITEMS, arms)
        shared.mark(pages, parent, children_only)
        # Two queries for every article's category and tags together, rather than two per article.
        prefetch_related_objects([page for page in pages if isinstance(page, ArticlePage)], "category", "tags")
        return pages

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.abstract if isinstance(item, LegalDocumentPage) else item.summary

    def item_link(self, item):
        # Without a request Wagtail reads its cached site root paths: no query per item. Django's guid is the link.
        # A syndicated copy links to its address on this site; its page names the source's URL as canonical.
        copy = getattr(item, "syndicated_copy", None)
        return copy.url if copy else item.full_url

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_author_name(self, item):
        return item.author if isinstance(item, ArticlePage) else None

    def item_categories(self, item):
        if not isinstance(item, ArticlePage):
            return ()
        names = [tag.name for tag in item.tags.all()]
        return [item.category.name, *names] if item.category else names

    def item_extra_kwargs(self, item):
        return {"source_agency": item.source_agency if isinstance(item, ArticlePage) else None}


class LatestContentAtomFeed(LatestContentRssFeed):
    feed_type = Atom1WithSource
    subtitle = LatestContentRssFeed.description
