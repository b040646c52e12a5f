"""Which requests the event loop serves: the workshop's streams (``async def`` views) and
nothing else; every page goes to Django's WSGI handler in a thread (``selfassess.config.asgi``)."""

from asgiref.sync import iscoroutinefunction
from django.urls import reverse

from selfassess.config import asgi
from tests.security.routes import all_routes


def test_only_the_async_views_are_served_on_the_loop():
    on_the_loop = sorted(r.name for r in all_routes() if iscoroutinefunction(r.callback))
    assert on_the_loop == ["workshop:presenter_stream", "workshop:vote_stream"]
    assert asgi.served_on_the_loop(reverse("workshop:vote_stream"))
    assert asgi.served_on_the_loop(reverse("workshop:presenter_stream", args=[7]))
    for path in (
        reverse("workshop:vote"),
        reverse("workshop:vote_live"),
        reverse("workshop:control", args=[7]),
        "/",
        "/no/such/page/",
        "/workshop/take-part/not-a-real-token/",
    ):
        assert not asgi.served_on_the_loop(path), path
