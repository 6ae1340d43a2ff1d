"""An actor's mentions chart as SVG markup (``content/actor.html``): a bar, its count and its
label per month or year. Made in Python because every actor page has one, with up to 24 bars
of a dozen numbers each: as a Jinja loop it was a fifth of the cost of an actor page."""
from __future__ import annotations

from markupsafe import Markup, escape

BAR_STEP = 30  # horizontal room per bar (bar + gap), in SVG units
BAR_HEIGHT = 60  # the tallest bar (the chart's peak count)


def chart_svg(bars: list[tuple[str, int, str]]) -> Markup:
    """``ActorPage.chart()`` bars (label, count, year label) as an ``<svg>`` element, bars
    scaled to the largest count, each with its count above and its label below."""
    step, width = BAR_STEP, BAR_STEP - 8
    peak = max(max((count for _, count, _ in bars), default=0), 1)
    size = len(bars) * step + 8
    out = [f'<svg role="img" aria-labelledby="bx-chart-caption" viewBox="0 0 {size} 108" width="{size}" height="108">\n    ']
    for i, (label, count, year) in enumerate(bars):
        label, year = escape(label), escape(year)
        h = round(BAR_HEIGHT * count / peak, 1)
        x = i * step + 6
        middle = x + width / 2
        title = f"{label} {year}" if year else label
        out.append(
            f'\n    \n    <g><title>{title}: {count} mention{"s" if count != 1 else ""}</title>\n'
            f'      <rect x="{x}" y="{70 - h}" width="{width}" height="{h}" class="bx-chart__bar"></rect>\n'
            f'      {f"""<text x="{middle}" y="{66 - h}" text-anchor="middle" class="bx-chart__n">{count}</text>""" if count else ""}\n'
            f'      <text x="{middle}" y="86" text-anchor="middle" class="bx-chart__label">{label}</text>\n'
            f'      {f"""<text x="{x}" y="101" class="bx-chart__label">{year}</text>""" if year else ""}</g>\n    ')
    out.append("\n  </svg>")
    return Markup("".join(out))
