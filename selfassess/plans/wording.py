"""Word lists and patterns the plan checker reads an action's wording with.

Each detector returns what it found, so a finding can quote the words back to the reader: a
flag nobody can see the reason for is one nobody trusts. Lists are kept here, apart from the
checks, so anyone can read exactly what counts as a grand word, a hedge or jargon, and add to
them without touching the logic. They are our own lists, written from plans that failed:

* grand words: adjectives that promise impact without describing any, single ("world-class")
  or compound ("high-impact", "very latest", "industry-leading");
* vague promises: "aim to", "commit to", "in the future", which put the doing off;
* hedges: deliverables that are only drafts, options or possibilities ("draft proposals",
  "potential recommendations") and timing that commits to nothing ("at some point");
* jargon: management clichés ("deep dive", "low-hanging fruit") and abbreviations that neither
  the action nor the framework's glossary defines;
* process that only leads to more process: meetings or workshops whose stated end is to
  identify, discuss, scope or agree next steps;
* outside dependence: actions whose doing is asking, waiting for or depending on another body.

No language library is used: the patterns are few, English plans are short, and a word list
explains itself. (A tagger would need a model downloaded at run time, which a self-hosted NHS
service cannot rely on.)
"""

import re
from collections.abc import Iterable

WORD = re.compile(r"[a-z]+(?:[-'][a-z]+)*")


def words(text: str) -> list[str]:
    return WORD.findall(text.lower())


def _found(patterns: Iterable[tuple[str, re.Pattern]], text: str) -> list[str]:
    lowered = text.lower()
    return [name for name, pattern in patterns if pattern.search(lowered)]


def _compile(pairs):
    return tuple((name, re.compile(pattern)) for name, pattern in pairs)


# -- grand words --------------------------------------------------------------------------

GRAND_WORDS = frozenset(
    """
    world-class world-leading world-beating transformational transformative outstanding
    excellence best-in-class cutting-edge leading-edge game-changing game-changer revolutionary
    exceptional unparalleled unrivalled first-class first-rate pioneering ground-breaking
    groundbreaking seamless gold-standard state-of-the-art high-impact high-performing
    top-quality top-notch next-generation future-proof future-proofed exemplary
    unprecedented trailblazing visionary flagship inspirational
    """.split()  # noqa: SIM905
)
# Compounds written with a space as often as a hyphen, and the intensifier forms.
GRAND_PATTERNS = _compile(
    [
        ("“very latest”, “very best”", r"\bvery (?:latest|best|highest|finest|newest)\b"),
        (
            "“-leading” or “-class”",
            r"\b(?:world|industry|sector|market|nationally|globally)"
            r"[- ](?:leading|class|beating|renowned)\b",
        ),
        (
            "“truly”, “radically”",
            r"\b(?:truly|radically|genuinely|fundamentally) "
            r"(?:transform\w*|exceptional|excellent|outstanding|different|integrated|innovative)\b",
        ),
        ("“best possible”", r"\bbest[- ]possible\b"),
        (
            "“top-class”, “far-reaching”",
            r"\b(?:top|first|world|best|award|far|wide|all|high|ultra|super)-"
            r"(?:class|rate|winning|reaching|ranging|encompassing|impact|calibre|flight|tier|"
            r"notch|quality|performing|modern|efficient|effective)\b",
        ),
        ("“high quality”", r"\bhigh[- ]quality\b"),
        ("“step change”", r"\bstep[- ]change\b"),
        (
            "“a real difference”",
            r"\b(?:real|significant|major|huge|massive|dramatic|lasting|"
            r"meaningful|tangible) (?:difference|impact|change|shift|improvements?)\b",
        ),
    ]
)


def _spelled_alike(text: str) -> str:
    """Hyphens and spaces read alike: "world class" is "world-class"."""
    return re.sub(
        r"(?<=[a-z])[ ](?=(?:class|leading|edge|impact|performing|quality|notch|"
        r"generation|proof|standard|rate|breaking|changing|changer|beating)\b)",
        "-",
        text.lower(),
    )


