from tests.security.conftest import world  # noqa: F401  (the same two-organisation world)
