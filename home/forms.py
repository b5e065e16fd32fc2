"""The admin form of every portal page: it refuses an image, document, snippet or page the editor's unit may not use.

Wagtail's choosers only offer what the user may see, but a crafted POST can carry any id: a hero image, an image,
document or contact card block inside the body, a ForeignKey to an official or a contact card, a legal document's
attached files. Published, another unit's object would appear on this site. The rule itself is
`sites.admin_scope.refusal` (own unit's objects and the city's shared ones; other sites' live public pages).
"""

from django.db import models

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.blocks.list_block import ListValue
from wagtail.blocks.stream_block import StreamValue
from wagtail.blocks.struct_block import StructValue

from sites.admin_scope import refusal


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


class PortalPageForm(WagtailAdminPageForm):
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
