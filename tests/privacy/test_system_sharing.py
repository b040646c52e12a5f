"""No page or download of a system shows anything a member did not share, nor anything after
it is withdrawn.

Three trusts join one system. Each has survey answers with comments, named groups and agreed
positions with a rationale, every text carrying a marker. One shares its agreed positions
only, one shares everything, one shares nothing. Every page and file the system's people and
the members' people can open is read (PDF and workbook as text), and the markers of what was
not shared must be in none of them; after a withdrawal, and after a membership ends, the
withdrawn markers must be gone too.
"""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from selfassess.assessments.models import ConsensusRating, Participant, Response
from selfassess.assessments.tests.factories import AssessmentFactory, ParticipantGroupFactory
from selfassess.disclosure.tests.helpers import release_now
from selfassess.organisations.models import Role
from selfassess.organisations.tests.factories import MembershipFactory, OrganisationFactory
from selfassess.systems import services, sharing
from selfassess.systems.models import Audience, LearningNote, SystemRoleName
from selfassess.systems.tests.factories import SystemFactory

pytestmark = pytest.mark.django_db

TRUSTS = ("Positions Only Trust", "Everything Trust", "Nothing Trust")


def _trust(name, system):
    organisation = OrganisationFactory(name=name)
    tag = name.split()[0].upper()
    assessment = AssessmentFactory(organisation=organisation, anonymity_threshold=3)
    groups = [
        ParticipantGroupFactory(assessment=assessment, name=f"GROUP{tag}{i}", position=i)
        for i in range(2)
    ]
    for index in range(8):
        participant, _token = Participant.invite(
            assessment, groups[index % 2], f"p{index}@{tag.lower()}.nhs.uk"
        )
        for sid in ("a-1", "a-2", "b-1"):
            Response.objects.create(
                participant=participant,
                statement_id=sid,
                level=1 + (index + len(sid)) % 5,
                comment=f"COMMENT{tag}{index}",
            )
    for sid in ("a-1", "a-2", "b-1"):
        ConsensusRating.objects.create(
            assessment=assessment,
            statement_id=sid,
            current_level=4,
            target_level=5,
            rationale=f"RATIONALE{tag}",
        )
    release_now(assessment)
    member = services.invite(system=system, organisation=organisation, actor=None)
    services.accept(member, actor=None)
    return assessment, member, tag


@pytest.fixture
def setting(django_user_model):
    system = SystemFactory()
    lead = django_user_model.objects.create_user(email="lead@example.nhs.uk")
    services.grant_role(system=system, user=lead, role=SystemRoleName.LEAD, actor=None)
    trusts = {name: _trust(name, system) for name in TRUSTS}
    positions, _m, _t = trusts["Positions Only Trust"]
    everything, _m, _t = trusts["Everything Trust"]
    sharing.share(
        positions, audience=Audience.SYSTEM, system=system, scope=sharing.Scope(), actor=None
    )
    full = sharing.share(
        everything,
        audience=Audience.SYSTEM,
        system=system,
        scope=sharing.Scope(rationale=True, survey=True),
        actor=None,
    )
    LearningNote.objects.create(
        share=full, statement_id="a-1", text="NOTEEVERYTHING", contact_role="QI lead"
    )
    readers = [lead] + [
        MembershipFactory(organisation=a.organisation, role=Role.ADMIN).user
        for a, _m, _t in trusts.values()
    ]
    return system, trusts, readers, full


def _everything_seen(client, system, users) -> str:
    """All the text every user can read about the system, pages and files alike."""
    texts = []
    names = ["systems:view", "systems:exchange", "systems:pdf", "systems:xlsx", "systems:index"]
    for user in users:
        client.force_login(user)
        urls = [reverse(n, args=[system.pk]) if n != "systems:index" else reverse(n) for n in names]
        urls += [reverse("systems:component", args=[system.pk, c]) for c in ("comp-a", "comp-b")]
        for url in urls:
            response = client.get(url)
            if response.status_code != 200:
                continue
            kind = response["Content-Type"]
            if kind == "application/pdf":
                pages = PdfReader(io.BytesIO(response.content)).pages
                texts.append(" ".join(p.extract_text() for p in pages))
            elif "spreadsheetml" in kind:
                book = load_workbook(io.BytesIO(response.content))
                for sheet in book.worksheets:
                    for row in sheet.iter_rows(values_only=True):
                        texts.append(" ".join(str(v) for v in row if v is not None))
            else:
                texts.append(response.content.decode())
    return "\n".join(texts)


def test_nothing_unshared_is_seen_by_anyone(client, setting):
    system, _trusts, readers, _full = setting
    seen = _everything_seen(client, system, readers)
    assert "RATIONALEEVERYTHING" in seen and "NOTEEVERYTHING" in seen  # the test can see
    for marker in ("RATIONALEPOSITIONS", "RATIONALENOTHING"):
        assert marker not in seen
    for tag in ("POSITIONS", "EVERYTHING", "NOTHING"):
        assert f"COMMENT{tag}" not in seen
        assert f"GROUP{tag}" not in seen


def test_a_member_that_shared_nothing_has_no_figures_anywhere(client, setting):
    system, _trusts, readers, _full = setting
    client.force_login(readers[0])
    for component in ("comp-a", "comp-b"):
        page = client.get(reverse("systems:component", args=[system.pk, component]))
        assert "Nothing Trust" not in page.content.decode()
    book = load_workbook(io.BytesIO(client.get(reverse("systems:xlsx", args=[system.pk])).content))
    for title in ("Statements by member", "Components by member"):
        members = {
            row[2 if title.startswith("Statements") else 1]
            for row in book[title].iter_rows(values_only=True)
        }
        assert "Nothing Trust" not in members
        assert "Positions Only Trust" in members


def test_withdrawing_removes_a_share_from_every_view(client, setting):
    system, _trusts, readers, full = setting
    sharing.withdraw(full, actor=None)
    seen = _everything_seen(client, system, readers)
    assert "RATIONALEEVERYTHING" not in seen and "NOTEEVERYTHING" not in seen
    client.force_login(readers[0])
    page = client.get(reverse("systems:component", args=[system.pk, "comp-a"])).content.decode()
    assert "Everything Trust" not in page and "Positions Only Trust" in page


def test_leaving_the_system_removes_what_was_shared(client, setting):
    system, trusts, readers, _full = setting
    _assessment, member, _tag = trusts["Everything Trust"]
    services.end(member, actor=None)
    seen = _everything_seen(client, system, readers)
    assert "RATIONALEEVERYTHING" not in seen and "NOTEEVERYTHING" not in seen
    client.force_login(readers[0])
    view = client.get(reverse("systems:view", args=[system.pk])).content.decode()
    assert "Everything Trust" not in view
