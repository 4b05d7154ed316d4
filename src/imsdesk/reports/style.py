"""The colours and names shared by the charts, both reports and the app, so they all match."""

from __future__ import annotations

QMS_COLOUR = "#1f4e79"  # quality: the app icon's blue
EMS_COLOUR = "#3a8f3c"  # environment: green
TARGET_COLOUR = "#7f7f7f"
OTHER_COLOURS = ("#b5651d", "#6a3d9a", "#c71585")

FINDING_COLOURS = {  # fill colours, light enough for black text
    "likely major": "#f4b6b6",
    "likely minor": "#fbd9a5",
    "opportunity for improvement": "#fff2b3",
    "conforming": "#cfe8cf",
}
HEADER_FILL = "#1f4e79"
HEADER_TEXT = "#ffffff"
BAND_FILL = "#eef3f8"


def series_colour(name: str, index: int, system: str | None = None) -> str:
    """The colour of a chart series: by system (qms/ems), the target grey, or a spare colour."""
    if name == "Target":
        return TARGET_COLOUR
    if system == "qms":
        return QMS_COLOUR
    if system == "ems":
        return EMS_COLOUR
    return OTHER_COLOURS[index % len(OTHER_COLOURS)]
