"""The admin form of every portal page: its slug checked as stored, and nothing chosen that its unit may not use.

The slug: see PortalPageForm.clean. The objects: Wagtail's choosers only offer what the user may see, but a crafted
POST can carry any id: a hero image, an image, document or contact card block inside the body, a ForeignKey to an
official or a contact card, a legal document's attached files. Published, another unit's object would appear on this
site. The rule itself is `sites.admin_scope.refusal` (own unit's objects and the city's shared ones; other sites'
live public pages).
"""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm
from wagtail.blocks.list_block import ListValue
from wagtail.blocks.stream_block import StreamValue
from wagtail.blocks.struct_block import StructValue

from sites.admin_scope import refusal
from sites.naming import free_slug, vietnamese_slug


def chosen_objects(value):
    """Every model instance inside a form value: a chosen object itself, or those held by StreamField blocks."""
    if isinstance(value, models.Model):
        yield value
    elif isinstance(value, StreamValue):
        for child in value:
            yield from chosen_objects(child.value)
    elif isinstance(value, (StructValue, dict)):
        for item in value.values():
            yield from chosen_objects(item)
    elif isinstance(value, (ListValue, list, tuple)):
        for item in value:
            yield from chosen_objects(getattr(item, "value", item))


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

    def is_valid(self):
        # After the page form and its inline formsets (legal document attachments) have all been cleaned.
        valid = super().is_valid()
        if self.for_user is None:
            return valid
        forms = [self, *(form for formset in self.formsets.values() for form in formset.forms)]
        refused = [form for form in forms if self._refuse_foreign(form, self.for_user)]
        return valid and not refused

    @staticmethod
    def _refuse_foreign(form, user):
        refused = False
        cleaned = getattr(form, "cleaned_data", None) or {}
        if cleaned.get("DELETE"):
            return False
        for name, value in list(cleaned.items()):
            if name in ("id", "page"):
                continue
            for instance in chosen_objects(value):
                reason = refusal(user, instance)
                if reason:
                    form.add_error(name if name in form.fields else None, reason)
                    refused = True
                    break
        return refused


class SiteIdentityForm(WagtailAdminModelForm):
    """A site's identity: its logo must be one the admin may use (own unit's or the city's), as on pages."""

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        reason = refusal(self.for_user, logo) if logo is not None and self.for_user is not None else None
        if reason:
            raise forms.ValidationError(reason)
        return logo
