"""The sections a board report can hold, in the order they are printed.

The method note is always included: figures without their method invite misreading, so it is
not a choice.
"""

SECTIONS = [
    ("summary", "Summary"),
    ("profile", "Agreed levels and survey medians"),
    ("agreement", "Agreement and contested statements"),
    ("groups", "Differences between groups"),
    ("comments", "Selected comments"),
    ("plan", "Development plan"),
    ("comparison", "Comparison with the last cycle"),
]
SECTION_TITLES = dict(SECTIONS)
DEFAULT_SECTIONS = [key for key, _title in SECTIONS]
