"""A sharing file made by one deployment and read by another: two separate databases and data
directories, driven only through the `selfassess` command, as two operators would."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SELFASSESS = str(Path(sys.executable).with_name("selfassess"))

SET_UP_SENDER = """
from selfassess.organisations.tests.factories import OrganisationFactory
from selfassess.systems import sharing
from selfassess.systems.models import Audience
from selfassess.systems.tests.factories import answered_assessment
organisation = OrganisationFactory(name="Sending NHS Trust", ods_code="RX1",
                                   region="london", deprivation="most", peer_comparison=True)
assessment = answered_assessment(organisation, positions={"a-1": (2, 4, "Why we think so")})
sharing.share(assessment, audience=Audience.PEERS, scope=sharing.Scope(), actor=None)
print(organisation.pk)
"""

RECEIVED = """
import json
from selfassess.exchange.models import ReceivedShare
print(json.dumps([[r.share_id, r.payload["positions"], r.context["deprivation"]]
                  for r in ReceivedShare.objects.all()]))
"""


class Deployment:
    def __init__(self, root: Path):
        root.mkdir()
        self.root = root
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))},
            "DJANGO_SETTINGS_MODULE": "selfassess.config.settings.local",
            "DATABASE_URL": f"sqlite:///{root / 'db.sqlite3'}",
            "SELFASSESS_VAR_DIR": str(root),
            "DEBUG": "0",
        }
        self.run("migrate", "-v0")

    def run(self, *args, check=True):
        result = subprocess.run(  # noqa: S603 - our own command, fixed arguments
            [SELFASSESS, *args], env=self.env, capture_output=True, text=True, timeout=120
        )
        if check:
            assert result.returncode == 0, result.stderr
        return result

    def python(self, code):
        return self.run("shell", "-c", code).stdout.strip().splitlines()[-1]


@pytest.fixture
def deployments(tmp_path):
    return Deployment(tmp_path / "sender"), Deployment(tmp_path / "receiver")


def test_a_file_from_one_deployment_is_read_in_another(deployments, tmp_path):
    sender, receiver = deployments
    organisation = sender.python(SET_UP_SENDER)
    shared = tmp_path / "share.json"
    exported = sender.run("exchange", "export", organisation, "--days", "30", "-o", str(shared))
    share_id = json.loads(shared.read_text())["signed"]["share_id"]
    assert f"share id {share_id}" in exported.stderr
    key_file = sender.root / "exchange_signing_key"
    assert oct(key_file.stat().st_mode & 0o777) == "0o600"

    # Not trusted yet: refused, nothing stored.
    refused = receiver.run("exchange", "import", str(shared), check=False)
    assert refused.returncode == 1 and "does not trust" in refused.stderr
    assert json.loads(receiver.python(RECEIVED)) == []

    key = sender.run("exchange", "key").stdout.strip()
    receiver.run("exchange", "trust", "Sending deployment", key)
    imported = receiver.run("exchange", "import", str(shared))
    assert f"Imported share {share_id}" in imported.stdout
    assert json.loads(receiver.python(RECEIVED)) == [
        [share_id, {"a-1": {"current": 2, "target": 4}}, "most"]
    ]

    # A changed byte is refused, and the received copy stays as it was.
    changed = tmp_path / "changed.json"
    changed.write_bytes(shared.read_bytes().replace(b'"current": 2', b'"current": 5', 1))
    result = receiver.run("exchange", "import", str(changed), check=False)
    assert result.returncode == 1 and "changed since it was signed" in result.stderr

    # The sender withdraws; the receiver removes the share and refuses the file from then on.
    withdrawal = tmp_path / "withdrawal.json"
    sender.run("exchange", "withdraw", share_id, "-o", str(withdrawal))
    assert "Withdrawn" in receiver.run("exchange", "import", str(withdrawal)).stdout
    assert json.loads(receiver.python(RECEIVED)) == []
    again = receiver.run("exchange", "import", str(shared), check=False)
    assert again.returncode == 1 and "withdrew this share" in again.stderr


def test_a_file_signed_by_a_deployment_whose_key_is_not_the_trusted_one(deployments, tmp_path):
    sender, receiver = deployments
    organisation = sender.python(SET_UP_SENDER)
    shared = tmp_path / "share.json"
    sender.run("exchange", "export", organisation, "-o", str(shared))
    # The receiver trusts some other deployment's key, not this sender's.
    other_key = receiver.python(
        "from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey\n"
        "from selfassess.exchange.keys import encode_public\n"
        "print(encode_public(Ed25519PrivateKey.generate().public_key()))"
    )
    receiver.run("exchange", "trust", "Another deployment", other_key)
    result = receiver.run("exchange", "import", str(shared), check=False)
    assert result.returncode == 1 and "does not trust" in result.stderr


def test_the_commands_say_what_is_wrong(deployments, tmp_path):
    sender, _ = deployments
    missing = sender.run("exchange", "export", "999", "-o", str(tmp_path / "x.json"), check=False)
    assert missing.returncode == 2 and "no organisation 999" in missing.stderr
    unread = sender.run("exchange", "import", str(tmp_path / "absent.json"), check=False)
    assert unread.returncode == 2 and "Cannot read" in unread.stderr
    bad_key = sender.run("exchange", "trust", "Somewhere", "abc", check=False)
    assert bad_key.returncode == 1 and "44 characters" in bad_key.stderr
