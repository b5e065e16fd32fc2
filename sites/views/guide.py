"""The Vietnamese editor guide (docs/editor-guide.vi.md) inside the admin, where Wagtail's help menu points.

The guide uses a small part of Markdown (headings, paragraphs, lists, tables, bold, italic, code, and screenshots
written `![mô tả](editor-guide/ten-anh.png)`); this renders that part, escaping everything else, so no Markdown library
is needed. Screenshots come only from docs/editor-guide/ and are served by EditorGuideImageView; an image reference to
anything else stays plain text.
"""

import re
from functools import cache
from pathlib import Path

from django.http import FileResponse, Http404
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView, View

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "editor-guide.vi.md"
IMAGES = GUIDE.parent / "editor-guide"
IMAGE_NAME = re.compile(r"[a-z0-9-]+\.png")
IMAGE = re.compile(r"!\[([^\]]*)\]\(editor-guide/([^)\s]*)\)")
INLINE = (
    (re.compile(r"`([^`]+)`"), r"<code>\1</code>"),
    (re.compile(r"\*\*(.+?)\*\*"), r"<strong>\1</strong>"),
    (re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])"), r"<em>\1</em>"),
)


def guide_image(name):
    """The screenshot file for a name such as 'editor-dashboard.png', or None: no other names, no other folders."""
    if not IMAGE_NAME.fullmatch(name):
        return None
    path = IMAGES / name
    return path if path.is_file() else None


def _image(match):
    alt, name = match.groups()
    if guide_image(name) is None:
        return None
    src = reverse("portal_editor_guide_image", args=[name])
    return f'<img src="{escape(src)}" alt="{escape(alt)}" loading="lazy">'


def _text(text):
    html = escape(text)
    for pattern, replacement in INLINE:
        html = pattern.sub(replacement, html)
    return html


def _inline(text):
    """Inline markup; screenshots are cut out first, so bold or code markers never reach into an alt attribute."""
    html, start = [], 0
    for match in IMAGE.finditer(text):
        image = _image(match)
        if image is not None:
            html += [_text(text[start : match.start()]), image]
            start = match.end()
    return "".join([*html, _text(text[start:])])


def _table(lines):
    rows = [[cell.strip() for cell in line.strip().strip("|").split("|")] for line in lines]
    head, body = rows[0], [row for row in rows[1:] if not all(set(cell) <= set("-: ") for cell in row)]
    html = ["<table class='listing'><thead><tr>", *(f"<th>{_inline(cell)}</th>" for cell in head)]
    html.append("</tr></thead><tbody>")
    for row in body:
        html += ["<tr>", *(f"<td>{_inline(cell)}</td>" for cell in row), "</tr>"]
    return "".join([*html, "</tbody></table>"])


def _blocks(text):
    """Split into blocks at blank lines; a list item's indented continuation stays with its item."""
    block = []
    for line in text.splitlines():
        if line.strip():
            block.append(line)
        elif block:
            yield block
            block = []
    if block:
        yield block


def _list(lines, ordered):
    marker = re.compile(r"^(\d+\.|-)\s+")
    items = []
    for line in lines:
        if marker.match(line):
            items.append(marker.sub("", line))
        else:
            items[-1] += " " + line.strip()
    tag = "ol" if ordered else "ul"
    return f"<{tag}>" + "".join(f"<li>{_inline(item)}</li>" for item in items) + f"</{tag}>"


def render_guide(text):
    html = []
    for lines in _blocks(text):
        first = lines[0]
        heading = re.match(r"^(#{1,4})\s+(.*)$", first)
        if heading and len(lines) == 1:
            level = min(len(heading.group(1)) + 1, 5)  # the admin header is the page's h1
            html.append(f"<h{level}>{_inline(heading.group(2))}</h{level}>")
        elif first.startswith("|"):
            html.append(_table(lines))
        elif re.match(r"^\d+\.\s", first):
            html.append(_list(lines, ordered=True))
        elif first.startswith("- "):
            html.append(_list(lines, ordered=False))
        else:
            html.append(f"<p>{_inline(' '.join(line.strip() for line in lines))}</p>")
    return mark_safe("\n".join(html))  # noqa: S308 - every piece of text above went through escape()


@cache
def guide_html():
    text = GUIDE.read_text(encoding="utf-8")
    return render_guide(text.split("\n", 1)[1] if text.startswith("# ") else text)


class EditorGuideView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "sites/guide.html"
    page_title = _("Hướng dẫn biên tập viên")
    header_icon = "help"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        return super().get_context_data(guide=guide_html(), **kwargs)


class EditorGuideImageView(View):
    """One screenshot of the guide, by file name; anything that is not a file in docs/editor-guide/ is a 404."""

    def get(self, request, name):
        path = guide_image(name)
        if path is None:
            raise Http404
        response = FileResponse(path.open("rb"), content_type="image/png")
        response["Cache-Control"] = "private, max-age=3600"
        return response
