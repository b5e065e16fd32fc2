"""What home tells the layers above it (citizen search, the API cache), which it must not import."""

from django.dispatch import Signal

# Sent by an import once a batch of pages is written, inside its transaction, instead of Wagtail's page_published
# for each page (home/bulk_create.py). `pages`: the specific pages, live or drafts, with their tree paths.
pages_imported = Signal()
