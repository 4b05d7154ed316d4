"""One radar chart in the app: a matplotlib figure on a Qt canvas, redrawn in place with the
reports' own drawing code, so the app and the PDF show the same chart in the same colours.

This module imports matplotlib; the dashboard imports it only when it is first shown.
"""

from __future__ import annotations

from collections.abc import Mapping

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

from imsdesk.reports.charts import draw_radar
from imsdesk.scoring.radar import Radar


class RadarCanvas(QWidget):
    def __init__(self, parent: QWidget | None = None, size: float = 4.2) -> None:
        super().__init__(parent)
        self.figure = Figure(figsize=(size, size), dpi=100, layout="constrained")
        self.canvas = FigureCanvasQTAgg(self.figure)
        self.canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.canvas.setMinimumSize(280, 280)
        self.radar: Radar | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.canvas)

    def show_radar(self, radar: Radar, systems: Mapping[str, str] | None = None) -> None:
        if radar == self.radar:
            return  # nothing changed: skip the (slow) redraw
        self.radar = radar
        draw_radar(self.figure, radar, systems)
        self.setAccessibleName(radar.title)
        self.setToolTip(_describe(radar))
        self.canvas.draw_idle()


def _describe(radar: Radar) -> str:
    """The chart's numbers as text, for a tooltip and screen readers."""
    lines = [radar.title]
    for name, values in radar.series:
        shown = ", ".join(
            f"{axis.split(' ')[0]} {'-' if v is None else f'{v:.0f}'}"
            for axis, v in zip(radar.axes, values, strict=True)
        )
        lines.append(f"{name}: {shown}")
    return "\n".join(lines)
