"""Charts for reports, as inline SVG written here: no plotting library, no fonts or scripts to
fetch, so a report opens offline and prints the same anywhere."""

from __future__ import annotations

from typing import Sequence

from ._display import escape

BLUE = "#1d70b8"
RED = "#d4351c"
GREY = "#b1b4b6"
TEXT = "#0b0c0c"
FONT = 'font-family="Arial,sans-serif" font-size="13"'


def _truncate(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def horizontal_bars(title: str, labels: Sequence[str], values: Sequence[int], total: int,
                    colours: Sequence[str] = ()) -> str:
    """One bar per label, its length value/total, the count written after it. `total` is the
    scale (e.g. the number of trainees), so charts of one cohort compare at a glance."""
    label_width, bar_width, row = 330, 300, 22
    height = row * len(labels) + 30
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{label_width + bar_width + 60}" '
             f'height="{height}" viewBox="0 0 {label_width + bar_width + 60} {height}">',
             f"<title>{escape(title)}</title>",
             f'<text x="0" y="16" {FONT} font-weight="bold" fill="{TEXT}">{escape(title)}</text>']
    scale = max(total, 1)
    for i, (label, value) in enumerate(zip(labels, values)):
        y = 30 + i * row
        width = round(bar_width * value / scale)
        colour = colours[i] if i < len(colours) else BLUE
        parts.append(f'<text x="{label_width - 8}" y="{y + 14}" text-anchor="end" {FONT} fill="{TEXT}">'
                     f"<title>{escape(label)}</title>{escape(_truncate(label, 48))}</text>")
        parts.append(f'<rect x="{label_width}" y="{y + 3}" width="{bar_width}" height="14" fill="#f3f2f1"/>')
        parts.append(f'<rect x="{label_width}" y="{y + 3}" width="{width}" height="14" fill="{colour}"/>')
        parts.append(f'<text x="{label_width + bar_width + 6}" y="{y + 14}" {FONT} fill="{TEXT}">{value}</text>')
    parts.append("</svg>")
    return "".join(parts)


def histogram(title: str, values: Sequence[int], bin_width: int, x_label: str, mark: int | None = None) -> str:
    """Vertical bars counting the values in bins of `bin_width`; `mark` draws a dashed line (a
    pass mark) at that value."""
    if not values:
        return ""
    top = max(max(values), mark or 0)
    bins = [0] * (top // bin_width + 1)
    for v in values:
        bins[v // bin_width] += 1
    width, height, left, bottom = 48 * len(bins) + 60, 200, 40, 40
    tallest = max(bins)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}">', f"<title>{escape(title)}</title>",
             f'<text x="0" y="16" {FONT} font-weight="bold" fill="{TEXT}">{escape(title)}</text>']
    plot = height - bottom - 45
    for i, count in enumerate(bins):
        bar = round(plot * count / tallest)
        x = left + i * 48
        parts.append(f'<rect x="{x + 6}" y="{height - bottom - bar}" width="32" height="{bar}" fill="{BLUE}"/>')
        if count:
            parts.append(f'<text x="{x + 24}" y="{height - bottom - bar - 4}" text-anchor="middle" {FONT}>{count}</text>')
        parts.append(f'<text x="{x + 24}" y="{height - bottom + 16}" text-anchor="middle" {FONT}>'
                     f"{i * bin_width}–{(i + 1) * bin_width - 1}</text>")
    if mark is not None:
        x = left + 48 * mark / bin_width
        parts.append(f'<line x1="{x:.0f}" y1="30" x2="{x:.0f}" y2="{height - bottom}" stroke="{RED}" '
                     f'stroke-dasharray="4 3" stroke-width="2"/>')
    parts.append(f'<text x="{left}" y="{height - 6}" {FONT} fill="{TEXT}">{escape(x_label)}</text></svg>')
    return "".join(parts)
