"""What home tells the layers above it (citizen search, the API cache), which it must not import."""

from django.dispatch import Signal

# Sent by an import once a batch of pages is written, inside its transaction, instead of Wagtail's page_published
# for each page (home/bulk_create.py). `pages`: the specific pages, live or drafts, with their tree paths.
pages_imported = Signal()

# Sent by an import as it builds a batch of pages from their lines, before any is placed in the tree or saved: a
# layer above may prepare what it will later need from their content alone (citizen search: their folded text).
# It may run in the import's helper process, whose connection is not its own: receivers must not use the database
# (home/importing.py: build_lines refuses it). `pages`: the unsaved specific pages.
pages_built = Signal()
