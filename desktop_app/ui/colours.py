"""Colours that carry meaning: readable for colour-blind readers and in light and dark themes.

Blue and orange (from the Okabe-Ito palette) mark higher and lower; every coloured
cell also carries a ▲ or ▼, so colour is never the only cue. They say "higher" and
"lower", never "better" or "worse": more recorded offences can mean better recording.
"""

from PySide6.QtGui import QColor, QPalette

HIGHER = "higher"
LOWER = "lower"
SIMILAR = "similar"
MARKS = {HIGHER: "▲", LOWER: "▼", SIMILAR: "≈"}
_LIGHT_THEME = {HIGHER: "#005a9c", LOWER: "#a64200"}
_DARK_THEME = {HIGHER: "#7cc4f2", LOWER: "#f5a55a"}


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def tone_colour(tone: str | None, palette: QPalette) -> QColor | None:
    colours = _DARK_THEME if is_dark(palette) else _LIGHT_THEME
    return QColor(colours[tone]) if tone in colours else None


def marked(word: str) -> str:
    return f"{MARKS.get(word, '')} {word}".strip()
