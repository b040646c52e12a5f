"""The NHS colour palette, and the colours charts give to ordered levels.

Colours come from the NHS identity guidelines. Ordered levels use one sequential ramp, pale
to dark blue, so a higher level always reads as "more" in colour, in greyscale and in black and
white print alike; "don't know" is never on the ramp (it is not a level) and uses Mid Grey.

Text drawn on a fill is black or white, whichever contrasts more. For any fill one of the two
reaches a contrast ratio of at least 4.58 (the square root of 21, where the two curves cross),
so every label meets WCAG 2.2 AA for normal text without a per-colour table to maintain.
"""

NHS_BLUE = "#005EB8"
DARK_BLUE = "#003087"
BRIGHT_BLUE = "#0072CE"
LIGHT_BLUE = "#41B6E6"
AQUA_GREEN = "#00A499"
WARM_YELLOW = "#FFB81C"
DARK_GREY = "#425563"
MID_GREY = "#768692"
PALE_GREY = "#E8EDEE"
WHITE = "#FFFFFF"
BLACK = "#000000"
TEXT = "#212B32"
"""The NHS.UK body text colour, for labels drawn on white."""

DONT_KNOW = MID_GREY

PALE_BLUE = "#D9F0FA"
"""Light Blue mixed 80% with white: the pale end of the level ramp."""

RAMP_ANCHORS = (PALE_BLUE, LIGHT_BLUE, NHS_BLUE, DARK_BLUE)


def hex_to_rgb(colour: str) -> tuple[int, int, int]:
    value = colour.lstrip("#")
    if len(value) != 6:
        raise ValueError(f"expected a colour like #005EB8, got {colour!r}")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def rgb_to_hex(rgb: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{round(channel):02X}" for channel in rgb)


def mix(start: str, end: str, t: float) -> str:
    """The colour a fraction ``t`` (0 to 1) of the way from ``start`` to ``end``, in RGB."""
    a, b = hex_to_rgb(start), hex_to_rgb(end)
    return rgb_to_hex(tuple(x + (y - x) * t for x, y in zip(a, b, strict=True)))


def ramp_colour(t: float) -> str:
    """The ramp's colour at ``t`` in [0, 1]: 0 is the palest, 1 Dark Blue."""
    t = min(max(t, 0.0), 1.0)
    spans = len(RAMP_ANCHORS) - 1
    index = min(int(t * spans), spans - 1)
    return mix(RAMP_ANCHORS[index], RAMP_ANCHORS[index + 1], t * spans - index)


def level_colours(count: int) -> list[str]:
    """``count`` colours for ordered levels, lowest first, evenly spaced along the ramp."""
    if count < 1:
        raise ValueError(f"need at least one level, got {count}")
    if count == 1:
        return [ramp_colour(1.0)]
    return [ramp_colour(index / (count - 1)) for index in range(count)]


def relative_luminance(colour: str) -> float:
    """WCAG 2.2 relative luminance of an sRGB colour."""

    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(channel) for channel in hex_to_rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(first: str, second: str) -> float:
    high, low = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def text_colour_on(fill: str) -> str:
    """Black or white, whichever contrasts more with ``fill`` (always at least 4.58:1)."""
    return BLACK if contrast_ratio(fill, BLACK) >= contrast_ratio(fill, WHITE) else WHITE
