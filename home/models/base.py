"""What every page of the portal shares: NFC text, ASCII slugs, and the site's unit."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import Page

from sites.models import Unit
from sites.naming import free_slug, vietnamese_slug

from ..text import normalize_instance


def sibling_slugs(parent, page, base):
    """The slugs beside `page` under `parent` that start with `base` (all free_slug may try; `page` excluded)."""
    if parent is None:
        return set()
    siblings = parent.get_children().filter(slug__startswith=base)
    if page is not None and page.pk:
        siblings = siblings.not_page(page)
    return set(siblings.values_list("slug", flat=True))


class PortalPageForm(WagtailAdminPageForm):
    """The admin form of every page: the slug is checked as it will be stored, folded to ASCII.

    The admin proposes a Unicode slug from the title ("lịch-tiếp-dân") and Wagtail checks that one, while the page
    stores it folded ("lich-tiep-dan"): a second article of the same title passed the check and then failed on save
    with a server error. Here the folded slug is checked. A clash on a slug the admin derived from the title (the
    clerk never typed it) takes the next free one ("lich-tiep-dan-2"); a clash on a slug typed by hand is a
    Vietnamese message on the slug field: the clerk chose that address, so it is not silently changed.
    """

    def clean(self):
        slug = self.cleaned_data.get("slug")
        if slug:
            folded = vietnamese_slug(slug)
            taken = sibling_slugs(self.parent_page, self.instance, folded)
            title = self.cleaned_data.get("title") or ""
            if folded in taken and folded == vietnamese_slug(title):
                folded = free_slug(folded, taken)
            elif folded in taken:
                self.add_error(
                    "slug",
                    forms.ValidationError(
                        _(
                            "Đường dẫn “%(slug)s” đã được dùng cho một trang khác trong chuyên mục này. "
                            "Hãy chọn đường dẫn khác, ví dụ “%(free)s”."
                        ),
                        params={"slug": folded, "free": free_slug(folded, taken)},
                        code="slug_taken",
                    ),
                )
            if "slug" in self.cleaned_data:
                self.cleaned_data["slug"] = folded
        return super().clean()

    def get_field_updates_for_resave(self):
        # After an autosave, the still-open editor shows the slug that was stored ("...-2"), not the one it sent.
        updates = list(super().get_field_updates_for_resave())
        if self.instance.slug and self.data.get("slug") != self.instance.slug:
            updates.append(("slug", self.instance.slug))
        return updates


class PortalPage(Page):
    """Base of every page type: text stored as NFC, slugs folded to ASCII ("Đăng ký" -> "dang-ky")."""

    # True on the types citizens read as news-like items: site and section listings, feeds and syndication show them.
    listed = False
    # The field holding the date a citizen knows the page by (search results, facets); else its first publication.
    date_field = "first_published_at"

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
