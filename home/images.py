"""The image form of the admin (WAGTAILIMAGES_IMAGE_FORM_BASE): every image says what it shows, in Vietnamese.

Wagtail 8 images have a `description` that templates and the API use as the image's alt text (`default_alt_text`).
It is optional in Wagtail; here an upload or an edit without it is refused, with a message a ward clerk understands.
Wagtail's multiple upload handles a required field itself: the file is kept aside and the clerk is asked for the
description before the image is created.
"""

from django.utils.translation import gettext_lazy as _

from wagtail.images.forms import BaseImageForm

DESCRIPTION_LABEL = _("Mô tả ảnh cho người khiếm thị (alt)")
DESCRIPTION_HELP = _(
    "Một câu nói ảnh cho thấy gì, ví dụ: “Chủ tịch UBND phường trao quà cho hộ nghèo tổ dân phố 5”. "
    "Máy đọc màn hình đọc câu này thay cho ảnh."
)
DESCRIPTION_REQUIRED = _("Hãy mô tả ảnh cho người khiếm thị: ảnh cho thấy gì (bắt buộc).")


class PortalImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        description = self.fields.get("description")
        if description is not None:
            description.required = True
            description.label = DESCRIPTION_LABEL
            description.help_text = DESCRIPTION_HELP
            description.error_messages["required"] = DESCRIPTION_REQUIRED
