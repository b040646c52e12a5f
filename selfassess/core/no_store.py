"""`Cache-Control: no-store` on every page and file that holds results or people.

A browser, or a proxy between it and the service, may otherwise keep a copy of a results
page, a board report, a data workbook or a file of personal links on disk, where the next
person at a shared computer (or the proxy's operator) can read it after the member has signed
out. The list is of URL namespaces and names, so a new results page is covered by being in
its app, and every file download (anything sent as an attachment) is covered wherever it is.
"""

# Every page of these apps shows results, or is a download of them, or is the audit log.
NO_STORE_NAMESPACES = frozenset({"results", "reports", "audit", "cycles", "disclosure"})

# Single pages elsewhere: people and their roles, personal links, who took part, the agreed
# levels of a workshop.
NO_STORE_NAMES = frozenset(
    {
        "organisations:people",
        "organisations:person",
        "assessments:links_csv",
        "assessments:participants",
        "workshop:summary",
    }
)


def must_not_be_stored(request, response) -> bool:
    if "attachment" in response.get("Content-Disposition", ""):
        return True
    match = getattr(request, "resolver_match", None)
    if match is None:
        return False
    return match.namespace in NO_STORE_NAMESPACES or match.view_name in NO_STORE_NAMES


class NoStoreMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if must_not_be_stored(request, response):
            response["Cache-Control"] = "no-store"
        return response
