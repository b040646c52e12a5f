from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("selfassess.core.urls")),
    path("", include("selfassess.accounts.urls")),
    path("organisations/", include("selfassess.organisations.urls")),
    path("frameworks/", include("selfassess.frameworks.urls")),
    path("", include("selfassess.assessments.urls")),
    path("", include("selfassess.participation.urls")),
    path("", include("selfassess.results.urls")),
    path("", include("selfassess.workshop.urls")),
    path("", include("selfassess.plans.urls")),
    path("", include("selfassess.cycles.urls")),
    path("", include("selfassess.reports.urls")),
    path("", include("selfassess.disclosure.urls")),
    path("", include("selfassess.systems.urls")),
    path("", include("selfassess.operations.urls")),
    path("", include("selfassess.peers.urls")),
    path("", include("selfassess.exchange.urls")),
    path("", include("selfassess.audit.urls")),
    path("operator/", admin.site.urls),
]

handler404 = "selfassess.core.views.not_found"
handler403 = "selfassess.core.views.forbidden"
handler500 = "selfassess.core.views.server_error"