def grand_words_in(text: str) -> list[str]:
    joined = text.lower().replace("state of the art", "state-of-the-art")
    joined = _spelled_alike(joined.replace("best in class", "best-in-class"))
    found = sorted({w for w in words(joined) if w in GRAND_WORDS})
    lowered = text.lower()
    for _name, pattern in GRAND_PATTERNS:
        found += [m.group(0) for m in pattern.finditer(lowered)]
    return list(dict.fromkeys(found))


# -- vague promises and hedges ------------------------------------------------------------

VAGUE_PHRASES = _compile(
    [
        ("aim to", r"\baim(?:s|ing)? to\b"),
        ("endeavour", r"\bendeavou?r(?:s|ing)?\b"),
        ("strive", r"\bstriv(?:e|es|ing)\b"),
        ("seek to", r"\bseek(?:s|ing)? to\b"),
        ("look to", r"\blook(?:s|ing)? to\b"),
        ("hope to", r"\bhop(?:e|es|ing) to\b"),
        ("commit to", r"\bcommit(?:s|ted|ting)? to\b"),
        ("in the future", r"\bin (?:the )?(?:near |longer )?future\b"),
        ("going forward", r"\bgoing forward\b"),
        ("where possible", r"\bwhere(?:ver)? (?:possible|practicable|feasible)\b"),
        ("as appropriate", r"\bas (?:appropriate|required|needed)\b"),
        ("continue to", r"\bcontinu(?:e|es|ing) to\b"),
        ("work towards", r"\bwork(?:s|ing)? towards?\b"),
        ("raise awareness", r"\b(?:rais|increas)(?:e|es|ed|ing) awareness\b"),
        ("ensure", r"^\s*ensur(?:e|es|ing)\b"),
    ]
)

_DELIVERABLES = (
    r"(?:recommendations?|solutions?|options?|improvements?|actions?|changes?|ideas?|"
    r"partnerships?|projects?|funding|opportunit(?:y|ies)|approach(?:es)?|areas?|savings|"
    r"benefits?|interventions?|next steps|ways|plans?|proposals?|dates?|rotas?|models?|"
    r"schemes?|services?|pathways?|structures?|roles?|posts?|courses?|programmes?)\b"
)
HEDGES = _compile(
    [
        (
            "draft",
            r"\bdraft(?:ed|ing|s)? (?:\w+ )?(?:proposals?|options?|recommendations?|"
            r"ideas?|plans?|strategy|strategies|framework|thoughts|principles|version)\b",
        ),
        ("a draft", r"\b(?:a|the|initial|first) draft\b"),
        # Only where the deliverable itself is potential: "potential harm" is a clinical term.
        (
            "potential",
            r"\bpotentially\b|\b(?:potential|possible) "
            r"(?:new |alternative |future |joint |additional |further |other )?" + _DELIVERABLES,
        ),
        ("possibly", r"\bpossib(?:ly|ility|ilities)\b"),
        (
            "options",
            r"\b(?:explore|consider|scope|look at|look into|review|identify|develop|"
            r"set out|appraise)(?:s|d|ed|ing)? (?:the |some |a range of |a set of )?"
            r"(?:options|possibilities|opportunities|ways)\b",
        ),
        (
            "explore",
            r"\b(?:explor(?:e|es|ed|ing)|consider(?:s|ed|ing)?|scop(?:e|es|ed|ing)|"
            r"think(?:s|ing)? about|look(?:s|ed|ing)? at) (?:whether|how|if|the "
            r"feasibility|ways)\b",
        ),
        ("feasibility", r"\bfeasibility\b"),
        ("at some point", r"\bat some (?:point|stage|time)\b"),
        ("in due course", r"\bin due course\b"),
        (
            "when time allows",
            r"\b(?:when|as|if) (?:time|capacity|resources?|budget|funding) "
            r"(?:allows?|permits?|is available|becomes? available)\b",
        ),
        ("as and when", r"\bas and when\b"),
        (
            "eventually",
            r"\b(?:eventually|over time|in time|sooner or later|later in the year|"
            r"at a later date|when ready)\b",
        ),
        ("as soon as possible", r"\b(?:asap|as soon as (?:possible|practicable))\b"),
        ("if possible", r"\bif (?:possible|feasible|practicable)\b"),
        ("may or might", r"\b(?:may|might|could) (?:be|help|lead|include|consider|look|want)\b"),
        (
            "initial",
            r"\b(?:initial|preliminary|tentative|outline) (?:thoughts|ideas|proposals?|"
            r"plans?|options|recommendations?|findings|scoping)\b",
        ),
        ("in principle", r"\bin principle\b"),
        ("ideally", r"\b(?:ideally|hopefully|perhaps|maybe)\b"),
    ]
)


