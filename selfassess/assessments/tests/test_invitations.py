"""Inviting by email: a whole list or nothing, every bad row reported, one email per person
with a link that works."""

import re
from html import unescape

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import NoReverseMatch, reverse

from selfassess.assessments.models import Participant
from selfassess.assessments.tests.conftest import group
from selfassess.assessments.tests.factories import ParticipantFactory
from selfassess.mail.testing import run_worker

pytestmark = pytest.mark.django_db

LINK = re.compile(r"http://testserver/take-part/([A-Za-z0-9_-]{43})/")


def url(assessment):
    return f"/assessments/{assessment.pk}/invite/"


def test_a_pasted_list_invites_everyone_and_emails_their_own_link(facilitator, open_assessment):
    rows = (
        "email,group\n"
        "Chair@Example.NHS.uk, board\n"
        "\n"
        "nurse@example.nhs.uk,Front-line staff\n"
        "porter@example.nhs.uk,FRONT-LINE STAFF\n"
    )
    response = facilitator.post(url(open_assessment), {"rows": rows})
    assert response.status_code == 302
    assert response["Location"] == f"/assessments/{open_assessment.pk}/"
    assert "3 invitations queued to send by email" in unescape(
        facilitator.get(response["Location"]).content.decode()
    )

    people = {p.email: p.group.name for p in Participant.objects.select_related("group")}
    assert people == {
        "chair@example.nhs.uk": "Board",
        "nurse@example.nhs.uk": "Front-line staff",
        "porter@example.nhs.uk": "Front-line staff",
    }
    run_worker()
    assert sorted(m.to[0] for m in mail.outbox) == sorted(people)
    tokens = set()
    for message in mail.outbox:
        token = LINK.search(message.body).group(1)
        tokens.add(token)
        participant = Participant.from_token(token)
        assert participant.email == message.to[0]  # each email carries that person's own link
        assert f"“{participant.group.name}” group" in message.body
        assert "We want to know where we really stand." in message.body
        assert "do not forward it" in message.body
        assert "groups of 5 people or more" in message.body
    assert len(tokens) == 3
    # Tokens are not stored, only their hashes.
    assert not Participant.objects.filter(token_hash__in=tokens).exists()


def test_an_invitation_link_opens_the_assessment(client, facilitator, open_assessment):
    facilitator.post(url(open_assessment), {"rows": "nurse@example.nhs.uk,Board"})
    run_worker()
    token = LINK.search(mail.outbox[0].body).group(1)
    try:
        path = reverse("participation:start", kwargs={"token": token})
    except NoReverseMatch:  # the participant pages are not part of this build yet
        assert mail.outbox[0].body.count(f"/take-part/{token}/") == 1
        return
    facilitator.logout()
    response = client.get(path, follow=True)
    assert response.status_code == 200
    assert Participant.objects.get().email == "nurse@example.nhs.uk"


def test_a_csv_file_with_a_byte_order_mark_and_no_header(facilitator, open_assessment):
    content = '\ufeffa@example.nhs.uk,Board\r\nb@example.nhs.uk,"Front-line staff"\r\n'
    upload = SimpleUploadedFile("people.csv", content.encode("utf-8"), content_type="text/csv")
    response = facilitator.post(url(open_assessment), {"file": upload})
    assert response.status_code == 302
    assert set(Participant.objects.values_list("email", flat=True)) == {
        "a@example.nhs.uk",
        "b@example.nhs.uk",
    }
    run_worker()
    assert len(mail.outbox) == 2


def test_columns_pasted_from_a_spreadsheet_are_tab_separated(facilitator, open_assessment):
    facilitator.post(url(open_assessment), {"rows": "a@example.nhs.uk\tBoard\n"})
    assert list(Participant.objects.values_list("email", "group__name")) == [
        ("a@example.nhs.uk", "Board")
    ]


def test_addresses_pasted_with_names_from_a_mail_program(facilitator, open_assessment):
    rows = (
        "Ward Sister <Ward.Sister@Example.NHS.uk>,Board\n"
        '"Lead, Improvement" <lead@example.nhs.uk>\tFront-line staff\n'
    )
    # The second line is tab-separated and the first comma-separated: paste them one at a
    # time, as a mail program gives them.
    facilitator.post(url(open_assessment), {"rows": rows.splitlines()[0]})
    facilitator.post(url(open_assessment), {"rows": rows.splitlines()[1]})
    assert sorted(Participant.objects.values_list("email", "group__name")) == [
        ("lead@example.nhs.uk", "Front-line staff"),
        ("ward.sister@example.nhs.uk", "Board"),
    ]


def test_an_address_of_a_named_pair_is_taken_from_its_brackets():
    from selfassess.assessments.invitations import address_of

    assert address_of("Ward Sister <ward.sister@example.nhs.uk>") == "ward.sister@example.nhs.uk"
    assert address_of("Surname, Name < a@example.nhs.uk >") == "a@example.nhs.uk"
    assert address_of("mailto:B@example.nhs.uk") == "b@example.nhs.uk"
    assert address_of("plain@example.nhs.uk") == "plain@example.nhs.uk"
    assert address_of("No address <>") == "no address <>"  # left for the check to refuse


