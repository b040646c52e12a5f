"""Does a measure of success measure anything?

A measure is there so that, on the due date, someone can look and say whether the action
worked. That needs at least one of:

* a quantity: a number, a percentage or a number word ("40 ward managers trained",
  "80% of wards", "two coaches appointed"), once dates have been taken out ("by 31 March" is
  when, not how much);
* a threshold against a reference point ("above the national median", "below last year's");
* a change anyone could see, said of everyone it applies to ("every ward shows its run chart
  on the huddle board").

Two ways to fail, told apart because the fix differs:

* **vague**: nothing to count or see ("a real difference is made", "stakeholders engaged",
  "improved culture");
* **output only**: it counts only that something was produced or happened ("report
  published", "3 workshops held", "strategy agreed"), where the plan needs the change it was
  for. Counting people reached ("40 ward managers trained") is not output only: it says who
  changed.
"""

import re

from .wording import words

MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
DATES = re.compile(
    r"\b\d{1,2}(?:st|nd|rd|th)? " + MONTHS + r"\b(?: \d{4})?"
    r"|\b" + MONTHS + r" \d{1,2}(?:st|nd|rd|th)?\b(?:,? \d{4})?"
    r"|\b" + MONTHS + r" \d{4}\b"
    r"|\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b"
    r"|\b(?:19|20)\d{2}(?:/\d{2,4})?\b"
    r"|\bq[1-4]\b|\bquarter [1-4]\b|\b(?:year|phase|wave|cycle|band|level|stage|step) \d\b"
    r"|\b\d{1,2}(?::\d{2})? ?(?:am|pm)\b"
    r"|\b(?:each|every|per|a|an|the|this|next|last|that) (?:day|week|fortnight|month|quarter|"
    r"year|term|meeting)s?\b"
)
NUMBER_WORDS = frozenset(
    """
    one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty
    fifty sixty seventy eighty ninety hundred thousand half halve halved halves third quarter
    double doubled doubles twice treble triple tripled zero none
    """.split()  # noqa: SIM905
)
UNIVERSAL = frozenset({"all", "every", "each", "no", "none", "zero", "everyone", "nobody"})
NUMBER = re.compile(r"\d+(?:[.,]\d+)?")

# Things a plan produces or events it holds: counting them counts activity, not change.
ARTEFACTS = frozenset(
    """
    report reports plan plans strategy strategies meeting meetings workshop workshops session
    sessions event events framework frameworks policy policies document documents paper papers
    proposal proposals newsletter newsletters toolkit toolkits website websites webpage page
    pages dashboard dashboards roadshow roadshows launch launches conference conferences
    campaign campaigns briefing briefings presentation presentations email emails leaflet
    leaflets poster posters video videos podcast podcasts blog blogs article articles
    communication communications update updates bulletin bulletins forum forums group groups
    discussion discussions conversation conversations agenda agendas minutes charter
    charters pathway pathways guidance guide guides template templates recommendation
    recommendations option options review reviews audit audits survey surveys away-day
    seminar seminars webinar webinars lecture lectures masterclass masterclasses
    away-days board boards committee committees action actions step steps priority priorities
    objective objectives milestone milestones terms
    """.split()  # noqa: SIM905
)
PEOPLE = frozenset(
    """
    member members manager managers staff nurse nurses patient patients doctor doctors
    consultant consultants leader leaders director directors partner partners executive
    executives colleague colleagues clinician clinicians people person carer carers student
    students trainee trainees volunteer volunteers fellow fellows coach coaches pharmacist
    pharmacists midwife midwives therapist therapists governor governors
    """.split()  # noqa: SIM905
)
# Places and teams where a change can be seen: counting them counts reach.
UNITS = frozenset(
    """
    team teams ward wards unit units practice practices service services department
    departments division divisions site sites clinic clinics project projects theatre theatres
    organisation organisations trust trusts school schools home homes bed beds list lists
    """.split()  # noqa: SIM905
)
OUTPUT_VERBS = frozenset(
    """
    launched held published agreed discussed developed adopted approved produced completed
    delivered implemented established created written drafted circulated shared issued
    finalised signed presented distributed submitted considered noted undertaken ran
    organised arranged hosted convened attended sent set-up rolled drafted updated refreshed
    revised reviewed received endorsed ratified commissioned procured designed prepared
    compiled collated done started begun initiated formed scheduled planned booked taken
    took happened occurred
    """.split()  # noqa: SIM905
)
OUTPUT_PHRASES = re.compile(
    r"\b(?:in place|up and running|rolled out|signed off|set up|carried out|goes live|gone "
    r"live|went live|is live|are live|took place|takes place|taken place)\b"
)
# States nobody can see from outside: saying everyone is "engaged" shows nothing.
VAGUE_STATES = frozenset(
    """
    engaged aware involved informed empowered supported valued consulted understood embedded
    improved enhanced strengthened better happier confident motivated inspired included
    heard enabled energised committed passionate aligned bought-in on-board benefited
    benefitted transformed
    """.split()  # noqa: SIM905
)
THRESHOLD = re.compile(
    r"\b(?:above|below|under|over|higher than|lower than|better than|at or above|at or below|"
    r"in line with|matches|equal to|within)\b(?: \w+){0,4} (?:the )?"
    r"(?:national|regional|peer|median|average|mean|benchmark|baseline|target|standard|"
    r"last year'?s?|previous|upper quartile|top quartile)\b"
)
PLACEHOLDERS = re.compile(
    r"^\s*(?:done|complete[d]?|yes|y|tbc|tbd|n/?a|none|see above|as above|see title|"
    r"to be (?:agreed|confirmed|decided)|ongoing|achieved|success|delivered|on track|"
    r"\W*)\s*\.?\s*$"
)
VAGUE, OUTPUT_ONLY = "vague", "output-only"


