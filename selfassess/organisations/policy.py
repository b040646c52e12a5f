"""Who may set up an organisation, which is also who may send invitations from this
service's own address: the operator's choice, in SELFASSESS_ORGANISATION_SIGN_UP.

- "open": anyone signed in;
- "domains": people whose email address is at one of SELFASSESS_ORGANISATION_SIGN_UP_DOMAINS
  (a domain includes its subdomains, so "nhs.uk" lets in "name@trust.nhs.uk");
- "approval": anyone, but the new organisation sends no email until the operator approves
  it (the admin's "Approve" action, or `selfassess approve_organisation`).

A setting with any other value is treated as "approval", the safe choice.
"""

from django.conf import settings

OPEN, DOMAINS, APPROVAL = "open", "domains", "approval"


def mode() -> str:
    value = (getattr(settings, "SELFASSESS_ORGANISATION_SIGN_UP", OPEN) or OPEN).strip().lower()
    return value if value in (OPEN, DOMAINS, APPROVAL) else APPROVAL


def allowed_domains() -> list[str]:
    return [
        d.strip().lower().lstrip("@.")
        for d in getattr(settings, "SELFASSESS_ORGANISATION_SIGN_UP_DOMAINS", [])
        if d.strip()
    ]


def _domain_allowed(email: str) -> bool:
    domain = email.rsplit("@", 1)[-1].strip().lower()
    return any(domain == d or domain.endswith("." + d) for d in allowed_domains())


def refusal(user) -> str | None:
    """Why `user` may not set up an organisation, or None if they may."""
    if mode() != DOMAINS or _domain_allowed(user.email or ""):
        return None
    domains = allowed_domains()
    if not domains:
        return (
            "This service does not let anyone set up a new organisation. Ask an admin of your "
            "organisation to add you, or ask the service's operator."
        )
    listed = ", ".join(domains)
    return (
        f"On this service, only people with an email address at {listed} can set up an "
        "organisation. Ask an admin of your organisation to add you instead, or ask the "
        "service's operator."
    )


def needs_approval() -> bool:
    return mode() == APPROVAL


def approve(organisations) -> int:
    """Let the organisations send email; returns how many were waiting."""
    return organisations.filter(awaiting_approval=True).update(awaiting_approval=False)
