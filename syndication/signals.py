"""What syndication tells the rest of the portal, as Wagtail tells it about publishing.

Search and the API's caches subscribe; syndication does not know they exist. Both signals are sent with
`sender=Placement` and `placements`, a list of `Placement` rows, after the rows are saved.
"""

from django.dispatch import Signal

# Copies that are now shown on their target sites: just accepted, come due, back after their source returned, or
# shown anew because their source was republished.
copies_shown = Signal()

# Copies no longer shown: revoked, unlinked, or taken offline with their source.
copies_withdrawn = Signal()
