"""Security headers Django's SecurityMiddleware does not set: Content-Security-Policy,
Permissions-Policy and Cross-Origin-Resource-Policy.

A view that needs a different policy can set the header itself; this only fills it in.
"""

from django.conf import settings

from . import csp


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", csp.header_value())
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response
