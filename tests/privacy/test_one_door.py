"""The disclosure gate is the only door: nothing else reads answers or votes for output.

Every module of the service is read as source, and any use of the models that hold answers
(``Response``, ``Vote``), their reverse relations (``.responses``, ``.votes``,
``.workshop_votes``) or lookups through them (``responses__``, ``votes__``) outside the gate
fails this test, unless the module is listed below with the reason it may. A new page, report
or command that wants a figure about answers must ask the gate.
"""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "selfassess"

ALLOWED = {
    "disclosure/gate.py": "the gate itself",
    "assessments/models.py": "defines Response",
    "workshop/models.py": "defines Vote",
    "participation/services.py": "saves a participant's own answers and reads them back to them",
    "participation/presenters.py": "shows a participant their own saved answers",
    "participation/views.py": "a participant's own answers, through participation.services",
    "participation/forms.py": "a participant's own saved answers as a form's initial values",
    "workshop/services.py": "records a phone's own vote and reads it back to that phone",
    "reports/imports.py": "writes imported answers (the gate decides whether it may)",
    "demo/generator.py": "writes the demo's answers",
    "demo/management/commands/seed_demo.py": "prints how many answers the demo wrote",
    "reports/orgdata.py": "names Response only to ask gate.transfer_responses for its rows",
}

MODEL_NAMES = {"Response", "Vote"}
RELATIONS = {"responses", "votes", "workshop_votes"}
LOOKUPS = ("responses__", "votes__", "workshop_votes__")


def _uses(tree: ast.AST) -> list[str]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("selfassess"):
            found += [f"imports {a.name}" for a in node.names if a.name in MODEL_NAMES]
        elif isinstance(node, ast.Attribute) and node.attr in RELATIONS | MODEL_NAMES:
            found.append(f".{node.attr}")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            if any(lookup in node.value for lookup in LOOKUPS):
                found.append(f"lookup {node.value!r}")
        elif isinstance(node, ast.keyword) and node.arg and node.arg.startswith(LOOKUPS):
            found.append(f"lookup {node.arg}=")
        elif isinstance(node, ast.Call) and getattr(node.func, "id", "") == "get_model":
            args = [a.value for a in node.args if isinstance(a, ast.Constant)]
            if set(args) & MODEL_NAMES:
                found.append("get_model")
    return found


def service_modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        if "/tests/" in f"/{relative}" or "/migrations/" in f"/{relative}":
            continue
        yield relative, path


def test_only_the_gate_reads_answers_or_votes():
    offenders = {}
    for relative, path in service_modules():
        if relative in ALLOWED:
            continue
        uses = _uses(ast.parse(path.read_text(), filename=str(path)))
        if uses:
            offenders[relative] = sorted(set(uses))
    assert offenders == {}, (
        "These modules read answers or votes without going through "
        "selfassess.disclosure.gate: " + repr(offenders)
    )


def test_the_check_finds_a_module_that_goes_round_the_gate():
    sneaky = (
        "from selfassess.assessments.models import Response\n"
        "def leak(a):\n"
        "    return a.participants.filter(responses__level=1).count()\n"
    )
    assert _uses(ast.parse(sneaky)) == ["imports Response", "lookup responses__level="]


def test_every_allowed_module_exists():
    existing = {relative for relative, _path in service_modules()}
    assert set(ALLOWED) <= existing
