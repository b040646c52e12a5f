from django.urls import path

from . import import_views, org_views, views

app_name = "reports"
urlpatterns = [
    path("assessments/<int:pk>/report/", views.board, name="board"),
    path("assessments/<int:pk>/report/pdf/", views.pdf, name="pdf"),
    path("assessments/<int:pk>/report/settings/", views.report_settings, name="settings"),
    path("assessments/<int:pk>/data/", views.downloads, name="downloads"),
    path("assessments/<int:pk>/data/workbook/", views.xlsx, name="xlsx"),
    path("assessments/<int:pk>/data/tables/", views.json_tables, name="json"),
    path("assessments/<int:pk>/data/<str:table>/csv/", views.csv_table, name="csv"),
    path("assessments/<int:pk>/import/", import_views.upload, name="import"),
    path("assessments/<int:pk>/import/columns/", import_views.columns, name="import_columns"),
    path("assessments/<int:pk>/import/answers/", import_views.answers, name="import_answers"),
    path("assessments/<int:pk>/import/check/", import_views.check, name="import_check"),
    path(
        "assessments/<int:pk>/import/<int:batch_pk>/undo/",
        import_views.undo,
        name="import_undo",
    ),
    path("assessments/<int:pk>/delete/", org_views.delete_assessment, name="delete_assessment"),
    path("organisations/<int:pk>/data/", org_views.organisation_data, name="organisation_data"),
    path(
        "organisations/<int:pk>/data/export/",
        org_views.organisation_export,
        name="organisation_export",
    ),
]
