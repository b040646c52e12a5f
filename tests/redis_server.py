"""A Redis server of the tests' own, on loopback: a pytest plugin loaded by the root conftest
(fixture ``redis_url``).

Started from Debian's ``redis-server`` package for each test that needs one (the sign-in
limits shared by several workers, the workshop's live updates across worker processes),
never the machine's own Redis, so tests cannot see each other's keys. CI installs the package
(``.ci/run``) and runs with ``SELFASSESS_REQUIRE_BROWSER=1``, under which a missing server
fails the test rather than skipping it.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time

import pytest


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def redis_url(tmp_path):
    server = shutil.which("redis-server")
    if server is None:
        message = "redis-server is not installed (apt-get install redis-server)"
        if os.environ.get("SELFASSESS_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    port = _free_port()
    process = subprocess.Popen(  # noqa: S603 - fixed arguments
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--dir", str(tmp_path)],
        stdout=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.05)
    else:
        process.terminate()
        raise RuntimeError("redis-server did not start")
    yield f"redis://127.0.0.1:{port}/0"
    process.terminate()
    process.wait(10)