def test_every_bad_row_is_listed_and_nothing_is_imported(facilitator, open_assessment):
    ParticipantFactory(
        assessment=open_assessment,
        group=group(open_assessment, "Board"),
        email="already@example.nhs.uk",
    )
    rows = "\n".join(
        [
            "email,group",  # 1 header
            "good@example.nhs.uk,Board",  # 2 fine on its own
            "not-an-email,Board",  # 3
            "someone@example.nhs.uk,Wizards",  # 4
            "twice@example.nhs.uk,Board",  # 5 first time is fine
            "TWICE@example.nhs.uk,Front-line staff",  # 6 duplicate of 5
            "Already@example.nhs.uk,Board",  # 7
            "lonely@example.nhs.uk",  # 8
            "a@example.nhs.uk,Board,extra",  # 9
        ]
    )
    response = facilitator.post(url(open_assessment), {"rows": rows})
    assert response.status_code == 400
    html = unescape(response.content.decode())
    assert "6 rows need fixing. Nothing has been imported" in html
    assert 'href="#rows-to-fix"' in html and 'id="rows-to-fix"' in html
    table = html.split('id="rows-to-fix"')[1].split("</table>")[0]
    found = re.findall(r'numeric">(\d+)</td>\s*<td[^>]*>[^<]*</td>\s*<td[^>]*>([^<]*)</td>', table)
    assert [(int(line), reason[:40]) for line, reason in found] == [
        (3, "“not-an-email” is not a valid email addr"),
        (4, "There is no group called “Wizards”; use "),
        (6, "twice@example.nhs.uk is also on line 5"),
        (7, "already@example.nhs.uk has already been "),
        (8, "No group given: put the group after the "),
        (9, "Too many columns: give only an email add"),
    ]
    assert "use one of: Board, Front-line staff" in table
    # Nothing imported, nothing sent, and the list is still there to fix.
    assert list(Participant.objects.values_list("email", flat=True)) == ["already@example.nhs.uk"]
    run_worker()
    assert mail.outbox == []
    assert "good@example.nhs.uk,Board" in html


@pytest.mark.parametrize(
    "data, message",
    [
        ({"rows": "  \n "}, "Paste a list of email addresses and groups, or choose a file"),
        ({"rows": "email,group\n"}, "The list has no email addresses in it"),
    ],
)
def test_an_empty_list_is_refused(facilitator, open_assessment, data, message):
    response = facilitator.post(url(open_assessment), data)
    assert response.status_code == 400
    assert message in unescape(response.content.decode())
    assert not Participant.objects.exists()


def test_a_file_that_is_not_utf8_is_refused(facilitator, open_assessment):
    """A file that mixes encodings is refused with the line where it stops being UTF-8."""
    raw = b"a@example.nhs.uk,Board\n" + "é@example.nhs.uk,Board".encode("cp1252")
    upload = SimpleUploadedFile("people.csv", raw)
    response = facilitator.post(url(open_assessment), {"file": upload})
    assert response.status_code == 400
    page = unescape(response.content.decode())
    assert "byte 0xe9 on line 2 is not UTF-8" in page
    assert "as “CSV UTF-8”" in page
    assert 'href="#id_file"' in response.content.decode()
    assert not Participant.objects.exists()


def test_a_list_and_a_file_together_are_refused(facilitator, open_assessment):
    upload = SimpleUploadedFile("people.csv", b"a@example.nhs.uk,Board")
    response = facilitator.post(
        url(open_assessment), {"file": upload, "rows": "b@example.nhs.uk,Board"}
    )
    assert response.status_code == 400
    assert "Paste a list or choose a file, not both" in response.content.decode()
    assert not Participant.objects.exists()


def test_email_invitations_wait_until_the_assessment_is_open(facilitator, assessment):
    page = facilitator.get(url(assessment)).content.decode()
    assert "Open the assessment first" in page
    assert 'name="rows"' not in page
    response = facilitator.post(url(assessment), {"rows": "a@example.nhs.uk,Board"})
    assert response.status_code == 302
    assert not Participant.objects.exists()
    run_worker()
    assert mail.outbox == []
    assert "Open the assessment before inviting people by email" in unescape(
        facilitator.get(response["Location"]).content.decode()
    )


def test_a_mail_server_failure_keeps_the_people_and_says_what_to_do(
    facilitator, open_assessment, settings
):
    settings.EMAIL_BACKEND = "selfassess.assessments.tests.test_invitations.FailingBackend"
    response = facilitator.post(url(open_assessment), {"rows": "a@example.nhs.uk,Board"})
    assert response.status_code == 302
    assert Participant.objects.count() == 1
    run_worker()  # tries, and tries again after each delay (none in tests), then gives up
    page = unescape(facilitator.get(f"/assessments/{open_assessment.pk}/people/").content.decode())
    row = page.split("a@example.nhs.uk")[1].split("</tr>")[0]
    assert "Failed" in row
    assert "the mail server could not be reached" in row
    assert "Send again" in row


class FailingBackend:
    def __init__(self, *args, **kwargs):
        pass

    def open(self):
        return True

    def close(self):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("no mail server")


def test_a_utf16_file_with_its_byte_order_mark_is_read(facilitator, open_assessment):
    """Excel's "Unicode text" saves UTF-16 with a byte-order mark; it names one encoding
    unambiguously, so it is read rather than refused."""
    upload = SimpleUploadedFile("people.csv", "someone@example.nhs.uk,Board\n".encode("utf-16"))
    facilitator.post(url(open_assessment), {"file": upload})
    assert list(Participant.objects.values_list("email", flat=True)) == ["someone@example.nhs.uk"]
