"""Wagtail search backends (the admin's search, and `Page.search()`) set up for Vietnamese; see docs/search.md."""
