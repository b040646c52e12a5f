"""People who sign in: facilitators, viewers and admins. Participants never need an account."""

import rules
from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.utils import timezone


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **extra):
        if not email:
            raise ValueError("A user needs an email address.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """Signs in with an email address, the one identifier NHS staff always have."""

    email = models.EmailField(unique=True)
    full_name = models.CharField(max_length=200, blank=True)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False, help_text="Can use the operator's admin site.")
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        ordering = ["email"]

    def __str__(self):
        return self.full_name or self.email

    def has_perm(self, perm, obj=None):
        """Organisation permissions come from membership alone, never from operator status.

        Django answers yes to every permission for an active superuser. That is right for the
        operator's admin site, but an organisation's data belongs to its members: the operator
        must not read or change it by being the operator. So a permission the service's own
        rules define is decided by those rules, for superusers too.
        """
        if rules.perm_exists(perm):
            return self.is_active and rules.has_perm(perm, self, obj)
        return super().has_perm(perm, obj)

    def get_full_name(self):
        return self.full_name or self.email

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email


class SignInLink(models.Model):
    """A one-time sign-in link, kept only as a hash of its secret.

    Opening the link shows a page with a "Sign in" button; only pressing it (a POST) spends
    the link, so the link scanners mail systems run cannot use it up. It works once, until
    `expires_at`.
    """

    class Purpose(models.TextChoices):
        REQUESTED = "requested", "Asked for on the sign-in page"
        ADDED = "added", "Sent when an admin added the person"
        RESENT = "resent", "Sent again by an admin"
        COMMAND = "command", "Printed by the command line"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sign_in_links"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    purpose = models.CharField(max_length=16, choices=Purpose.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["user", "expires_at"])]

    def __str__(self):
        return f"{self.get_purpose_display()} for {self.user} until {self.expires_at:%H:%M}"


class SingleSignOnIdentity(models.Model):
    """Which account an identity at an identity provider signs in to.

    Made the first time a person signs in with single sign-on, by matching the verified work
    address the provider gives to the address an admin added. After that the provider's
    stable subject identifier is used, so a changed address does not lose the account.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sso_identities"
    )
    provider = models.CharField(max_length=64)
    issuer = models.CharField(max_length=500)
    subject = models.CharField(max_length=255)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["issuer", "subject"], name="one_account_per_identity")
        ]

    def __str__(self):
        return f"{self.provider} identity of {self.user}"


class OrganisationSignInPolicy(models.Model):
    """How an organisation's members must sign in, as its admin chose.

    Kept in accounts (beside the rules that apply it) rather than on the organisation, so the
    sign-in rules live in one app.
    """

    organisation = models.OneToOneField(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="sign_in_policy"
    )
    require_two_factor = models.BooleanField(
        default=False,
        help_text="Members must use a second factor when they sign in with a password or link.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"Sign-in policy of {self.organisation}"