def vague_phrases_in(text: str) -> list[str]:
    return _found(VAGUE_PHRASES, text)


def hedges_in(text: str) -> list[str]:
    return _found(HEDGES, text)


# -- buzzwords and jargon -----------------------------------------------------------------

BUZZWORDS = frozenset(
    """
    synergy synergies leverage leveraging empower empowering empowerment paradigm holistic
    innovative innovation transformation transformational journey ecosystem agile dynamic
    stakeholder stakeholders engagement alignment aligned embed embedding step-change
    value-added co-production system-wide whole-system joined-up drive driving optimise
    optimising streamline streamlining excellence world-class vision enablers enabler
    deliverables outcomes-focused person-centred sustainable sustainability robust
    impactful collaborative integrated cross-cutting strategic ambition ambitious
    """.split()  # noqa: SIM905
)
BUZZ_PHRASES = ("best practice", "culture change", "lessons learned", "key priorities")
BUZZWORD_LIMIT = 3

JARGON_PHRASES = _compile(
    [
        (phrase, r"\b" + phrase.replace(" ", r"[- ]") + r"\b")
        for phrase in (
            "deep dive",
            "deep-dive",
            "low hanging fruit",
            "quick wins?",
            "move the needle",
            "touch base",
            "circle back",
            "bandwidth",
            "helicopter view",
            "blue sky",
            "thought leadership",
            "north star",
            "paradigm shift",
            "boil the ocean",
            "drill down",
            "learnings",
            "golden thread",
            "hearts and minds",
            "lean in",
            "value proposition",
            "win win",
            "direction of travel",
            "on the same page",
            "reach out",
            "double down",
            "level up",
            "unlock",
            "unleash",
            "harness",
            "galvani[sz]e",
            "spearhead",
            "turbocharge",
            "supercharge",
            "game changer",
            "joined up thinking",
            "think outside the box",
            "going the extra mile",
            "wrap around",
            "heavy lifting",
            "pain points",
            "moving parts",
            "buy in",
            "hit the ground running",
            "actionable insights?",
            "mobilis(?:e|ation)",
            "operationalis(?:e|ation)",
            "socialis(?:e|ation)",
            "ideat(?:e|ion)",
        )
    ]
)

# Abbreviations people outside the NHS also know; everything else must be spelled out once.
KNOWN_ABBREVIATIONS = frozenset(
    "NHS UK GP GPS A&E CEO HR IT ID PDF OK TV AM PM COVID COVID-19 MP".split()  # noqa: SIM905
)
ABBREVIATION = re.compile(r"(?<![\w&])[A-Za-z][A-Za-z0-9&-]*[A-Za-z0-9](?![\w&])")
DEFINED = re.compile(r"\(([A-Z][A-Za-z0-9&]+)s?\)|\b([A-Z][A-Z0-9&]+)s? \(")


def buzzwords_in(text: str) -> list[str]:
    """The different buzzwords in the text, in the order they first appear."""
    lowered = text.lower()
    found = [w for w in words(lowered) if w in BUZZWORDS]
    found += [p for p in BUZZ_PHRASES if p in lowered]
    return list(dict.fromkeys(found))


def jargon_in(text: str) -> list[str]:
    lowered = text.lower()
    return [m.group(0) for _name, pattern in JARGON_PHRASES for m in pattern.finditer(lowered)]


def _is_abbreviation(token: str) -> bool:
    letters = [c for c in token if c.isalpha()]
    capitals = sum(c.isupper() for c in letters)
    return capitals >= 2 and capitals * 2 >= len(letters) and not token.isdigit()


