"""Only the mail door sends email: no other module of the service imports Django's mail
functions or opens an SMTP connection, so header safety, the outbox and the limits cannot be
bypassed. (Catching smtplib's errors is fine.)"""

import re
from pathlib import Path

import selfassess

ROOT = Path(selfassess.__file__).parent
DOOR = {ROOT / "mail" / "door.py", ROOT / "mail" / "testing.py"}
SENDS = re.compile(
    r"^\s*(from django\.core\.mail import|from django\.core import mail)|smtplib\.(SMTP|LMTP)\w*\(",
    re.M,
)


def test_only_the_mail_door_sends_mail():
    senders = [
        str(path.relative_to(ROOT))
        for path in ROOT.rglob("*.py")
        if "tests" not in path.parts and path not in DOOR and SENDS.search(path.read_text())
    ]
    assert senders == []