def without_dates(text: str) -> str:
    return DATES.sub(" ", text.lower())


def _quantities(tokens: list[str]) -> list[tuple[int, str]]:
    """Positions and spellings of every quantity among the tokens."""
    return [
        (i, t) for i, t in enumerate(tokens) if NUMBER.fullmatch(t) or t in NUMBER_WORDS or t == "%"
    ]


def _counts_only_artefacts(tokens: list[str], position: int) -> bool:
    """Whether the quantity at ``position`` counts artefacts or events ("3 workshops"), not
    people ("every board member")."""
    following = tokens[position + 1 : position + 5]
    for index, token in enumerate(following):
        if token in PEOPLE or token in UNITS:
            return False
        if token in ARTEFACTS and index + 1 < len(following) and following[index + 1] in PEOPLE:
            return False  # "every board member"
        if token in ARTEFACTS or token in OUTPUT_VERBS:  # "3 seminars have taken place"
            return True
        if NUMBER.fullmatch(token) or token in {"of", "per", "%", "in", "out", "to", "from"}:
            return False
    return False


def _tokens(text: str) -> list[str]:
    return re.findall(r"\d+(?:[.,]\d+)?|%|[a-z]+(?:[-'][a-z]+)*", text)


def assess(measure: str) -> str | None:
    """None when the measure can be checked, else VAGUE or OUTPUT_ONLY."""
    text = without_dates(measure)
    if PLACEHOLDERS.match(re.sub(r"\b(?:by|before|in|on|at|the|end|of)\b", " ", text)):
        return VAGUE
    text = re.sub(r"\bper ?cent\b", "%", text)
    tokens = _tokens(text)
    quantities = _quantities(tokens)
    outputs = bool(OUTPUT_PHRASES.search(text)) or any(t in OUTPUT_VERBS for t in tokens)
    counted = [i for i, _ in quantities if not _counts_only_artefacts(tokens, i)]
    if counted or THRESHOLD.search(text):
        return None
    if quantities:  # every quantity counts artefacts or events
        return OUTPUT_ONLY
    universal = [i for i, t in enumerate(tokens) if t in UNIVERSAL]
    vague_state = any(t in VAGUE_STATES for t in words(text))
    # "Every ward shows its chart" is a change anyone can check; "toolkit rolled out to all
    # divisions" says only that something was handed out.
    reach = any(not _counts_only_artefacts(tokens, i) for i in universal)
    if reach and not vague_state and not outputs:
        return None
    return OUTPUT_ONLY if outputs else VAGUE


CHANGE = re.compile(
    r"\b(?:from \S+ to|(?:rise|rises|rose|risen|fall|falls|fell|fallen|drop|drops|dropped|"
    r"reduce|reduces|reduced|cut|cuts|increase|increases|increased|decrease|decreases|"
    r"decreased|grow|grows|grew|shorten|shortens|shortened|improve|improves|improved|"
    r"halve|halves|halved|double|doubles|doubled)\b|\bfewer\b|\bdown to\b|\bup from\b|"
    r"\bshows? (?:progress|a shift|a sustained)\b)"
)


def shows_change(measure: str) -> bool:
    """Whether the measure names a change in something counted, not only an activity.

    A workshop or a meeting is a fine means when the measure says what it will change:
    "cut the steps in discharge from 14 to 8", "at least 30 wards chart falls weekly".
    """
    if assess(measure) is not None:
        return False
    text = re.sub(r"\bper ?cent\b", "%", without_dates(measure))
    return "%" in text or bool(CHANGE.search(text)) or bool(THRESHOLD.search(text))
