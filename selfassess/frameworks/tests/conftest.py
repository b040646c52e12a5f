"""Prints the shipped frameworks' reading load at the end of a test run (`make test`)."""

REPORTS: list[str] = []


def pytest_terminal_summary(terminalreporter):
    if REPORTS:
        terminalreporter.section("participant reading load")
        for line in REPORTS:
            terminalreporter.write_line(line)
