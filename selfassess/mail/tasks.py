"""The background task that sends the outbox, run by the database worker (`db_worker`)."""

from django_tasks import task

from . import door


@task()
def deliver(ids: list[int]) -> dict:
    """Send a batch of outbox rows over one connection (see `door.deliver`)."""
    return door.deliver(ids)
