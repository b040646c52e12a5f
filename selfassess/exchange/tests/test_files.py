"""Sharing files read in one process: what is believed, and each way a file is refused."""

import datetime
import json
import os
import stat

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.test import Client
from django.utils import timezone
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from selfassess.core import limits
from selfassess.exchange import files, keys, services
from selfassess.exchange.models import ReceivedShare, SentShare, TrustedSender, Withdrawal
from selfassess.peers.tests.helpers import peer

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def own_data_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path / "sender"
    return settings.VAR_DIR


def a_file(days=30):
    _, share = peer("Sending NHS Trust", {"a-1": (2, 4), "a-2": (3, 3)}, deprivation="most")
    content, body = services.share_file(share, days=days)
    return content, body


def become_receiver(settings, tmp_path, trust_sender=True):
    """Switch to another deployment's key, trusting the sender's key (as its operator would)."""
    sender_key = keys.public_key_text()
    settings.VAR_DIR = tmp_path / "receiver"
    if trust_sender:
        services.trust(name="Sending deployment", public_key=sender_key)


def test_the_key_is_made_once_and_readable_by_nobody_else(own_data_dir):
    first = keys.public_key_text()
    mode = stat.S_IMODE(os.stat(own_data_dir / keys.KEY_FILE_NAME).st_mode)
    assert mode == 0o600
    assert keys.public_key_text() == first


def test_the_file_is_readable_and_holds_only_the_share(settings, tmp_path):
    content, body = a_file()
    document = json.loads(content)
    assert set(document) == {"format", "signed", "signature"}
    assert set(document["signed"]) == {
        "version",
        "kind",
        "share_id",
        "issued_at",
        "expires_at",
        "sender",
        "summary",
        "context",
        "payload",
    }
    assert document["signed"]["context"]["deprivation"] == "most"
    assert document["signed"]["payload"]["positions"]["a-1"] == {"current": 2, "target": 4}
    assert any("2 statements" in line for line in document["signed"]["summary"])
    assert b"\n  " in content  # indented for a person to read
    assert SentShare.objects.filter(share_id=body["share_id"]).exists()


def test_a_trusted_file_is_imported(settings, tmp_path):
    content, body = a_file()
    become_receiver(settings, tmp_path)
    received = services.receive(content)
    assert received.kind == files.SHARE and not received.again
    stored = ReceivedShare.objects.get(share_id=body["share_id"])
    assert stored.payload == body["payload"]
    assert stored.context["deprivation"] == "most"
    assert services.receive(content).again


def test_a_changed_byte_is_refused(settings, tmp_path):
    content, _ = a_file()
    become_receiver(settings, tmp_path)
    changed = content.replace(b'"current": 2', b'"current": 3', 1)
    assert changed != content
    with pytest.raises(files.FileRefused, match="changed since it was signed"):
        services.receive(changed)
    assert not ReceivedShare.objects.exists()


def test_re_indenting_keeps_the_signature(settings, tmp_path):
    content, _ = a_file()
    become_receiver(settings, tmp_path)
    services.receive(json.dumps(json.loads(content)).encode())
    assert ReceivedShare.objects.count() == 1


def test_a_file_from_an_untrusted_key_is_refused(settings, tmp_path):
    content, _ = a_file()
    become_receiver(settings, tmp_path, trust_sender=False)
    with pytest.raises(files.FileRefused, match="does not trust"):
        services.receive(content)


def test_a_file_signed_by_another_key_than_it_names_is_refused(settings, tmp_path):
    content, _ = a_file()
    become_receiver(settings, tmp_path)
    document = json.loads(content)
    forger = Ed25519PrivateKey.generate()
    document["signed"]["payload"]["positions"]["a-1"]["current"] = 5
    import base64

    document["signature"]["value"] = base64.b64encode(
        forger.sign(files.canonical(document["signed"]))
    ).decode()
    with pytest.raises(files.FileRefused, match="not signed by the key it names"):
        services.receive(json.dumps(document).encode())
    assert not ReceivedShare.objects.exists()


def test_an_expired_file_is_refused(settings, tmp_path):
    content, _body = a_file(days=1)
    become_receiver(settings, tmp_path)
    later = timezone.now() + datetime.timedelta(days=2)
    with pytest.raises(files.FileRefused, match="expired on"):
        services.receive(content, now=later)
    assert not ReceivedShare.objects.exists()


def test_an_expired_share_leaves_the_comparison(settings, tmp_path):
    from selfassess.organisations.tests.factories import OrganisationFactory
    from selfassess.peers.selectors import peers_for

    content, _body = a_file(days=1)
    become_receiver(settings, tmp_path)
    services.receive(content)
    viewer = OrganisationFactory()

    def from_files():
        return [p for p in peers_for(viewer, "test-framework") if p.key.startswith("file:")]

    assert len(from_files()) == 1
    ReceivedShare.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    assert from_files() == []


