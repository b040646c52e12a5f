"""Charts as SVG strings, drawn on the server for pages and reports alike.

Plain Python with no Django imports: data in, a ``str`` of SVG markup out. The caller marks the
string safe when it embeds it (every text inside is escaped here). Each chart is an image to
assistive technology (``role="img"``, named by its <title>, described by its <desc>, which
spells out every figure in words) and should sit beside a table of the same figures.
Colours follow the NHS palette (see ``palette``); levels also carry their numbers, hidden and
"don't know" areas are striped, so charts survive black and white printing.

* ``distribution_chart``: stacked bars of answers per level, plus don't know;
* ``range_chart``: medians with quartile ranges on the level axis;
* ``heatmap_chart``: medians by row and group, with hidden cells.
"""

from .distribution import DistributionRow, ScaleLevel, Segment, distribution_chart, segments
from .heatmap import HeatCell, HeatmapRow, heatmap_chart
from .ranges import RangeRow, range_chart
from .svg import level_text

__all__ = [
    "DistributionRow",
    "HeatCell",
    "HeatmapRow",
    "RangeRow",
    "ScaleLevel",
    "Segment",
    "distribution_chart",
    "heatmap_chart",
    "level_text",
    "range_chart",
    "segments",
]