def _normal(token: str) -> str:
    token = token.upper()
    return token[:-1] if token.endswith("S") and len(token) > 2 else token


def defined_in(text: str) -> set[str]:
    """Abbreviations the text itself spells out: "statistical process control (SPC)"."""
    return {_normal(a or b) for a, b in DEFINED.findall(text)}


def initials(term: str) -> str:
    """What a glossary term abbreviates to: "Quality improvement" defines "QI"."""
    spelled = words(term.split("(")[0])
    return "".join(w[0] for w in spelled).upper() if len(spelled) > 1 else ""


def undefined_abbreviations(text: str, glossary: Iterable[str] = ()) -> list[str]:
    """Abbreviations in the text that neither it nor the glossary defines.

    ``glossary`` is the framework's glossary terms, such as "Integrated care board (ICB)":
    a term that is itself an abbreviation, or names one in brackets, defines it.
    A text written wholly in capitals is shouting, not abbreviating, and is left alone.
    """
    letters = [c for c in text if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) > 0.6 * len(letters):
        return []
    known = {_normal(k) for k in KNOWN_ABBREVIATIONS} | defined_in(text)
    for term in glossary:
        known |= defined_in(term) | {initials(term)}
        known |= {_normal(t) for t in ABBREVIATION.findall(term) if _is_abbreviation(t)}
    found = []
    for token in ABBREVIATION.findall(text):
        if _is_abbreviation(token) and _normal(token) not in known:
            found.append(token)
    return list(dict.fromkeys(found))


# -- process that leads only to more process ----------------------------------------------

_ISSUES = (
    r"(?:issues|themes|priorities|barriers|opportunities|gaps|areas|challenges|problems|"
    r"concerns|solutions|ideas|next steps|actions|options|the way forward|a way forward|"
    r"improvements|learning|risks|requirements|needs)"
)
PROCESS_ENDS = _compile(
    [
        (
            "identify issues",
            r"\b(?:identif(?:y|ies|ied|ying)|understand(?:s|ing)?|surfac(?:e|es|ed|ing)|"
            r"uncover(?:s|ed|ing)?|find(?:ing)? out|explor(?:e|es|ed|ing)|discuss(?:es|ed|ing)?|"
            r"captur(?:e|es|ed|ing)|gather(?:s|ed|ing)?|list(?:s|ed|ing)?|highlight(?:s|ed|ing)?) "
            r"(?:\w+ ){0,2}" + _ISSUES + r"\b",
        ),
        (
            "agree next steps",
            r"\b(?:agree|agreed|agreeing|decide|decided|determine|plan|"
            r"confirm|discuss|map out|set out|outline|capture|record)(?:d|s)? (?:on )?"
            r"(?:the |our |any |possible |some |joint |shared )?(?:next steps|way forward|"
            r"actions?|further actions?|follow[- ]up actions?|an approach|the approach|"
            r"priorities|an action plan|a plan)\b",
        ),
        ("next steps", r"\bnext steps\b"),
        ("way forward", r"\b(?:a|the) way forward\b"),
        ("take forward", r"\btak(?:e|es|en|ing) (?:this|it|these|them|things|work) forward\b"),
        (
            "discuss",
            r"\b(?:to|and|then) (?:discuss|consider|reflect on|talk about|think about|"
            r"look at|explore|scope)\b",
        ),
        (
            "share views",
            r"\b(?:share|gather|collect|capture|hear|seek)(?:s|d|ed|ing)? "
            r"(?:\w+ )?(?:views|thoughts|ideas|opinions|perspectives)\b",
        ),
        (
            "further meetings",
            r"\bfurther (?:meetings?|discussions?|workshops?|sessions?|work|"
            r"conversations?)\b",
        ),
        ("report back", r"\breport(?:s|ed|ing)? back\b"),
        (
            "set up a group",
            r"\b(?:set(?:ting)? up|form|establish|convene|create)(?:s|ed|ing)? "
            r"(?:a |an )?(?:new )?(?:working|steering|task and finish|task-and-finish|oversight|"
            r"reference|sub-?)?[ -]?(?:group|committee|forum|panel)\b",
        ),
        (
            "develop proposals",
            r"\bdevelop(?:s|ed|ing)? (?:\w+ )?(?:proposals?|recommendations?|"
            r"options|an action plan|a plan for)\b",
        ),
        ("scoping", r"\bscoping\b"),
        (
            "conversations about",
            r"\b(?:conversations?|discussions?|dialogues?|chats?|engagement sessions?) "
            r"(?:with|about|on|around)\b",
        ),
        ("listening", r"\blistening (?:events?|exercises?|sessions?)\b"),
    ]
)