def test_a_withdrawn_share_is_removed_and_refused_from_then_on(settings, tmp_path):
    content, body = a_file()
    sent = SentShare.objects.get(share_id=body["share_id"])
    withdrawal = services.withdrawal_file(sent)
    become_receiver(settings, tmp_path)
    services.receive(content)
    assert services.receive(withdrawal).kind == files.WITHDRAWAL
    assert not ReceivedShare.objects.exists()
    assert Withdrawal.objects.filter(share_id=body["share_id"]).exists()
    with pytest.raises(files.FileRefused, match="withdrew this share"):
        services.receive(content)
    assert not ReceivedShare.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"not json", "not readable JSON"),
        (b"\xff\xfe", "not readable JSON"),
        (b"[" * 40 + b"]" * 40, "nested more than"),
        (b'{"format": "something else"}', "not a sharing file from this service"),
        (b'{"format": "selfassess-sharing-file"}', "no signed part"),
        (b'{"format": "selfassess-sharing-file", "signed": {"v": NaN}}', "not readable JSON"),
    ],
)
def test_files_that_are_not_sharing_files_are_refused(data, message):
    with pytest.raises(files.FileRefused, match=message):
        services.receive(data)


def test_a_file_too_large_is_refused_before_it_is_read():
    with pytest.raises(files.FileRefused, match="larger than"):
        services.receive(b" " * (limits.SHARE_FILE_BYTES_MAX + 1))


def test_a_signed_payload_this_service_could_not_have_written_is_refused(settings, tmp_path):
    _, share = peer("Sending NHS Trust", {"a-1": (2, 4)})
    body = services.share_body(share)
    body["payload"]["positions"]["a-1"]["current"] = 99  # not a level of the scale
    content = files.sign(body)
    become_receiver(settings, tmp_path)
    with pytest.raises(files.FileRefused, match="not a level of the scale"):
        services.receive(content)


def test_trusting_a_key_needs_a_real_key():
    with pytest.raises(ValueError, match="44 characters"):
        services.trust(name="Somewhere", public_key="not a key")
    with pytest.raises(ValueError, match="own key"):
        services.trust(name="Myself", public_key=keys.public_key_text())
    assert not TrustedSender.objects.exists()


def test_the_send_and_receive_pages(settings, tmp_path):
    from selfassess.organisations.tests.factories import MembershipFactory

    organisation, _share = peer("Sending NHS Trust", {"a-1": (2, 4)})
    admin = MembershipFactory(organisation=organisation, role="admin").user
    client = Client()
    client.force_login(admin)
    url = f"/organisations/{organisation.pk}/sharing-files/"
    preview = client.get(url + "send/").content.decode()
    assert "What the file will hold" in preview and keys.public_key_text() in preview
    assert "agreed current and target levels of 1 statements" in preview
    download = client.post(url + "send/", {"days": "30"})
    assert download["Content-Disposition"].startswith("attachment")
    content = download.content
    share_id = json.loads(content)["signed"]["share_id"]
    withdrawal = client.post(url + "withdraw/", {"share_id": share_id}).content

    become_receiver(settings, tmp_path)
    from django.core.files.uploadedfile import SimpleUploadedFile

    bad = client.post(url + "receive/", {"file": SimpleUploadedFile("f.json", b"{}")})
    assert bad.status_code == 400 and "not a sharing file" in bad.content.decode()
    good = client.post(url + "receive/", {"file": SimpleUploadedFile("f.json", content)})
    assert good.status_code == 200 and "is imported" in good.content.decode()
    gone = client.post(url + "receive/", {"file": SimpleUploadedFile("w.json", withdrawal)})
    assert "withdrew the share" in gone.content.decode()
    assert not ReceivedShare.objects.exists()


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)


@hypothesis_settings(max_examples=150, deadline=None)
@given(st.binary(max_size=200) | json_values.map(lambda v: json.dumps(v).encode()))
def test_any_file_is_refused_with_a_message_or_read(data):
    try:
        services.check(data)
    except files.FileRefused as refused:
        assert str(refused)


@hypothesis_settings(max_examples=100, deadline=None)
@given(json_values)
def test_any_signed_part_of_the_wrong_shape_is_refused_with_a_message(signed):
    document = {
        "format": files.FORMAT,
        "signed": signed,
        "signature": {"algorithm": "Ed25519", "public_key": "x", "value": "y"},
    }
    with pytest.raises(files.FileRefused):
        services.check(json.dumps(document).encode())


def test_any_payload_problem_is_found_without_an_error():
    for payload in ({}, {"framework": []}, {"framework": {"levels": [3, 1]}}, [], None):
        assert files.payload_problems(payload, {})
    assert files.payload_problems({"positions": {"a": 1}}, {"k": 1})


def test_sent_files_and_shown_peer_sets_stay_out_of_an_organisation_export():
    from selfassess.peers import services as peer_services
    from selfassess.peers.models import ShownPeerSet
    from selfassess.reports import orgdata

    _content, body = a_file()
    sent = SentShare.objects.get(share_id=body["share_id"])
    organisation = sent.organisation
    for index in range(5):
        peer(f"Peer {index} NHS Trust", {"a-1": (index + 1, 5)})
    own = organisation.assessments.get().shares.get()
    peer_services.build_page(organisation, own, {})
    assert ShownPeerSet.objects.filter(viewer=organisation).exists()
    exported = orgdata.export_organisation(organisation)["models"]
    assert not exported.get("exchange.sentshare")
    assert not exported.get("peers.shownpeerset")
    assert exported["organisations.organisation"]
