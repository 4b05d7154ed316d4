"""Radar charts as matplotlib Figures (no pyplot global state), for the app and both reports."""

from __future__ import annotations

import io
import math
import textwrap
from collections.abc import Mapping

from matplotlib.figure import Figure

from imsdesk.reports.style import series_colour
from imsdesk.scoring.radar import Radar

LABEL_WIDTH = 18


def radar_figure(
    radar: Radar, systems: Mapping[str, str] | None = None, size: float = 5.2
) -> Figure:
    """A radar chart on 0-100 axes; ``systems`` maps a series name to "qms" or "ems" for colour.

    An axis with no score in any series (nothing answered, or all not applicable) is left out and
    named under the chart; a single missing value breaks that series' line instead of drawing 0.
    """
    figure = Figure(figsize=(size, size), dpi=100, layout="constrained")
    draw_radar(figure, radar, systems)
    return figure


def draw_radar(figure: Figure, radar: Radar, systems: Mapping[str, str] | None = None) -> None:
    """Clear ``figure`` and draw the radar on it: the app redraws its charts in place with this."""
    systems = systems or {}
    figure.clear()
    radar, hidden = _without_empty_axes(radar)
    axes = figure.add_subplot(projection="polar")
    count = len(radar.axes)
    angles = [2 * math.pi * i / count for i in range(count)]
    closed = [*angles, angles[0]]
    axes.set_theta_offset(math.pi / 2)
    axes.set_theta_direction(-1)
    axes.set_ylim(0, 100)
    axes.set_yticks([20, 40, 60, 80, 100])
    axes.set_yticklabels(["1", "2", "3", "4", "5"], fontsize=7, color="#666666")
    axes.set_rlabel_position(180 / count)
    axes.set_xticks(angles)
    axes.set_xticklabels([textwrap.fill(label, LABEL_WIDTH) for label in radar.axes], fontsize=8)
    axes.grid(color="#cccccc", linewidth=0.6)
    for index, (name, values) in enumerate(radar.series):
        points = [math.nan if v is None else v for v in values]
        colour = series_colour(name, index, systems.get(name))
        target = name == "Target"
        axes.plot(
            closed,
            [*points, points[0]],
            color=colour,
            linewidth=1.4 if target else 2,
            linestyle="--" if target else "-",
            label=name,
        )
        if not target and not any(math.isnan(p) for p in points):
            axes.fill(closed, [*points, points[0]], color=colour, alpha=0.12)
    axes.set_title(radar.title, fontsize=11, pad=14)
    figure.legend(loc="outside lower center", ncols=len(radar.series), fontsize=8, frameon=False)
    if hidden:
        figure.text(
            0.5,
            0.005,
            f"Not shown (nothing scored): {', '.join(hidden)}",
            ha="center",
            fontsize=7,
            color="#666666",
        )


def _without_empty_axes(radar: Radar) -> tuple[Radar, list[str]]:
    scored = [name != "Target" for name, _ in radar.series]
    keep = [
        i
        for i in range(len(radar.axes))
        if any(
            values[i] is not None for (_, values), s in zip(radar.series, scored, strict=True) if s
        )
    ]
    if len(keep) == len(radar.axes) or len(keep) < 3:
        return radar, []
    hidden = [radar.axes[i].split(" ")[0] for i in range(len(radar.axes)) if i not in keep]
    series = tuple((name, tuple(values[i] for i in keep)) for name, values in radar.series)
    return Radar(radar.title, tuple(radar.axes[i] for i in keep), series), hidden


def figure_png(figure: Figure, dpi: int = 200) -> bytes:
    """Render a Figure to PNG bytes without any GUI backend."""
    return _render(figure, "png", dpi)


def figure_jpeg(figure: Figure, dpi: int = 180) -> bytes:
    """JPEG for the PDF: reportlab embeds it as it is, where a PNG is decoded and recompressed."""
    return _render(figure, "jpeg", dpi, pil_kwargs={"quality": 92})


def _render(figure: Figure, kind: str, dpi: int, **options: object) -> bytes:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(figure)
    buffer = io.BytesIO()
    figure.savefig(buffer, format=kind, dpi=dpi, facecolor="white", **options)
    return buffer.getvalue()
