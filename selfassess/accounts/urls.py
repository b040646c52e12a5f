from django.urls import path

from . import sso_views, two_factor_views, views

app_name = "accounts"
urlpatterns = [
    path("sign-in/", views.sign_in, name="sign_in"),
    path("sign-in/email-link/", views.request_link, name="request_link"),
    path("sign-in/check-your-email/", views.check_email, name="check_email"),
    path("sign-in/link/<str:token>/", views.sign_in_link, name="sign_in_link"),
    path("sign-in/code/", two_factor_views.code, name="two_factor"),
    path("sign-in/sso/<slug:key>/start/", sso_views.start, name="sso_start"),
    path("sign-in/sso/<slug:key>/callback/", sso_views.callback, name="sso_callback"),
    path("sign-in/sso/cis2/jwks.json", sso_views.cis2_jwks, name="cis2_jwks"),
    path("sign-out/", views.sign_out, name="sign_out"),
    path("account/two-factor/", two_factor_views.settings_page, name="two_factor_settings"),
    path("account/two-factor/set-up/", two_factor_views.setup, name="two_factor_setup"),
    path(
        "account/two-factor/recovery-codes/",
        two_factor_views.new_recovery_codes,
        name="two_factor_recovery_codes",
    ),
    path("account/two-factor/turn-off/", two_factor_views.turn_off, name="two_factor_turn_off"),
    path(
        "organisations/<int:pk>/sign-in-settings/",
        two_factor_views.organisation_policy,
        name="organisation_policy",
    ),
]
