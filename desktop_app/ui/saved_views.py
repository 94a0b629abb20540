"""Saved views: the whole state of the window in a small JSON file, to reopen later or share."""

import json
from pathlib import Path

from desktop_app.io.atomic import atomic_path
from desktop_app.model.dataset import newest_publication
from desktop_app.model.measures import OFFENCES
from desktop_app.ui.chart_measures import PLOTTED_MEASURES

VIEW_FORMAT = "fact-sheets-view"
VIEW_VERSION = 1
VIEW_FILTER = "Fact Sheets view (*.json)"
# A view is a few hundred bytes; anything far larger is not one, and is refused before it is read.
MAX_VIEW_BYTES = 64 * 1024
MAX_TEXT = 200
MAX_CHART_AREAS = 500
# Each field a view may hold: its type and its bound (a text's length, a list's length, a number's largest).
SCHEMA = {
    "format": (str, MAX_TEXT),
    "version": (int, 1_000),
    "release": (str, 5_000),  # a data folder's release is named after its path
    "newest_source": (str, MAX_TEXT),
    "tab": (int, 3),  # four tabs
    "area": (str, MAX_TEXT),
    "year": (str, MAX_TEXT),
    "measure": (str, MAX_TEXT),
    "nation_filter": (str, MAX_TEXT),
    "search": (str, MAX_TEXT),
    "chart_areas": (list, MAX_CHART_AREAS),
    "comparison": (bool, None),
}
_DESCRIPTIONS = {
    str: "a short text",
    int: "a small whole number",
    bool: "true or false",
    list: f"a list of at most {MAX_CHART_AREAS} area names",
}


class ViewFileError(ValueError):
    """A view file that cannot be used; the window is left as it was."""


def capture(window) -> dict:
    statistics, trends = window.statistics_tab, window.trends_tab
    return {
        "format": VIEW_FORMAT,
        "version": VIEW_VERSION,
        "release": window.data.name,
        "newest_source": newest_publication(window.data.figures),
        "tab": window.tabs.currentIndex(),
        "area": window.selection.area,
        "year": window.selection.year,
        "measure": window.selection.measure,
        "nation_filter": statistics.nation_box.currentText(),
        "search": statistics.search_box.text(),
        "chart_areas": trends.checked_areas(),
        "comparison": trends.comparison_box.isChecked(),
    }


def save(window, path: Path) -> None:
    with atomic_path(Path(path)) as temporary:
        temporary.write_text(json.dumps(capture(window), indent=2), encoding="utf-8")


def load(path: Path) -> dict:
    """Reads a view file whole or not at all: size first, then JSON, then every field's type (the schema)."""
    path = Path(path)
    try:
        if not path.is_file():
            raise ViewFileError(f"{path.name} is not a view file (it is not a regular file)")
        with open(path, "rb") as handle:
            text = handle.read(MAX_VIEW_BYTES + 1)
        if len(text) > MAX_VIEW_BYTES:
            raise ViewFileError(f"{path.name} is not a view file (views are small, under {MAX_VIEW_BYTES:,} bytes)")
        state = json.loads(text.decode("utf-8"))
    except (OSError, ValueError, RecursionError) as error:  # ValueError: bad JSON, bad UTF-8, a 5,000-digit number
        reason = "it is nested too deeply" if isinstance(error, RecursionError) else error
        raise ViewFileError(f"{path.name} is not a readable view file ({reason})") from None
    if not isinstance(state, dict) or state.get("format") != VIEW_FORMAT:
        raise ViewFileError(f"{path.name} is not a Fact Sheets view file")
    for key, (kind, _bound) in SCHEMA.items():
        if key in state and not _fits(state[key], kind, _bound):
            raise ViewFileError(f"{path.name}: '{key}' should be {_DESCRIPTIONS[kind]}; nothing was changed")
    if state.get("measure", OFFENCES) not in PLOTTED_MEASURES:
        raise ViewFileError(f"{path.name}: the measure is not one Fact Sheets charts; nothing was changed")
    return state


def _fits(value, kind: type, bound: int | None) -> bool:
    if kind is bool:
        return isinstance(value, bool)
    if kind is int:  # JSON's true and false are ints to Python: not here
        return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= bound
    if kind is str:
        return isinstance(value, str) and len(value) <= bound
    return isinstance(value, list) and len(value) <= bound and all(_fits(item, str, MAX_TEXT) for item in value)


def apply(window, state: dict) -> list[str]:
    """Restores what the current data allows from a state ``load`` checked; returns plain notes on the rest."""
    data, notes = window.data, []
    if state.get("release") != data.name or state.get("newest_source") != newest_publication(data.figures):
        notes.append(
            f"This view was saved on the release '{state.get('release')}'; it is now shown on '{data.name}', "
            "so figures may differ (Edit > What changed lists the differences between loaded releases)."
        )
    for key, allowed, setter in (
        ("year", data.years, window.selection.set_year),
        ("area", data.area_names, window.selection.set_area),
    ):
        value = state.get(key)
        if value in allowed:
            setter(value)
        elif value is not None:
            notes.append(f"The saved {key} '{value}' is not in the data now shown.")
    if "measure" in state:
        window.selection.set_measure(state["measure"])
    statistics, trends = window.statistics_tab, window.trends_tab
    if "nation_filter" in state and statistics.nation_box.findText(state["nation_filter"]) >= 0:
        statistics.nation_box.setCurrentText(state["nation_filter"])
    if "search" in state:
        statistics.search_box.setText(state["search"])
    if state.get("chart_areas"):
        trends.set_checked_areas(state["chart_areas"])
    trends.comparison_box.setChecked(state.get("comparison", False))
    if "tab" in state:
        window.tabs.setCurrentIndex(state["tab"])
    return notes
