"""Headless preview: signed, expiring tokens that let a site's external front end show an editor's draft.

The editor clicks "Xem trước trên giao diện riêng" in the page editor; the admin checks they may edit the page,
signs a token naming the page and its latest revision, and sends them to the site's front end:
`<front end>/xem-truoc?token=…&site=<hostname>`. The front end reads `GET /api/v2/preview/?token=…` on the same
site. A token is valid for PORTAL_PREVIEW_TOKEN_SECONDS and only on the page's own site.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.core import signing

SALT = "portal-api-preview"


class PreviewTokenError(Exception):
    def __init__(self, message, code):
        super().__init__(message)
        self.message = message
        self.code = code


def front_end_url(site):
    """The site's external front end: PORTAL_FRONTEND_URLS[hostname], else the built-in front end itself."""
    return settings.PORTAL_FRONTEND_URLS.get(site.hostname, site.root_url).rstrip("/")


def make_token(page):
    revision = page.get_latest_revision()
    return signing.dumps({"page": page.pk, "revision": revision.pk if revision else None}, salt=SALT)


def read_token(token):
    """(page id, revision id) from a token, or PreviewTokenError with a Vietnamese message."""
    try:
        data = signing.loads(token or "", salt=SALT, max_age=settings.PORTAL_PREVIEW_TOKEN_SECONDS)
    except signing.SignatureExpired as e:
        raise PreviewTokenError("Liên kết xem trước đã hết hạn, hãy mở lại từ trang quản trị.", "token_expired") from e
    except signing.BadSignature as e:
        raise PreviewTokenError("Liên kết xem trước không hợp lệ.", "token_invalid") from e
    return data["page"], data["revision"]


def preview_url(page, site):
    query = urlencode({"token": make_token(page), "site": site.hostname})
    return f"{front_end_url(site)}/xem-truoc?{query}"
