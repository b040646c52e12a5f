"""Production's gunicorn settings leave the client's address to the service's one door.

uvicorn would otherwise rewrite a request's address from X-Forwarded-For whenever it comes
from loopback, beside the service's own rule (``SELFASSESS_TRUSTED_PROXIES``, which the
per-client sign-in limits rely on); two rules that disagree are a way round the limits.
"""

import runpy
from pathlib import Path

from gunicorn.config import Config
from uvicorn.middleware.proxy_headers import _TrustedHosts

SETTINGS = Path(__file__).resolve().parents[2] / "selfassess" / "config" / "gunicorn.py"


def _config():
    values = runpy.run_path(str(SETTINGS))
    config = Config()
    for name in ("forwarded_allow_ips", "keepalive", "worker_class", "wsgi_app"):
        config.set(name, values[name])
    return config


def test_the_server_believes_no_forwarded_header_from_anyone():
    trusted = _TrustedHosts(_config().forwarded_allow_ips)
    for address in ("127.0.0.1", "::1", "10.0.0.5"):
        assert address not in trusted


def test_idle_connections_outlive_a_proxys_and_run_the_asgi_application():
    config = _config()
    assert config.keepalive > 60  # nginx keeps idle upstream connections 60 s
    assert config.worker_class_str == "uvicorn_worker.UvicornWorker"
    assert config.wsgi_app == "selfassess.config.asgi:application"
