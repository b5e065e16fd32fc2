"""Blocks of an article body: what a state portal's news needs, accessible by construction."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link", "hr"]


class ImageWithCaptionBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Ảnh"))
    alt_text = blocks.CharBlock(
        label=_("Mô tả ảnh (alt)"),
        required=False,
        max_length=255,
        help_text=_("Mô tả nội dung ảnh cho người khiếm thị và máy đọc màn hình. Bắt buộc."),
    )
    caption = blocks.CharBlock(label=_("Chú thích"), required=False, max_length=500)

    def clean(self, value):
        value = super().clean(value)
        if not (value.get("alt_text") or "").strip():
            raise blocks.StructBlockValidationError(
                block_errors={
                    "alt_text": ValidationError(
                        _("Ảnh phải có mô tả (alt) để người khiếm thị đọc được; hãy mô tả ngắn nội dung ảnh.")
                    )
                }
            )
        return value

    class Meta:
        icon = "image"
        label = _("Ảnh")
        template = "home/blocks/image_with_caption.html"


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Tài liệu"))
    title = blocks.CharBlock(label=_("Tên hiển thị"), required=False)

    class Meta:
        icon = "doc-full"
        label = _("Tài liệu đính kèm")
        template = "home/blocks/document_link.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Trích dẫn"))
    attribution = blocks.CharBlock(label=_("Người phát biểu"), required=False)

    class Meta:
        icon = "openquote"
        label = _("Trích dẫn")
        template = "home/blocks/quote.html"


class BodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(label=_("Đoạn văn"), features=RICH_TEXT_FEATURES)
    image = ImageWithCaptionBlock()
    document = DocumentLinkBlock()
    table = TableBlock(label=_("Bảng"))
    quote = QuoteBlock()
    embed = EmbedBlock(label=_("Nội dung nhúng (video, bản đồ)"))
    contact = SnippetChooserBlock("home.ContactCard", label=_("Đầu mối liên hệ"), template="home/blocks/contact.html")

    class Meta:
        template = "home/blocks/body.html"
