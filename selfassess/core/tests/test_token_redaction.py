"""Personal-link and sign-in tokens never reach a log: gunicorn's access log, runserver's
request lines or Django's request warnings."""

import datetime
import logging
import types

from gunicorn.config import Config

from selfassess.config import gunicorn as gunicorn_settings
from selfassess.core.redaction import redact

TOKEN = "Zq9vR2mXc4LkTt8pW1bN"
PATHS = [
    f"/take-part/{TOKEN}/",
    f"/workshop/take-part/{TOKEN}/",
    f"/sign-in/link/{TOKEN}/",
]


def test_redact_takes_out_each_kind_of_token_and_leaves_other_paths():
    for path in PATHS:
        assert TOKEN not in redact(f"GET {path}?x=1 HTTP/1.1")
        assert "[redacted]" in redact(path)
    assert redact("/assessments/4/results/") == "/assessments/4/results/"


def _gunicorn_access_line(tmp_path, path, referer):
    config = Config()
    config.set("accesslog", str(tmp_path / "access.log"))
    config.set("access_log_format", gunicorn_settings.access_log_format)
    logger = gunicorn_settings.logger_class(config)
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": path,
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "192.0.2.1",
        "HTTP_REFERER": referer,
        "HTTP_USER_AGENT": "test",
    }
    response = types.SimpleNamespace(status="302 Found", sent=0, headers=[("Location", path)])
    request = types.SimpleNamespace(headers=[("REFERER", referer)])
    logger.access(response, request, environ, datetime.timedelta(seconds=0))
    for handler in logger.access_log.handlers:
        handler.flush()
    return (tmp_path / "access.log").read_text()


def test_gunicorns_access_log_redacts_the_path_and_the_referer(tmp_path):
    assert gunicorn_settings.logger_class.__name__ == "RedactingLogger"
    for path in PATHS:
        line = _gunicorn_access_line(tmp_path, path, f"https://service.example{path}")
        assert "192.0.2.1" in line and "[redacted]" in line
        assert TOKEN not in line


def _record(name, msg, args, level=logging.INFO):
    record = logging.LogRecord(name, level, __file__, 1, msg, args, None)
    record.server_time = "02/Dec/2026 12:00:00"
    record.status_code = 302
    return record


def _written(logger_name, msg, args, level=logging.INFO):
    """What every handler a record from `logger_name` reaches would write."""
    logger = logging.getLogger(logger_name)
    lines = []
    while logger is not None:
        for handler in logger.handlers:
            if type(handler).__module__.startswith("_pytest"):
                continue  # pytest's own capture, not the service's logging
            record = _record(logger_name, msg, args, level)
            if handler.filter(record) and record.levelno >= handler.level:
                lines.append(handler.format(record))
        logger = logger.parent if logger.propagate else None
    return lines


def test_runservers_request_lines_are_redacted(settings):
    for path in PATHS:
        lines = _written("django.server", '"%s" %s %s', (f"GET {path} HTTP/1.1", "302", "0"))
        assert lines, "runserver's request lines go nowhere"
        assert all(TOKEN not in line for line in lines)


def test_djangos_request_warnings_are_redacted():
    for path in PATHS:
        lines = _written("django.request", "%s: %s", ("Not Found", path), logging.WARNING)
        assert lines
        assert all(TOKEN not in line for line in lines)


def test_uvicorns_access_lines_are_redacted_whatever_handlers_it_is_given():
    """uvicorn (`make run`, and gunicorn's uvicorn workers in production) logs each request's
    path; the ASGI application puts the filter on its access logger itself."""
    from selfassess.config import asgi

    logger = logging.getLogger("uvicorn.access")
    for _ in range(2):  # importing the application put it there; a second call adds none
        assert sum(type(each).__name__ == "RedactTokensFilter" for each in logger.filters) == 1
        asgi.redact_access_log()
    for path in PATHS:
        record = logger.makeRecord(
            "uvicorn.access",
            logging.INFO,
            __file__,
            1,
            '%s - "%s %s HTTP/%s" %d',
            ("192.0.2.1:5000", "GET", path + "?next=1", "1.1", 302),
            None,
        )
        assert logger.filter(record)
        line = record.getMessage()
        assert "192.0.2.1" in line and "[redacted]" in line and " 302" in line
        assert TOKEN not in line
