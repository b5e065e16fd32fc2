"""/english, the address Quy chế Art. 5.2.a gives the city's English portal: a permanent redirect to /en/.

The English pages are a Wagtail translation tree served under Django's language prefix (/en/...), which is also
what every English page's URL in the API and the templates says; /english/<path> keeps its path and query.
"""

from urllib.parse import quote

from django.http import HttpResponsePermanentRedirect


def english_redirect(request, rest=None):
    # The path as the client sent it, quoted again: "100%" or a space stays a valid address in Location.
    target = f"/en/{quote(rest or '', safe='/')}"
    query = request.META.get("QUERY_STRING", "")
    return HttpResponsePermanentRedirect(f"{target}?{query}" if query else target)
