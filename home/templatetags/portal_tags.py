import datetime
import json

from django import template
from django.utils import timezone
from django.utils.safestring import mark_safe

from wagtail.models import Page

from home.models import SiteIdentity
from sites import resolve
from sites.resolve import public_site

register = template.Library()

WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")
LANGUAGE_NAMES = {"vi": "Tiếng Việt", "en": "English"}


@register.simple_tag(takes_context=True)
def site_identity(context):
    """The current site's identity (home.SiteIdentity), read once per request and never written by a citizen."""
    request = context.get("request")
    if request is None:
        return SiteIdentity()
    if not hasattr(request, "_portal_identity"):
        request._portal_identity = SiteIdentity.for_public_site(public_site(request))
    return request._portal_identity


@register.simple_tag
def today_vi():
    """(ISO date, 'Chủ nhật, 06/12/2026'): today in Hà Nội, with the Vietnamese weekday."""
    today = timezone.localdate()
    return today.isoformat(), f"{WEEKDAYS[today.weekday()]}, {today:%d/%m/%Y}"


@register.simple_tag(takes_context=True)
def language_versions(context, homes):
    """[(language code, its name, URL, is current)] of this page in each language it exists in, the site's home page
    (`homes`: [(language code, URL)]) standing in for a language the page has no translation in. Empty on a site with
    one language (every site but the city)."""
    if len(homes) < 2:
        return []
    page = context.get("page")
    urls = dict(homes)
    current = "vi"
    if isinstance(page, Page):
        current = page.locale.language_code
        for other in Page.objects.filter(translation_key=page.translation_key).live().select_related("locale"):
            urls[other.locale.language_code] = other.get_url(context.get("request"))
    order = sorted(urls, key=lambda code: (code != "vi", code))
    return [(code, LANGUAGE_NAMES.get(code, code), urls[code], code == current) for code in order]


@register.simple_tag(takes_context=True)
def city_root_url(context):
    """The city portal's address (the default site), for the component sites' link back to it; once a request."""
    request = context.get("request")
    if request is not None and hasattr(request, "_portal_city_url"):
        return request._portal_city_url
    url = resolve.city_root_url()
    if request is not None:
        request._portal_city_url = url
    return url


@register.simple_tag(takes_context=True)
def is_site_root(context):
    """True on the site's own home page (its tab title is the site's name alone)."""
    page = context.get("page")
    return isinstance(page, Page) and page.depth == 2


def _absolute(request, url):
    return url if not url or url.startswith(("http://", "https://")) else request.build_absolute_uri(url)


def _organisation(identity, site):
    data = {"@type": "GovernmentOrganization", "name": identity.full_name or site.site_name, "url": site.root_url}
    if identity.short_name:
        data["alternateName"] = identity.short_name
    if identity.address:
        data["address"] = {"@type": "PostalAddress", "streetAddress": identity.address, "addressCountry": "VN"}
    for key, value in (("telephone", identity.phone), ("email", identity.email)):
        if value:
            data[key] = value
    same_as = [url for _label, url in identity.social_links]
    if same_as:
        data["sameAs"] = same_as
    return data


def _day(moment):
    """The Hà Nội calendar day of a date or a moment, ISO; empty for none."""
    if moment is None:
        return ""
    return (timezone.localtime(moment).date() if isinstance(moment, datetime.datetime) else moment).isoformat()


LEGAL_FORCE = {"in_force": "InForce", "not_yet": "NotInForce", "expired": "NotInForce", "replaced": "NotInForce"}


@register.simple_tag(takes_context=True)
def page_metadata(context):
    """What harvesters and sharing read: Dublin Core (Circular 39/2017), Open Graph, and schema.org JSON-LD
    (GovernmentOrganization on every page, NewsArticle for an article, Legislation for a legal document)."""
    request = context.get("request")
    page = context.get("page")
    site = public_site(request) if request else None
    if site is None:
        return None
    identity = site_identity(context)
    organisation = _organisation(identity, site)
    is_page = isinstance(page, Page)
    title = (page.seo_title or page.title) if is_page else ""
    description = getattr(page, "search_description", "") or getattr(page, "summary", "") or ""
    if not description and is_page:
        description = getattr(page, "abstract", "") or ""
    url = page.full_url if is_page else ""
    language = page.locale.language_code if is_page else "vi"
    published = getattr(page, "published_at", None) or getattr(page, "issue_date", None)
    if published is None and is_page:
        published = page.first_published_at
    image = None
    hero = getattr(page, "hero_image", None)
    if hero is not None:
        rendition = hero.get_rendition("fill-1200x630|format-jpeg")
        image = {"url": _absolute(request, rendition.url), "width": rendition.width, "height": rendition.height}
    graph = [organisation]
    if is_page and page.specific_class.__name__ == "ArticlePage":
        article = {
            "@type": "NewsArticle",
            "headline": title[:110],
            "url": url,
            "mainEntityOfPage": url,
            "inLanguage": language,
            "author": {"@type": "Person", "name": page.author},
            "sourceOrganization": {"@type": "Organization", "name": page.source_agency},
            "publisher": organisation,
        }
        if published:
            article["datePublished"] = published.isoformat()
        if page.last_published_at:
            article["dateModified"] = page.last_published_at.isoformat()
        if image:
            article["image"] = [image["url"]]
        if description:
            article["description"] = description
        graph.append(article)
    elif is_page and page.specific_class.__name__ == "LegalDocumentPage":
        graph.append(
            {
                "@type": "Legislation",
                "name": title,
                "url": url,
                "legislationIdentifier": page.number,
                "legislationType": page.get_document_type_display(),
                "legislationDate": page.issue_date.isoformat(),
                "legislationPassedBy": {"@type": "GovernmentOrganization", "name": page.issuing_body},
                "legislationLegalForce": LEGAL_FORCE.get(page.status, "InForce"),
                "inLanguage": language,
                "abstract": page.abstract,
                **({"legislationDateVersion": page.effective_date.isoformat()} if page.effective_date else {}),
            }
        )
    json_ld = json.dumps({"@context": "https://schema.org", "@graph": graph}, ensure_ascii=False)
    # As Django's json_script does: nothing in the data can close the script element.
    json_ld = json_ld.translate({ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"})
    return {
        "title": title,
        "description": description,
        "url": url,
        "language": language,
        "og_locale": "en_US" if language == "en" else "vi_VN",
        "og_type": "article" if published and is_page and page.specific_class.__name__ == "ArticlePage" else "website",
        "site_name": site.site_name,
        "publisher": identity.full_name or site.site_name,
        "creator": getattr(page, "source_agency", "") or getattr(page, "issuing_body", "") or identity.full_name,
        "date": _day(published),
        "image": image,
        "json_ld": mark_safe(json_ld),  # noqa: S308 - json.dumps output, with <, > and & escaped above
    }
