"""A request body over the largest allowed upload is refused before it is read (issue 13).

A gigabyte posted anonymously used to be spooled to disk before any form saw it. Each test
sends a body past one limit of ``core.limits`` through the whole middleware stack.
"""

import io

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from selfassess.core import limits

pytestmark = pytest.mark.django_db


class NeverRead(io.RawIOBase):
    """A request body that fails the test if anything reads it."""

    def read(self, *args):
        raise AssertionError("the body was read")

    readline = readinto = read


def test_a_huge_body_is_refused_with_413_before_it_is_read(client):
    response = client.generic(
        "POST",
        reverse("core:home"),
        CONTENT_TYPE="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(2**30),
        **{"wsgi.input": NeverRead()},
    )
    assert response.status_code == 413
    page = response.content.decode()
    assert "The file or form is too large" in page
    assert "at most 2 MB" in page and "Split the file into smaller files" in page


def test_a_file_over_the_upload_limit_is_stopped_while_it_streams(client, monkeypatch):
    monkeypatch.setattr(limits, "UPLOAD_FILE_BYTES_MAX", 10_000)
    upload = SimpleUploadedFile("big.csv", b"x" * 20_000, content_type="text/csv")
    response = client.post(reverse("core:home"), {"file": upload})
    assert response.status_code == 413


def test_uploads_stay_in_memory_and_never_reach_the_disk():
    assert settings.FILE_UPLOAD_HANDLERS == ["selfassess.core.uploads.BoundedUploadHandler"]
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE == limits.REQUEST_BODY_BYTES_MAX


def test_a_form_with_too_many_fields_gets_a_clear_page(client):
    data = {f"f{i}": "1" for i in range(limits.FORM_FIELDS_MAX + 1)}
    response = client.post(reverse("core:home"), data)
    assert response.status_code == 400
    assert f"at most {limits.FORM_FIELDS_MAX:,} fields" in response.content.decode()


def test_a_form_body_over_its_limit_gets_413(client):
    response = client.post(reverse("core:home"), {"text": "x" * (limits.FORM_BODY_BYTES_MAX + 1)})
    assert response.status_code == 413


def test_the_settings_take_their_figures_from_the_limits():
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE == limits.FORM_BODY_BYTES_MAX
    assert settings.DATA_UPLOAD_MAX_NUMBER_FIELDS == limits.FORM_FIELDS_MAX
    assert settings.DATA_UPLOAD_MAX_NUMBER_FILES == limits.FORM_FILES_MAX
    assert limits.REQUEST_BODY_BYTES_MAX > limits.UPLOAD_FILE_BYTES_MAX
    assert limits.UPLOAD_FILE_BYTES_MAX >= limits.RESPONSE_IMPORT_BYTES_MAX
