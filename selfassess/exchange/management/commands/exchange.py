"""`selfassess exchange key|trust|export|import|withdraw`: sharing files between deployments.

Exit codes as the reports commands: 0 done; 1 invalid input (a refused file, a bad option);
2 a file that cannot be read or written, or an organisation or share that does not exist.
"""

from selfassess.exchange import files, services
from selfassess.exchange.keys import public_key_text
from selfassess.exchange.models import SentShare
from selfassess.organisations.models import Organisation
from selfassess.peers.selectors import own_peer_shares
from selfassess.reports.commands import ReportsCommand, invalid, not_found


class Command(ReportsCommand):
    help = "Share with peers on other deployments through signed sharing files."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        sub.add_parser("key", help="Print this deployment's public key, for receivers to trust.")
        trust = sub.add_parser("trust", help="Believe sharing files signed with a public key.")
        trust.add_argument("name", help="Who the sender is, in your words.")
        trust.add_argument("public_key", help="The key `exchange key` printed on the sender.")
        export = sub.add_parser("export", help="Write a signed sharing file of a peer share.")
        export.add_argument("organisation", type=int, help="The organisation's number (its id).")
        export.add_argument("--assessment", type=int, help="The assessment (default: newest).")
        export.add_argument(
            "--days",
            type=int,
            default=services.DEFAULT_DAYS,
            help=f"Days until it expires (default {services.DEFAULT_DAYS}).",
        )
        export.add_argument("-o", "--output", required=True, help="The file to write, or -.")
        read = sub.add_parser("import", help="Check and import a sharing or withdrawal file.")
        read.add_argument("path", help="The file.")
        withdraw = sub.add_parser("withdraw", help="Write a signed withdrawal of a sent file.")
        withdraw.add_argument("share_id", help="The share id `exchange export` printed.")
        withdraw.add_argument("-o", "--output", required=True, help="The file to write, or -.")

    def handle(self, *args, action, **options):
        return getattr(self, "handle_" + action)(**options)

    def handle_key(self, **options):
        self.stdout.write(public_key_text())

    def handle_trust(self, name, public_key, **options):
        try:
            sender = services.trust(name=name, public_key=public_key)
        except ValueError as error:
            raise invalid(str(error)) from None
        self.stdout.write(f"Files signed with {sender.public_key} are now believed ({sender}).")

    def handle_export(self, organisation, assessment, days, output, **options):
        found = Organisation.objects.filter(pk=organisation).first()
        if found is None:
            raise not_found(f"There is no organisation {organisation}.")
        shares = [
            s for s in own_peer_shares(found) if assessment is None or s.assessment_id == assessment
        ]
        if not shares:
            raise not_found(
                f"{found.name} has shared no assessment with the peer comparison"
                + (f" as assessment {assessment}" if assessment else "")
                + ". Share one with peers first: the file holds only what was shared."
            )
        try:
            content, body = services.share_file(shares[0], days=days)
        except ValueError as error:
            raise invalid(str(error)) from None
        self.write_bytes(output, content)
        for line in body["summary"]:
            self.progress(line)
        self.progress(f"Wrote {output} (share id {body['share_id']}).")

    def handle_import(self, path, **options):
        try:
            received = services.receive(self.read_bytes(path))
        except files.FileRefused as refused:
            raise invalid(f"Refused {path}: {refused}") from None
        if received.kind == files.WITHDRAWAL:
            self.stdout.write(
                f"Withdrawn: share {received.share_id} from {received.sender} is removed."
            )
            return
        again = " (again; the copy is replaced)" if received.again else ""
        self.stdout.write(f"Imported share {received.share_id} from {received.sender}{again}.")
        for line in received.summary:
            self.stdout.write(f"  {line}")

    def handle_withdraw(self, share_id, output, **options):
        sent = SentShare.objects.select_related("organisation").filter(share_id=share_id).first()
        if sent is None:
            raise not_found(f"This deployment sent no sharing file {share_id}.")
        self.write_bytes(output, services.withdrawal_file(sent))
        self.progress(f"Wrote {output}: send it to everyone who received the share.")
