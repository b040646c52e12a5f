"""Test helpers: the library's own database worker run in this process, and real SMTP servers
on loopback (aiosmtpd, a development dependency), one that takes everything and ones that
fail part-way the way real relays do."""

from __future__ import annotations

import contextlib
import socket
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from unittest import mock

from django.test import override_settings


def run_worker() -> None:
    """Run every task that is due with django-tasks-db's worker, in this process, then return.

    The worker checks its database connection between tasks; inside a test's transaction
    that check would close the connection, so it is skipped here and nothing else changes."""
    from django_tasks_db.management.commands import db_worker

    worker = db_worker.Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    with mock.patch.object(db_worker, "close_old_connections", lambda: None):
        worker.run()


@dataclass
class Received:
    to: str
    subject: str
    body: str


@dataclass
class Handler:
    """Takes every message, except for addresses in `refuse` (550) and the message after
    `drop_after` on each connection, when it drops the connection before answering."""

    refuse: set = field(default_factory=set)
    drop_after: int | None = None
    received: list = field(default_factory=list)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.refuse:
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        count = getattr(session, "taken", 0)
        if self.drop_after is not None and count >= self.drop_after:
            server.transport.close()
            return "421 4.3.0 Closing"
        session.taken = count + 1
        parsed = message_from_bytes(envelope.content, policy=policy.default)
        for to in envelope.rcpt_tos:
            self.received.append(
                Received(to, str(parsed["subject"]), parsed.get_body(("plain",)).get_content())
            )
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def smtp_server(handler: Handler | None = None):
    """A real SMTP server on 127.0.0.1, with the service's settings pointed at it."""
    from aiosmtpd.controller import Controller

    handler = handler or Handler()
    port = _free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        with override_settings(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=port,
            EMAIL_USE_TLS=False,
            EMAIL_HOST_USER="",
            EMAIL_HOST_PASSWORD="",
            EMAIL_TIMEOUT=10,
        ):
            yield handler
    finally:
        controller.stop()