def process_ends_in(text: str) -> list[str]:
    return _found(PROCESS_ENDS, text)


# -- depending on someone outside ---------------------------------------------------------

OUTSIDE_BODIES = (
    r"(?:nhs england|nhse|national (?:team|teams|body|bodies|programme|guidance|leads?)|"
    r"nhs improvement|the icb|icb|integrated care (?:board|system)|ics|"
    r"the region|regional team|national team|the centre|department of health|dhsc|"
    r"government|ministers?|commissioners?|cqc|care quality commission|the council|"
    r"local authority|county council|health education england|hee|the deanery|"
    r"the university|universities|another trust|other trusts|neighbouring trusts?|"
    r"partner organisations?|system partners|the system|suppliers?|vendors?|the charity|"
    r"charities|funders?|the lead provider|other providers|external bodies|outside bodies)"
)
DEPENDENCE = _compile(
    [
        (
            "ask another body",
            r"\b(?:ask|request|lobby|press|petition|seek|approach|apply to|"
            r"bid to|write to|appeal to|call on|urge)(?:s|ed|ing)? (?:\w+ ){0,4}?"
            + OUTSIDE_BODIES
            + r"\b",
        ),
        (
            "ask for money or a meeting",
            r"\b(?:ask|request|seek|lobby|apply|bid|petition|"
            r"appeal)(?:s|ed|ing)? (?:\w+ ){0,4}?for (?:a |an |the |some |more |extra |"
            r"additional |further )?(?:meeting|funding|money|monies|budget|approval|permission|"
            r"decision|guidance|resources?|investment|support|a response|response)\b",
        ),
        (
            "wait for",
            r"(?:^|[.;:,]\s*|\b(?:to|and|then|will|we|i|until we|they) )"
            r"wait(?:ing)? (?:for|on|until)\b|\bawait(?:s|ed|ing)? (?:the |a |an |their |"
            r"our )?(?:approval|confirmation|funding|decision|outcome|response|reply|sign-off|"
            r"news|guidance|answer|go-ahead)\b",
        ),
        (
            "ask for guidance or money",
            r"\b(?:ask|request|seek|await)(?:s|ed|ing)? (?:\w+ ){0,3}?"
            r"(?:guidance|funding|money|approval|permission|sign-off|a decision)\b",
        ),
        (
            "subject to",
            r"\b(?:subject to|pending (?:the |a |an )?(?:approval|agreement|confirmation|"
            r"funding|decision|outcome|sign-off|response|reply|review)|contingent (?:on|upon)|"
            r"conditional on|dependent (?:on|upon)|depend(?:s|ing)? (?:on|upon))\b",
        ),
        (
            "call back",
            r"\b(?:call(?:s|ed)? back|hear(?:s|d)? back|get(?:s)? back to us|"
            r"comes? back to us|respond(?:s|ed)? to (?:our|the) (?:request|letter|bid))\b",
        ),
        (
            "once they confirm",
            r"\b(?:once|when|if|after) (?:\w+ ){0,4}?"
            r"(?:confirms?|approves?|agrees?|releases?|decides?|responds?|replies|allocates?|"
            r"publishes|is (?:confirmed|approved|agreed|released|allocated|secured|received)|"
            r"are (?:confirmed|approved|agreed|released|allocated|secured|received))\b",
        ),
    ]
)


def outside_dependence_in(text: str) -> list[str]:
    return _found(DEPENDENCE, text)
