"""What every page of the portal shares: NFC text, ASCII slugs, and the site's unit."""

from django.core.exceptions import ValidationError
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page

from sites.models import Unit
from sites.naming import free_slug, vietnamese_slug

from ..forms import PortalPageForm, sibling_slugs
from ..text import normalize_instance


class PortalPage(Page):
    """Base of every page type: text stored as NFC, slugs folded to ASCII ("Đăng ký" -> "dang-ky")."""

    # True on the types citizens read as news-like items: site and section listings, feeds and syndication show them.
    listed = False
    # The field holding the date a citizen knows the page by (search results, facets); else its first publication.
    date_field = "first_published_at"
    # Checks the slug as it will be stored, and refuses another unit's image, document or snippet (home/forms.py).
    base_form_class = PortalPageForm

    class Meta:
        abstract = True

    def _set_core_field_defaults(self):
        # Runs before validation and before every save, in the admin and in imports alike.
        normalize_instance(self)
        parent_is_known = bool(self.path or getattr(self, "_cached_parent_obj", None))
        if self.slug and not self.slug.isascii():
            # Whoever set this slug (the admin's Unicode proposal, an import, code calling save_revision) checked
            # it unfolded; folded it may be a sibling's, and that clash is ours: take the next free slug.
            self.slug = vietnamese_slug(self.slug)
            self._slug_was_folded = True
        elif not self.slug and self.title and parent_is_known:
            self.slug = vietnamese_slug(self.title)
            self._slug_was_folded = True
        if getattr(self, "_slug_was_folded", False) and parent_is_known:
            self.slug = free_slug(self.slug, sibling_slugs(self.get_parent(), self, self.slug))
            self._slug_was_folded = False
        super()._set_core_field_defaults()

    def _check_slug_is_unique(self):
        # An ASCII slug asked for explicitly (code, or a form without PortalPageForm) that a sibling holds.
        if self.slug in sibling_slugs(self.get_parent(), self, self.slug):
            raise ValidationError(
                {
                    "slug": _("Đường dẫn “%(slug)s” đã được dùng cho một trang khác trong chuyên mục này.")
                    % {"slug": self.slug}
                }
            )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Set when the page is shown on another site as a syndicated copy (home.models.SectionPage.route).
        context["syndicated_copy"] = kwargs.get("syndicated_copy")
        return context

    @cached_property
    def unit(self):
        """The unit whose site this page belongs to."""
        return Unit.for_page(self)
