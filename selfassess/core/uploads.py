"""Request bodies within the declared limits, refused with a page that says so.

Django reads a request's body only when something asks for ``request.POST`` or
``request.FILES``, and by default it spools a large upload to a temporary file first and lets
the form refuse it afterwards: a gigabyte sent by anyone, signed in or not, was written to
disk before a page said no. So:

* ``RequestBodyLimitMiddleware`` refuses a body whose declared length is over
  ``limits.REQUEST_BODY_BYTES_MAX`` before a byte of it is read, with a 413 page that says the
  limit and what to do. It then parses the form itself, inside the limits of the settings
  (``DATA_UPLOAD_MAX_MEMORY_SIZE``, ``DATA_UPLOAD_MAX_NUMBER_FIELDS``,
  ``DATA_UPLOAD_MAX_NUMBER_FILES``), so a post over one of them is answered with the same kind
  of page rather than Django's bare 400.
* ``BoundedUploadHandler`` keeps every upload in memory (the body limit bounds it) and stops
  at ``limits.UPLOAD_FILE_BYTES_MAX`` while the file streams in, so no upload ever reaches
  the disk and a body without a declared length cannot grow past the limit either.

The proxy in front should refuse such bodies too (README, "Running it in production"); this
is the service's own check, which holds without one.
"""

from __future__ import annotations

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.core.files.uploadhandler import MemoryFileUploadHandler
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render

from . import limits

BODY_METHODS = ("POST", "PUT", "PATCH")


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB"


def too_large(request):
    return render(
        request,
        "core/error.jinja",
        {
            "page_title": "The file or form is too large",
            "text": (
                "A page of this service accepts at most "
                f"{_megabytes(limits.UPLOAD_FILE_BYTES_MAX)} in one go, and nothing you sent "
                "was kept. Split the file into smaller files (or remove columns you do not "
                "need) and upload each one."
            ),
        },
        status=413,
    )


def too_many_fields(request):
    return render(
        request,
        "core/error.jinja",
        {
            "page_title": "The form has too many fields",
            "text": (
                f"A form of this service can send at most {limits.FORM_FIELDS_MAX:,} fields "
                f"and {limits.FORM_FILES_MAX} files, and nothing you sent was kept. Go back "
                "and use a file with fewer columns."
            ),
        },
        status=400,
    )


def unreadable(request):
    return render(
        request,
        "core/error.jinja",
        {
            "page_title": "The form could not be read",
            "text": (
                "What your browser sent was damaged, and nothing was kept. Go back and try again."
            ),
        },
        status=400,
    )


def declared_length(request) -> int:
    try:
        return max(int(request.META.get("CONTENT_LENGTH") or 0), 0)
    except ValueError:
        return 0  # Django reads such a body as empty


class RequestBodyLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        size = declared_length(request)
        if size > limits.REQUEST_BODY_BYTES_MAX:
            return too_large(request)
        if request.method in BODY_METHODS and size:
            try:
                request.POST  # noqa: B018 -- parse now, within the limits, to answer clearly
                request.FILES  # noqa: B018
            except RequestDataTooBig:
                return too_large(request)
            except (TooManyFieldsSent, TooManyFilesSent):
                return too_many_fields(request)
            except MultiPartParserError:
                return unreadable(request)
        return self.get_response(request)


class BoundedUploadHandler(MemoryFileUploadHandler):
    """Every upload in memory, and none larger than ``UPLOAD_FILE_BYTES_MAX``."""

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        if content_length > limits.REQUEST_BODY_BYTES_MAX:
            raise RequestDataTooBig("The request body is larger than the service accepts.")
        self.activated = True

    def new_file(self, *args, **kwargs):
        self.received = 0
        super().new_file(*args, **kwargs)  # raises StopFutureHandlers: this one holds the file

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > limits.UPLOAD_FILE_BYTES_MAX:
            raise RequestDataTooBig("The uploaded file is larger than the service accepts.")
        return super().receive_data_chunk(raw_data, start)
