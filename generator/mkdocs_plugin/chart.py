"""An actor's mentions chart: the geometry of its bars (``partials/chart.svg`` draws them).
The arithmetic is done here once per bar because every actor page has a chart of up to 24
bars: done in Jinja it was a fifth of the cost of an actor page. The markup stays in the
template."""
from __future__ import annotations

from typing import NamedTuple

BAR_STEP = 30  # horizontal room per bar (bar + gap), in SVG units
BAR_WIDTH = BAR_STEP - 8
BAR_HEIGHT = 60  # the tallest bar (the chart's peak count)


class Bar(NamedTuple):
    label: str  # "Nov" or "2019"
    count: int
    year: str  # the year under a month's bar: under the first bar and each January, else ""
    x: int  # left edge
    middle: float  # centre line, for the count above and the label below
    height: float
    top: float  # the bar's upper edge (SVG y grows downwards; the baseline is at y=70)


class Chart(NamedTuple):
    width: int
    bars: list[Bar]


def chart_geometry(bars: list[tuple[str, int, str]]) -> Chart:
    """``ActorPage.chart()`` bars (label, count, year label) laid out: scaled to the largest
    count, ``BAR_STEP`` apart, 4 units of margin either side."""
    peak = max(max((count for _, count, _ in bars), default=0), 1)
    laid = []
    for i, (label, count, year) in enumerate(bars):
        height = round(BAR_HEIGHT * count / peak, 1)
        x = i * BAR_STEP + 6
        laid.append(Bar(label, count, year, x, x + BAR_WIDTH / 2, height, 70 - height))
    return Chart(len(bars) * BAR_STEP + 8, laid)
