"""Make the database cache's table, so the shared sign-in rate limits work after `migrate`
with no extra command (Django's `createcachetable` does the work; it skips tables that exist
and does nothing when the cache is Redis)."""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_sign_in_links_sso_and_policy")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
